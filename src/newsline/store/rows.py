"""Between newsline's objects and the store's rows: documents, annotations and timeline
entries to Arrow tables (one per store table, written in one statement each), and rows back
to Documents and entries."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

import pyarrow as pa

from newsline.documents.model import Document, Event, Link, Timex
from newsline.timeline.model import TimelineEntry


@dataclass
class StoredEntry(TimelineEntry):
    """A timeline entry read from the store, with its article's outlet."""

    outlet: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The contract's entry object, plus the article's ``outlet``."""
        out = super().to_dict()
        out["outlet"] = self.outlet
        return out


def content_key(doc: Document) -> str:
    """The store's key of a document: sha256 of its text, date and outlet, so that the same
    article read twice (under any id) is stored once."""
    payload = json.dumps([doc.text, doc.dct, doc.meta.get("source")], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _day(iso: str | None) -> date | None:
    if not iso:
        return None
    try:
        return date.fromisoformat(iso[:10])
    except ValueError:
        return None


_HIGHLIGHT = pa.list_(pa.struct([("start_offset", pa.int32()), ("end_offset", pa.int32()),
                                 ("kind", pa.string())]))
_TYPES = {"dct": pa.date32(), "sort_date": pa.date32(), "start_date": pa.date32(),
          "end_date": pa.date32(), "actors": pa.list_(pa.string()),
          "keywords": pa.list_(pa.string()), "highlights": _HIGHLIGHT,
          "inferred": pa.bool_(), "seq": pa.int32(), "start_offset": pa.int32(),
          "end_offset": pa.int32(), "sentence_start": pa.int32(), "sentence_end": pa.int32()}


def _table(rows: list[dict[str, Any]], columns: list[str]) -> pa.Table:
    arrays = [pa.array([row[c] for row in rows], type=_TYPES.get(c, pa.string()))
              for c in columns]
    return pa.Table.from_arrays(arrays, names=columns)


DOCUMENT_COLUMNS = ["doc_key", "id", "text", "dct", "title", "url", "source", "stages"]
TIMEX_COLUMNS = ["doc_key", "tid", "start_offset", "end_offset", "text", "type", "value",
                 "mod", "quant", "freq"]
EVENT_COLUMNS = ["doc_key", "eid", "start_offset", "end_offset", "text", "class", "tense",
                 "aspect", "polarity", "modality", "pos"]
LINK_COLUMNS = ["doc_key", "type", "rel", "source", "target"]
ENTRY_COLUMNS = ["doc_key", "seq", "doc", "outlet", "sort_date", "date", "start_date",
                 "end_date", "grain", "event", "summary", "sentence", "actors", "source",
                 "start_offset", "end_offset", "inferred", "polarity", "duration", "timex",
                 "sentence_start", "sentence_end", "highlights", "lemma", "keywords"]


def _entry_row(key: str, seq: int, doc: Document, entry: TimelineEntry) -> dict[str, Any]:
    sentence = entry.sentence_offsets or (None, None)
    return {
        "doc_key": key, "seq": seq, "doc": entry.doc, "outlet": doc.meta.get("source"),
        "sort_date": _day(entry.start or entry.end), "date": entry.date,
        "start_date": _day(entry.start), "end_date": _day(entry.end), "grain": entry.grain,
        "event": entry.event, "summary": entry.summary, "sentence": entry.sentence,
        "actors": list(entry.actors), "source": entry.source,
        "start_offset": entry.offsets[0], "end_offset": entry.offsets[1],
        "inferred": entry.inferred, "polarity": entry.polarity, "duration": entry.duration,
        "timex": entry.timex, "sentence_start": sentence[0], "sentence_end": sentence[1],
        "highlights": [{"start_offset": s, "end_offset": e, "kind": k}
                       for s, e, k in entry.highlights],
        "lemma": entry.lemma, "keywords": sorted(entry.keywords),
    }


def batch_tables(items: list[tuple[str, Document, list[TimelineEntry]]], stages: str
                 ) -> dict[str, pa.Table]:
    """One Arrow table per store table for ``(key, document, entries)`` triples."""
    docs, timexes, events, links, entries = [], [], [], [], []
    for key, doc, doc_entries in items:
        docs.append({"doc_key": key, "id": doc.id, "text": doc.text, "dct": _day(doc.dct),
                     "title": doc.meta.get("title"), "url": doc.meta.get("url"),
                     "source": doc.meta.get("source"), "stages": stages})
        timexes += [{"doc_key": key, "tid": t.id, "start_offset": t.start,
                     "end_offset": t.end, "text": t.text, "type": t.type, "value": t.value,
                     "mod": t.mod, "quant": t.quant, "freq": t.freq} for t in doc.timexes]
        events += [{"doc_key": key, "eid": e.id, "start_offset": e.start, "end_offset": e.end,
                    "text": e.text, "class": e.cls, "tense": e.tense, "aspect": e.aspect,
                    "polarity": e.polarity, "modality": e.modality, "pos": e.pos}
                   for e in doc.events]
        links += [{"doc_key": key, "type": k.type, "rel": k.rel, "source": k.source,
                   "target": k.target} for k in doc.links]
        entries += [_entry_row(key, i, doc, e) for i, e in enumerate(doc_entries)]
    return {"documents": _table(docs, DOCUMENT_COLUMNS),
            "timexes": _table(timexes, TIMEX_COLUMNS),
            "events": _table(events, EVENT_COLUMNS),
            "links": _table(links, LINK_COLUMNS),
            "entries": _table(entries, ENTRY_COLUMNS)}


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def entry_from_row(row: dict[str, Any]) -> StoredEntry:
    """A StoredEntry from an ``entries`` row."""
    sentence = (row["sentence_start"], row["sentence_end"])
    return StoredEntry(
        date=row["date"], event=row["event"], sentence=row["sentence"], doc=row["doc"],
        offsets=(row["start_offset"], row["end_offset"]), summary=row["summary"] or "",
        actors=list(row["actors"] or []), source=row["source"],
        start=_iso(row["start_date"]), end=_iso(row["end_date"]), grain=row["grain"],
        inferred=bool(row["inferred"]), polarity=row["polarity"], duration=row["duration"],
        timex=row["timex"], sentence_offsets=None if sentence[0] is None else sentence,
        highlights=[(h["start_offset"], h["end_offset"], h["kind"])
                    for h in row["highlights"] or []],
        lemma=row["lemma"] or "", keywords=frozenset(row["keywords"] or ()),
        outlet=row["outlet"])


def document_from_rows(doc: dict[str, Any], timexes: list[dict[str, Any]],
                       events: list[dict[str, Any]], links: list[dict[str, Any]]) -> Document:
    """A Document with its stored layers; ``meta`` keeps title, url, source and the key."""
    meta = {k: doc[k] for k in ("title", "url", "source") if doc.get(k)}
    meta["doc_key"] = doc["doc_key"]
    return Document(
        id=doc["id"], text=doc["text"], dct=_iso(doc["dct"]), meta=meta,
        timexes=[Timex(start=t["start_offset"], end=t["end_offset"], text=t["text"],
                       type=t["type"], value=t["value"], mod=t["mod"], id=t["tid"],
                       quant=t["quant"], freq=t["freq"]) for t in timexes],
        events=[Event(start=e["start_offset"], end=e["end_offset"], text=e["text"],
                      cls=e["class"], tense=e["tense"], aspect=e["aspect"],
                      polarity=e["polarity"], modality=e["modality"], pos=e["pos"],
                      id=e["eid"]) for e in events],
        links=[Link(rel=k["rel"], source=k["source"], target=k["target"], type=k["type"])
               for k in links])
