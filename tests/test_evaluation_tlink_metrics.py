"""Hand-computed checks of TempEval-3 temporal awareness (TLINK graphs).

Every expected figure is a literal, with the reasoning in a comment. In the comments
``X.s`` / ``X.e`` are the start / end points of interval ``X``; "reduced" is the set of
relations scored for an annotation (its non-redundant links plus any inconsistent ones).
"""

from __future__ import annotations

import itertools
import random
import time
from pathlib import Path

import pytest

from newsline.documents.model import Document, Event, Link, Timex
from newsline.documents.readers import read_document
from newsline.evaluation import RELATIONS, TemporalGraph, TlinkScores, score_tlinks

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "tempeval3"

TEXT = "A met B, then C left; D and E came on Monday."
EVENT_IDS = ("e1", "e2", "e3", "e4", "e5")


def approx(x: float) -> object:
    return pytest.approx(x, abs=0.005)


def doc(*links: Link, events: tuple[str, ...] = EVENT_IDS, doc_id: str = "d1") -> Document:
    """A document with events ``events``, timex ``t1`` and the given links.

    Offsets do not matter to TLINK scoring; every event sits on the first character.
    """
    return Document(
        id=doc_id, text=TEXT, dct="2024-05-13",
        events=[Event(start=0, end=1, text="A", id=eid) for eid in events],
        timexes=[Timex(start=37, end=43, text="Monday", type="DATE", value="2024-05-13",
                       id="t1")],
        links=list(links),
    )


def L(source: str, rel: str, target: str) -> Link:  # noqa: N802 - reads like a relation
    return Link(rel=rel, source=source, target=target)


def score(gold: list[Link], system: list[Link]) -> TlinkScores:
    return score_tlinks([(doc(*gold), doc(*system))])


# --------------------------------------------------------------------------- basics


def test_identical_graphs_score_100() -> None:
    links = [L("e1", "BEFORE", "e2"), L("e2", "IS_INCLUDED", "t1"), L("t1", "INCLUDES", "e3"),
             L("e3", "AFTER", "t0")]
    sc = score(links, links)
    # Nothing is implied by the rest (e1<e2 and e2,e3 in t1 say nothing of e1~e3's
    # inclusion, e3 after t0 is new), so 4 reduced relations on each side, all entailed.
    assert (sc.gold_reduced, sc.system_reduced) == (4, 4)
    assert (sc.gold_entailed, sc.system_entailed) == (4, 4)
    assert (sc.precision, sc.recall, sc.f1) == (100.0, 100.0, 100.0)


def test_redundant_system_relation_is_reduced_away() -> None:
    gold = [L("e1", "BEFORE", "e2"), L("e2", "BEFORE", "e3")]
    system = [L("e1", "BEFORE", "e2"), L("e2", "BEFORE", "e3"), L("e1", "BEFORE", "e3")]
    sc = score(gold, system)
    # e1 BEFORE e3 follows from the other two (e1.e < e2.s < e2.e < e3.s), so the system's
    # reduced graph is {e1<e2, e2<e3}: P = 2/2, R = 2/2.
    assert sc.system == 3
    assert (sc.system_reduced, sc.system_entailed) == (2, 2)
    assert (sc.gold_reduced, sc.gold_entailed) == (2, 2)
    assert (sc.precision, sc.recall, sc.f1) == (100.0, 100.0, 100.0)


def test_redundant_relation_stated_first_is_also_removed() -> None:
    # Order does not matter for a chain: the implied e1<e3 goes whether it comes first or last.
    g = TemporalGraph([L("e1", "BEFORE", "e3"), L("e1", "BEFORE", "e2"), L("e2", "BEFORE", "e3")])
    assert g.reduced == [L("e1", "BEFORE", "e2"), L("e2", "BEFORE", "e3")]
    assert g.entails(L("e3", "AFTER", "e1"))
    assert not g.entails(L("e1", "IBEFORE", "e3"))


def test_contradicting_relation_scores_0() -> None:
    sc = score([L("e1", "BEFORE", "e2")], [L("e1", "AFTER", "e2")])
    # System: e2.e < e1.s; gold: e1.e < e2.s. Neither closure holds the other's relation.
    assert (sc.system_entailed, sc.system_reduced) == (0, 1)
    assert (sc.gold_entailed, sc.gold_reduced) == (0, 1)
    assert (sc.precision, sc.recall, sc.f1) == (0.0, 0.0, 0.0)


def test_partial_system_graph() -> None:
    gold = [L("e1", "BEFORE", "e2"), L("e2", "BEFORE", "e3"), L("e3", "BEFORE", "e4")]
    sc = score(gold, [L("e1", "BEFORE", "e2")])
    # P = 1/1 (e1<e2 is in the gold closure); R = 1/3 (the system closure knows nothing
    # of e3); F1 = 2 * 100 * 33.33 / 133.33 = 50.
    assert (sc.system_entailed, sc.system_reduced) == (1, 1)
    assert (sc.gold_entailed, sc.gold_reduced) == (1, 3)
    assert sc.precision == 100.0
    assert sc.recall == approx(33.33)
    assert sc.f1 == approx(50.0)


def test_system_implicit_relations_count_for_recall() -> None:
    # Gold states e1<e3 only; the system states e1<e2<e3, which entails it: R = 1/1.
    # Of the system's 2 reduced relations, gold's closure has neither (it knows no e2):
    # P = 0/2.
    sc = score([L("e1", "BEFORE", "e3")], [L("e1", "BEFORE", "e2"), L("e2", "BEFORE", "e3")])
    assert (sc.gold_entailed, sc.gold_reduced) == (1, 1)
    assert (sc.system_entailed, sc.system_reduced) == (0, 2)


# --------------------------------------------------------------------------- relation types


def test_includes_equals_inverse_is_included() -> None:
    # e1 INCLUDES e2 = e1.s < e2.s, e2.e < e1.e = e2 IS_INCLUDED e1: the same statement.
    sc = score([L("e1", "INCLUDES", "e2")], [L("e2", "IS_INCLUDED", "e1")])
    assert (sc.precision, sc.recall) == (100.0, 100.0)
    # ... but not e1 IS_INCLUDED e2 (e2.s < e1.s contradicts e1.s < e2.s).
    sc = score([L("e1", "INCLUDES", "e2")], [L("e1", "IS_INCLUDED", "e2")])
    assert (sc.precision, sc.recall) == (0.0, 0.0)


def test_ibefore_iafter() -> None:
    # e1 IBEFORE e2 (e1.e = e2.s) is e2 IAFTER e1 (e1.e = e2.s).
    sc = score([L("e1", "IBEFORE", "e2")], [L("e2", "IAFTER", "e1")])
    assert (sc.precision, sc.recall) == (100.0, 100.0)
    # BEFORE (e1.e < e2.s) is not IBEFORE (e1.e = e2.s), either way round.
    sc = score([L("e1", "IBEFORE", "e2")], [L("e1", "BEFORE", "e2")])
    assert (sc.precision, sc.recall) == (0.0, 0.0)


def test_ibefore_chain_entails_before() -> None:
    gold = [L("e1", "IBEFORE", "e2"), L("e2", "IBEFORE", "e3")]
    sc = score(gold, [L("e1", "BEFORE", "e3")])
    # Gold: e1.e = e2.s < e2.e = e3.s, so e1.e < e3.s: P = 1/1. The system closure has
    # only e1.e < e3.s, neither gold equality: R = 0/2, F1 = 0.
    assert (sc.system_entailed, sc.system_reduced) == (1, 1)
    assert (sc.gold_entailed, sc.gold_reduced) == (0, 2)
    assert sc.f1 == 0.0


def test_simultaneous_identity_and_during() -> None:
    gold = [L("e1", "SIMULTANEOUS", "e2"), L("e2", "SIMULTANEOUS", "e3")]
    system = [L("e1", "SIMULTANEOUS", "e3"), L("e3", "IDENTITY", "e2")]
    sc = score(gold, system)
    # Both say e1 = e2 = e3 (start and end points); each side has 2 reduced relations,
    # all entailed by the other side: 100/100.
    assert (sc.system_entailed, sc.system_reduced) == (2, 2)
    assert (sc.gold_entailed, sc.gold_reduced) == (2, 2)
    # DURING and DURING_INV are scored as SIMULTANEOUS (as the TE3 scorer does).
    sc = score([L("e1", "DURING", "e2")], [L("e2", "SIMULTANEOUS", "e1")])
    assert (sc.precision, sc.recall) == (100.0, 100.0)
    sc = score([L("e1", "DURING_INV", "e2")], [L("e1", "during", "e2")])
    assert (sc.precision, sc.recall) == (100.0, 100.0)


def test_simultaneous_triangle_reduces_to_two() -> None:
    # e1=e2, e2=e3, e1=e3: any two imply the third; the earliest redundant one goes.
    g = TemporalGraph([L("e1", "SIMULTANEOUS", "e2"), L("e2", "SIMULTANEOUS", "e3"),
                       L("e1", "SIMULTANEOUS", "e3")])
    assert g.reduced == [L("e2", "SIMULTANEOUS", "e3"), L("e1", "SIMULTANEOUS", "e3")]
    # A self-link says nothing and is always redundant.
    assert TemporalGraph([L("e1", "IDENTITY", "e1")]).reduced == []


def test_simultaneous_propagates_order() -> None:
    gold = [L("e1", "SIMULTANEOUS", "e2"), L("e2", "BEFORE", "e3")]
    sc = score(gold, [L("e1", "BEFORE", "e3")])
    # Gold: e1.e = e2.e < e3.s, so e1 BEFORE e3 holds: P = 1/1; R = 0/2.
    assert (sc.system_entailed, sc.system_reduced) == (1, 1)
    assert (sc.gold_entailed, sc.gold_reduced) == (0, 2)


def test_begins_and_ends() -> None:
    # e1 BEGINS e2: e1.s = e2.s, e1.e < e2.e; e2 BEGUN_BY e1 is the same statement.
    assert score([L("e1", "BEGINS", "e2")], [L("e2", "BEGUN_BY", "e1")]).f1 == 100.0
    # e1 ENDS e2: e1.e = e2.e, e2.s < e1.s; e2 ENDED_BY e1 is the same statement.
    assert score([L("e1", "ENDS", "e2")], [L("e2", "ENDED_BY", "e1")]).f1 == 100.0
    # e2 BEGUN_BY e1 (e1.s = e2.s, e1.e < e2.e) and e2 ENDED_BY e3 (e3.e = e2.e,
    # e2.s < e3.s): e1 BEGINS e2 and e3 ENDS e2 follow; e2 INCLUDES e1 does not
    # (e2.s = e1.s, not <), nor does e1 BEFORE e3 (e1.e and e3.s are unordered).
    g = TemporalGraph([L("e2", "BEGUN_BY", "e1"), L("e2", "ENDED_BY", "e3")])
    assert g.entails(L("e1", "BEGINS", "e2"))
    assert g.entails(L("e3", "ENDS", "e2"))
    assert not g.entails(L("e2", "INCLUDES", "e1"))
    assert not g.entails(L("e1", "BEFORE", "e3"))
    # e2 INCLUDES e4 and e4 INCLUDES e5 give e2 INCLUDES e5 (both ends strict).
    g = TemporalGraph([L("e2", "INCLUDES", "e4"), L("e4", "INCLUDES", "e5")])
    assert g.entails(L("e5", "IS_INCLUDED", "e2"))


def test_dct_links() -> None:
    # t0 needs no layer entry. e1 BEFORE t0 and t0 INCLUDES e2 give e1.e < t0.s < e2.s,
    # so e1 BEFORE e2.
    gold = [L("e1", "BEFORE", "t0"), L("t0", "INCLUDES", "e2")]
    sc = score(gold, [L("e2", "AFTER", "e1")])
    assert (sc.system_entailed, sc.system_reduced, sc.dropped) == (1, 1, 0)


# --------------------------------------------------------------------------- inconsistency


def test_inconsistent_system_graph_does_not_crash() -> None:
    gold = [L("e1", "BEFORE", "e2"), L("e2", "BEFORE", "e3")]
    system = [L("e1", "BEFORE", "e2"), L("e2", "BEFORE", "e3"), L("e3", "BEFORE", "e1")]
    sc = score(gold, system)
    # e3 BEFORE e1 closes a cycle (e1 < e2 < e3 < e1): it is inconsistent, left out of the
    # system closure, but still scored (as TE3 does). Reduced: e1<e2, e2<e3 + the
    # inconsistent e3<e1 = 3; gold entails the first two: P = 2/3 = 66.67. The system
    # closure (e1<e2<e3) entails both gold relations: R = 2/2. F1 = 2*66.67*100/166.67 = 80.
    assert sc.system_inconsistent == 1
    assert (sc.system_entailed, sc.system_reduced) == (2, 3)
    assert (sc.gold_entailed, sc.gold_reduced) == (2, 2)
    assert sc.precision == approx(66.67)
    assert sc.f1 == approx(80.0)


def test_inconsistent_links_and_self_links() -> None:
    # e1 BEFORE e1 needs e1.e < e1.s, against e1.s < e1.e: inconsistent.
    # e2 BEFORE e5 and e5 ENDS e3 give e2.e < e5.s < e5.e = e3.e. Then e2 ENDS e3 asks for
    # e3.s < e2.s (new, fine on its own) and e2.e = e3.e (contradicts e2.e < e3.e): the
    # whole link is rejected and its first half must not stay in the closure.
    g = TemporalGraph([L("e1", "BEFORE", "e1"), L("e2", "BEFORE", "e5"),
                       L("e5", "ENDS", "e3"), L("e2", "ENDS", "e3")])
    assert g.inconsistent == [L("e1", "BEFORE", "e1"), L("e2", "ENDS", "e3")]
    assert g.reduced == [L("e2", "BEFORE", "e5"), L("e5", "ENDS", "e3")]
    # e2 IS_INCLUDED e3 = e3.s < e2.s (only in the rejected link) and e2.e < e3.e (holds).
    assert not g.entails(L("e2", "IS_INCLUDED", "e3"))
    assert g.entails(L("e2", "BEFORE", "e5"))


def test_inconsistent_gold_scored_against_itself_is_100() -> None:
    links = [L("e1", "BEFORE", "e2"), L("e2", "BEFORE", "e1")]
    sc = score(links, links)
    # Each side: e1<e2 reduced + the inconsistent e2<e1 = 2 relations. e2<e1 is not in the
    # other closure but is stated by the other side (TE3's direct match): 2/2 both ways.
    assert (sc.gold_inconsistent, sc.gold_reduced, sc.gold_entailed) == (1, 2, 2)
    assert (sc.precision, sc.recall) == (100.0, 100.0)
    g = TemporalGraph(links)
    assert not g.entails(L("e1", "AFTER", "e2"))  # not in the closure ...
    assert g.matches(L("e1", "AFTER", "e2"))  # ... but stated (as e2 BEFORE e1)


def test_duplicate_statements_count_once() -> None:
    links = [L("e1", "BEFORE", "e2"), L("e2", "AFTER", "e1"), L("e1", "BEFORE", "e2")]
    sc = score(links, [L("e1", "BEFORE", "e2")])
    assert (sc.gold, sc.gold_reduced, sc.gold_entailed) == (3, 1, 1)
    # Inconsistent duplicates count once too.
    g = TemporalGraph([L("e1", "BEFORE", "e2"), L("e2", "BEFORE", "e1"),
                       L("e1", "AFTER", "e2")])
    assert len(g.inconsistent) == 2
    assert g.evaluated == [L("e1", "BEFORE", "e2"), L("e2", "BEFORE", "e1")]


# --------------------------------------------------------------------------- node filtering


def test_links_to_unknown_nodes_are_dropped() -> None:
    gold = doc(L("e1", "BEFORE", "e2"), L("e1", "BEFORE", "e4"))
    system = doc(
        L("e1", "BEFORE", "e2"),
        L("e1", "BEFORE", "e99"),      # no such event anywhere: dropped
        L("e1", "BEFORE", "e6"),       # a system-only event: dropped
        L("e1", "VAGUE", "e2"),        # not a TimeML relation type: dropped
        Link(rel="BEFORE", source="e1", target="e2", type="SLINK"),  # not a TLINK: ignored
        events=("e1", "e2", "e3", "e6"),
    )
    sc = score_tlinks([(gold, system)])
    # Kept: the one e1<e2. Gold's e1<e4 stays (the system has no e4, a missed relation):
    # P = 1/1, R = 1/2.
    assert (sc.system, sc.dropped, sc.gold, sc.gold_dropped) == (1, 3, 2, 0)
    assert (sc.precision, sc.recall) == (100.0, 50.0)
    assert sc.to_dict()["dropped"] == 3


def test_unknown_gold_nodes_are_dropped_from_gold() -> None:
    gold = doc(L("e1", "BEFORE", "e2"), L("e1", "BEFORE", "e42"))
    sc = score_tlinks([(gold, doc(L("e1", "BEFORE", "e2")))])
    assert (sc.gold, sc.gold_dropped, sc.recall) == (1, 1, 100.0)


# --------------------------------------------------------------------------- averaging


def test_micro_average_over_two_documents() -> None:
    d1 = (doc(L("e1", "BEFORE", "e2"), doc_id="a"), doc(L("e1", "BEFORE", "e2"), doc_id="a"))
    gold2 = doc(L("e1", "BEFORE", "e2"), L("e2", "BEFORE", "e3"), L("e3", "BEFORE", "e4"),
                doc_id="b")
    sys2 = doc(L("e1", "BEFORE", "e2"), L("e4", "BEFORE", "e1"), doc_id="b")
    sc = score_tlinks([d1, (gold2, sys2)])
    # File a: P 1/1, R 1/1. File b: system reduced {e1<e2, e4<e1}; gold has e1 < e4, so
    # only e1<e2 is entailed: P 1/2. Gold reduced 3, system entails e1<e2 only: R 1/3.
    # Micro: P = 2/3 = 66.67, R = 2/4 = 50, F1 = 2*66.67*50/116.67 = 57.14
    # (macro would give P 75, R 66.67).
    assert sc.files == 2
    assert (sc.system_entailed, sc.system_reduced) == (2, 3)
    assert (sc.gold_entailed, sc.gold_reduced) == (2, 4)
    assert sc.precision == approx(66.67)
    assert sc.recall == 50.0
    assert sc.f1 == approx(57.14)


def test_empty_and_to_dict() -> None:
    sc = score_tlinks([])
    assert (sc.precision, sc.recall, sc.f1) == (0.0, 0.0, 0.0)
    sc = score([], [L("e1", "BEFORE", "e2")])
    # No gold relation: R = 0 (not undefined); P = 0/1.
    assert sc.to_dict() == {
        "files": 1, "gold": 0, "system": 1, "gold_reduced": 0, "system_reduced": 1,
        "gold_entailed": 0, "system_entailed": 0, "gold_inconsistent": 0,
        "system_inconsistent": 0, "dropped": 0, "gold_dropped": 0,
        "precision": 0.0, "recall": 0.0, "f1": 0.0,
    }


def test_mismatched_documents_raise() -> None:
    with pytest.raises(ValueError, match="ids differ"):
        score_tlinks([(doc(doc_id="a"), doc(doc_id="b"))])
    with pytest.raises(ValueError, match="unknown TLINK relation"):
        TemporalGraph([L("e1", "OVERLAP", "e2")])


# --------------------------------------------------------------------------- oracle


def test_graph_agrees_with_brute_force_models() -> None:
    """Closure, consistency and reduction against enumeration of all point orderings.

    For three intervals, every ordering of their six points (ties allowed, start < end)
    is a model; a set of links is consistent iff some model satisfies it, and entails a
    relation iff every model satisfying it satisfies the relation.
    """
    nodes = ("e1", "e2", "t0")
    points = [(n, k) for n in nodes for k in (0, 1)]
    models = []
    for ranks in itertools.product(range(6), repeat=6):
        m = dict(zip(points, ranks, strict=True))
        if all(m[(n, 0)] < m[(n, 1)] for n in nodes) and max(ranks) + 1 == len(set(ranks)):
            models.append(m)

    def holds(m: dict[tuple[str, int], int], link: Link) -> bool:
        s, t = link.source, link.target
        a, b = (m[(s, 0)], m[(s, 1)]), (m[(t, 0)], m[(t, 1)])
        rel = {"DURING": "SIMULTANEOUS", "DURING_INV": "SIMULTANEOUS",
               "IDENTITY": "SIMULTANEOUS"}.get(link.rel, link.rel)
        return {
            "BEFORE": a[1] < b[0], "AFTER": b[1] < a[0],
            "IBEFORE": a[1] == b[0], "IAFTER": b[1] == a[0],
            "INCLUDES": a[0] < b[0] and b[1] < a[1], "IS_INCLUDED": b[0] < a[0] and a[1] < b[1],
            "BEGINS": a[0] == b[0] and a[1] < b[1], "BEGUN_BY": a[0] == b[0] and b[1] < a[1],
            "ENDS": a[1] == b[1] and b[0] < a[0], "ENDED_BY": a[1] == b[1] and a[0] < b[0],
            "SIMULTANEOUS": a == b,
        }[rel]

    def satisfying(links: list[Link]) -> list[int]:
        return [i for i, m in enumerate(models) if all(holds(m, x) for x in links)]

    def entailed(ids: list[int], link: Link) -> bool:
        return all(holds(models[i], link) for i in ids)

    every = [Link(rel, a, b) for rel in RELATIONS for a in nodes for b in nodes]
    rng = random.Random(7)
    for _ in range(60):
        links = [rng.choice(every) for _ in range(rng.randint(1, 7))]
        g = TemporalGraph(links)
        added: list[Link] = []
        for link in links:
            if satisfying([*added, link]):
                added.append(link)
        assert g.consistent == added, links
        ok = satisfying(added)
        assert [x for x in every if g.entails(x)] == [x for x in every if entailed(ok, x)]
        assert satisfying(g.reduced) == ok, links
        for i, link in enumerate(g.reduced):
            assert not entailed(satisfying(g.reduced[:i] + g.reduced[i + 1:]), link), links


# --------------------------------------------------------------------------- real data


def _tml(split: str) -> list[Path]:
    return sorted((DATA / split).rglob("*.tml"))


@pytest.mark.skipif(not DATA.is_dir(), reason=f"TempEval-3 data not found at {DATA}")
@pytest.mark.parametrize("split", ["train", "test-platinum"])
def test_gold_against_itself_is_100_on_every_file(split: str) -> None:
    started = time.perf_counter()
    docs = [d for path in _tml(split) for d in read_document(path)]
    total = score_tlinks((d, d) for d in docs)
    elapsed = time.perf_counter() - started
    assert docs and total.gold_reduced > 0
    for d in docs:
        sc = score_tlinks([(d, d)])
        if sc.gold_reduced:
            assert (sc.precision, sc.recall) == (100.0, 100.0), d.id
        assert sc.dropped == sc.gold_dropped == 0, d.id
    assert (total.precision, total.recall, total.f1) == (100.0, 100.0, 100.0)
    if split == "train":
        assert len(docs) == 256
        assert elapsed < 30, f"reading and scoring train took {elapsed:.1f} s"
