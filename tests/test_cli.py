"""The ``newsline`` command line (tag, eval) against the contract in ../shared/docs."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from conftest import write_file
from newsline.cli import main
from newsline.documents import read_document

ARTICLE = ("Seoul said on Friday that 200 soldiers returned home after a three-month "
           "deployment.\nThey left on March 3, 2013, two weeks ago.\n")
TEXT_FIELDS = {"id", "dct", "text", "timexes"}
TIMEX_FIELDS = {"id", "start", "end", "text", "type", "value", "mod"}

GOLD_TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>{doc_id}</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-18" temporalFunction="false" \
functionInDocument="CREATION_TIME">March 18, 2013</TIMEX3></DCT>
<TEXT>
The ministry said on <TIMEX3 tid="t1" type="DATE" value="2013-03-15">Friday</TIMEX3> that \
the troops came home after <TIMEX3 tid="t2" type="DURATION" value="P3M">three months</TIMEX3> \
abroad. They had left on <TIMEX3 tid="t3" type="DATE" value="2012-12-03">December 3, \
2012</TIMEX3>.
</TEXT>
</TimeML>
"""


write = write_file


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def check_document(doc: dict, dct: str) -> None:
    assert TEXT_FIELDS <= set(doc)
    assert doc["dct"] == dct
    assert doc["timexes"], "the article has time expressions"
    ids = [t["id"] for t in doc["timexes"]]
    assert len(set(ids)) == len(ids)
    for timex in doc["timexes"]:
        assert TIMEX_FIELDS <= set(timex)
        assert doc["text"][timex["start"]:timex["end"]] == timex["text"]
        assert timex["type"] in {"DATE", "TIME", "DURATION", "SET"}
        assert isinstance(timex["value"], str) and timex["value"]
        assert timex["mod"] is None or isinstance(timex["mod"], str)


def assert_one_line_error(err: str, name: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert name in lines[0]
    assert "Traceback" not in err


# --------------------------------------------------------------------------- tag


def test_tag_json_fields(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "korea.txt", f"date 2013-03-18\n{ARTICLE}")
    code, out, err = run(capsys, "tag", str(path))
    assert code == 0, err
    data = json.loads(out)
    [doc] = data["documents"]
    assert doc["id"] == "korea"
    assert doc["text"] == ARTICLE
    check_document(doc, "2013-03-18")
    by_text = {t["text"]: t for t in doc["timexes"]}
    assert by_text["Friday"]["type"] == "DATE"
    assert by_text["Friday"]["value"] == "2013-03-15"
    assert by_text["March 3, 2013"]["value"] == "2013-03-03"


def test_tag_dct_override(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "a.txt", f"date 2013-03-18\n{ARTICLE}")
    code, out, _ = run(capsys, "tag", str(path), "--dct", "2020-06-10")
    assert code == 0
    [doc] = json.loads(out)["documents"]
    check_document(doc, "2020-06-10")
    friday = next(t for t in doc["timexes"] if t["text"] == "Friday")
    assert friday["value"] == "2020-06-05"


def test_tag_without_header_needs_dct(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "plain.txt", ARTICLE)
    code, out, _ = run(capsys, "tag", str(path), "--dct", "2013-03-18")
    assert code == 0
    check_document(json.loads(out)["documents"][0], "2013-03-18")


def test_tag_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "a.txt", f"date 2013-03-18\n{ARTICLE}")
    out_path = tmp_path / "out" / "a.json"
    out_path.parent.mkdir()
    code, out, _ = run(capsys, "tag", str(path), "-o", str(out_path))
    assert code == 0
    assert out == ""
    [doc] = json.loads(out_path.read_text(encoding="utf-8"))["documents"]
    check_document(doc, "2013-03-18")


def test_tag_timeml_parses_back(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "korea.txt", f"date 2013-03-18\n{ARTICLE}")
    code, out, _ = run(capsys, "tag", str(path))
    assert code == 0
    [expected] = json.loads(out)["documents"]
    tml = tmp_path / "korea.tml"
    code, _, err = run(capsys, "tag", str(path), "--format", "timeml", "-o", str(tml))
    assert code == 0, err
    [doc] = read_document(tml)
    assert doc.dct == "2013-03-18"
    assert doc.text == expected["text"]
    got = [(t.start, t.end, t.text, t.type, t.value) for t in doc.timexes]
    want = [(t["start"], t["end"], t["text"], t["type"], t["value"])
            for t in expected["timexes"]]
    assert got == want


def test_tag_timeml_on_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "a.txt", f"date 2013-03-18\n{ARTICLE}")
    code, out, _ = run(capsys, "tag", str(path), "--format", "timeml")
    assert code == 0
    [doc] = read_document(write(tmp_path / "back.tml", out))
    assert doc.timexes and doc.dct == "2013-03-18"


def test_tag_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    data = f"date 2013-03-18\n{ARTICLE}".encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    code, out, _ = run(capsys, "tag", "-")
    assert code == 0
    [doc] = json.loads(out)["documents"]
    assert doc["id"] == "stdin"
    assert doc["text"] == ARTICLE
    check_document(doc, "2013-03-18")


def test_tag_stdin_with_dct(monkeypatch: pytest.MonkeyPatch,
                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode())))
    code, out, _ = run(capsys, "tag", "-", "--dct", "2013-03-18")
    assert code == 0
    check_document(json.loads(out)["documents"][0], "2013-03-18")


def test_tag_json_and_jsonl_inputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "in" / "one.json", json.dumps({"text": ARTICLE, "date": "2013-03-18"}))
    write(tmp_path / "in" / "many.jsonl",
          json.dumps({"id": "x1", "text": ARTICLE, "published": "2013-03-18T10:00:00Z"}) + "\n"
          + json.dumps({"text": ARTICLE, "date": "2013-03-18"}) + "\n")
    code, out, err = run(capsys, "tag", str(tmp_path / "in"))
    assert code == 0, err
    docs = json.loads(out)["documents"]
    assert [d["id"] for d in docs] == ["x1", "many:2", "one:1"]
    for doc in docs:
        check_document(doc, "2013-03-18")


# --------------------------------------------------------------------------- bad input

BAD_INPUTS = {
    "empty.txt": b"",
    "blank.txt": b"  \n\n",
    "latin1.txt": "date 2013-03-18\nCaf\u00e9 on Friday.".encode("latin-1"),
    "broken.json": b'{"text": "On Friday.", "date": ',
    "broken.jsonl": b'{"text": "On Friday.", "date": "2013-03-18"}\n{"text": \n',
    "nodate.txt": b"They met on Friday.",
    "nodate.json": b'{"text": "They met on Friday."}',
    "notext.json": b'{"date": "2013-03-18"}',
    "baddate.txt": b"date 2013-02-30\nThey met on Friday.",
    "broken.tml": b"<TimeML><TEXT>On <TIMEX3 tid='t1'>Friday</TEXT>",
    "nodct.tml": b"<TimeML><TEXT>They met on Friday.</TEXT></TimeML>",
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_exits_2_with_one_line(name: str, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / name, BAD_INPUTS[name])
    code, out, err = run(capsys, "tag", str(path))
    assert code == 2
    assert out == ""
    assert_one_line_error(err, name)


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "tag", str(tmp_path / "nowhere.txt"))
    assert code == 2
    assert_one_line_error(err, "nowhere.txt")


def test_bad_dct_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "a.txt", ARTICLE)
    code, _, err = run(capsys, "tag", str(path), "--dct", "2013-13-40")
    assert code == 2
    assert_one_line_error(err, "--dct")


def test_non_utf8_stdin(monkeypatch: pytest.MonkeyPatch,
                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"On Friday \xff\xfe.")))
    code, _, err = run(capsys, "tag", "-", "--dct", "2013-03-18")
    assert code == 2
    assert_one_line_error(err, "<stdin>")


def test_bad_file_stops_without_keep_going(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "in" / "a.txt", f"date 2013-03-18\n{ARTICLE}")
    write(tmp_path / "in" / "b.txt", b"")
    code, out, err = run(capsys, "tag", str(tmp_path / "in"))
    assert code == 2
    assert out == ""
    assert_one_line_error(err, "b.txt")


def test_keep_going(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "in" / "a.txt", f"date 2013-03-18\n{ARTICLE}")
    write(tmp_path / "in" / "b.txt", b"\xff\xfe not UTF-8")
    write(tmp_path / "in" / "c.txt", f"date 2013-03-19\n{ARTICLE}")
    code, out, err = run(capsys, "tag", str(tmp_path / "in"), "--keep-going")
    assert code == 0
    docs = json.loads(out)["documents"]
    assert [d["id"] for d in docs] == ["a", "c"]
    check_document(docs[0], "2013-03-18")
    check_document(docs[1], "2013-03-19")
    assert_one_line_error(err, "b.txt")


def test_keep_going_with_several_paths(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    good = write(tmp_path / "good.txt", f"date 2013-03-18\n{ARTICLE}")
    bad = write(tmp_path / "bad.json", b"{not json")
    code, out, err = run(capsys, "tag", str(bad), str(good), "--keep-going")
    assert code == 0
    assert [d["id"] for d in json.loads(out)["documents"]] == ["good"]
    assert_one_line_error(err, "bad.json")


# --------------------------------------------------------------------------- eval


@pytest.fixture()
def gold_dir(tmp_path: Path) -> Path:
    gold = tmp_path / "gold"
    write(gold / "doc1.tml", GOLD_TML.format(doc_id="doc1"))
    write(gold / "doc2.tml", GOLD_TML.format(doc_id="doc2"))
    return gold


def test_eval_prints_a_table(gold_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "eval", str(gold_dir))
    assert code == 0, err
    assert "2 files" in out
    lines = out.splitlines()
    header = next(line for line in lines if "strict" in line.lower() or "F1" in line)
    assert "F1" in header
    assert any(line.startswith("timex") for line in lines)


def test_eval_json(gold_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "eval", str(gold_dir), "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["files"] == 2
    timex = data["timex"]
    assert timex["gold"] == 6
    for key in ("strict_precision", "strict_recall", "strict_f1",
                "relaxed_precision", "relaxed_recall", "relaxed_f1", "type_f1", "value_f1"):
        assert isinstance(timex[key], int | float)
        assert 0 <= timex[key] <= 100
    assert timex["relaxed_f1"] >= timex["strict_f1"]


def test_eval_system_dir_gold_against_itself(gold_dir: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "eval", str(gold_dir), "--system", str(gold_dir), "--json")
    assert code == 0, err
    timex = json.loads(out)["timex"]
    for key in ("strict_f1", "relaxed_f1", "type_f1", "value_f1"):
        assert timex[key] == 100


def test_eval_system_dir_from_tag(gold_dir: Path, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    system = tmp_path / "system"
    system.mkdir()
    for name in ("doc1", "doc2"):
        code, _, err = run(capsys, "tag", str(gold_dir / f"{name}.tml"), "--format", "timeml",
                           "-o", str(system / f"{name}.tml"))
        assert code == 0, err
    code, out, err = run(capsys, "eval", str(gold_dir), "--system", str(system), "--json")
    assert code == 0, err
    with_system = json.loads(out)["timex"]
    code, out, _ = run(capsys, "eval", str(gold_dir), "--json")
    assert json.loads(out)["timex"] == with_system


def test_eval_system_dir_with_a_missing_document(gold_dir: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    system = tmp_path / "system"
    write(system / "doc1.tml", GOLD_TML.format(doc_id="doc1"))
    code, out, err = run(capsys, "eval", str(gold_dir), "--system", str(system))
    assert code == 2
    assert_one_line_error(err, str(system))
    assert "doc2" in err


def test_eval_bad_gold(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = write(tmp_path / "gold" / "bad.tml", b"<TimeML><TEXT>unclosed")
    code, _, err = run(capsys, "eval", str(bad.parent))
    assert code == 2
    assert_one_line_error(err, "bad.tml")


def test_eval_dev_split_scores_the_held_out_models(capsys: pytest.CaptureFixture[str]) -> None:
    """`eval --split dev` uses the models trained without the dev files: its event row is the
    held-out figure recorded when the model was trained."""
    from conftest import SHARED_DATA

    if not (SHARED_DATA / "train").is_dir():
        pytest.skip(f"{SHARED_DATA} not found: the TempEval-3 data lives in ../shared")
    from newsline.events.model import DEFAULT_MODEL

    recorded = json.loads(DEFAULT_MODEL.with_suffix(".json").read_text(encoding="utf-8"))
    code, out, err = run(capsys, "eval", str(SHARED_DATA / "train"), "--split", "dev", "--json")
    assert code == 0, err
    figures = json.loads(out)
    assert figures["models"] == "trained on the train part of the split only"
    assert figures["event"]["relaxed_f1"] == recorded["dev"]["relaxed_f1"]
    assert figures["event"]["class_f1"] == recorded["dev"]["class_f1"]
