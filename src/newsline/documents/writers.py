"""Writing Documents out: the contract's JSON and TimeML with the annotations inline."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from newsline.documents.model import Document, Event, Timex

__all__ = ["iter_json", "iter_jsonl", "iter_timeml", "to_json", "to_jsonl", "to_timeml"]

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_TEXT_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}
_ATTR_ESCAPES = {**_TEXT_ESCAPES, '"': "&quot;", "\n": "&#10;", "\t": "&#9;"}
_TEXT_SPECIAL = re.compile("[&<>\r]")
_ATTR_SPECIAL = re.compile("[&<>\r\"\n\t]")
_ROOT = ('<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
         'xsi:noNamespaceSchemaLocation="http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd">')


def to_json(docs: Iterable[Document]) -> str:
    """The contract's JSON: ``{"documents": [...]}`` (indent 2, non-ASCII kept)."""
    return "".join(iter_json(docs))


def iter_json(docs: Iterable[Document]) -> Iterator[str]:
    """The text of :func:`to_json` in pieces, one document at a time as ``docs`` yields
    them, so that no more than one document's JSON is ever held. Nothing is yielded before
    the first document has been read (or ``docs`` has ended)."""
    iterator = iter(docs)
    doc = next(iterator, None)
    yield '{\n  "documents": ['
    if doc is None:
        yield "]\n}"
        return
    separator = "\n"
    while doc is not None:
        # json.dumps escapes newlines inside strings, so every "\n" is between lines
        body = json.dumps(doc.to_dict(), indent=2, ensure_ascii=False)
        yield separator + "    " + body.replace("\n", "\n    ")
        separator = ",\n"
        doc = next(iterator, None)
    yield "\n  ]\n}"


def to_jsonl(doc: Document) -> str:
    """One document as one line of JSON (the contract's fields), newline included."""
    return json.dumps(doc.to_dict(), ensure_ascii=False) + "\n"


def iter_jsonl(docs: Iterable[Document]) -> Iterator[str]:
    """JSON Lines: one document a line, as ``docs`` yields them."""
    for doc in docs:
        yield to_jsonl(doc)


def iter_timeml(docs: Iterable[Document]) -> Iterator[str]:
    """The documents' TimeML one after another (a blank line between), as they come."""
    for number, doc in enumerate(docs):
        yield ("\n" if number else "") + to_timeml(doc)


def _text(value: str) -> str:
    value = _XML_INVALID.sub(" ", value)  # same length, so offsets still hold
    return _TEXT_SPECIAL.sub(lambda m: _TEXT_ESCAPES[m.group()], value)


def _attr(value: object) -> str:
    value = _XML_INVALID.sub(" ", str(value))
    return _ATTR_SPECIAL.sub(lambda m: _ATTR_ESCAPES[m.group()], value)


def _tag(name: str, attrs: dict[str, object], close: bool = False) -> str:
    body = " ".join(f'{k}="{_attr(v)}"' for k, v in attrs.items() if v is not None)
    return f"<{name} {body}{' />' if close else '>'}"


def _fresh_ids(ids: list[str], prefix: str, taken: set[str]) -> list[str]:
    """Keep the given ids; give the empty ones ``<prefix>N`` ids not already taken."""
    taken = taken | {i for i in ids if i}
    out, counter = [], 0
    for given in ids:
        if not given:
            counter += 1
            while f"{prefix}{counter}" in taken:
                counter += 1
            given = f"{prefix}{counter}"
            taken.add(given)
        out.append(given)
    return out


@dataclass(slots=True)
class _Inline:
    start: int
    end: int
    order: int
    ident: str
    open_tag: str
    close_tag: str


def _timex_tag(timex: Timex, tid: str) -> str:
    return _tag("TIMEX3", {"tid": tid, "type": timex.type, "value": timex.value,
                           "mod": timex.mod, "quant": timex.quant, "freq": timex.freq})


def _inline_items(doc: Document, tids: list[str], eids: list[str]) -> list[_Inline]:
    items = [_Inline(t.start, t.end, 0, tid, _timex_tag(t, tid), "</TIMEX3>")
             for t, tid in zip(doc.timexes, tids, strict=True)]
    items += [_Inline(e.start, e.end, 1, eid, _tag("EVENT", {"eid": eid, "class": e.cls}),
                      "</EVENT>") for e, eid in zip(doc.events, eids, strict=True)]
    size = len(doc.text)
    items = [it for it in items if 0 <= it.start < it.end <= size]
    return sorted(items, key=lambda it: (it.start, -it.end, it.order))


def _inline_text(text: str, items: list[_Inline]) -> tuple[str, set[str]]:
    """The escaped text with the elements inline; nested spans nest, crossing ones are skipped.

    Returns the markup and the ids of the elements written.
    """
    out: list[str] = []
    written: set[str] = set()
    stack: list[_Inline] = []
    pos = 0

    def advance(to: int) -> None:
        nonlocal pos
        out.append(_text(text[pos:to]))
        pos = to

    for item in items:
        while stack and stack[-1].end <= item.start:
            done = stack.pop()
            advance(done.end)
            out.append(done.close_tag)
        if stack and item.end > stack[-1].end:
            continue  # crosses an open element: skip it to stay well-formed
        advance(item.start)
        out.append(item.open_tag)
        stack.append(item)
        written.add(item.ident)
    while stack:
        done = stack.pop()
        advance(done.end)
        out.append(done.close_tag)
    advance(len(text))
    return "".join(out), written


def _instance_ids(eids: list[str]) -> dict[str, str]:
    """``eN`` -> ``eiN`` where possible, otherwise a fresh ``eiN``."""
    wanted = [f"ei{e[1:]}" if re.fullmatch(r"e\d+", e) else "" for e in eids]
    seen: set[str] = set()
    for i, w in enumerate(wanted):
        if w in seen:
            wanted[i] = ""
        seen.add(w)
    return dict(zip(eids, _fresh_ids(wanted, "ei", set()), strict=True))


def _makeinstance(event: Event, eid: str, eiid: str) -> str:
    return _tag("MAKEINSTANCE", {
        "eiid": eiid, "eventID": eid, "tense": event.tense, "aspect": event.aspect,
        "polarity": event.polarity, "pos": event.pos, "modality": event.modality or None,
    }, close=True)


def to_timeml(doc: Document) -> str:
    """The document as TimeML 1.2.1: DOCID, DCT (``t0``), TEXT with TIMEX3/EVENT inline,
    then MAKEINSTANCE and TLINK elements.

    Spans that cross an earlier span are left out (and so are their instances and links);
    links whose ends are neither a written timex, a written event nor ``t0`` are left out.
    """
    tids = _fresh_ids([t.id for t in doc.timexes], "t", {"t0"})
    eids = _fresh_ids([e.id for e in doc.events], "e", set())
    body, written = _inline_text(doc.text, _inline_items(doc, tids, eids))
    eiids = _instance_ids(eids)

    lines = ['<?xml version="1.0" ?>', _ROOT, ""]
    lines += [f"<DOCID>{_text(str(doc.meta.get('docid') or doc.id))}</DOCID>", ""]
    if doc.dct:
        dct_tag = _tag("TIMEX3", {"tid": "t0", "type": "DATE", "value": doc.dct,
                                  "temporalFunction": "false",
                                  "functionInDocument": "CREATION_TIME"})
        lines += [f"<DCT>{dct_tag}{_text(doc.dct)}</TIMEX3></DCT>", ""]
    lines += [f"<TEXT>{body}</TEXT>", ""]
    lines += [_makeinstance(e, eid, eiids[eid])
              for e, eid in zip(doc.events, eids, strict=True) if eid in written]

    times = {tid for tid in tids if tid in written} | ({"t0"} if doc.dct else set())
    events = {eid for eid in eids if eid in written}

    def end(ident: str, event_attr: str, time_attr: str) -> dict[str, str] | None:
        if ident in events:
            return {event_attr: eiids[ident]}
        if ident in times:
            return {time_attr: ident}
        return None

    number = 0
    for link in doc.links:
        source = end(link.source, "eventInstanceID", "timeID")
        target = end(link.target, "relatedToEventInstance", "relatedToTime")
        if link.type != "TLINK" or source is None or target is None:
            continue
        number += 1
        lines.append(_tag("TLINK", {"lid": f"l{number}", "relType": link.rel,
                                    **source, **target}, close=True))
    lines += ["", "</TimeML>", ""]
    return "\n".join(lines)
