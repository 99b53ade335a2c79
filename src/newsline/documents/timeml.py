"""Reading TimeML: the plain text of ``<TEXT>`` with its gold TIMEX3, EVENT and TLINK layers."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from newsline.documents._common import check_date, one_line
from newsline.documents.model import Document, Event, Link, Timex
from newsline.errors import InputError

CREATION_TIME = "CREATION_TIME"
_SENTENCE_TAGS = frozenset({"s"})  # sentence elements some corpora put in <TEXT>


@dataclass(slots=True)
class _Span:
    element: ET.Element
    start: int
    end: int


class _TextWalker:
    """Concatenates the text and tails under ``<TEXT>``, noting where each element lies."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.spans: list[_Span] = []

    def add(self, chunk: str | None) -> None:
        if chunk:
            self.parts.append(chunk)
            self.length += len(chunk)

    def walk_children(self, element: ET.Element) -> None:
        self.add(element.text)
        for child in element:
            start = self.length
            self.walk_children(child)
            self.spans.append(_Span(child, start, self.length))
            if _local(child.tag) in _SENTENCE_TAGS and not (child.tail or "")[:1].isspace():
                self.add("\n")  # <s>...</s><s>...</s>: sentences do not run together
            self.add(child.tail)


def _local(tag: object) -> str:
    """The tag name without any ``{namespace}`` prefix."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _find(root: ET.Element, name: str) -> ET.Element | None:
    return next((el for el in root.iter() if _local(el.tag) == name), None)


def _iter(root: ET.Element, name: str) -> list[ET.Element]:
    return [el for el in root.iter() if _local(el.tag) == name]


def _opt(element: ET.Element, attr: str) -> str | None:
    value = element.get(attr)
    return value if value else None


def _dct(root: ET.Element, path: str) -> str | None:
    for timex in _iter(root, "TIMEX3"):
        if timex.get("functionInDocument") == CREATION_TIME:
            value = (timex.get("value") or "").strip()
            day = check_date(value[:10])
            if day is None:
                raise InputError(path, f"bad creation time value {value!r} (expected YYYY-MM-DD)")
            return day
    return None


def _timex(span: _Span, text: str) -> Timex:
    el = span.element
    return Timex(
        start=span.start, end=span.end, text=text[span.start:span.end],
        type=el.get("type", ""), value=el.get("value", ""), mod=_opt(el, "mod"),
        id=el.get("tid", ""), quant=_opt(el, "quant"), freq=_opt(el, "freq"),
    )


def _event(span: _Span, text: str, instance: ET.Element | None) -> Event:
    el = span.element
    event = Event(
        start=span.start, end=span.end, text=text[span.start:span.end],
        cls=el.get("class") or "OCCURRENCE", id=el.get("eid", ""),
    )
    if instance is not None:
        event.tense = instance.get("tense") or event.tense
        event.aspect = instance.get("aspect") or event.aspect
        event.polarity = instance.get("polarity") or event.polarity
        event.modality = _opt(instance, "modality")
        event.pos = instance.get("pos") or event.pos
    return event


def _links(root: ET.Element, instance_event: dict[str, str]) -> list[Link]:
    links: list[Link] = []
    for tlink in _iter(root, "TLINK"):
        rel = tlink.get("relType")
        source_ei, target_ei = tlink.get("eventInstanceID"), tlink.get("relatedToEventInstance")
        source = instance_event.get(source_ei, source_ei) if source_ei else tlink.get("timeID")
        target = (instance_event.get(target_ei, target_ei) if target_ei
                  else tlink.get("relatedToTime"))
        if rel and source and target:
            links.append(Link(rel=rel, source=source, target=target))
    return links


def parse_timeml(source: str, path: str, doc_id: str) -> Document:
    """Parse TimeML markup into a Document with gold timexes, events and TLINKs.

    ``text`` is the plain text of ``<TEXT>`` (markup removed, entities decoded, whitespace
    kept); ``dct`` is the date of the CREATION_TIME TIMEX3 (None if there is none). Event
    instance ids (``eiN``) in TLINKs are resolved to event ids through MAKEINSTANCE.
    """
    try:
        root = ET.fromstring(source)
    except ET.ParseError as err:
        raise InputError(path, f"malformed XML: {one_line(err)}") from None
    text_el = _find(root, "TEXT")
    if text_el is None:
        raise InputError(path, "no <TEXT> element (not a TimeML document)")
    walker = _TextWalker()
    walker.walk_children(text_el)
    text = "".join(walker.parts)
    if not text.strip():
        raise InputError(path, "empty <TEXT> element (no text to annotate)")
    spans = sorted(walker.spans, key=lambda s: (s.start, -s.end))

    instances: dict[str, ET.Element] = {}
    instance_event: dict[str, str] = {}
    for inst in _iter(root, "MAKEINSTANCE"):
        event_id, eiid = inst.get("eventID", ""), inst.get("eiid", "")
        instances.setdefault(event_id, inst)
        if eiid:
            instance_event[eiid] = event_id

    timexes = [_timex(s, text) for s in spans if _local(s.element.tag) == "TIMEX3"
               and s.element.get("functionInDocument") != CREATION_TIME]
    events = [_event(s, text, instances.get(s.element.get("eid", "")))
              for s in spans if _local(s.element.tag) == "EVENT"]
    docid = _find(root, "DOCID")
    meta = {"docid": docid.text.strip()} if docid is not None and docid.text else {}
    return Document(
        id=doc_id, text=text, dct=_dct(root, path), timexes=timexes, events=events,
        links=_links(root, instance_event), meta=meta,
    )
