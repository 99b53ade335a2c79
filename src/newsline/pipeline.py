"""The one place the stages run: timexes, events, temporal links, and timeline entries.

:func:`annotate` is what ``newsline tag``, ``timeline``, ``eval`` and the Python API call.
It is lazy: documents are read from the iterable ``batch_size`` at a time, annotated and
yielded, so a caller can stream a corpus of any size. spaCy is loaded once per process (and
not at all for timexes alone); each batch is parsed once, running only the spaCy components
the requested stages read, and that one parse serves the events, the links and the timeline.

An annotated document carries only what newsline found: layers it brought with it (the gold
annotations of a TimeML file) are moved to ``Document.gold`` before the stages run.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsline.documents.model import Document
from newsline.events.nlp import parse_texts

if TYPE_CHECKING:
    from newsline.timeline.model import TimelineEntry

__all__ = ["BATCH_SIZE", "STAGES", "annotate", "annotate_parsed", "build_timeline",
           "document_timelines", "timeline_entries"]

#: The annotation stages, in the order they run.
STAGES = ("timex", "events", "links")
#: Documents read, parsed and yielded together.
BATCH_SIZE = 32
#: The stages each stage reads the output of.
_NEEDS = {"links": ("timex", "events")}


def resolve_stages(stages: Iterable[str]) -> tuple[str, ...]:
    """``stages`` with the stages they need, in running order; ``ValueError`` for an
    unknown name."""
    wanted = set(stages)
    unknown = wanted - set(STAGES)
    if unknown:
        raise ValueError(f"unknown stage {sorted(unknown)[0]!r}; expected some of "
                         f"{', '.join(STAGES)}")
    for stage in list(wanted):
        wanted.update(_NEEDS.get(stage, ()))
    return tuple(s for s in STAGES if s in wanted)


def annotate(documents: Iterable[Document], stages: Sequence[str] = STAGES, *,
             batch_size: int = BATCH_SIZE, event_model: str | Path | None = None,
             relation_model: str | Path | None = None) -> Iterator[Document]:
    """Annotate ``documents`` lazily, yielding each one (the same object) once its
    ``stages`` ran; ``links`` runs the timex and events stages too.

    Layers a document brought (a TimeML file's gold) move to ``doc.gold``; layers of stages
    not run stay empty. ``event_model``/``relation_model``: other models than the packaged
    ones (paths)."""
    for doc, _parse in annotate_parsed(documents, stages, batch_size=batch_size,
                                       event_model=event_model,
                                       relation_model=relation_model):
        yield doc


def annotate_parsed(documents: Iterable[Document], stages: Sequence[str] = STAGES, *,
                    batch_size: int = BATCH_SIZE, for_timeline: bool = False,
                    event_model: str | Path | None = None,
                    relation_model: str | Path | None = None,
                    ) -> Iterator[tuple[Document, Any]]:
    """As :func:`annotate`, yielding ``(document, spaCy Doc)`` pairs: the parse the stages
    read (None when no stage parsed), with named entities when ``for_timeline``."""
    stages = resolve_stages(stages)
    runner = None  # models are loaded once the first batch is read (bad input fails first)
    it = iter(documents)
    while batch := list(islice(it, max(1, batch_size))):
        runner = runner or _Runner(stages, for_timeline, event_model, relation_model)
        for doc in batch:
            set_gold_apart(doc)
        yield from zip(batch, runner.run(batch), strict=True)


def document_timelines(documents: Iterable[Document], *, annotate: bool = True,
                       batch_size: int = BATCH_SIZE,
                       ) -> Iterator[tuple[Document, list[TimelineEntry]]]:
    """Each document (annotated unless ``annotate`` is False: then its own layers, gold or
    an earlier run's, are used and only the parse is made) with its timeline entries, from
    one parse per text."""
    from newsline.timeline.builder import TimelineBuilder

    builder = TimelineBuilder()
    pairs = (annotate_parsed(documents, batch_size=batch_size, for_timeline=True)
             if annotate else _parsed_as_is(documents, batch_size))
    for doc, parse in pairs:
        yield doc, builder.build(doc, parse)


def timeline_entries(documents: Iterable[Document], *, annotate: bool = True,
                     batch_size: int = BATCH_SIZE) -> Iterator[TimelineEntry]:
    """The timeline entries of each document in turn (not sorted across documents; see
    :func:`document_timelines`)."""
    for _doc, entries in document_timelines(documents, annotate=annotate,
                                            batch_size=batch_size):
        yield from entries


def build_timeline(documents: Iterable[Document], *, annotate: bool = True,
                   batch_size: int = BATCH_SIZE) -> list[TimelineEntry]:
    """The sorted timeline of all ``documents`` (see :func:`timeline_entries`), the reports
    of one happening by several documents merged into one entry."""
    from newsline.timeline.merge import merge_reports
    from newsline.timeline.model import sort_entries

    return sort_entries(merge_reports(list(timeline_entries(documents, annotate=annotate,
                                                            batch_size=batch_size))))


def set_gold_apart(doc: Document) -> None:
    """Move the layers ``doc`` brought with it to ``doc.gold`` (once: a document annotated
    before keeps its gold) and empty them for the stages."""
    if doc.gold is None and (doc.timexes or doc.events or doc.links):
        doc.gold = Document(id=doc.id, text=doc.text, dct=doc.dct, timexes=doc.timexes,
                            events=doc.events, links=doc.links)
    doc.timexes, doc.events, doc.links = [], [], []


def _parsed_as_is(documents: Iterable[Document], batch_size: int,
                  ) -> Iterator[tuple[Document, Any]]:
    it = iter(documents)
    while batch := list(islice(it, max(1, batch_size))):
        yield from zip(batch, _parse(batch, "timeline"), strict=True)


def _parse(batch: list[Document], consumer: str | None) -> list[Any]:
    """The parses of ``batch`` for ``consumer`` (see :data:`~newsline.events.nlp.COMPONENTS`);
    Nones when there is no consumer."""
    if consumer is None:
        return [None] * len(batch)
    return parse_texts([d.text for d in batch], consumer, len(batch))


class _Runner:
    """The taggers of the requested stages, loaded once per :func:`annotate_parsed` call
    (their models once per process)."""

    def __init__(self, stages: tuple[str, ...], for_timeline: bool,
                 event_model: str | Path | None, relation_model: str | Path | None) -> None:
        self.stages = stages
        self.consumer = ("timeline" if for_timeline else "links" if "links" in stages
                         else "events" if "events" in stages else None)
        self.timexes = self.events = self.relations = None
        if "timex" in stages:
            from newsline.timex import TimexTagger

            self.timexes = TimexTagger()
        if "events" in stages:
            from newsline.events.tagger import EventTagger

            self.events = EventTagger(event_model)
        if "links" in stages:
            from newsline.relations.tagger import RelationTagger

            self.relations = RelationTagger(relation_model)

    def run(self, batch: list[Document]) -> list[Any]:
        """Annotate ``batch`` in place; returns its parses (Nones without a parse)."""
        parses = _parse(batch, self.consumer)
        for doc, parse in zip(batch, parses, strict=True):
            if self.timexes is not None:
                self.timexes.annotate(doc)
            if self.events is not None:
                self.events.annotate_parsed(doc, parse)
            if self.relations is not None:
                self.relations.annotate(doc, parse)
        return parses
