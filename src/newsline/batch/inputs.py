"""The inputs of ``newsline batch``: every input the other commands read, and Parquet files
of articles (a row per article, with the fields of the contract's JSON records: ``text``,
``date`` or ``published``, and optionally ``id``, ``title``, ``url``, ``source``)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from newsline.documents import iter_documents
from newsline.documents._common import date_part, resolve_dct
from newsline.documents.model import Document
from newsline.documents.readers import iter_file, skip_or_raise
from newsline.errors import InputError

PARQUET = ".parquet"
#: Rows read from a Parquet input at a time.
PARQUET_BATCH = 256


def record_document(record: dict[str, Any], name: str, default_id: str,
                    dct: str | None = None) -> Document:
    """A Document from an article record (a Parquet row): ``text`` required, the date from
    ``dct``, else ``date`` or ``published``; ``id`` else ``default_id``."""
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(name, f"row {default_id!r}: 'text' must be a non-empty string")
    if dct is None:
        for key in ("date", "published"):
            value = record.get(key)
            if isinstance(value, datetime | date):
                value = value.isoformat()
            if value in (None, ""):
                continue
            dct = date_part(value) if isinstance(value, str) else None
            if dct is None:
                raise InputError(name, f"row {default_id!r}: bad {key!r} value {value!r}")
            break
    if dct is None:
        raise InputError(name, f"row {default_id!r}: no publication date (add a 'date' "
                               "column or pass --dct)")
    doc_id = str(record["id"]) if record.get("id") not in (None, "") else default_id
    meta = {k: str(record[k]) for k in ("title", "url", "source")
            if record.get(k) not in (None, "")}
    return Document(id=doc_id, text=text, dct=dct, meta=meta)


def iter_parquet(path: str | Path, dct: str | None = None) -> Iterator[Document | InputError]:
    """The articles of a Parquet file, read a few hundred rows at a time; a row's id is its
    ``id`` column, else ``<file stem>:<row number>`` (from 1)."""
    import pyarrow.parquet as pq

    name = str(path)
    try:
        reader = pq.ParquetFile(path)
    except (OSError, ValueError) as err:
        yield InputError(name, f"cannot read Parquet: {' '.join(str(err).split())}")
        return
    if "text" not in reader.schema_arrow.names:
        yield InputError(name, "no 'text' column")
        return
    number = 0
    stem = PurePosixPath(name).stem
    for batch in reader.iter_batches(batch_size=PARQUET_BATCH):
        for record in batch.to_pylist():
            number += 1
            try:
                yield record_document(record, name, f"{stem}:{number}", dct)
            except InputError as err:
                yield err


def iter_inputs(paths: Iterable[str], dct: str | None = None, keep_going: bool = False,
                on_error: Callable[[InputError], object] | None = None) -> Iterator[Document]:
    """The documents of every input in order, read lazily: Parquet files (``.parquet``) and
    whatever :func:`~newsline.documents.iter_documents` reads."""
    dct = resolve_dct(dct)
    for path in paths:
        if not str(path).lower().endswith(PARQUET):
            yield from iter_documents([path], dct=dct, keep_going=keep_going,
                                      on_error=on_error)
            continue
        yield from skip_or_raise(iter_parquet(path, dct), keep_going, on_error)


def file_documents(name: str, content: bytes, dct: str | None = None
                   ) -> Iterator[Document | InputError]:
    """The documents of one input file given as bytes (as Spark reads files), parsed by the
    same readers as a local file: ids and errors are the same, errors name ``name``."""
    base = PurePosixPath(name).name
    with tempfile.TemporaryDirectory(prefix="newsline-") as folder:
        local = Path(folder) / base
        local.write_bytes(content)
        for item in iter_file(local, dct):
            if isinstance(item, InputError):
                yield InputError(name, item.problem)
            else:
                yield item
