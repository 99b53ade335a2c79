"""Tests for newsline.documents.writers: JSON and TimeML output, TimeML round trips."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from newsline.documents import Document, Event, Link, Timex, read_document, to_json, to_timeml

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "tempeval3"

TEXT = ("Seoul said on Friday that 200 soldiers returned home after a three-month deployment. "
        "Talks on the border resume in early 2026 & \"R&D\" <budget> news follows.\r\nEnd.")


def span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def timex(needle: str, type_: str, value: str, tid: str, mod: str | None = None) -> Timex:
    start, end = span(TEXT, needle)
    return Timex(start, end, needle, type_, value, mod=mod, id=tid)


def event(needle: str, eid: str, **attrs: str | None) -> Event:
    start, end = span(TEXT, needle)
    return Event(start, end, needle, id=eid, **attrs)  # type: ignore[arg-type]


def sample() -> Document:
    return Document(
        id="korea", text=TEXT, dct="2025-12-13",
        timexes=[timex("Friday", "DATE", "2025-12-12", "t1"),
                 timex("three-month", "DURATION", "P3M", "t2"),
                 timex("early 2026", "DATE", "2026", "t3", mod="START")],
        events=[event("said", "e1", cls="REPORTING", tense="PAST", pos="VERB"),
                event("returned", "e2", tense="PAST", pos="VERB", modality="might"),
                event("deployment", "e3", pos="NOUN"),
                event("resume", "e4", tense="PRESENT", polarity="NEG")],
        links=[Link("IS_INCLUDED", "e1", "t1"), Link("BEFORE", "e2", "e1"),
               Link("AFTER", "e4", "t0"), Link("INCLUDES", "t2", "e3")],
        meta={"title": "Troops return", "source": "KCNA"},
    )


def read_back(tmp_path: Path, doc: Document, name: str = "out.tml") -> Document:
    path = tmp_path / name
    path.write_text(to_timeml(doc), encoding="utf-8")
    [back] = read_document(path)
    return back


def assert_same_annotations(a: Document, b: Document) -> None:
    assert b.text == a.text
    assert b.dct == a.dct
    assert b.timexes == a.timexes
    assert b.events == a.events
    assert [(x.rel, x.source, x.target) for x in b.links] == [
        (x.rel, x.source, x.target) for x in a.links]


# --- JSON -------------------------------------------------------------------------------


def test_to_json_follows_the_contract() -> None:
    doc = sample()
    doc.meta["title"] = "Kim’s visit"
    out = to_json([doc, Document(id="b", text="x", dct="2025-01-01")])
    assert "Kim’s visit" in out  # ensure_ascii=False
    assert out.startswith('{\n  "documents": [')
    data = json.loads(out)
    first, second = data["documents"]
    assert first == doc.to_dict()
    assert first["timexes"][0] == {"id": "t1", "start": 14, "end": 20, "text": "Friday",
                                   "type": "DATE", "value": "2025-12-12", "mod": None}
    assert first["links"][0] == {"type": "TLINK", "rel": "IS_INCLUDED", "from": "e1", "to": "t1"}
    assert first["source"] == "KCNA"
    assert second == {"id": "b", "dct": "2025-01-01", "text": "x", "timexes": []}


def test_to_json_empty_list() -> None:
    assert json.loads(to_json([])) == {"documents": []}


# --- TimeML -----------------------------------------------------------------------------


def test_to_timeml_structure() -> None:
    out = to_timeml(sample())
    assert out.startswith('<?xml version="1.0" ?>\n<TimeML')
    root = ET.fromstring(out)
    assert root.tag == "TimeML"
    assert root.findtext("DOCID") == "korea"
    dct = root.find("DCT/TIMEX3")
    assert dct is not None and dct.attrib == {
        "tid": "t0", "type": "DATE", "value": "2025-12-13", "temporalFunction": "false",
        "functionInDocument": "CREATION_TIME"}
    text = root.find("TEXT")
    assert text is not None
    assert [t.get("tid") for t in text.iter("TIMEX3")] == ["t1", "t2", "t3"]
    assert text.find("TIMEX3[@tid='t3']").get("mod") == "START"  # type: ignore[union-attr]
    assert [(e.get("eid"), e.get("class")) for e in text.iter("EVENT")][:2] == [
        ("e1", "REPORTING"), ("e2", "OCCURRENCE")]
    instances = root.findall("MAKEINSTANCE")
    assert [m.get("eiid") for m in instances] == ["ei1", "ei2", "ei3", "ei4"]
    assert instances[1].get("modality") == "might"
    assert instances[0].get("modality") is None
    links = root.findall("TLINK")
    assert links[0].attrib == {"lid": "l1", "relType": "IS_INCLUDED", "eventInstanceID": "ei1",
                               "relatedToTime": "t1"}
    assert links[2].get("relatedToTime") == "t0"
    assert links[3].get("timeID") == "t2" and links[3].get("relatedToEventInstance") == "ei3"


def test_round_trip_own_document(tmp_path: Path) -> None:
    doc = sample()
    back = read_back(tmp_path, doc)
    assert_same_annotations(doc, back)
    assert back.id == "out" and back.meta["docid"] == "korea"


def test_nested_and_crossing_spans(tmp_path: Path) -> None:
    text = "Troops arrived early Friday morning in Seoul."
    outer = Timex(15, 35, "early Friday morning", "TIME", "2025-12-12TMO", id="t1")
    inner = Timex(21, 27, "Friday", "DATE", "2025-12-12", id="t2")
    crossing = Event(28, 38, "morning in", id="e2")
    arrived = Event(7, 14, "arrived", id="e1")
    same = Event(21, 27, "Friday", id="e3")
    doc = Document(id="n", text=text, dct="2025-12-13", timexes=[outer, inner],
                   events=[arrived, crossing, same],
                   links=[Link("IS_INCLUDED", "e1", "t1"), Link("BEFORE", "e2", "e1")])
    out = to_timeml(doc)
    assert "<TIMEX3 tid=\"t1\"" in out and "eid=\"e2\"" not in out
    back = read_back(tmp_path, doc)
    assert back.text == text
    assert [(t.id, t.text) for t in back.timexes] == [("t1", "early Friday morning"),
                                                       ("t2", "Friday")]
    assert [(e.id, e.text) for e in back.events] == [("e1", "arrived"), ("e3", "Friday")]
    assert [(x.source, x.target) for x in back.links] == [("e1", "t1")]


def test_missing_ids_and_bad_spans_stay_valid(tmp_path: Path) -> None:
    text = "Markets fell on Monday and rose on Tuesday."
    doc = Document(id="m", text=text, dct="2025-12-16",
                   timexes=[Timex(16, 22, "Monday", "DATE", "2025-12-15"),
                            Timex(35, 42, "Tuesday", "DATE", "2025-12-16", id="t1"),
                            Timex(40, 99, "?", "DATE", "2025")],
                   events=[Event(8, 12, "fell"), Event(27, 31, "rose", id="e9")])
    root = ET.fromstring(to_timeml(doc))
    assert sorted(t.get("tid") for t in root.iter("TIMEX3")) == ["t0", "t1", "t2"]
    assert [e.get("eid") for e in root.iter("EVENT")] == ["e1", "e9"]
    assert [m.get("eiid") for m in root.iter("MAKEINSTANCE")] == ["ei1", "ei9"]
    assert read_back(tmp_path, doc).text == text


def test_control_characters_and_no_dct() -> None:
    doc = Document(id="c", text="Page\x0cbreak & more", dct=None)
    root = ET.fromstring(to_timeml(doc))
    assert root.find("DCT") is None
    assert root.findtext("TEXT") == "Page break & more"


def test_round_trip_real_train_file(tmp_path: Path) -> None:
    source = DATA / "train" / "TimeBank" / "wsj_0325.tml"
    if not source.is_file():
        pytest.skip(f"../shared/data/tempeval3 not found: {source}")
    copy = tmp_path / source.name
    shutil.copyfile(source, copy)
    [doc] = read_document(copy)
    assert doc.timexes and doc.events and doc.links
    assert_same_annotations(doc, read_back(tmp_path, doc))


def test_round_trip_all_tempeval3_files(tmp_path: Path) -> None:
    if not DATA.is_dir():
        pytest.skip(f"../shared/data/tempeval3 not found: {DATA}")
    files = sorted(DATA.rglob("*.tml"))
    assert len(files) == 276
    for source in files:
        [doc] = read_document(source)
        assert_same_annotations(doc, read_back(tmp_path, doc))
