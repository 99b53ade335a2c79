"""The relation tagger on sentences written for the tests, with the committed model."""

from __future__ import annotations

import re

import pytest

from newsline.documents.model import Document, Event, Link, Timex
from newsline.relations import DocContext, RelationTagger, main_event_of
from newsline.relations.tagger import consistent_links

# Test markup: [word|id|class|tense|pos] for an event (class, tense, pos optional) and
# {text|id|type|value} for a timex; everything else is plain text.
_MARK = re.compile(r"\[([^|\]]+)\|([^|\]]+)(?:\|([^|\]]*))?(?:\|([^|\]]*))?(?:\|([^|\]]*))?\]"
                   r"|\{([^|}]+)\|([^|}]+)\|([^|}]+)\|([^|}]+)\}")


def doc(marked: str, dct: str = "2013-03-25") -> Document:
    """A Document from test markup (see above)."""
    text, events, timexes, pos = "", [], [], 0
    for m in _MARK.finditer(marked):
        text += marked[pos:m.start()]
        start = len(text)
        if m.group(1):
            word, eid, cls, tense, part = m.group(1, 2, 3, 4, 5)
            text += word
            events.append(Event(start=start, end=len(text), text=word, id=eid,
                                cls=cls or "OCCURRENCE", tense=tense or "NONE",
                                pos=part or ("VERB" if tense and tense != "NONE" else "NOUN")))
        else:
            words, tid, kind, value = m.group(6, 7, 8, 9)
            text += words
            timexes.append(Timex(start=start, end=len(text), text=words, id=tid, type=kind,
                                 value=value))
        pos = m.end()
    text += marked[pos:]
    return Document(id="test", text=text, dct=dct, events=events, timexes=timexes)


@pytest.fixture(scope="module")
def tagger() -> RelationTagger:
    return RelationTagger()


def best(tagger: RelationTagger, document: Document, source: str, target: str) -> str:
    """The relation the tagger finds most likely for a candidate pair (either direction)."""
    for proposal in tagger.propose(document):
        link = proposal.link
        if (link.source, link.target) == (source, target):
            return link.rel
    raise AssertionError(f"no candidate pair {source}-{target}")


def emitted(tagger: RelationTagger, document: Document) -> set[tuple[str, str, str]]:
    return {(lk.rel, lk.source, lk.target) for lk in tagger.annotate(document).links}


def test_event_on_a_day_is_included_in_it(tagger: RelationTagger) -> None:
    d = doc("The minister [resigned|e1||PAST] on {Friday|t1|DATE|2013-03-22}.")
    assert best(tagger, d, "e1", "t1") == "IS_INCLUDED"
    assert ("IS_INCLUDED", "e1", "t1") in emitted(tagger, d)


def test_past_event_is_before_the_dct(tagger: RelationTagger) -> None:
    d = doc("Officials [said|e1|REPORTING|PAST] the bridge [collapsed|e2||PAST].")
    assert best(tagger, d, "e1", "t0") == "BEFORE"
    assert best(tagger, d, "e2", "t0") == "BEFORE"
    assert ("BEFORE", "e1", "t0") in emitted(tagger, d)


def test_future_event_is_after_the_dct(tagger: RelationTagger) -> None:
    d = doc("The two leaders will [meet|e1||FUTURE] in Geneva.")
    assert best(tagger, d, "e1", "t0") == "AFTER"
    assert ("AFTER", "e1", "t0") in emitted(tagger, d)


def test_next_week_includes_a_future_meeting(tagger: RelationTagger) -> None:
    d = doc("The leaders will [meet|e1||FUTURE] {next week|t1|DATE|2013-W14}.")
    assert best(tagger, d, "e1", "t1") == "IS_INCLUDED"


def test_signal_before(tagger: RelationTagger) -> None:
    d = doc("Police [arrested|e1||PAST] the suspect before the [explosion|e2], "
            "officials [said|e3|REPORTING|PAST].")
    assert best(tagger, d, "e1", "e2") == "BEFORE"
    assert ("BEFORE", "e1", "e2") in emitted(tagger, d)


def test_signal_after(tagger: RelationTagger) -> None:
    d = doc("The [talks|e1] [collapsed|e2||PAST] after the president [left|e3||PAST].")
    assert best(tagger, d, "e2", "e3") == "AFTER"
    assert ("AFTER", "e2", "e3") in emitted(tagger, d)


def test_by_year_end_is_before_it(tagger: RelationTagger) -> None:
    d = doc("The company expects to complete the [sale|e1] by {year-end|t1|DATE|1989-12-31}.",
            dct="1989-10-30")
    assert best(tagger, d, "e1", "t1") == "BEFORE"


def test_links_are_tlinks_between_known_ids(tagger: RelationTagger) -> None:
    d = doc("Troops [entered|e1||PAST] the city on {Monday|t1|DATE|2013-03-18} and "
            "[found|e2||PAST] it empty. They will [leave|e3||FUTURE] "
            "{next month|t2|DATE|2013-04}, the army [said|e4|REPORTING|PAST].")
    ids = {"e1", "e2", "e3", "e4", "t1", "t2", "t0"}
    links = tagger.annotate(d).links
    assert links
    for link in links:
        assert link.type == "TLINK"
        assert link.source in ids and link.target in ids and link.source != link.target
        assert link.rel in {"BEFORE", "AFTER", "INCLUDES", "IS_INCLUDED", "SIMULTANEOUS",
                            "IBEFORE", "IAFTER", "BEGINS", "BEGUN_BY", "ENDS", "ENDED_BY"}


def test_annotate_replaces_tlinks_and_keeps_other_links(tagger: RelationTagger) -> None:
    d = doc("Bombs [exploded|e1||PAST] on {Friday|t1|DATE|2013-03-22}.")
    d.links = [Link("BEFORE", "e1", "t1"), Link("SLINK_TYPE", "e1", "e1", type="SLINK")]
    out = tagger.annotate(d)
    assert out is d
    assert Link("SLINK_TYPE", "e1", "e1", type="SLINK") in d.links
    assert Link("BEFORE", "e1", "t1") not in d.links
    assert sum(1 for lk in d.links if lk.type == "TLINK") >= 1


def test_documents_without_events_or_text(tagger: RelationTagger) -> None:
    assert tagger.annotate(Document(id="x", text="", dct="2013-03-25")).links == []
    d = doc("Nothing on {Friday|t1|DATE|2013-03-22}.")
    assert tagger.annotate(d).links == []
    d = doc("It [rained|e1||PAST].", dct=None)
    assert all(lk.source == "e1" for lk in tagger.annotate(d).links)


def test_events_without_ids_are_skipped(tagger: RelationTagger) -> None:
    d = doc("It [rained|e1||PAST] and [snowed|e2||PAST].")
    d.events[1].id = ""
    ids = {x for lk in tagger.annotate(d).links for x in (lk.source, lk.target)}
    assert ids <= {"e1", "t0"}


def test_output_is_consistent() -> None:
    from newsline.relations.tagger import ScoredLink

    scored = [
        ScoredLink(Link("BEFORE", "e1", "e2"), "EE", 0.9),
        ScoredLink(Link("BEFORE", "e2", "e3"), "EE", 0.8),
        ScoredLink(Link("AFTER", "e1", "e3"), "EE", 0.3),  # contradicts the two above
        ScoredLink(Link("BEFORE", "e3", "t0"), "ED", 0.5),
    ]
    kept = consistent_links(scored)
    assert kept == [scored[0].link, scored[1].link, scored[3].link]


def test_main_event_prefers_reporting_verbs() -> None:
    d = doc("``The bridge [fell|e1||PAST],'' police [said|e2|REPORTING|PAST]. "
            "The [collapse|e3] [killed|e4||PAST] two people.")
    ctx = DocContext.build(d)
    assert len(ctx.sentences) == 2
    assert [m.id if m else None for m in ctx.main_events] == ["e2", "e3"]
    assert main_event_of([]) is None
