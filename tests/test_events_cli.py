"""``newsline tag`` with events, ``--only``, ``eval`` event figures and ``train events``."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import write_file
from newsline.cli import main

ARTICLE = ("date 2013-03-18\nSeoul said on Friday that 200 soldiers returned home after a "
           "three-month deployment. The ministry did not comment.\n")

GOLD_TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>{doc_id}</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-18" temporalFunction="false" \
functionInDocument="CREATION_TIME">March 18, 2013</TIMEX3></DCT>
<TEXT>
The ministry <EVENT eid="e1" class="REPORTING">said</EVENT> on \
<TIMEX3 tid="t1" type="DATE" value="2013-03-15">Friday</TIMEX3> that the troops \
<EVENT eid="e2" class="OCCURRENCE">returned</EVENT> home. They will not \
<EVENT eid="e3" class="OCCURRENCE">leave</EVENT> again, officials \
<EVENT eid="e4" class="REPORTING">reported</EVENT>. The hotel was quiet.
</TEXT>
<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>
<MAKEINSTANCE eventID="e2" eiid="ei2" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>
<MAKEINSTANCE eventID="e3" eiid="ei3" tense="FUTURE" aspect="NONE" polarity="NEG" pos="VERB"/>
<MAKEINSTANCE eventID="e4" eiid="ei4" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>
</TimeML>
"""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture()
def gold_dir(tmp_path: Path) -> Path:
    for name in ("doc1", "doc2"):
        write_file(tmp_path / "gold" / f"{name}.tml", GOLD_TML.format(doc_id=name))
    return tmp_path / "gold"


def test_tag_runs_timexes_and_events(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_file(tmp_path / "a.txt", ARTICLE)
    code, out, err = run(capsys, "tag", str(path))
    assert code == 0, err
    [doc] = json.loads(out)["documents"]
    assert doc["timexes"]
    by_text = {e["text"]: e for e in doc["events"]}
    assert by_text["said"]["class"] == "REPORTING"
    assert by_text["comment"]["polarity"] == "NEG"
    assert [e["id"] for e in doc["events"]] == [f"e{k}" for k in range(1, len(by_text) + 1)]


def test_tag_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_file(tmp_path / "a.txt", ARTICLE)
    _, out, _ = run(capsys, "tag", str(path), "--only", "timex")
    [doc] = json.loads(out)["documents"]
    assert doc["timexes"] and "events" not in doc
    _, out, _ = run(capsys, "tag", str(path), "--only", "events")
    [doc] = json.loads(out)["documents"]
    assert doc["timexes"] == [] and doc["events"]


def test_tag_timeml_has_events_and_instances(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    path = write_file(tmp_path / "a.txt", ARTICLE)
    code, out, err = run(capsys, "tag", str(path), "--format", "timeml")
    assert code == 0, err
    assert '<EVENT eid="e1"' in out and "<MAKEINSTANCE" in out and "<TIMEX3" in out


def test_tag_only_timex_does_not_load_spacy(tmp_path: Path) -> None:
    path = write_file(tmp_path / "a.txt", ARTICLE)
    code = ("import sys; from newsline.cli import main; "
            f"main(['tag', {str(path)!r}, '--only', 'timex', '-o', {str(tmp_path / 'o.json')!r}]); "
            "print('spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "False"


def test_eval_event_row_and_json(gold_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "eval", str(gold_dir))
    assert code == 0, err
    assert any(line.startswith("event") for line in out.splitlines())
    assert "class F1" in out
    code, out, err = run(capsys, "eval", str(gold_dir), "--json")
    assert code == 0, err
    data = json.loads(out)
    event = data["event"]
    assert event["gold"] == 8 and event["files"] == 2
    for key in ("strict_f1", "relaxed_f1", "class_f1", "tense_f1", "aspect_f1", "polarity_f1"):
        assert 0 <= event[key] <= 100
    assert event["relaxed_recall"] >= 75  # said, returned, leave, reported: plain verbs


def test_eval_gold_against_itself(gold_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "eval", str(gold_dir), "--system", str(gold_dir), "--json")
    assert code == 0, err
    event = json.loads(out)["event"]
    for key in ("strict_f1", "relaxed_f1", "class_f1", "tense_f1", "aspect_f1", "polarity_f1"):
        assert event[key] == 100


def test_eval_without_gold_events_has_no_event_row(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    text = GOLD_TML.format(doc_id="x").split("<MAKEINSTANCE")[0]
    plain = re.sub(r"</?EVENT[^>]*>", "", text) + "</TimeML>\n"
    write_file(tmp_path / "g" / "x.tml", plain)
    code, out, err = run(capsys, "eval", str(tmp_path / "g"), "--json")
    assert code == 0, err
    assert "event" not in json.loads(out)


def test_train_events_command(gold_dir: Path, tmp_path: Path,
                              capsys: pytest.CaptureFixture[str]) -> None:
    out_path = tmp_path / "model" / "m.npz"
    code, out, err = run(capsys, "train", "events", str(gold_dir), "--out", str(out_path),
                         "--no-dev")
    assert code == 0, err
    figures = json.loads(out)
    assert figures["trained_on"]["events"] == 8
    assert out_path.is_file() and out_path.with_suffix(".json").is_file()


def test_train_events_missing_gold(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "train", "events", str(tmp_path / "nothing"), "--out",
                       str(tmp_path / "m.npz"))
    assert code == 1
    assert "nothing" in err and "Traceback" not in err
