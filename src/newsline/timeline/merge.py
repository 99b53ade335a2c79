"""One entry per happening across documents: the same event reported by several articles.

Two entries from different documents are one happening when they cover the same calendar
interval and say the same thing: the same event word with an actor or some content words in
common, or mostly the same content words whatever the event word. The first report stays the
entry (``doc``, ``offsets``); every report is listed in ``reports``.
"""

from __future__ import annotations

from collections.abc import Iterable

from newsline.timeline.model import TimelineEntry

#: Share of content words two summaries must have in common (Jaccard) to be one happening
#: when their event words are the same, and when they differ.
SAME_EVENT_OVERLAP = 0.2
ANY_EVENT_OVERLAP = 0.5


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def same_happening(first: TimelineEntry, second: TimelineEntry) -> bool:
    """Whether two entries of the same interval report one happening."""
    if first.polarity != second.polarity:
        return False
    overlap = _overlap(first.keywords, second.keywords)
    if first.lemma and first.lemma == second.lemma:
        return overlap >= SAME_EVENT_OVERLAP or bool(set(first.actors) & set(second.actors))
    return overlap >= ANY_EVENT_OVERLAP


def merge_reports(entries: Iterable[TimelineEntry]) -> list[TimelineEntry]:
    """``entries`` (in input order) with the reports of one happening by several documents
    merged into its first report; each kept entry lists all its reports."""
    buckets: dict[tuple[str | None, str | None, bool], list[TimelineEntry]] = {}
    merged: list[TimelineEntry] = []
    for entry in entries:
        if not entry.reports:
            entry.reports = [entry.report()]
        key = (entry.start, entry.end, entry.inferred)
        bucket = buckets.setdefault(key, [])
        host = next((kept for kept in bucket if kept.doc != entry.doc
                     and entry.doc not in kept.report_docs()
                     and same_happening(kept, entry)), None)
        if host is None:
            bucket.append(entry)
            merged.append(entry)
            continue
        host.reports.extend(entry.reports)
        host.actors.extend(a for a in entry.actors if a not in host.actors)
        host.keywords = host.keywords | entry.keywords
    return merged
