"""``newsline ingest``: annotate articles and write them into the store, a batch at a time.

Each batch is read lazily, annotated without holding the store, then written in one
transaction under the store's lock: a killed ingest leaves every batch either stored whole
or not at all, and running it again stores the rest. Documents are keyed by content
(:func:`~newsline.store.rows.content_key`): one already stored (with the same stages) is
neither annotated nor stored again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TypeVar

from newsline.batch.annotate import annotate_batch, covers, stages_label
from newsline.documents.model import Document
from newsline.store.rows import content_key
from newsline.store.store import Store

#: Documents per batch (and per transaction).
BATCH_SIZE = 64

T = TypeVar("T")


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Successive lists of up to ``size`` items, read lazily."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


@dataclass
class IngestReport:
    """What an ingest did: documents read, newly stored (or re-annotated), already stored."""

    read: int = 0
    stored: int = 0
    skipped: int = 0


def ingest(documents: Iterable[Document], db: str | Path, only: str | None = None,
           batch_size: int = BATCH_SIZE, wait: float | None = None,
           on_batch: Callable[[IngestReport], object] | None = None) -> IngestReport:
    """Annotate ``documents`` (all stages, or ``only`` one) and store them in ``db``,
    ``batch_size`` at a time, one transaction each; ``wait``: seconds to wait for the
    store's lock (None: as long as it takes). ``on_batch`` is called after each batch."""
    stages = stages_label(only)
    with Store.open(db, wait=wait) as store:  # creates or migrates it
        known = store.stored_stages()
    report = IngestReport()
    for batch in batched(documents, batch_size):
        report.read += len(batch)
        todo: dict[str, Document] = {}
        for doc in batch:
            key = content_key(doc)
            if covers(known.get(key), stages) or key in todo:
                report.skipped += 1
            else:
                todo[key] = doc
        if todo:
            docs = list(todo.values())
            entries = annotate_batch(docs, only)
            with Store.open(db, wait=wait) as store:
                written = store.write(zip(todo, docs, entries, strict=True), stages)
            report.stored += written
            report.skipped += len(todo) - written
            known.update(dict.fromkeys(todo, stages))
        if on_batch:
            on_batch(report)
    if report.stored:
        with Store.open(db, wait=wait) as store:
            store.sort_entries()
    return report
