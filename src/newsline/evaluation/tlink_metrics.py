"""TempEval-3 temporal awareness: scoring TLINK graphs (UzZaman & Allen 2011).

Gold and system :class:`~newsline.documents.model.Document` objects are compared file by
file on their ``links`` layer (links of type ``TLINK`` only; others are ignored).

Nodes and identity
------------------
A node is an interval: an event id (``eN``), a timex id (``tN``) or ``t0``, the document
creation time. Gold and system nodes are matched **by id**: a gold ``e5`` and a system
``e5`` are the same event. This is exact for TempEval-3 task C, where the system receives
the gold events and timexes and keeps their ids; for end-to-end scoring (task ABC) the
caller must first rename system events and timexes to the ids of the gold ones they align
with (as the TE3 toolkit's TimeML-Normalizer does).

* A **system** link is kept only when both ends are ids of the system's own ``events`` /
  ``timexes`` layers *and* of the gold ones (or are ``t0``); any other system link, or one
  whose relation is not a TimeML relation type, is dropped and counted in ``dropped``.
* A **gold** link is kept when both ends are ids of the gold layers (or ``t0``) and its
  relation type is known; otherwise it is counted in ``gold_dropped``. Gold links are *not*
  restricted to nodes the system has: a gold relation about an event the system never
  found is a relation it missed, and counts against recall as in TE3.

Point algebra
-------------
Each interval ``X`` has a start point ``X.s`` and an end point ``X.e`` with ``X.s < X.e``.
Each relation ``A rel B`` is a conjunction of point relations (``<`` or ``=``)::

    BEFORE       A.e < B.s                 AFTER        B.e < A.s
    IBEFORE      A.e = B.s                 IAFTER       B.e = A.s
    INCLUDES     A.s < B.s, B.e < A.e      IS_INCLUDED  B.s < A.s, A.e < B.e
    BEGINS       A.s = B.s, A.e < B.e      BEGUN_BY     A.s = B.s, B.e < A.e
    ENDS         A.e = B.e, B.s < A.s      ENDED_BY     A.e = B.e, A.s < B.s
    SIMULTANEOUS A.s = B.s, A.e = B.e      (also IDENTITY, DURING and DURING_INV,
                                            as the TE3 scorer treats DURING)

Two relations with the same point relations (``A INCLUDES B`` and ``B IS_INCLUDED A``)
are the same statement.

Building one annotation's graph (:class:`TemporalGraph`)
-------------------------------------------------------
1. **Closure with consistency check.** Links are added in document order to an
   incrementally closed point graph (for every point: the set of points equal to it, after
   it and before it, as bit sets; adding ``p < q`` or ``p = q`` updates all affected rows,
   which keeps the graph transitively closed at all times). The ``X.s < X.e`` constraint
   of every interval is added when the interval is first seen. A link whose point relations
   contradict the closure so far (it would make some point precede or equal a point it
   strictly precedes) is **inconsistent**: it is not added (the graph is left as it was) and
   scoring goes on. Since only ``<`` and ``=`` occur, the closure is exact: ``p = q`` is
   entailed iff a chain of equalities joins them, ``p < q`` iff a chain of ``=`` (either
   way) and ``<`` (forwards) with at least one ``<`` leads from ``p`` to ``q``.
2. **Reduction.** Among the consistent links, taken in document order, a link is removed
   as **redundant** when every one of its point relations is entailed by the ``X.s < X.e``
   constraints together with the links not (yet) removed other than itself (a path search
   over the point graph without that link's edges). Removing links one at a time this way
   leaves a set whose closure is the full closure and in which no link is implied by the
   others (removing more links only weakens the rest, so a link kept stays non-redundant).
   Duplicates (the same statement twice, or once each way) keep one copy; a stated
   ``A < C`` next to ``A < B`` and ``B < C`` is removed; a self-link ``X SIMULTANEOUS X`` is
   always redundant. Where several minimal sets exist (``A = B``, ``B = C``, ``A = C``),
   the earliest links are removed first.
3. The **evaluated relations** of an annotation are its reduced links plus its
   inconsistent links (one per distinct statement). Keeping the inconsistent ones follows
   the TE3 scorer (its ``final_relations + violated_relations``): a system that contradicts
   itself is not let off its contradictions.

Scoring
-------
A relation is **entailed** by the other annotation when every point relation it implies
holds in that annotation's closure, or when that annotation states the very same relation
(any of its links with the same point relations, as the TE3 scorer's direct match; this
only matters for links the other side dropped as inconsistent). Per file::

    precision numerator = system evaluated relations entailed by the gold graph
    recall numerator    = gold evaluated relations entailed by the system graph

Counts are summed over files (micro-average) before P = system_entailed / system_reduced,
R = gold_entailed / gold_reduced, F1 = harmonic mean, all in percent; P (R) is 0 when
there is no system (gold) relation, F1 is 0 when P + R is 0.

Differences from the TE3 scorer: that scorer removes a link only when it is implied by the
links *before* it (so its "reduced" graph may still hold redundant links, depending on
their order), and its timegraph has a few known bugs (e.g. it never verifies BEGINS);
here every redundant link is removed and every relation type is checked exactly.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from newsline.documents.model import Document, Link
from newsline.evaluation.scores import check_pair, f1, pct

__all__ = [
    "DCT_ID",
    "RELATIONS",
    "TemporalGraph",
    "TlinkScores",
    "score_tlinks",
]

#: The id standing for the document creation time in links.
DCT_ID = "t0"

# Endpoint indices: 0 = A.s, 1 = A.e, 2 = B.s, 3 = B.e. Each relation is a tuple of
# (operator, left endpoint, right endpoint).
_SIMULTANEOUS = (("=", 0, 2), ("=", 1, 3))
_POINT_RELATIONS: dict[str, tuple[tuple[str, int, int], ...]] = {
    "BEFORE": (("<", 1, 2),),
    "AFTER": (("<", 3, 0),),
    "IBEFORE": (("=", 1, 2),),
    "IAFTER": (("=", 3, 0),),
    "INCLUDES": (("<", 0, 2), ("<", 3, 1)),
    "IS_INCLUDED": (("<", 2, 0), ("<", 1, 3)),
    "BEGINS": (("=", 0, 2), ("<", 1, 3)),
    "BEGUN_BY": (("=", 0, 2), ("<", 3, 1)),
    "ENDS": (("=", 1, 3), ("<", 2, 0)),
    "ENDED_BY": (("=", 1, 3), ("<", 0, 2)),
    "SIMULTANEOUS": _SIMULTANEOUS,
    "IDENTITY": _SIMULTANEOUS,
    "DURING": _SIMULTANEOUS,
    "DURING_INV": _SIMULTANEOUS,
}

#: The TimeML TLINK relation types understood here.
RELATIONS: tuple[str, ...] = tuple(_POINT_RELATIONS)

# A point is (interval id, 0 for start / 1 for end); a constraint is (op, point, point),
# with the two points of an "=" in sorted order so that equal statements compare equal.
_Point = tuple[str, int]
_Constraint = tuple[str, _Point, _Point]
_Statement = frozenset[_Constraint]


def _relation(rel: str) -> str:
    """The upper-cased relation type (not checked)."""
    return rel.strip().upper()


def _statement(link: Link) -> _Statement:
    """The point relations of ``link`` (trivial ``p = p`` ones left out)."""
    ends: tuple[_Point, ...] = ((link.source, 0), (link.source, 1),
                                (link.target, 0), (link.target, 1))
    out: set[_Constraint] = set()
    for op, i, j in _POINT_RELATIONS[_relation(link.rel)]:
        p, q = ends[i], ends[j]
        if op == "=":
            if p == q:
                continue
            p, q = min(p, q), max(p, q)
        out.add((op, p, q))
    return frozenset(out)


def _bits(mask: int) -> Iterable[int]:
    """Indices of the set bits of ``mask``."""
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


# --------------------------------------------------------------------------- the graph


class TemporalGraph:
    """The closed point graph of one annotation's TLINKs, with its reduced form.

    ``links`` are taken in order; every link must have a relation type in
    :data:`RELATIONS` (case-insensitive; ``ValueError`` otherwise). With ``reduce`` False
    only :attr:`consistent` and :attr:`inconsistent` are filled. After construction:

    * :attr:`consistent` / :attr:`inconsistent`: the links that were / were not added to
      the closure (an inconsistent link contradicts the links added before it);
    * :attr:`reduced`: the consistent links that are not implied by the others;
    * :meth:`entails`: whether the closure implies a given relation.

    See the module docstring for the exact algorithm.
    """

    def __init__(self, links: Iterable[Link], reduce: bool = True) -> None:
        self._index: dict[_Point, int] = {}
        self._eq: list[int] = []
        self._after: list[int] = []
        self._before: list[int] = []
        self.links: list[Link] = list(links)
        for link in self.links:
            if _relation(link.rel) not in _POINT_RELATIONS:
                raise ValueError(f"unknown TLINK relation type {link.rel!r}")
        self._statements = [_statement(link) for link in self.links]
        self._stated = frozenset(self._statements)  # for TE3's direct match
        added: list[int] = []  # indices into self.links
        rejected: list[int] = []
        for i, (link, stmt) in enumerate(zip(self.links, self._statements, strict=True)):
            if self._add(link, stmt):
                added.append(i)
            else:
                rejected.append(i)
        self.consistent: list[Link] = [self.links[i] for i in added]
        self.inconsistent: list[Link] = [self.links[i] for i in rejected]
        if not reduce:  # only which links are consistent is wanted (the relation tagger)
            self.reduced = []
            self._evaluated = []
            return
        survivors = [added[k] for k in self._reduce([self._statements[i] for i in added])]
        self.reduced: list[Link] = [self.links[i] for i in survivors]
        # The relations scored: the reduced links, then one per inconsistent statement.
        self._evaluated: list[int] = list(survivors)
        seen: set[_Statement] = set()
        for i in rejected:
            if self._statements[i] not in seen:
                seen.add(self._statements[i])
                self._evaluated.append(i)

    # ------------------------------------------------------------------ closure

    def _point(self, point: _Point) -> int:
        """Index of ``point``, creating the interval (both points, start < end) if new."""
        idx = self._index.get(point)
        if idx is not None:
            return idx
        start = len(self._eq)
        self._index[(point[0], 0)] = start
        self._index[(point[0], 1)] = start + 1
        self._eq += [1 << start, 1 << (start + 1)]
        self._after += [1 << (start + 1), 0]
        self._before += [0, 1 << start]
        return self._index[point]

    def _holds(self, op: str, p: int, q: int) -> bool:
        """Whether the closure entails ``p op q`` (point indices)."""
        if op == "<":
            return bool(self._after[p] >> q & 1)
        return bool(self._eq[p] >> q & 1)

    def _contradicts(self, op: str, p: int, q: int) -> bool:
        """Whether adding ``p op q`` would make the closure inconsistent."""
        if op == "<":  # q <= p already?
            return bool((self._eq[q] | self._after[q]) >> p & 1)
        return bool((self._after[p] >> q & 1) or (self._after[q] >> p & 1))

    def _add_less(self, p: int, q: int) -> None:
        """Add ``p < q`` (consistent, not yet entailed) and re-close."""
        lower = self._before[p] | self._eq[p]
        upper = self._after[q] | self._eq[q]
        after, before = self._after, self._before
        for x in _bits(lower):
            after[x] |= upper
        for y in _bits(upper):
            before[y] |= lower

    def _add_equal(self, p: int, q: int) -> None:
        """Add ``p = q`` (consistent, not yet entailed) and re-close."""
        cls = self._eq[p] | self._eq[q]
        upper = self._after[p] | self._after[q]
        lower = self._before[p] | self._before[q]
        for x in _bits(cls):
            self._eq[x] = cls
            self._after[x] = upper
            self._before[x] = lower
        for x in _bits(lower):
            self._after[x] |= cls | upper
        for y in _bits(upper):
            self._before[y] |= cls | lower

    def _add(self, link: Link, stmt: _Statement) -> bool:
        """Add the point relations of ``link``; False (graph unchanged) if inconsistent."""
        for point in ((link.source, 0), (link.target, 0)):
            self._point(point)
        pairs = [(op, self._index[p], self._index[q]) for op, p, q in sorted(stmt)]
        saved = None
        if len(pairs) > 1:
            saved = (self._eq.copy(), self._after.copy(), self._before.copy())
        for op, p, q in pairs:
            if self._contradicts(op, p, q):
                if saved is not None:
                    self._eq, self._after, self._before = saved
                return False
            if not self._holds(op, p, q):
                if op == "<":
                    self._add_less(p, q)
                else:
                    self._add_equal(p, q)
        return True

    # ------------------------------------------------------------------ reduction

    def _reduce(self, kept: list[_Statement]) -> list[int]:
        """Indices (into ``kept``) of the consistent links that survive the reduction."""
        size = len(self._eq)
        less: list[list[tuple[int, int]]] = [[] for _ in range(size)]
        equal: list[list[tuple[int, int]]] = [[] for _ in range(size)]
        for start in range(0, size, 2):
            less[start].append((start + 1, -1))  # X.s < X.e, owned by no link
        for owner, stmt in enumerate(kept):
            for op, p, q in stmt:
                i, j = self._index[p], self._index[q]
                if op == "<":
                    less[i].append((j, owner))
                else:
                    equal[i].append((j, owner))
                    equal[j].append((i, owner))
        skip: set[int] = set()
        for owner, stmt in enumerate(kept):
            skip.add(owner)
            if all(self._derivable(op, self._index[p], self._index[q], less, equal, skip)
                   for op, p, q in stmt):
                continue  # redundant: stays in ``skip`` for good
            skip.discard(owner)
        return [owner for owner in range(len(kept)) if owner not in skip]

    @staticmethod
    def _derivable(
        op: str, p: int, q: int,
        less: list[list[tuple[int, int]]], equal: list[list[tuple[int, int]]], skip: set[int],
    ) -> bool:
        """Whether ``p op q`` follows from the edges whose owner is not in ``skip``.

        A search over states ``2 * point + strict``: ``=`` edges keep the flag, ``<`` edges
        set it; ``p < q`` needs ``q`` reached with the flag set, ``p = q`` needs ``q``
        reached through ``=`` edges only.
        """
        if op == "=":
            seen = {p}
            stack = [p]
            while stack:
                x = stack.pop()
                for y, owner in equal[x]:
                    if owner in skip or y in seen:
                        continue
                    if y == q:
                        return True
                    seen.add(y)
                    stack.append(y)
            return False
        target = 2 * q + 1
        seen = {2 * p}
        stack = [2 * p]
        while stack:
            state = stack.pop()
            x, strict = state >> 1, state & 1
            nxt = [2 * y + strict for y, owner in equal[x] if owner not in skip]
            nxt += [2 * y + 1 for y, owner in less[x] if owner not in skip]
            for s in nxt:
                if s == target:
                    return True
                # a strict state subsumes the non-strict one at the same point
                if s in seen or s | 1 in seen:
                    continue
                seen.add(s)
                stack.append(s)
        return False

    # ------------------------------------------------------------------ queries

    def _entails_statement(self, stmt: _Statement) -> bool:
        """Whether every point relation of ``stmt`` holds in the closure."""
        for op, p, q in stmt:
            i, j = self._index.get(p), self._index.get(q)
            if i is None or j is None or not self._holds(op, i, j):
                return False
        return True

    def entails(self, link: Link) -> bool:
        """Whether the closure implies every point relation of ``link``.

        A relation about an interval the graph does not know is not entailed (unless it
        says nothing, like ``X SIMULTANEOUS X``).
        """
        if _relation(link.rel) not in _POINT_RELATIONS:
            raise ValueError(f"unknown TLINK relation type {link.rel!r}")
        return self._entails_statement(_statement(link))

    def matches(self, link: Link) -> bool:
        """:meth:`entails`, or the graph's links state the same relation (TE3's direct match)."""
        if _relation(link.rel) not in _POINT_RELATIONS:
            raise ValueError(f"unknown TLINK relation type {link.rel!r}")
        return self._matches_statement(_statement(link))

    def _matches_statement(self, stmt: _Statement) -> bool:
        return stmt in self._stated or self._entails_statement(stmt)

    @property
    def evaluated(self) -> list[Link]:
        """The relations scored: :attr:`reduced` plus one link per inconsistent statement."""
        return [self.links[i] for i in self._evaluated]

    def _count_matched_by(self, other: TemporalGraph) -> int:
        """How many of this graph's evaluated relations ``other`` entails or states."""
        return sum(1 for i in self._evaluated if other._matches_statement(self._statements[i]))


# --------------------------------------------------------------------------- results






@dataclass(slots=True)
class TlinkScores:
    """Micro-averaged temporal awareness counts, with P/R/F1 (percent) as properties.

    ``gold`` / ``system``: TLINKs kept for scoring; ``gold_reduced`` / ``system_reduced``:
    their evaluated relations (reduced graph plus inconsistent links), the denominators of
    recall / precision; ``gold_entailed``: gold evaluated relations entailed by the system
    graph (recall numerator); ``system_entailed``: system evaluated relations entailed by
    the gold graph (precision numerator); ``*_inconsistent``: links that contradicted the
    closure of the links before them; ``dropped`` / ``gold_dropped``: links not scored
    (unknown ids or relation types, see the module docstring).
    """

    files: int = 0
    gold: int = 0
    system: int = 0
    gold_reduced: int = 0
    system_reduced: int = 0
    gold_entailed: int = 0
    system_entailed: int = 0
    gold_inconsistent: int = 0
    system_inconsistent: int = 0
    dropped: int = 0
    gold_dropped: int = 0

    @property
    def precision(self) -> float:
        """System reduced relations entailed by the gold closure, in percent."""
        return pct(self.system_entailed, self.system_reduced)

    @property
    def recall(self) -> float:
        """Gold reduced relations entailed by the system closure, in percent."""
        return pct(self.gold_entailed, self.gold_reduced)

    @property
    def f1(self) -> float:
        """Harmonic mean of :attr:`precision` and :attr:`recall` (temporal awareness)."""
        return f1(self.precision, self.recall)

    def add(self, other: TlinkScores) -> None:
        """Add another file's (or set's) counts to these."""
        for name in self.__slots__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def to_dict(self) -> dict[str, Any]:
        """Counts and figures (percentages rounded to 2 decimals) as a JSON-ready dict."""
        return {
            "files": self.files,
            "gold": self.gold,
            "system": self.system,
            "gold_reduced": self.gold_reduced,
            "system_reduced": self.system_reduced,
            "gold_entailed": self.gold_entailed,
            "system_entailed": self.system_entailed,
            "gold_inconsistent": self.gold_inconsistent,
            "system_inconsistent": self.system_inconsistent,
            "dropped": self.dropped,
            "gold_dropped": self.gold_dropped,
            "precision": round(self.precision, 2),
            "recall": round(self.recall, 2),
            "f1": round(self.f1, 2),
        }


# --------------------------------------------------------------------------- scoring


def _layer_ids(doc: Document) -> set[str]:
    """Ids of the document's events and timexes, plus ``t0``."""
    ids = {e.id for e in doc.events if e.id} | {t.id for t in doc.timexes if t.id}
    ids.add(DCT_ID)
    return ids


def _usable(links: Iterable[Link], ids: set[str]) -> tuple[list[Link], int]:
    """The TLINKs between ``ids`` with a known relation type, and how many were not."""
    kept: list[Link] = []
    dropped = 0
    for link in links:
        if link.type != "TLINK":
            continue
        if (link.source in ids and link.target in ids
                and _relation(link.rel) in _POINT_RELATIONS):
            kept.append(link)
        else:
            dropped += 1
    return kept, dropped


def _score_document(gold: Document, system: Document) -> TlinkScores:
    """Counts for one gold/system document pair."""
    check_pair(gold, system)
    gold_ids = _layer_ids(gold)
    gold_links, gold_dropped = _usable(gold.links, gold_ids)
    sys_links, dropped = _usable(system.links, gold_ids & _layer_ids(system))
    g, s = TemporalGraph(gold_links), TemporalGraph(sys_links)
    return TlinkScores(
        files=1,
        gold=len(gold_links),
        system=len(sys_links),
        gold_reduced=len(g.evaluated),
        system_reduced=len(s.evaluated),
        gold_entailed=g._count_matched_by(s),
        system_entailed=s._count_matched_by(g),
        gold_inconsistent=len(g.inconsistent),
        system_inconsistent=len(s.inconsistent),
        dropped=dropped,
        gold_dropped=gold_dropped,
    )


def score_tlinks(pairs: Iterable[tuple[Document, Document]]) -> TlinkScores:
    """Micro-averaged TempEval-3 temporal awareness over ``(gold, system)`` document pairs.

    Both documents of a pair must have the same ``id`` and ``text`` (``ValueError``
    otherwise). Each document's TLINKs form its graph (see the module docstring); counts
    are summed over all files before P/R/F1 are computed.
    """
    total = TlinkScores()
    for gold, system in pairs:
        total.add(_score_document(gold, system))
    return total
