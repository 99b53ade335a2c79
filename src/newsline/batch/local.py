"""The ``local`` engine of ``newsline batch``: a pool of worker processes, each loading the
pipeline once, with a bounded number of chunks in flight; rows are written to Parquet in
input order as chunks come back, so memory stays flat whatever the corpus size."""

from __future__ import annotations

import multiprocessing
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

import pyarrow as pa

from newsline.batch.rows import SCHEMA, annotate_to_batch
from newsline.documents.model import Document
from newsline.store.ingestion import batched

#: Documents per unit of work sent to a worker.
CHUNK = 16
#: Chunks in flight per worker (read ahead of the workers, results waiting to be written).
IN_FLIGHT = 2


def _chunks_in_order(chunks: Iterable[list[Document]], workers: int, only: str | None
                     ) -> Iterator[tuple[int, pa.RecordBatch]]:
    """(documents, rows) per chunk, in input order, from ``workers`` processes (or this
    one, for a single worker)."""
    if workers <= 1:
        for chunk in chunks:
            yield len(chunk), annotate_to_batch(chunk, only)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        pending: deque[tuple[int, Future]] = deque()
        for chunk in chunks:
            pending.append((len(chunk), pool.submit(annotate_to_batch, chunk, only)))
            if len(pending) >= workers * IN_FLIGHT:
                size, future = pending.popleft()
                yield size, future.result()
        while pending:
            size, future = pending.popleft()
            yield size, future.result()


def _progress(quiet: bool):
    from tqdm import tqdm

    return tqdm(unit="doc", desc="newsline batch", disable=quiet or not sys.stderr.isatty(),
                file=sys.stderr)


def run_local(documents: Iterable[Document], out: str | Path, workers: int = 1,
              only: str | None = None, chunk: int = CHUNK, quiet: bool = False) -> int:
    """Annotate ``documents`` with ``workers`` processes and write their rows to the
    Parquet file ``out`` (schema :data:`~newsline.batch.rows.SCHEMA`); returns the number
    of documents. A progress bar shows on a terminal unless ``quiet``."""
    import pyarrow.parquet as pq

    total = 0
    out = Path(out)
    partial = out.with_name(out.name + ".partial")
    try:
        with pq.ParquetWriter(partial, SCHEMA) as writer, _progress(quiet) as bar:
            for size, rows in _chunks_in_order(batched(documents, chunk), workers, only):
                writer.write_batch(rows)
                total += size
                bar.update(size)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(out)
    return total
