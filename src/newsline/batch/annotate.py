"""Annotating a batch of documents and building their timeline entries, for ``ingest`` and
``batch``: each text is parsed once, the taggers are built once per process."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

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


@lru_cache(maxsize=1)
def _taggers() -> tuple[Any, Any, Any, Any]:
    from newsline.events import EventTagger
    from newsline.relations import RelationTagger
    from newsline.timeline.builder import TimelineBuilder
    from newsline.timex import TimexTagger

    return TimexTagger(), EventTagger(), RelationTagger(), TimelineBuilder()


@lru_cache(maxsize=1)
def _timex_tagger() -> Any:
    from newsline.timex import TimexTagger

    return TimexTagger()


def annotate_batch(docs: Sequence[Document], only: str | None = None
                   ) -> list[list[TimelineEntry]]:
    """Annotate ``docs`` in place (timexes, events, links) and return each one's timeline
    entries, in document order; with ``only`` just that stage runs and there are no entries."""
    stages_label(only)
    if not docs:
        return []
    if only == "timex":
        tagger = _timex_tagger()
        for doc in docs:
            tagger.annotate(doc)
        return [[] for _ in docs]
    if only == "events":
        from newsline.events.tagger import EventTagger

        EventTagger().annotate_many(list(docs))
        return [[] for _ in docs]
    from newsline.timeline.pipeline import parse_all

    timexes, events, relations, builder = _taggers()
    out = []
    for doc, sdoc in zip(docs, parse_all(list(docs)), strict=True):
        timexes.annotate(doc)
        events.annotate_parsed(doc, sdoc)
        relations.annotate(doc, sdoc)
        out.append(builder.build(doc, sdoc))
    return out
