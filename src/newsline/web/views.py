"""What the pages show, computed in Python: the article text cut into plain and highlighted
pieces, and timeline entries placed on a time axis. Templates only print these (Jinja2
escapes every piece of text)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from newsline.documents import Document

#: How a timex type reads in a tooltip.
_TYPE_WORDS = {"DATE": "date", "TIME": "time", "DURATION": "duration", "SET": "set"}


@dataclass
class Piece:
    """A run of the article text; ``kind`` is None (plain), ``timex`` or ``event``."""

    text: str
    kind: str | None = None
    tip: str = ""
    anchor: str = ""
    start: int = 0
    entry: int | None = None


@dataclass
class AxisEntry:
    """One timeline entry with its place on the axis (``left`` in percent, None when the
    entry has no calendar date)."""

    index: int
    entry: Any
    label: str
    left: float | None
    anchor: str
    classes: list[str] = field(default_factory=list)


def event_anchor(start: int) -> str:
    """The id of the highlighted event starting at ``start`` in the article text."""
    return f"ev-{start}"


def pieces(doc: Document, entries: list[Any] = ()) -> list[Piece]:
    """The document text as plain and highlighted pieces, in order (overlapping spans:
    the first to start wins, a time expression before an event at the same place)."""
    in_timeline = {}
    for index, entry in enumerate(entries):
        if entry.doc == doc.id:
            in_timeline.setdefault(entry.offsets[0], (index, entry))
    spans = []
    for timex in doc.timexes:
        value = timex.value + (f" ({timex.mod.lower()})" if timex.mod else "")
        spans.append((timex.start, 0, timex.end, "timex",
                      f"{_TYPE_WORDS.get(timex.type, timex.type.lower())}: {value}", None))
    for event in doc.events:
        tip = f"event: {event.cls.lower().replace('_', ' ')}"
        if event.tense not in ("NONE", None):
            tip += f", {event.tense.lower().replace('_', ' ')}"
        if event.polarity == "NEG":
            tip += ", negated"
        hit = in_timeline.get(event.start)
        if hit is not None:
            tip += f"; on the timeline: {hit[1].date or 'undated'}"
        spans.append((event.start, 1, event.end, "event", tip,
                      hit[0] if hit is not None else None))
    out: list[Piece] = []
    cursor = 0
    for start, _order, end, kind, tip, entry in sorted(spans):
        if start < cursor or end <= start or end > len(doc.text):
            continue
        if start > cursor:
            out.append(Piece(doc.text[cursor:start], start=cursor))
        anchor = event_anchor(start) if kind == "event" else f"tx-{start}"
        out.append(Piece(doc.text[start:end], kind, tip, anchor, start, entry))
        cursor = end
    if cursor < len(doc.text):
        out.append(Piece(doc.text[cursor:], start=cursor))
    return out


def _ordinal(iso: str | None) -> int | None:
    if not iso:
        return None
    try:
        return date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return None


def axis(entries: list[Any], label: Any) -> tuple[list[AxisEntry], list[dict[str, Any]]]:
    """Entries placed on a time axis (by their start, else their end) and the axis's
    labels (first and last date, and each new year between)."""
    points = [_ordinal(e.start) or _ordinal(e.end) for e in entries]
    dated = [p for p in points if p is not None]
    low, high = (min(dated), max(dated)) if dated else (0, 0)
    span = max(high - low, 1)
    placed = []
    for index, (entry, point) in enumerate(zip(entries, points, strict=True)):
        left = None if point is None else round(100 * (point - low) / span, 2)
        classes = []
        if getattr(entry, "inferred", False):
            classes.append("inferred")
        if getattr(entry, "polarity", "POS") == "NEG":
            classes.append("neg")
        placed.append(AxisEntry(index, entry, label(entry), left,
                                event_anchor(entry.offsets[0]), classes))
    return placed, _ticks(low, high) if dated else []


def _ticks(low: int, high: int, gap: float = 16.0) -> list[dict[str, Any]]:
    """Axis labels between two day ordinals: the ends (days when the span is under a year,
    else years) and each new year between, none closer than ``gap`` percent to another."""
    first, last = date.fromordinal(low), date.fromordinal(high)
    span = max(high - low, 1)
    by_year = high - low > 366
    ends = [(0.0, str(first.year) if by_year else first.isoformat())]
    if high != low:
        ends.append((100.0, str(last.year) if by_year else last.isoformat()))
    middle = [(round(100 * (date(year, 1, 1).toordinal() - low) / span, 2), str(year))
              for year in range(first.year + 1, last.year + 1)]
    kept = [ends[0]]
    for left, text in middle:
        if left - kept[-1][0] >= gap and ends[-1][0] - left >= gap and text != ends[-1][1]:
            kept.append((left, text))
    if len(ends) > 1:
        kept.append(ends[-1])
    return [{"left": left, "text": text} for left, text in kept]


class _Dated:
    """A story entry as :func:`axis` reads it: its date's first day, no offsets."""

    def __init__(self, entry: Any) -> None:
        from newsline.documents.intervals import calendar_interval

        self.entry = entry
        self.date = entry.date
        self.start = self.end = calendar_interval(entry.date).iso()[0]
        self.offsets = (0, 0)


def story_axis(entries: list[Any]) -> tuple[list[AxisEntry], list[dict[str, Any]]]:
    """Story entries (``date``: a day or a coarser TIMEX3 value) placed on a time axis by
    the first day of their date, labelled with readable dates."""
    from newsline.timeline.display import readable_date

    placed, ticks = axis([_Dated(e) for e in entries], lambda d: readable_date(d.date))
    for item in placed:
        item.entry = item.entry.entry
    return placed, ticks


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def paragraphs(run: list[Piece]) -> list[list[Piece]]:
    """The pieces grouped into paragraphs: plain text is cut at blank lines (a highlight
    stays whole in the paragraph where it starts); empty paragraphs are dropped."""
    out: list[list[Piece]] = [[]]
    for piece in run:
        if piece.kind is not None:
            out[-1].append(piece)
            continue
        position = 0
        for match in _PARAGRAPH_BREAK.finditer(piece.text):
            out[-1].append(Piece(piece.text[position:match.start()],
                                 start=piece.start + position))
            out.append([])
            position = match.end()
        out[-1].append(Piece(piece.text[position:], start=piece.start + position))
    return [[p for p in para if p.text] for para in out
            if any(p.text.strip() for p in para)]
