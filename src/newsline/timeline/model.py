"""Timeline entries: one dated event each, with who did it, who says so, and where it is said."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newsline.documents.intervals import GRAIN_RANK, calendar_interval


@dataclass
class TimelineEntry:
    """One event of a timeline (fields as in the contract's ``newsline timeline`` JSON)."""

    date: str | None
    event: str
    sentence: str
    doc: str
    offsets: tuple[int, int]
    summary: str = ""
    actors: list[str] = field(default_factory=list)
    source: str | None = None
    start: str | None = None
    end: str | None = None
    grain: str = "unknown"
    inferred: bool = False
    polarity: str = "POS"
    duration: str | None = None
    timex: str | None = None
    sentence_offsets: tuple[int, int] | None = None
    highlights: list[tuple[int, int, str]] = field(default_factory=list)
    #: The event word's lemma and the summary's content words (lemmas): what merging the
    #: reports of one happening compares; not part of the JSON.
    lemma: str = ""
    keywords: frozenset[str] = frozenset()
    #: Every report of this happening, this one first: ``{"doc", "offsets", "source"}``.
    reports: list[dict[str, Any]] = field(default_factory=list)

    def report(self) -> dict[str, Any]:
        """This entry as one report of its happening."""
        return {"doc": self.doc, "offsets": list(self.offsets), "source": self.source}

    def report_docs(self) -> set[str]:
        """The documents that report this happening."""
        return {r["doc"] for r in self.reports} or {self.doc}

    @classmethod
    def anchored(cls, value: str | None, dct: str | None, **fields: Any) -> TimelineEntry:
        """An entry whose start/end/grain are the calendar interval of TIMEX3 ``value``."""
        span = calendar_interval(value, dct)
        start, end = span.iso()
        return cls(date=value, start=start, end=end, grain=span.grain, **fields)

    def sort_key(self) -> tuple[str, int, int]:
        """Start first (else the end; undated last), then finer grain, then text position."""
        return (self.start or self.end or "9999-99-99", GRAIN_RANK.get(self.grain, 99),
                self.offsets[0])

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON object for this entry."""
        out: dict[str, Any] = {
            "date": self.date, "start": self.start, "end": self.end, "event": self.event,
            "summary": self.summary, "sentence": self.sentence, "actors": self.actors,
            "source": self.source, "doc": self.doc, "offsets": list(self.offsets),
            "inferred": self.inferred, "polarity": self.polarity,
        }
        if self.duration:
            out["duration"] = self.duration
        out["reports"] = self.reports or [self.report()]
        return out


def sort_entries(entries: list[TimelineEntry]) -> list[TimelineEntry]:
    """Entries in timeline order (by start, finer granularity first)."""
    return sorted(entries, key=TimelineEntry.sort_key)
