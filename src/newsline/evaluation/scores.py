"""Arithmetic shared by the metrics: percentages, F1, and span-match figures."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


def pct(num: int, den: int) -> float:
    """``100 * num / den``, or 0.0 when ``den`` is 0."""
    return 100.0 * num / den if den else 0.0


def f1(p: float, r: float) -> float:
    """Harmonic mean of two percentages, 0.0 when both are 0."""
    return 2.0 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class SpanScores:
    """Micro-averaged counts of paired spans (timexes or events), with strict and relaxed
    precision, recall and F1 in percent."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0

    @property
    def strict_precision(self) -> float:
        """Strict (identical span) matches over system spans, in percent."""
        return pct(self.strict, self.system)

    @property
    def strict_recall(self) -> float:
        """Strict matches over gold spans, in percent."""
        return pct(self.strict, self.gold)

    @property
    def strict_f1(self) -> float:
        """Harmonic mean of strict precision and recall."""
        return f1(self.strict_precision, self.strict_recall)

    @property
    def relaxed_precision(self) -> float:
        """Relaxed (overlap) matches over system spans, in percent."""
        return pct(self.relaxed, self.system)

    @property
    def relaxed_recall(self) -> float:
        """Relaxed (overlap) matches over gold spans, in percent."""
        return pct(self.relaxed, self.gold)

    @property
    def relaxed_f1(self) -> float:
        """Harmonic mean of relaxed precision and recall."""
        return f1(self.relaxed_precision, self.relaxed_recall)


def format_score_table(scores: Mapping[str, Any], columns: Sequence[tuple[str, str]]) -> str:
    """Plain-text table, one row per label: the ``(header, attribute)`` columns in percent
    with 2 decimals, then #gold and #system."""
    header = ["label"] + [name for name, _ in columns] + ["gold", "system"]
    rows = [header]
    for label, sc in scores.items():
        row = [label] + [f"{getattr(sc, attr):.2f}" for _, attr in columns]
        rows.append(row + [str(sc.gold), str(sc.system)])
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = []
    for n, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])]
        cells += [c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def check_pair(gold: Any, system: Any) -> None:
    """Raise ``ValueError`` unless the two documents are versions of the same file."""
    if gold.id != system.id:
        raise ValueError(f"document ids differ: gold {gold.id!r} vs system {system.id!r}")
    if gold.text != system.text:
        raise ValueError(f"{gold.id}: gold and system texts differ")
