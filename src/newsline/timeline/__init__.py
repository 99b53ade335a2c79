"""Document and story timelines: dated entries and their outputs.

The package is callable: ``newsline.timeline(documents, dct=None)`` builds the chronology
of texts or Documents (:func:`newsline.api.timeline`).
"""

import sys
from types import ModuleType
from typing import Any

from newsline.timeline.model import TimelineEntry, sort_entries

__all__ = ["TimelineEntry", "sort_entries"]


class _CallableTimeline(ModuleType):
    """This package, callable as :func:`newsline.api.timeline`."""

    def __call__(self, documents: Any, dct: str | None = None) -> list[TimelineEntry]:
        """The sorted timeline of ``documents`` (see :func:`newsline.api.timeline`)."""
        from newsline.api import timeline

        return timeline(documents, dct)


sys.modules[__name__].__class__ = _CallableTimeline
