"""The relation stage stays linear in one very long sentence and in a very long document."""

from __future__ import annotations

import gc
import statistics
import time

from newsline.documents.model import Document, Event, Timex
from newsline.relations import DocContext, RelationTagger
from newsline.relations.features import WINDOW, candidates
from newsline.relations.tagger import BLOCK_MENTIONS, mention_blocks


def _document(clauses: int, sentence_end: str = ",") -> Document:
    """``clauses`` times "troops attacked on Monday" joined by ``sentence_end``: one
    sentence (commas) or many (full stops), one event and one timex per clause."""
    text, events, timexes = "", [], []
    for k in range(clauses):
        text += "Troops " if sentence_end == "." or k == 0 else "troops "
        events.append(Event(start=len(text), end=len(text) + 8, text="attacked",
                            cls="OCCURRENCE", tense="PAST", pos="VERB", id=f"e{k + 1}"))
        text += "attacked on "
        timexes.append(Timex(start=len(text), end=len(text) + 6, text="Monday", type="DATE",
                             value="2013-03-18", id=f"t{k + 1}"))
        text += "Monday" + sentence_end + " "
    return Document(id="long", text=text, dct="2013-03-25", events=events, timexes=timexes)


def _pairs(doc: Document, kind: str) -> list[tuple[str, str]]:
    ctx = DocContext.build(doc, parse=False)
    return [(c.source.id, c.target.id if c.target else "t0")
            for c in candidates(ctx) if c.kind == kind]


def test_a_short_sentence_pairs_every_event_with_every_timex() -> None:
    doc = _document(WINDOW // 2)  # WINDOW mentions in one sentence
    assert len(_pairs(doc, "ET")) == (WINDOW // 2) ** 2


def test_event_timex_pairs_grow_linearly_in_one_long_sentence() -> None:
    small, large = _pairs(_document(100), "ET"), _pairs(_document(400), "ET")
    assert len(large) <= 4.2 * len(small)
    assert len(large) <= 400 * (WINDOW + 1)
    # and the nearest pairs are all still there
    assert {(f"e{k}", f"t{k}") for k in range(1, 401)} <= set(large)


def test_a_long_document_is_made_consistent_in_blocks_of_sentences() -> None:
    ctx = DocContext.build(_document(BLOCK_MENTIONS, "."), parse=False)  # 2 mentions each
    blocks = mention_blocks(ctx)
    assert len(blocks) == 2 * BLOCK_MENTIONS
    assert max(blocks) == 1
    assert all(blocks[2 * k] == blocks[2 * k + 1] for k in range(BLOCK_MENTIONS))


def test_one_sentence_longer_than_a_block_is_cut() -> None:
    ctx = DocContext.build(_document(BLOCK_MENTIONS), parse=False)
    blocks = mention_blocks(ctx)
    assert blocks.count(0) == BLOCK_MENTIONS
    assert max(blocks) == 1


def _cpu_per_clause(tagger: RelationTagger, clauses: int) -> float:
    doc = _document(clauses)
    ctx = DocContext.build(doc, parse=False)
    gc.collect()
    gc.disable()  # a collection of the rest of the test session's heap is not our time
    try:
        started = time.process_time()
        tagger.propose(doc, ctx)
        return (time.process_time() - started) / clauses
    finally:
        gc.enable()


def test_proposing_links_in_one_long_sentence_takes_linear_time() -> None:
    tagger = RelationTagger()
    _cpu_per_clause(tagger, 20)  # warm-up
    small, large = [], []
    for _ in range(5):  # interleaved, so that a busy spell of the machine hits both
        small.append(_cpu_per_clause(tagger, 60))
        large.append(_cpu_per_clause(tagger, 240))
    small, large = statistics.median(small), statistics.median(large)
    # 4x the sentence in under 5x the time: per clause, under 1.25x (quadratic would be 4x)
    assert large < 1.25 * small, (small, large)
