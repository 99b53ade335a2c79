"""Tests for newsline.documents.readers (and the TimeML reader behind it)."""

from __future__ import annotations

import io
import json
import sys
from datetime import date
from pathlib import Path

import pytest

from conftest import write_file
from newsline.documents import iter_documents, read_document, read_stdin
from newsline.errors import InputError

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "tempeval3"

BODY = "Seoul said on Friday that 200 soldiers returned home after a three-month deployment."


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    return write_file(tmp_path / name, content)


def tempeval3() -> Path:
    if not DATA.is_dir():
        pytest.skip(f"../shared/data/tempeval3 not found: {DATA}")
    return DATA


# --- plain text -------------------------------------------------------------------------


def test_txt_header_on_same_line(tmp_path: Path) -> None:
    [doc] = read_document(write(tmp_path, "korea.txt", f"date 2025-12-13 {BODY}"))
    assert doc.id == "korea"
    assert doc.dct == "2025-12-13"
    assert doc.text == BODY


def test_txt_header_on_its_own_line(tmp_path: Path) -> None:
    [doc] = read_document(write(tmp_path, "a.txt", f"date 2025-12-13\n{BODY}\nMore text.\n"))
    assert doc.dct == "2025-12-13"
    assert doc.text == f"{BODY}\nMore text.\n"


def test_txt_header_after_leading_whitespace(tmp_path: Path) -> None:
    [doc] = read_document(write(tmp_path, "a.txt", f"\n  \tdate 2024-02-29\r\n{BODY}"))
    assert doc.dct == "2024-02-29"
    assert doc.text == BODY


def test_txt_without_header_uses_dct(tmp_path: Path) -> None:
    [doc] = read_document(write(tmp_path, "a.txt", BODY), dct="2025-01-02")
    assert doc.dct == "2025-01-02"
    assert doc.text == BODY


def test_txt_dct_overrides_header(tmp_path: Path) -> None:
    [doc] = read_document(write(tmp_path, "a.txt", f"date 2025-12-13\n{BODY}"), dct="2020-05-05")
    assert doc.dct == "2020-05-05"
    assert doc.text == BODY


def test_txt_word_date_is_not_a_header(tmp_path: Path) -> None:
    text = "Date night returned to the capital on Friday."
    [doc] = read_document(write(tmp_path, "a.txt", text), dct="2025-01-02")
    assert doc.text == text


def test_txt_without_date_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "nodate.txt", BODY)
    with pytest.raises(InputError) as info:
        read_document(path)
    assert info.value.path == str(path)
    assert "no publication date (add a 'date YYYY-MM-DD' header or pass --dct)" in str(info.value)
    assert "\n" not in str(info.value)


def test_dct_today(tmp_path: Path) -> None:
    [doc] = read_document(write(tmp_path, "a.txt", BODY), dct="today")
    assert doc.dct == date.today().isoformat()


@pytest.mark.parametrize("bad", ["2025-02-30", "2025-13-01", "25-01-01"])
def test_bad_dates_are_rejected(tmp_path: Path, bad: str) -> None:
    with pytest.raises(InputError, match="bad date"):
        read_document(write(tmp_path, "a.txt", BODY), dct=bad)
    with pytest.raises(InputError, match="bad date"):
        read_document(write(tmp_path, "b.txt", f"date {bad}\n{BODY}"))


def test_header_without_body_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no text"):
        read_document(write(tmp_path, "a.txt", "date 2025-12-13\n\n"))


def test_read_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.TextIOWrapper(io.BytesIO(f"date 2025-12-13\n{BODY}".encode()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", fake)
    doc = read_stdin()
    assert (doc.id, doc.dct, doc.text) == ("stdin", "2025-12-13", BODY)


def test_iter_documents_reads_stdin_dash(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.TextIOWrapper(io.BytesIO(BODY.encode()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", fake)
    [doc] = list(iter_documents(["-"], dct="2025-03-03"))
    assert (doc.id, doc.dct, doc.text) == ("stdin", "2025-03-03", BODY)


# --- JSON / JSONL -----------------------------------------------------------------------


def test_jsonl_ids_dates_and_meta(tmp_path: Path) -> None:
    lines = [
        {"id": "kcna-1", "text": BODY, "date": "2025-12-13", "title": "Troops", "source": "KCNA"},
        {"text": "Markets fell on Monday.", "published": "2025-12-15T08:30:00Z",
         "url": "https://example.org/markets"},
        {"text": "Rain is expected tomorrow.", "date": "2025-12-16"},
    ]
    content = "\n".join([json.dumps(lines[0]), json.dumps(lines[1]), "", json.dumps(lines[2])])
    docs = read_document(write(tmp_path, "feed.jsonl", content))
    assert [d.id for d in docs] == ["kcna-1", "feed:2", "feed:4"]
    assert [d.dct for d in docs] == ["2025-12-13", "2025-12-15", "2025-12-16"]
    assert docs[0].meta == {"title": "Troops", "source": "KCNA"}
    assert docs[1].meta == {"url": "https://example.org/markets"}
    assert docs[0].to_dict()["source"] == "KCNA"


def test_json_list_and_single_record(tmp_path: Path) -> None:
    records = [{"text": BODY, "date": "2025-12-13"},
               {"id": 7, "text": "Talks resume next week.", "published": "2025-12-14"}]
    docs = read_document(write(tmp_path, "batch.json", json.dumps(records)))
    assert [d.id for d in docs] == ["batch:1", "7"]
    assert [d.dct for d in docs] == ["2025-12-13", "2025-12-14"]
    [one] = read_document(write(tmp_path, "one.json", json.dumps(records[0])))
    assert one.id == "one:1" and one.text == BODY


def test_json_dct_override_and_missing_date(tmp_path: Path) -> None:
    path = write(tmp_path, "a.jsonl", json.dumps({"text": BODY}))
    assert read_document(path, dct="2025-01-01")[0].dct == "2025-01-01"
    with pytest.raises(InputError, match="no publication date"):
        read_document(path)


def test_json_missing_text_field(tmp_path: Path) -> None:
    path = write(tmp_path, "a.jsonl", json.dumps({"text": BODY, "date": "2025-12-13"})
                 + "\n" + json.dumps({"body": "x", "date": "2025-12-13"}))
    with pytest.raises(InputError, match=r"line 2: missing 'text' field"):
        read_document(path)


def test_json_bad_date_value(tmp_path: Path) -> None:
    path = write(tmp_path, "a.json", json.dumps([{"text": BODY, "date": "next Friday"}]))
    with pytest.raises(InputError, match="record 1: bad 'date' value"):
        read_document(path)


def test_malformed_json_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.json", '[\n{"text": "a", "date": "2025-01-01"},\n{"text": \n]')
    with pytest.raises(InputError, match=r"malformed JSON at line 4") as info:
        read_document(path)
    assert str(info.value).startswith(str(path))
    path = write(tmp_path, "bad.jsonl", '{"text": "a", "date": "2025-01-01"}\n{oops}\n')
    with pytest.raises(InputError, match=r"malformed JSON on line 2"):
        read_document(path)


# --- HTML -------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><title>Troops return home</title>{meta}</head>
<body><nav>Home | World | Sport</nav>
<article>{time}<h1>Troops return home</h1>
<p>Seoul said on Friday that 200 soldiers returned home after a three-month deployment
in the south. Officials expect a second group of soldiers to arrive next week.</p>
<p>The defence ministry said the deployment had been planned since the summer and that the
soldiers would rest for two weeks before returning to their bases.</p>
</article><footer>Contact us</footer></body></html>
"""


def test_html_meta_published_time(tmp_path: Path) -> None:
    meta = '<meta property="article:published_time" content="2025-12-13T09:30:00+09:00">'
    [doc] = read_document(write(tmp_path, "page.html", PAGE.format(meta=meta, time="")))
    assert doc.id == "page"
    assert doc.dct == "2025-12-13"
    assert "200 soldiers returned home" in doc.text
    assert "Contact us" not in doc.text
    assert doc.meta.get("title") == "Troops return home"


def test_html_paragraphs_stay_apart_and_the_headline_is_the_title(tmp_path: Path) -> None:
    meta = '<meta property="article:published_time" content="2025-12-13T09:30:00+09:00">'
    [doc] = read_document(write(tmp_path, "page.html", PAGE.format(meta=meta, time="")))
    assert doc.text.startswith("Seoul said on Friday")  # the headline is not in the text
    assert "next week.\n\nThe defence ministry" in doc.text


def test_html_time_element(tmp_path: Path) -> None:
    time = '<time datetime="2025-11-02">2 November 2025</time>'
    [doc] = read_document(write(tmp_path, "page.htm", PAGE.format(meta="", time=time)))
    assert doc.dct == "2025-11-02"
    assert "second group of soldiers" in doc.text


def test_html_without_date_needs_dct(tmp_path: Path) -> None:
    path = write(tmp_path, "page.html", PAGE.format(meta="", time=""))
    with pytest.raises(InputError, match="no publication date"):
        read_document(path)
    assert read_document(path, dct="2025-10-10")[0].dct == "2025-10-10"


# --- bad input --------------------------------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    path = write(tmp_path, "empty.txt", "")
    with pytest.raises(InputError, match="empty file") as info:
        read_document(path, dct="2025-01-01")
    assert info.value.path == str(path)


def test_non_utf8_bytes(tmp_path: Path) -> None:
    path = write(tmp_path, "latin.txt", "date 2025-01-01\nCaf\xe9 owners met.".encode("latin-1"))
    with pytest.raises(InputError) as info:
        read_document(path)
    assert str(info.value) == f"{path}: not UTF-8 text (byte 0xe9 at offset 19)"


def test_malformed_xml(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.tml", "<TimeML><TEXT>Talks <EVENT eid='e1'>ended</TEXT></TimeML>")
    with pytest.raises(InputError, match=r"malformed XML: mismatched tag: line 1") as info:
        read_document(path)
    assert info.value.path == str(path)


def test_xml_without_text_element(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no <TEXT> element"):
        read_document(write(tmp_path, "a.xml", "<root><p>hello</p></root>"))


def test_missing_path_and_unsupported_extension(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        list(iter_documents([str(tmp_path / "nope.txt")]))
    with pytest.raises(InputError, match="unsupported file type '.pdf'"):
        read_document(write(tmp_path, "a.pdf", "x"))


def test_bad_dct_argument() -> None:
    with pytest.raises(InputError, match="bad date"):
        list(iter_documents([], dct="yesterday"))


# --- directories and keep-going ---------------------------------------------------------


def test_directory_walk_is_recursive_and_sorted(tmp_path: Path) -> None:
    for name in ["b.txt", "a/z.txt", "a.txt", "a/b/c.txt", "notes.md", ".hidden.txt", "c.TXT"]:
        write(tmp_path / "in", name, f"date 2025-01-01\n{name}")
    docs = list(iter_documents([str(tmp_path / "in")]))
    assert [d.text for d in docs] == ["a/b/c.txt", "a/z.txt", "a.txt", "b.txt", "c.TXT"]


def test_paths_keep_their_order(tmp_path: Path) -> None:
    second = write(tmp_path, "b.txt", "date 2025-01-01\nsecond")
    first = write(tmp_path, "z.txt", "date 2025-01-01\nfirst")
    assert [d.text for d in iter_documents([str(first), str(second)])] == ["first", "second"]


def test_keep_going_skips_bad_files(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder, "1.txt", "date 2025-01-01\nfirst")
    write(folder, "2.txt", b"\xff\xfe broken")
    write(folder, "3.json", "{not json")
    write(folder, "4.txt", "date 2025-01-01\nlast")
    errors: list[InputError] = []
    docs = list(iter_documents([str(folder), str(tmp_path / "missing.txt")],
                               keep_going=True, on_error=errors.append))
    assert [d.text for d in docs] == ["first", "last"]
    assert [Path(e.path).name for e in errors] == ["2.txt", "3.json", "missing.txt"]
    with pytest.raises(InputError, match="2.txt: not UTF-8"):
        list(iter_documents([str(folder)]))


def test_keep_going_without_callback(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "")
    write(tmp_path, "b.txt", "date 2025-01-01\nok")
    assert [d.text for d in iter_documents([str(tmp_path)], keep_going=True)] == ["ok"]


def test_empty_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no supported files"):
        list(iter_documents([str(tmp_path)]))


# --- TimeML -----------------------------------------------------------------------------

SMALL_TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>small_1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2025-12-13T10:00:00" temporalFunction="false"
 functionInDocument="CREATION_TIME">December 13, 2025</TIMEX3></DCT>
<TEXT>
Officials &amp; aides <EVENT eid="e1" class="REPORTING">said</EVENT> <TIMEX3 tid="t1"
 type="DATE" value="2025-12-12">Friday</TIMEX3> that troops <EVENT eid="e2"
 class="OCCURRENCE">left</EVENT>  for <TIMEX3 tid="t2" type="DURATION" value="P3M"
 mod="APPROX">about three months</TIMEX3> &lt;again&gt;.
</TEXT>
<MAKEINSTANCE eiid="ei10" eventID="e1" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>
<MAKEINSTANCE eiid="ei11" eventID="e2" tense="PAST" aspect="NONE" polarity="NEG" pos="VERB"
 modality="would"/>
<MAKEINSTANCE eiid="ei12" eventID="e2" tense="FUTURE" aspect="NONE" polarity="POS" pos="VERB"/>
<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei10" relatedToTime="t1"/>
<TLINK lid="l2" relType="BEFORE" eventInstanceID="ei12" relatedToEventInstance="ei10"/>
<TLINK lid="l3" relType="INCLUDES" timeID="t0" relatedToEventInstance="ei11"/>
</TimeML>
"""


def test_small_timeml(tmp_path: Path) -> None:
    [doc] = read_document(write(tmp_path, "small.tml", SMALL_TML))
    assert doc.id == "small"
    assert doc.dct == "2025-12-13"
    assert doc.meta == {"docid": "small_1"}
    assert doc.text == ("\nOfficials & aides said Friday that troops left  for about three months"
                        " <again>.\n")
    assert [(t.id, t.text, t.type, t.value, t.mod) for t in doc.timexes] == [
        ("t1", "Friday", "DATE", "2025-12-12", None),
        ("t2", "about three months", "DURATION", "P3M", "APPROX"),
    ]
    said, left = doc.events
    assert (said.id, said.text, said.cls, said.tense, said.pos) == (
        "e1", "said", "REPORTING", "PAST", "VERB")
    assert (left.cls, left.polarity, left.modality) == ("OCCURRENCE", "NEG", "would")
    for item in [*doc.timexes, *doc.events]:
        assert doc.text[item.start:item.end] == item.text
    assert [(x.rel, x.source, x.target) for x in doc.links] == [
        ("IS_INCLUDED", "e1", "t1"), ("BEFORE", "e2", "e1"), ("INCLUDES", "t0", "e2")]


def test_timeml_dct_override_and_missing(tmp_path: Path) -> None:
    path = write(tmp_path, "a.tml", SMALL_TML)
    assert read_document(path, dct="2000-01-01")[0].dct == "2000-01-01"
    no_dct = SMALL_TML.replace('functionInDocument="CREATION_TIME"', 'functionInDocument="NONE"')
    with pytest.raises(InputError, match="no publication date"):
        read_document(write(tmp_path, "b.tml", no_dct))


def _timeml_files(root: Path, part: str) -> list[Path]:
    return sorted((root / part).rglob("*.tml"))


def test_tempeval3_offsets_and_counts() -> None:
    root = tempeval3()
    train, platinum = _timeml_files(root, "train"), _timeml_files(root, "test-platinum")
    assert (len(train), len(platinum)) == (256, 20)
    counts = {}
    for name, files in (("train", train), ("platinum", platinum)):
        timexes = events = 0
        for path in files:
            [doc] = read_document(path)
            assert doc.dct is not None and doc.meta["docid"]
            for item in [*doc.timexes, *doc.events]:
                assert doc.text[item.start:item.end] == item.text, (path.name, item)
            timexes += len(doc.timexes)
            events += len(doc.events)
        counts[name] = (timexes, events)
    # README: 1,822 text TIMEX3 and 11,145 EVENT in train (16 of those EVENTs sit in
    # <EXTRAINFO> of WSJ910225-0066 and APW19980213.1380, outside <TEXT>); 138 in platinum.
    assert counts["train"] == (1822, 11145 - 16)
    assert counts["platinum"] == (138, 746)


def test_tempeval3_sample_document() -> None:
    path = tempeval3() / "train" / "TimeBank" / "wsj_0325.tml"
    if not path.is_file():
        pytest.skip(f"../shared/data/tempeval3 not found: {path}")
    [doc] = read_document(path)
    assert (doc.id, doc.dct, doc.meta["docid"]) == ("wsj_0325", "1989-11-01", "wsj_0325")
    assert doc.text.startswith("\nCoast Savings Financial Inc. reported a third-quarter loss")
    first = doc.timexes[0]
    assert (first.id, first.text, first.value) == ("t31", "third-quarter", "1989-Q3")
    assert all(t.id != "t0" for t in doc.timexes)
    # a TimeBank self-link survives: ei199 BEFORE ei199
    eid = next(e.id for e in doc.events if e.text == "reported")
    assert any(x.rel == "BEFORE" and x.source == x.target == eid for x in doc.links)


def test_timeml_with_an_empty_text_is_an_error(tmp_path: Path) -> None:
    empty = SMALL_TML.split("<TEXT>")[0] + "<TEXT>\n  </TEXT></TimeML>"
    with pytest.raises(InputError, match="no text"):
        read_document(write(tmp_path, "empty.tml", empty))


def test_a_jsonl_file_is_read_line_by_line(tmp_path: Path) -> None:
    """A record appended after the first one was yielded is still read: the file is read
    as the documents are asked for, never whole at the start."""
    path = write(tmp_path, "feed.jsonl", json.dumps({"text": "first", "date": "2025-01-01"})
                 + "\n")
    docs = iter_documents([str(path)])
    assert next(docs).text == "first"
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"text": "later", "date": "2025-01-02"}) + "\n")
    assert [d.text for d in docs] == ["later"]


def test_a_folder_is_walked_as_the_documents_are_asked_for(tmp_path: Path) -> None:
    write(tmp_path / "a", "1.txt", "date 2025-01-01\nfirst")
    write(tmp_path / "b", "1.txt", "date 2025-01-01\nsecond")
    docs = iter_documents([str(tmp_path)])
    assert next(docs).text == "first"
    write(tmp_path / "b", "2.txt", "date 2025-01-01\nadded")  # b is not listed yet
    write(tmp_path / "a", "2.txt", "date 2025-01-01\ntoo late")  # a was listed already
    assert [d.text for d in docs] == ["second", "added"]
