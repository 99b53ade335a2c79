"""The document model: one text, its creation date and annotation layers over it.

Offsets are character offsets into ``Document.text`` (end exclusive) everywhere.
Stages read a Document and add to its layers; none rewrites another stage's layer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Timex:
    """A TIMEX3 time expression: span, type (DATE/TIME/DURATION/SET), value and mod."""

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None
    id: str = ""
    quant: str | None = None
    freq: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON object for this timex."""
        out: dict[str, Any] = {
            "id": self.id, "start": self.start, "end": self.end, "text": self.text,
            "type": self.type, "value": self.value, "mod": self.mod,
        }
        if self.quant:
            out["quant"] = self.quant
        if self.freq:
            out["freq"] = self.freq
        return out


@dataclass(slots=True)
class Event:
    """A TimeML EVENT mention with its attributes."""

    start: int
    end: int
    text: str
    cls: str = "OCCURRENCE"
    tense: str = "NONE"
    aspect: str = "NONE"
    polarity: str = "POS"
    modality: str | None = None
    pos: str = "OTHER"
    id: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON object for this event."""
        return {
            "id": self.id, "start": self.start, "end": self.end, "text": self.text,
            "class": self.cls, "tense": self.tense, "aspect": self.aspect,
            "polarity": self.polarity, "modality": self.modality, "pos": self.pos,
        }


@dataclass(slots=True)
class Link:
    """A temporal link (TLINK) between events/timexes; ``t0`` names the DCT."""

    rel: str
    source: str
    target: str
    type: str = "TLINK"

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON object for this link."""
        return {"type": self.type, "rel": self.rel, "from": self.source, "to": self.target}


@dataclass
class Document:
    """One article: id, text, document creation time (ISO date) and annotation layers.

    ``gold``: the layers the input brought (a TimeML file's annotations), set apart by the
    pipeline so that the layers hold only what newsline found; None when there were none.
    """

    id: str
    text: str
    dct: str | None = None
    timexes: list[Timex] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    gold: Document | None = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON object for this document."""
        out: dict[str, Any] = {
            "id": self.id, "dct": self.dct, "text": self.text,
            "timexes": [t.to_dict() for t in self.timexes],
        }
        if self.events:
            out["events"] = [e.to_dict() for e in self.events]
        if self.links:
            out["links"] = [link.to_dict() for link in self.links]
        for key in ("title", "url", "source"):
            if self.meta.get(key):
                out[key] = self.meta[key]
        return out
