"""TempEval-3 style scoring of TIMEX3 extraction and normalization.

Gold and system :class:`~newsline.documents.model.Document` objects are compared file by
file on their ``timexes`` layer only (the document creation time is never part of that
layer, so it is excluded automatically).

Pairing, per file, is one-to-one:

* **strict**: a gold and a system timex with identical ``(start, end)``;
* **relaxed**: a gold and a system timex sharing at least one character.

The relaxed pairing is deterministic and maximal: identical spans are paired first (so every
strict pair is also a relaxed pair), then the remaining timexes are paired by a
maximum-cardinality matching that, among all maximum matchings, maximizes the total number
of overlapping characters (a small min-cost max-flow; ties are broken deterministically,
favouring timexes earlier in the text).

Figures are micro-averaged over files and given as percentages (0-100):

* strict / relaxed P = matches / #system, R = matches / #gold, F1 = harmonic mean;
* type / value: P = relaxed pairs whose ``type`` / ``value`` strings are equal, over
  #system; R = the same count over #gold; F1 = harmonic mean.

F1 is 0 whenever P + R is 0; P (R) is 0 when there are no system (gold) timexes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from newsline.documents.model import Document, Timex
from newsline.evaluation.scores import SpanScores, check_pair, f1, format_score_table, pct

__all__ = [
    "ERROR_KINDS",
    "TIMEX_TYPES",
    "TimexError",
    "TimexScores",
    "TypeScores",
    "format_errors",
    "format_table",
    "match_timexes",
    "score_timexes",
    "timex_errors",
]

#: The four TIMEX3 types, in the order used by the per-type breakdown.
TIMEX_TYPES: tuple[str, ...] = ("DATE", "TIME", "DURATION", "SET")

#: Error kinds, in the order :func:`format_errors` lists them.
ERROR_KINDS: tuple[str, ...] = ("miss", "false_alarm", "wrong_extent", "wrong_type", "wrong_value")

_CONTEXT_CHARS = 40


# --------------------------------------------------------------------------- arithmetic






# --------------------------------------------------------------------------- results


@dataclass(slots=True)
class TypeScores:
    """Counts for one gold TIMEX3 type (DATE, TIME, DURATION or SET).

    ``gold`` counts gold timexes of the type; ``relaxed`` and ``value_ok`` count those among
    them that have a relaxed partner (with an equal value, for ``value_ok``). ``system``
    counts the system timexes attributed to the type: a relaxed-paired system timex is
    attributed to its gold partner's type, an unpaired one to its own predicted type. Every
    system timex is thus attributed to exactly one type, and the per-type counts add up to
    the overall ones.
    """

    gold: int = 0
    system: int = 0
    relaxed: int = 0
    value_ok: int = 0

    @property
    def relaxed_recall(self) -> float:
        """Percentage of gold timexes of this type that have a relaxed match."""
        return pct(self.relaxed, self.gold)

    @property
    def value_precision(self) -> float:
        """Correct values over the system timexes attributed to this type, in percent."""
        return pct(self.value_ok, self.system)

    @property
    def value_recall(self) -> float:
        """Correct values over the gold timexes of this type, in percent."""
        return pct(self.value_ok, self.gold)

    @property
    def value_f1(self) -> float:
        """Harmonic mean of :attr:`value_precision` and :attr:`value_recall`."""
        return f1(self.value_precision, self.value_recall)

    def to_dict(self) -> dict[str, Any]:
        """Counts and figures (rounded to 2 decimals) as a JSON-ready dict."""
        return {
            "gold": self.gold,
            "system": self.system,
            "relaxed": self.relaxed,
            "value_ok": self.value_ok,
            "relaxed_recall": round(self.relaxed_recall, 2),
            "value_f1": round(self.value_f1, 2),
        }


@dataclass(slots=True)
class TimexScores(SpanScores):
    """Micro-averaged TempEval-3 timex counts, with P/R/F1 (percent) as properties."""

    type_ok: int = 0
    value_ok: int = 0
    files: int = 0
    by_type: dict[str, TypeScores] = field(default_factory=dict)

    # type
    @property
    def type_precision(self) -> float:
        """Relaxed pairs with equal type over system timexes, in percent."""
        return pct(self.type_ok, self.system)

    @property
    def type_recall(self) -> float:
        """Relaxed pairs with equal type over gold timexes, in percent."""
        return pct(self.type_ok, self.gold)

    @property
    def type_f1(self) -> float:
        """Harmonic mean of type precision and recall."""
        return f1(self.type_precision, self.type_recall)

    # value
    @property
    def value_precision(self) -> float:
        """Relaxed pairs with equal value string over system timexes, in percent."""
        return pct(self.value_ok, self.system)

    @property
    def value_recall(self) -> float:
        """Relaxed pairs with equal value string over gold timexes, in percent."""
        return pct(self.value_ok, self.gold)

    @property
    def value_f1(self) -> float:
        """Harmonic mean of value precision and recall."""
        return f1(self.value_precision, self.value_recall)

    def add(self, other: TimexScores) -> None:
        """Add the counts of ``other`` into this result (micro-averaging)."""
        self.gold += other.gold
        self.system += other.system
        self.strict += other.strict
        self.relaxed += other.relaxed
        self.type_ok += other.type_ok
        self.value_ok += other.value_ok
        self.files += other.files
        for name, ts in other.by_type.items():
            mine = self.by_type.setdefault(name, TypeScores())
            mine.gold += ts.gold
            mine.system += ts.system
            mine.relaxed += ts.relaxed
            mine.value_ok += ts.value_ok

    def to_dict(self) -> dict[str, Any]:
        """Counts and figures (percentages rounded to 2 decimals) as a JSON-ready dict.

        ``by_type`` maps each gold type (DATE, TIME, DURATION, SET first, then any other
        type seen) to its :meth:`TypeScores.to_dict`.
        """
        names = list(TIMEX_TYPES) + sorted(set(self.by_type) - set(TIMEX_TYPES))
        return {
            "files": self.files,
            "gold": self.gold,
            "system": self.system,
            "strict": self.strict,
            "relaxed": self.relaxed,
            "type_ok": self.type_ok,
            "value_ok": self.value_ok,
            "strict_precision": round(self.strict_precision, 2),
            "strict_recall": round(self.strict_recall, 2),
            "strict_f1": round(self.strict_f1, 2),
            "relaxed_precision": round(self.relaxed_precision, 2),
            "relaxed_recall": round(self.relaxed_recall, 2),
            "relaxed_f1": round(self.relaxed_f1, 2),
            "type_precision": round(self.type_precision, 2),
            "type_recall": round(self.type_recall, 2),
            "type_f1": round(self.type_f1, 2),
            "value_precision": round(self.value_precision, 2),
            "value_recall": round(self.value_recall, 2),
            "value_f1": round(self.value_f1, 2),
            "by_type": {
                name: self.by_type.get(name, TypeScores()).to_dict() for name in names
            },
        }


# --------------------------------------------------------------------------- pairing


def _overlap(a: Timex, b: Timex) -> int:
    """Number of characters the spans of ``a`` and ``b`` share."""
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def _order(timexes: Sequence[Timex]) -> list[int]:
    """Indices of ``timexes`` in text order (start, end, then original position)."""
    return sorted(range(len(timexes)), key=lambda i: (timexes[i].start, timexes[i].end, i))


def _max_overlap_matching(
    gold: Sequence[Timex], system: Sequence[Timex], gi: list[int], si: list[int]
) -> list[tuple[int, int]]:
    """Maximum-cardinality pairing of overlapping timexes with maximal total overlap.

    Successive shortest paths (Bellman-Ford) on source -> gold -> system -> sink, each
    edge of capacity 1 and gold -> system edges costing minus the overlap. Deterministic:
    nodes and edges are visited in the text order of ``gi`` and ``si``.
    """
    n, m = len(gi), len(si)
    if not n or not m:
        return []
    src, sink = 0, n + m + 1
    size = n + m + 2
    # Edge lists: to, capacity, cost, index of reverse edge.
    graph: list[list[list[int]]] = [[] for _ in range(size)]

    def add_edge(u: int, v: int, cost: int) -> None:
        graph[u].append([v, 1, cost, len(graph[v])])
        graph[v].append([u, 0, -cost, len(graph[u]) - 1])

    any_edge = False
    for a, g_idx in enumerate(gi):
        add_edge(src, 1 + a, 0)
        for b, s_idx in enumerate(si):
            ov = _overlap(gold[g_idx], system[s_idx])
            if ov > 0:
                add_edge(1 + a, 1 + n + b, -ov)
                any_edge = True
    if not any_edge:
        return []
    for b in range(m):
        add_edge(1 + n + b, sink, 0)

    inf = float("inf")
    while True:
        dist: list[float] = [inf] * size
        prev: list[tuple[int, int] | None] = [None] * size
        dist[src] = 0
        for _ in range(size - 1):
            changed = False
            for u in range(size):
                if dist[u] == inf:
                    continue
                for k, (v, cap, cost, _rev) in enumerate(graph[u]):
                    if cap > 0 and dist[u] + cost < dist[v]:
                        dist[v] = dist[u] + cost
                        prev[v] = (u, k)
                        changed = True
            if not changed:
                break
        if dist[sink] == inf:
            break
        v = sink
        while v != src:
            step = prev[v]
            assert step is not None
            u, k = step
            edge = graph[u][k]
            edge[1] -= 1
            graph[v][edge[3]][1] += 1
            v = u

    pairs = []
    for a, g_idx in enumerate(gi):
        for v, cap, _cost, _rev in graph[1 + a]:
            if 1 + n <= v <= n + m and cap == 0:
                pairs.append((g_idx, si[v - 1 - n]))
    return pairs


def match_timexes(
    gold: Sequence[Timex], system: Sequence[Timex]
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Pair the timexes of one file; return ``(strict_pairs, relaxed_pairs)``.

    Each pair is ``(gold_index, system_index)`` into the given sequences, and the lists are
    sorted by gold index. Identical spans are paired first, in text order; these form the
    strict pairs. The relaxed pairs are the strict pairs plus a maximum-cardinality,
    maximum-total-overlap pairing of the remaining overlapping timexes. Every gold and every
    system timex occurs in at most one pair of each list.
    """
    by_span: dict[tuple[int, int], list[int]] = defaultdict(list)
    for s_idx in _order(system):
        by_span[(system[s_idx].start, system[s_idx].end)].append(s_idx)
    strict: list[tuple[int, int]] = []
    for g_idx in _order(gold):
        waiting = by_span.get((gold[g_idx].start, gold[g_idx].end))
        if waiting:
            strict.append((g_idx, waiting.pop(0)))
    used_g = {g for g, _ in strict}
    used_s = {s for _, s in strict}
    rest_g = [i for i in _order(gold) if i not in used_g]
    rest_s = [i for i in _order(system) if i not in used_s]
    relaxed = strict + _max_overlap_matching(gold, system, rest_g, rest_s)
    return sorted(strict), sorted(relaxed)


# --------------------------------------------------------------------------- scoring


def _score_document(gold: Document, system: Document) -> TimexScores:
    """Counts for one gold/system document pair."""
    check_pair(gold, system)
    g, s = gold.timexes, system.timexes
    strict, relaxed = match_timexes(g, s)
    out = TimexScores(gold=len(g), system=len(s), strict=len(strict), relaxed=len(relaxed))
    out.files = 1
    for t in g:
        out.by_type.setdefault(t.type, TypeScores()).gold += 1
    paired_s = set()
    for gi, si in relaxed:
        gt, st = g[gi], s[si]
        paired_s.add(si)
        per_type = out.by_type[gt.type]
        per_type.relaxed += 1
        per_type.system += 1
        if gt.type == st.type:
            out.type_ok += 1
        if gt.value == st.value:
            out.value_ok += 1
            per_type.value_ok += 1
    for si, st in enumerate(s):
        if si not in paired_s:
            out.by_type.setdefault(st.type, TypeScores()).system += 1
    return out


def score_timexes(pairs: Iterable[tuple[Document, Document]]) -> TimexScores:
    """Micro-averaged TempEval-3 timex scores over ``(gold, system)`` document pairs.

    Both documents of a pair must have the same ``id`` and ``text`` (``ValueError``
    otherwise). Counts are summed over all files before P/R/F1 are computed.
    """
    total = TimexScores()
    for gold, system in pairs:
        total.add(_score_document(gold, system))
    return total


# --------------------------------------------------------------------------- errors


@dataclass(slots=True)
class TimexError:
    """One disagreement between gold and system, for error analysis.

    ``kind`` is one of :data:`ERROR_KINDS`: ``miss`` (a gold timex without relaxed
    partner), ``false_alarm`` (a system timex without relaxed partner), ``wrong_extent``
    (a relaxed but not strict pair), ``wrong_type`` / ``wrong_value`` (a relaxed pair whose
    type / value differ). A pair can yield several errors, one per kind. ``start``/``end``
    span the union of the gold and system spans; ``context`` is that span with up to 40
    characters either side, whitespace collapsed.
    """

    kind: str
    doc_id: str
    start: int
    end: int
    gold_start: int | None = None
    gold_end: int | None = None
    gold_text: str | None = None
    gold_type: str | None = None
    gold_value: str | None = None
    sys_start: int | None = None
    sys_end: int | None = None
    sys_text: str | None = None
    sys_type: str | None = None
    sys_value: str | None = None
    context: str = ""

    def to_dict(self) -> dict[str, Any]:
        """All fields as a JSON-ready dict."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def _context(text: str, start: int, end: int) -> str:
    """``text[start:end]`` with up to 40 characters either side, whitespace collapsed."""
    left = max(0, start - _CONTEXT_CHARS)
    right = min(len(text), end + _CONTEXT_CHARS)
    snippet = " ".join(text[left:right].split())
    return ("..." if left > 0 else "") + snippet + ("..." if right < len(text) else "")


def _make_error(kind: str, doc: Document, gold: Timex | None, system: Timex | None) -> TimexError:
    """Build one :class:`TimexError` from a gold and/or a system timex."""
    spans = [t for t in (gold, system) if t is not None]
    start = min(t.start for t in spans)
    end = max(t.end for t in spans)
    err = TimexError(kind=kind, doc_id=doc.id, start=start, end=end)
    if gold is not None:
        err.gold_start, err.gold_end = gold.start, gold.end
        err.gold_text, err.gold_type, err.gold_value = gold.text, gold.type, gold.value
    if system is not None:
        err.sys_start, err.sys_end = system.start, system.end
        err.sys_text, err.sys_type, err.sys_value = system.text, system.type, system.value
    err.context = _context(doc.text, start, end)
    return err


def timex_errors(pairs: Iterable[tuple[Document, Document]]) -> list[TimexError]:
    """All gold/system disagreements over ``(gold, system)`` document pairs.

    Errors are listed per file (in input order) and within a file by position, then
    by kind order of :data:`ERROR_KINDS`.
    """
    errors: list[TimexError] = []
    for gold, system in pairs:
        check_pair(gold, system)
        g, s = gold.timexes, system.timexes
        strict, relaxed = match_timexes(g, s)
        strict_set = set(strict)
        found: list[TimexError] = []
        paired_g = {gi for gi, _ in relaxed}
        paired_s = {si for _, si in relaxed}
        found += [_make_error("miss", gold, t, None) for i, t in enumerate(g) if i not in paired_g]
        found += [
            _make_error("false_alarm", gold, None, t) for i, t in enumerate(s) if i not in paired_s
        ]
        for gi, si in relaxed:
            gt, st = g[gi], s[si]
            if (gi, si) not in strict_set:
                found.append(_make_error("wrong_extent", gold, gt, st))
            if gt.type != st.type:
                found.append(_make_error("wrong_type", gold, gt, st))
            if gt.value != st.value:
                found.append(_make_error("wrong_value", gold, gt, st))
        found.sort(key=lambda e: (e.start, e.end, ERROR_KINDS.index(e.kind)))
        errors += found
    return errors


def _describe(text: str | None, type_: str | None, value: str | None) -> str:
    """``"text" TYPE value``, or ``-`` when there is no timex."""
    if text is None:
        return "-"
    return f"{text!r} {type_} {value}"


def format_errors(errors: Iterable[TimexError]) -> str:
    """Plain-text error listing, grouped by kind (in :data:`ERROR_KINDS` order).

    Each group starts with a ``== kind (count) ==`` header; each error is one line::

        doc_id [start:end] gold='text' TYPE value | sys='text' TYPE value | context
    """
    groups: dict[str, list[TimexError]] = defaultdict(list)
    for err in errors:
        groups[err.kind].append(err)
    kinds = [k for k in ERROR_KINDS if k in groups] + sorted(set(groups) - set(ERROR_KINDS))
    lines: list[str] = []
    for kind in kinds:
        lines.append(f"== {kind} ({len(groups[kind])}) ==")
        for e in groups[kind]:
            gold = _describe(e.gold_text, e.gold_type, e.gold_value)
            sys_ = _describe(e.sys_text, e.sys_type, e.sys_value)
            lines.append(
                f"{e.doc_id} [{e.start}:{e.end}] gold={gold} | sys={sys_} | {e.context}"
            )
    return "\n".join(lines)


# --------------------------------------------------------------------------- table

_COLUMNS: tuple[tuple[str, str], ...] = (
    ("strict P", "strict_precision"),
    ("strict R", "strict_recall"),
    ("strict F1", "strict_f1"),
    ("relax P", "relaxed_precision"),
    ("relax R", "relaxed_recall"),
    ("relax F1", "relaxed_f1"),
    ("type F1", "type_f1"),
    ("value F1", "value_f1"),
)


def format_table(scores: dict[str, TimexScores]) -> str:
    """Plain-text table, one row per label, figures in percent with 2 decimals.

    Columns: strict P/R/F1, relaxed P/R/F1, type F1, value F1, #gold, #system.
    """
    return format_score_table(scores, _COLUMNS)
