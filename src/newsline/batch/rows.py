"""The Parquet rows of ``newsline batch``: one row per document, its annotations as nested
lists, named as in the contract's JSON (``newsline tag`` fields, plus the document's
timeline ``entries`` as ``newsline timeline`` gives them, before reports of one happening
by several documents are merged).

Spark users get a table whose rows are the input's documents; ``explode(entries)`` (or
``timexes``, ``events``, ``links``) gives one row per annotation.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pyarrow as pa

from newsline.documents.model import Document
from newsline.timeline.model import TimelineEntry

_SPAN = [("id", pa.string()), ("start", pa.int32()), ("end", pa.int32()),
         ("text", pa.string())]
TIMEX = pa.struct([*_SPAN, ("type", pa.string()), ("value", pa.string()),
                   ("mod", pa.string()), ("quant", pa.string()), ("freq", pa.string())])
EVENT = pa.struct([*_SPAN, ("class", pa.string()), ("tense", pa.string()),
                   ("aspect", pa.string()), ("polarity", pa.string()),
                   ("modality", pa.string()), ("pos", pa.string())])
LINK = pa.struct([("type", pa.string()), ("rel", pa.string()), ("from", pa.string()),
                  ("to", pa.string())])
ENTRY = pa.struct([
    ("date", pa.string()), ("start", pa.date32()), ("end", pa.date32()),
    ("grain", pa.string()), ("event", pa.string()), ("summary", pa.string()),
    ("sentence", pa.string()), ("actors", pa.list_(pa.string())), ("source", pa.string()),
    ("offsets", pa.list_(pa.int32())), ("inferred", pa.bool_()), ("polarity", pa.string()),
    ("duration", pa.string())])

#: One row per document.
SCHEMA = pa.schema([
    ("id", pa.string()), ("dct", pa.date32()), ("title", pa.string()), ("url", pa.string()),
    ("source", pa.string()), ("text", pa.string()),
    ("timexes", pa.list_(TIMEX)), ("events", pa.list_(EVENT)), ("links", pa.list_(LINK)),
    ("entries", pa.list_(ENTRY)),
])


def _day(iso: str | None) -> date | None:
    try:
        return date.fromisoformat(iso[:10]) if iso else None
    except ValueError:
        return None


def _entry(entry: TimelineEntry) -> dict:
    return {"date": entry.date, "start": _day(entry.start), "end": _day(entry.end),
            "grain": entry.grain, "event": entry.event, "summary": entry.summary,
            "sentence": entry.sentence, "actors": list(entry.actors), "source": entry.source,
            "offsets": list(entry.offsets), "inferred": entry.inferred,
            "polarity": entry.polarity, "duration": entry.duration}


def document_row(doc: Document, entries: Sequence[TimelineEntry]) -> dict:
    """The Parquet row of one annotated document."""
    return {
        "id": doc.id, "dct": _day(doc.dct), "title": doc.meta.get("title"),
        "url": doc.meta.get("url"), "source": doc.meta.get("source"), "text": doc.text,
        "timexes": [t.to_dict() for t in doc.timexes],
        "events": [e.to_dict() for e in doc.events],
        "links": [k.to_dict() for k in doc.links],
        "entries": [_entry(e) for e in entries],
    }


def record_batch(docs: Sequence[Document], entries: Sequence[Sequence[TimelineEntry]]
                 ) -> pa.RecordBatch:
    """The rows of annotated ``docs`` (with their entries) as one Arrow record batch."""
    rows = [document_row(d, e) for d, e in zip(docs, entries, strict=True)]
    return pa.RecordBatch.from_pylist(rows, schema=SCHEMA)


def annotate_to_batch(docs: Sequence[Document], only: str | None = None) -> pa.RecordBatch:
    """Annotate ``docs`` (all stages, or ``only`` one) and return their rows: the unit of
    work of every engine."""
    from newsline.batch.annotate import annotate_batch

    return record_batch(docs, annotate_batch(docs, only))
