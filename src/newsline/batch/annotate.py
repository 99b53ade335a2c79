"""Annotating a batch of documents and building their timeline entries, for ``ingest`` and
``batch``: each text is parsed once, the taggers are built once per process."""

from __future__ import annotations

from collections.abc import Sequence

from newsline.documents.model import Document
from newsline.timeline.model import TimelineEntry

#: ``--only`` values: one stage alone (as ``newsline tag --only``); None runs them all.
STAGES = ("timex", "events")
#: What a document annotated with ``only`` carries, as stored in the ``stages`` column.
FULL = "timex,events,links,timeline"


def stages_label(only: str | None) -> str:
    """The comma-separated stages that ``only`` runs (``FULL`` for the whole pipeline)."""
    if only not in (None, *STAGES):
        raise ValueError(f"unknown stage {only!r}; expected one of {', '.join(STAGES)}")
    return only or FULL


def covers(stored: str | None, wanted: str) -> bool:
    """Whether a document annotated with ``stored`` stages needs no ``wanted`` run."""
    return stored is not None and stored in (wanted, FULL)


def annotate_batch(docs: Sequence[Document], only: str | None = None
                   ) -> list[list[TimelineEntry]]:
    """Annotate ``docs`` in place (timexes, events, links) and return each one's timeline
    entries, in document order; with ``only`` just that stage runs and there are no entries
    (both through :mod:`newsline.pipeline`)."""
    from newsline.pipeline import annotate, document_timelines

    stages_label(only)
    if only:
        for _doc in annotate(docs, (only,), batch_size=max(len(docs), 1)):
            pass
        return [[] for _ in docs]
    return [entries for _doc, entries
            in document_timelines(docs, batch_size=max(len(docs), 1))]
