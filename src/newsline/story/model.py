"""The story timeline: the dates that matter in many articles and what happened on each.

These are the objects ``newsline story`` writes (see the contract's ``story`` section):
a :class:`Story` holds :class:`StoryEntry` objects sorted by date, each with the
:class:`StorySentence` objects that say what happened that day. Offsets (``start``/``end``)
index the text of the document ``doc`` as ``newsline tag`` gives it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class StorySentence:
    """One sentence of one article; ``reports`` lists the other articles that say the same
    thing (near-duplicates merged into this one), each ``{"doc", "source", "start", "end"}``."""

    text: str
    doc: str
    source: str | None
    start: int
    end: int
    reports: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON object for this sentence."""
        return {
            "text": self.text, "doc": self.doc, "source": self.source,
            "start": self.start, "end": self.end,
            "reports": [dict(report) for report in self.reports],
        }


@dataclass
class StoryEntry:
    """One date of the story: its sentences, how many articles and which outlets report what
    happened that day, and how many references to the date the material holds."""

    date: str
    sentences: list[StorySentence]
    articles: int = 0
    outlets: list[str] = field(default_factory=list)
    mentions: int = 0

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON object for this entry."""
        return {
            "date": self.date,
            "sentences": [s.to_dict() for s in self.sentences],
            "articles": self.articles,
            "outlets": list(self.outlets),
            "mentions": self.mentions,
        }


@dataclass
class Story:
    """The story timeline of a set of articles: title, covered period (``start``/``end``,
    ISO dates, written ``from``/``to`` in JSON), article count, outlets and entries."""

    title: str | None
    start: str | None
    end: str | None
    articles: int = 0
    outlets: list[str] = field(default_factory=list)
    entries: list[StoryEntry] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON object: ``{"story": {...}, "entries": [...]}``."""
        return {
            "story": {
                "title": self.title, "from": self.start, "to": self.end,
                "articles": self.articles, "outlets": list(self.outlets),
            },
            "entries": [e.to_dict() for e in self.entries],
        }
