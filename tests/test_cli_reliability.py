"""The command line on bad input and bad output paths: record-level --keep-going, the
--max-chars limit, output paths checked before any work, atomic output, clean stops."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import write_file
from newsline import cli
from newsline.cli import main

GOOD = "Officials met on Friday and again on March 3, 2013."


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def record(text: str | None = GOOD, date: str | None = "2013-03-18", **extra: object) -> str:
    fields: dict[str, object] = dict(extra)
    if text is not None:
        fields["text"] = text
    if date is not None:
        fields["date"] = date
    return json.dumps(fields)


# --------------------------------------------------------------------------- --keep-going


JSONL_LINES = [
    record(id="g1"),
    "{not json",                          # 2: malformed line
    record(id="g3"),
    record(text=None, id="x4"),           # 4: no text
    record(date=None, id="x5"),           # 5: no date
    "",                                   # 6: blank, ignored
    record(date="2013-02-30", id="x7"),   # 7: not a calendar date
    record(id="g8"),
    '["a list"]',                         # 9: not an object
    record(id="g10"),
]


def test_keep_going_skips_only_the_bad_records_of_a_jsonl_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_file(tmp_path / "feed.jsonl", "\n".join(JSONL_LINES) + "\n")
    code, out, err = run(capsys, "tag", str(path), "--only", "timex", "--keep-going")
    assert code == 0, err
    assert [d["id"] for d in json.loads(out)["documents"]] == ["g1", "g3", "g8", "g10"]
    skipped = err.strip().splitlines()
    assert len(skipped) == 5
    assert all(line.startswith(f"newsline: skipped {path}:") for line in skipped)
    for number, line in zip((2, 4, 5, 7, 9), skipped, strict=True):
        assert f"line {number}" in line


def test_without_keep_going_the_first_bad_record_stops(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_file(tmp_path / "feed.jsonl", "\n".join(JSONL_LINES) + "\n")
    code, out, err = run(capsys, "tag", str(path), "--only", "timex")
    assert code == 2
    assert out == ""
    assert "line 2" in one_line(err) and "feed.jsonl" in err


def test_keep_going_in_a_json_list_names_the_line_of_each_bad_record(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    records = [json.loads(record(id="a")), {"date": "2013-03-18"},
               json.loads(record(id="b")), json.loads(record(date="soon", id="c")),
               json.loads(record(id="d"))]
    path = write_file(tmp_path / "batch.json", json.dumps(records, indent=1))
    code, out, err = run(capsys, "tag", str(path), "--only", "timex", "--keep-going")
    assert code == 0, err
    assert [d["id"] for d in json.loads(out)["documents"]] == ["a", "b", "d"]
    first, second = err.strip().splitlines()
    assert "record 2" in first and "missing 'text'" in first
    assert "record 4" in second and "'date'" in second
    text = path.read_text(encoding="utf-8").splitlines()
    line = int(first.split("line ")[1].split(",")[0])
    assert text[line - 1].strip() == "{", "the reported line is where the record starts"


# --------------------------------------------------------------------------- --max-chars


def test_a_document_over_max_chars_is_refused_before_any_annotation(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    def no_annotation(*args: object, **kwargs: object) -> None:
        raise AssertionError("annotation ran")

    monkeypatch.setattr("newsline.pipeline._Runner", no_annotation)
    big = write_file(tmp_path / "big.txt", "date 2013-03-18\n" + GOOD * 10)
    code, out, err = run(capsys, "tag", str(big), "--max-chars", "100")
    assert code == 2
    assert out == ""
    line = one_line(err)
    assert "big.txt" in line and "--max-chars" in line and "510" in line


def test_max_chars_with_keep_going_skips_the_long_documents(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_file(tmp_path / "feed.jsonl", "\n".join(
        [record(id="short"), record(text=GOOD * 10, id="long"), record(id="short2")]))
    code, out, err = run(capsys, "tag", str(path), "--only", "timex", "--keep-going",
                         "--max-chars", "100")
    assert code == 0
    assert [d["id"] for d in json.loads(out)["documents"]] == ["short", "short2"]
    assert "line 2" in one_line(err) and "--max-chars" in err


def test_max_chars_has_a_default_and_zero_lifts_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from newsline.cli_io import DEFAULT_MAX_CHARS

    assert 100_000 <= DEFAULT_MAX_CHARS <= 10_000_000
    path = write_file(tmp_path / "a.txt", "date 2013-03-18\n" + GOOD)
    code, out, _ = run(capsys, "tag", str(path), "--only", "timex", "--max-chars", "0")
    assert code == 0 and json.loads(out)["documents"][0]["timexes"]
    with pytest.raises(SystemExit) as info:
        main(["tag", str(path), "--max-chars", "-3"])
    assert info.value.code == 2 and "max-chars" in capsys.readouterr().err


def test_a_huge_file_is_refused_without_reading_it_whole(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_file(tmp_path / "huge.txt", "date 2013-03-18\n" + "word " * 200_000)
    code, _, err = run(capsys, "timeline", str(path), "--max-chars", "1000")
    assert code == 2
    assert "huge.txt" in one_line(err)


# --------------------------------------------------------------------------- output paths


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    return write_file(tmp_path / "a.txt", "date 2013-03-18\n" + GOOD)


@pytest.mark.parametrize("command", ["tag", "timeline"])
@pytest.mark.parametrize("where", ["missing-folder", "a-folder", "file-as-folder"])
def test_bad_output_paths_are_one_line_errors_before_any_work(
        command: str, where: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_file(tmp_path / "plain", "x")
    output = {"missing-folder": tmp_path / "nowhere" / "out.json",
              "a-folder": tmp_path,
              "file-as-folder": tmp_path / "plain" / "out.json"}[where]
    # the input does not exist either: the output is checked first, before any reading
    code, out, err = run(capsys, command, str(tmp_path / "missing.txt"), "-o", str(output))
    assert code == 2
    assert out == ""
    assert str(output) in one_line(err)
    assert "missing.txt" not in err


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="permissions do not bind root")
def test_unwritable_output_folder(tmp_path: Path, article: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        code, _, err = run(capsys, "tag", str(article), "-o", str(locked / "out.json"))
    finally:
        locked.chmod(0o700)
    assert code == 2
    assert "permission" in one_line(err)


def test_a_failed_run_leaves_the_previous_output_untouched(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "BATCH_SIZE", 1)  # the first document is written before the error
    folder = tmp_path / "in"
    write_file(folder / "a.txt", "date 2013-03-18\n" + GOOD)
    write_file(folder / "b.txt", b"\xff\xfe not UTF-8")
    target = write_file(tmp_path / "out" / "result.json", "previous result")
    code, _, err = run(capsys, "tag", str(folder), "--only", "timex", "-o", str(target))
    assert code == 2 and "b.txt" in one_line(err)
    assert target.read_text(encoding="utf-8") == "previous result"
    assert sorted(p.name for p in target.parent.iterdir()) == ["result.json"]


def test_output_file_keeps_the_permissions_a_new_file_gets(
        tmp_path: Path, article: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.json"
    code, _, _ = run(capsys, "tag", str(article), "--only", "timex", "-o", str(out))
    assert code == 0
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask


# --------------------------------------------------------------------------- streaming formats


def test_jsonl_output_is_one_document_a_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_file(tmp_path / "feed.jsonl", "\n".join(record(id=f"d{i}") for i in range(5)))
    code, out, _ = run(capsys, "tag", str(path), "--only", "timex", "--format", "jsonl")
    assert code == 0
    code, whole, _ = run(capsys, "tag", str(path), "--only", "timex")
    lines = out.splitlines()
    assert [json.loads(line) for line in lines] == json.loads(whole)["documents"]
    assert out.endswith("\n") and len(lines) == 5


def test_timeml_into_a_folder_writes_one_file_per_document(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from newsline.documents import read_document

    path = write_file(tmp_path / "feed.jsonl", "\n".join(
        [record(id="one"), record(id="a/b"), record(id="one")]))
    folder = tmp_path / "tml"
    code, out, err = run(capsys, "tag", str(path), "--only", "timex", "--format", "timeml",
                         "-o", f"{folder}/")
    assert code == 0, err
    assert out == ""
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["a_b.tml", "one.tml", "one_2.tml"]
    [doc] = read_document(folder / "a_b.tml")
    assert doc.text == GOOD and [t.value for t in doc.timexes] == ["2013-03-15", "2013-03-03"]


def test_timeml_folder_whose_parent_is_missing(
        tmp_path: Path, article: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "no" / "such" / "folder/"
    code, _, err = run(capsys, "tag", str(article), "--format", "timeml", "-o", f"{target}/")
    assert code == 2 and "does not exist" in one_line(err)


# --------------------------------------------------------------------------- clean stops


def _child(*argv: str) -> subprocess.Popen[str]:
    code = "import sys; from newsline.cli import main; sys.exit(main())"
    return subprocess.Popen([sys.executable, "-c", code, *argv], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _long_input(tmp_path: Path) -> Path:
    line = record(text=GOOD * 20) + "\n"
    return write_file(tmp_path / "long.jsonl", line * 20_000)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_mid_run_prints_one_line_exits_130_and_leaves_no_output(
        sig: signal.Signals, tmp_path: Path) -> None:
    source = _long_input(tmp_path)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "result.json"
    child = _child("tag", str(source), "--only", "timex", "-o", str(target))
    deadline = time.monotonic() + 60
    while not any(out_dir.iterdir()):  # the temporary file: the run is under way
        assert child.poll() is None, child.communicate()
        assert time.monotonic() < deadline, "the run never started writing"
        time.sleep(0.05)
    time.sleep(0.3)
    child.send_signal(sig)
    out, err = child.communicate(timeout=60)
    assert child.returncode == 130, err
    assert one_line(err) == "newsline: interrupted"
    assert list(out_dir.iterdir()) == [], "no result and no temporary file left"


def test_ctrl_c_while_writing_to_stdout(tmp_path: Path) -> None:
    child = _child("tag", str(_long_input(tmp_path)), "--only", "timex", "--format", "jsonl")
    assert child.stdout is not None
    first = child.stdout.readline()  # results come as they are made, not at the end
    assert json.loads(first)["timexes"]
    child.send_signal(signal.SIGINT)
    _, err = child.communicate(timeout=60)
    assert child.returncode == 130
    assert one_line(err) == "newsline: interrupted"


# --------------------------------------------------------------------------- eval and train

GOLD = """<?xml version="1.0" ?>
<TimeML>
<DOCID>g</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-18" temporalFunction="false" \
functionInDocument="CREATION_TIME">March 18, 2013</TIMEX3></DCT>
<TEXT>They met on <TIMEX3 tid="t1" type="DATE" value="{value}">Friday</TIMEX3>.</TEXT>
</TimeML>
"""


def test_eval_on_a_folder_without_gold_is_an_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_file(tmp_path / "gold" / "notes.txt", "date 2013-03-18\nnot TimeML")
    code, out, err = run(capsys, "eval", str(tmp_path / "gold"))
    assert code == 2
    assert out == ""
    assert "no TimeML gold files" in one_line(err) and "gold" in err


def test_eval_on_a_missing_path_is_an_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "eval", str(tmp_path / "does_not_exist"))
    assert code == 2 and out == ""
    line = one_line(err)
    assert "does_not_exist" in line and "no such file" in line


def test_eval_names_malformed_gold_values(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_file(tmp_path / "gold" / "ok.tml", GOLD.format(value="2013-03-15"))
    bad = write_file(tmp_path / "gold" / "typo.tml", GOLD.format(value="2013-3-15x"))
    code, out, err = run(capsys, "eval", str(tmp_path / "gold"), "--json")
    assert code == 0
    assert json.loads(out)["files"] == 2
    line = one_line(err)
    assert str(bad) in line and "'2013-3-15x'" in line and "t1 (DATE)" in line


def test_only_the_few_malformed_train_gold_values_are_named(
        capsys: pytest.CaptureFixture[str]) -> None:
    from conftest import SHARED_DATA

    if not (SHARED_DATA / "train").is_dir():
        pytest.skip(f"{SHARED_DATA} not found: the TempEval-3 data lives in ../shared")
    gold = SHARED_DATA / "train" / "AQUAINT"
    code, _, err = run(capsys, "eval", str(gold), "--system", str(gold), "--json")
    assert code == 0
    warned = [line for line in err.splitlines() if "malformed value" in line]
    # the AQUAINT part holds a few week numbers written with one digit ('2000-W7')
    assert any("'2000-W7'" in line for line in warned)
    assert len(warned) < 20
    assert all(".tml: gold TIMEX3 t" in line for line in warned)


def test_train_events_never_overwrites_the_packaged_model_unasked(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from newsline.events.model import DEFAULT_MODEL

    before = DEFAULT_MODEL.stat().st_mtime_ns
    gold = write_file(tmp_path / "gold" / "g.tml", GOLD.format(value="2013-03-15"))
    with pytest.raises(SystemExit) as info:
        main(["train", "events", str(gold.parent)])
    assert info.value.code == 2
    assert "--out" in capsys.readouterr().err
    assert DEFAULT_MODEL.stat().st_mtime_ns == before


def test_train_events_checks_its_output_before_training(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = write_file(tmp_path / "gold" / "g.tml", GOLD.format(value="2013-03-15"))
    write_file(tmp_path / "plain", "a file")
    code, _, err = run(capsys, "train", "events", str(gold.parent),
                       "--out", str(tmp_path / "plain" / "m.npz"))
    assert code == 2 and "plain" in one_line(err)
    code, _, err = run(capsys, "train", "events", str(gold.parent), "--out", str(tmp_path))
    assert code == 2 and "is a folder" in one_line(err)


def test_train_relations_resources_needs_an_explicit_output(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from newsline.relations import train

    resources = Path(train.__file__).parent / "resources"
    before = {p.name: p.stat().st_mtime_ns for p in resources.iterdir()}
    with pytest.raises(SystemExit) as info:
        main(["train", "relations", "--resources", str(tmp_path)])
    assert info.value.code == 2
    assert "-o packaged" in capsys.readouterr().err
    assert {p.name: p.stat().st_mtime_ns for p in resources.iterdir()} == before


def test_output_to_a_device_is_written_through_not_replaced(
        tmp_path: Path, article: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE, text=True)
    code, _, err = run(capsys, "tag", str(article), "--only", "timex", "-o", str(fifo))
    out, _ = reader.communicate(timeout=30)
    assert code == 0, err
    assert json.loads(out)["documents"][0]["id"] == "a"
    assert fifo.is_fifo(), "the named pipe is still a pipe, not replaced by a file"


def test_ingest_takes_the_shared_input_options(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("duckdb", reason="the store needs duckdb")
    big = write_file(tmp_path / "big.txt", "date 2013-03-18\n" + GOOD * 10)
    db = tmp_path / "store.duckdb"
    code, _, err = run(capsys, "ingest", str(big), "--db", str(db), "--max-chars", "100",
                       "--only", "timex")
    assert code == 2
    assert "big.txt" in one_line(err) and "--max-chars" in err
