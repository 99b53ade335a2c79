"""The whole chain for ``newsline timeline``: timexes, events, links, parse, entries."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from newsline.documents.model import Document
from newsline.events.nlp import load_full_nlp, single_threaded_blas
from newsline.timeline.builder import TimelineBuilder
from newsline.timeline.merge import merge_reports
from newsline.timeline.model import TimelineEntry, sort_entries

#: Documents per ``nlp.pipe`` batch.
BATCH_SIZE = 32


def parse_all(docs: list[Document]) -> list[Any]:
    """One spaCy ``Doc`` per document, from the one pipeline every stage reads."""
    nlp = load_full_nlp()
    with single_threaded_blas():
        return list(nlp.pipe((d.text for d in docs), batch_size=BATCH_SIZE))


def annotate_all(docs: list[Document], parsed: list[Any] | None = None) -> list[Document]:
    """Run every annotation stage over ``docs``: timexes, events, temporal links. With
    ``parsed`` (their spaCy parses, as :func:`parse_all` gives) no text is parsed again."""
    from newsline.events import EventTagger
    from newsline.relations import RelationTagger
    from newsline.timex import TimexTagger

    parsed = parsed if parsed is not None else parse_all(docs)
    timexes = TimexTagger()
    events = EventTagger()
    relations = RelationTagger()
    for doc, sdoc in zip(docs, parsed, strict=True):
        timexes.annotate(doc)
        events.annotate_parsed(doc, sdoc)
        relations.annotate(doc, sdoc)
    return docs


def build_timeline(docs: Iterable[Document], annotate: bool = True) -> list[TimelineEntry]:
    """The sorted timeline of all ``docs`` (annotated first unless ``annotate`` is False).

    Each text is parsed once (spaCy's full pipeline) for the events, relations and
    timeline stages."""
    docs = list(docs)
    parsed = parse_all(docs)
    if annotate:
        annotate_all(docs, parsed)
    builder = TimelineBuilder()
    entries: list[TimelineEntry] = []
    for doc, sdoc in zip(docs, parsed, strict=True):
        entries.extend(builder.build(doc, sdoc))
    return sort_entries(merge_reports(entries))
