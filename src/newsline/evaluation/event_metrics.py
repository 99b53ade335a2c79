"""TempEval-3 style scoring of EVENT extraction and its attributes.

Gold and system :class:`~newsline.documents.model.Document` objects are compared file by
file on their ``events`` layer, with the same one-to-one pairing as timexes
(:func:`~newsline.evaluation.timex_metrics.match_timexes`, which reads only the spans):

* **strict**: a gold and a system event with identical ``(start, end)``;
* **relaxed**: a gold and a system event sharing at least one character (identical spans
  first, then a maximum, maximum-overlap pairing of the rest).

Figures are micro-averaged over files and given as percentages (0-100):

* strict / relaxed P = matches / #system, R = matches / #gold, F1 = harmonic mean;
* class / tense / aspect / polarity (the attribute scores, built like the timex type and
  value scores): P = relaxed pairs whose attribute strings are equal, over #system;
  R = the same count over #gold; F1 = harmonic mean.

F1 is 0 whenever P + R is 0; P (R) is 0 when there are no system (gold) events.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from newsline.documents.model import Document, Event
from newsline.evaluation.scores import SpanScores, check_pair, f1, format_score_table, pct
from newsline.evaluation.timex_metrics import match_timexes

__all__ = [
    "EVENT_ATTRIBUTES",
    "EventScores",
    "format_event_table",
    "match_events",
    "score_events",
]

#: Scored attributes: name in the figures -> :class:`Event` field.
EVENT_ATTRIBUTES: dict[str, str] = {
    "class": "cls", "tense": "tense", "aspect": "aspect", "polarity": "polarity",
}






def match_events(
    gold: Sequence[Event], system: Sequence[Event]
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Pair the events of one file: ``(strict_pairs, relaxed_pairs)`` of
    ``(gold_index, system_index)``, exactly as :func:`match_timexes` pairs timexes."""
    return match_timexes(gold, system)  # type: ignore[arg-type]  # reads start/end only


@dataclass(slots=True)
class EventScores(SpanScores):
    """Micro-averaged TempEval-3 event counts, with P/R/F1 (percent) as properties."""

    class_ok: int = 0
    tense_ok: int = 0
    aspect_ok: int = 0
    polarity_ok: int = 0
    files: int = 0

    # --- attribute figures
    def attribute_precision(self, name: str) -> float:
        """Relaxed pairs with equal ``name`` (class, tense, aspect, polarity) over system
        events, in percent."""
        return pct(self._ok(name), self.system)

    def attribute_recall(self, name: str) -> float:
        """Relaxed pairs with equal ``name`` over gold events, in percent."""
        return pct(self._ok(name), self.gold)

    def attribute_f1(self, name: str) -> float:
        """Harmonic mean of :meth:`attribute_precision` and :meth:`attribute_recall`."""
        return f1(self.attribute_precision(name), self.attribute_recall(name))

    def _ok(self, name: str) -> int:
        if name not in EVENT_ATTRIBUTES:
            raise KeyError(f"unknown event attribute {name!r}")
        return int(getattr(self, f"{name}_ok"))

    @property
    def class_f1(self) -> float:
        """Class attribute F1."""
        return self.attribute_f1("class")

    @property
    def tense_f1(self) -> float:
        """Tense attribute F1."""
        return self.attribute_f1("tense")

    @property
    def aspect_f1(self) -> float:
        """Aspect attribute F1."""
        return self.attribute_f1("aspect")

    @property
    def polarity_f1(self) -> float:
        """Polarity attribute F1."""
        return self.attribute_f1("polarity")

    def add(self, other: EventScores) -> None:
        """Add the counts of ``other`` into this result (micro-averaging)."""
        for name in ("gold", "system", "strict", "relaxed", "class_ok", "tense_ok",
                     "aspect_ok", "polarity_ok", "files"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def to_dict(self) -> dict[str, Any]:
        """Counts and figures (percentages rounded to 2 decimals) as a JSON-ready dict."""
        out: dict[str, Any] = {
            "files": self.files, "gold": self.gold, "system": self.system,
            "strict": self.strict, "relaxed": self.relaxed,
        }
        out.update({f"{name}_ok": self._ok(name) for name in EVENT_ATTRIBUTES})
        for kind in ("strict", "relaxed"):
            out[f"{kind}_precision"] = round(getattr(self, f"{kind}_precision"), 2)
            out[f"{kind}_recall"] = round(getattr(self, f"{kind}_recall"), 2)
            out[f"{kind}_f1"] = round(getattr(self, f"{kind}_f1"), 2)
        for name in EVENT_ATTRIBUTES:
            out[f"{name}_precision"] = round(self.attribute_precision(name), 2)
            out[f"{name}_recall"] = round(self.attribute_recall(name), 2)
            out[f"{name}_f1"] = round(self.attribute_f1(name), 2)
        return out


def _score_document(gold: Document, system: Document) -> EventScores:
    check_pair(gold, system)
    g, s = gold.events, system.events
    strict, relaxed = match_events(g, s)
    out = EventScores(gold=len(g), system=len(s), strict=len(strict), relaxed=len(relaxed),
                      files=1)
    for gi, si in relaxed:
        for name, attr in EVENT_ATTRIBUTES.items():
            if getattr(g[gi], attr) == getattr(s[si], attr):
                setattr(out, f"{name}_ok", getattr(out, f"{name}_ok") + 1)
    return out


def score_events(pairs: Iterable[tuple[Document, Document]]) -> EventScores:
    """Micro-averaged TempEval-3 event scores over ``(gold, system)`` document pairs.

    Both documents of a pair must have the same ``id`` and ``text`` (``ValueError``
    otherwise). Counts are summed over all files before P/R/F1 are computed.
    """
    total = EventScores()
    for gold, system in pairs:
        total.add(_score_document(gold, system))
    return total


_COLUMNS: tuple[tuple[str, str], ...] = (
    ("strict P", "strict_precision"),
    ("strict R", "strict_recall"),
    ("strict F1", "strict_f1"),
    ("relax P", "relaxed_precision"),
    ("relax R", "relaxed_recall"),
    ("relax F1", "relaxed_f1"),
    ("class F1", "class_f1"),
    ("tense F1", "tense_f1"),
    ("aspect F1", "aspect_f1"),
    ("polar F1", "polarity_f1"),
)


def format_event_table(scores: dict[str, EventScores]) -> str:
    """Plain-text table, one row per label, figures in percent with 2 decimals.

    Columns: strict P/R/F1, relaxed P/R/F1, class/tense/aspect/polarity F1, #gold, #system.
    """
    return format_score_table(scores, _COLUMNS)
