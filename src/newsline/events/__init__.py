"""TimeML EVENT recognition: spans, classes and MAKEINSTANCE attributes.

``EventTagger`` finds events with a linear model over spaCy token features (see
``docs/events.md``); ``train_events`` trains that model from TimeML gold. Both are
imported lazily, so that importing this package loads neither spaCy nor numpy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsline.events.tagger import EventTagger
    from newsline.events.train import train_events

__all__ = ["EventTagger", "train_events"]


def __getattr__(name: str) -> Any:
    if name == "EventTagger":
        from newsline.events.tagger import EventTagger

        return EventTagger
    if name == "train_events":
        from newsline.events.train import train_events

        return train_events
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
