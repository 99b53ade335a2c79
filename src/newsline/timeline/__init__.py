"""Document and story timelines: dated entries and their outputs."""

from newsline.timeline.model import TimelineEntry, sort_entries

__all__ = ["TimelineEntry", "sort_entries"]
