"""``newsline batch``: Parquet rows per document, the same from one worker, two workers and
Spark, from text, JSONL and Parquet inputs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import write_file
from newsline.batch.rows import SCHEMA
from newsline.cli import main

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "korea_troops.txt"


def corpus(folder: Path) -> list[str]:
    """A folder of two texts, a JSONL feed and a Parquet file: six articles."""
    write_file(folder / "texts" / "dam.txt",
               "date 2024-03-05\nThe river dam at Norden gave way on Monday, the mayor said.\n")
    write_file(folder / "texts" / "korea.txt", EXAMPLE.read_text(encoding="utf-8"))
    write_file(folder / "feed.jsonl", "\n".join(json.dumps(r) for r in [
        {"id": "f1", "text": "Talks resumed on Tuesday after a week.", "date": "2024-03-06",
         "source": "Wire"},
        {"text": "The council will vote next month.", "published": "2024-03-07T10:00:00Z"},
    ]))
    table = pa.table({"text": ["Rain fell for three days in May 2023.",
                               "Elections were held on 2 June."],
                      "date": ["2023-06-01", "2024-06-05"], "source": ["Post", None]})
    pq.write_table(table, folder / "articles.parquet")
    return [str(folder / "texts"), str(folder / "feed.jsonl"), str(folder / "articles.parquet")]


def rows(path: Path) -> list[dict]:
    return sorted(pq.read_table(path).to_pylist(), key=lambda r: r["id"])


@pytest.fixture(scope="module")
def local_rows(tmp_path_factory):
    folder = tmp_path_factory.mktemp("batch")
    inputs = corpus(folder)
    out = folder / "one.parquet"
    assert main(["batch", *inputs, "--out", str(out), "--workers", "1", "-q"]) == 0
    return folder, inputs, rows(out)


def test_one_row_per_document_with_its_annotations(local_rows):
    _, _, table = local_rows
    assert [r["id"] for r in table] == ["articles:1", "articles:2", "dam", "f1", "feed:2",
                                       "korea"]
    by_id = {r["id"]: r for r in table}
    dam = by_id["dam"]
    assert str(dam["dct"]) == "2024-03-05"
    assert [t["text"] for t in dam["timexes"]] == ["Monday"]
    assert dam["text"][dam["timexes"][0]["start"]:dam["timexes"][0]["end"]] == "Monday"
    assert {e["text"] for e in dam["events"]} >= {"gave", "said"}
    assert by_id["f1"]["source"] == "Wire" and str(by_id["feed:2"]["dct"]) == "2024-03-07"
    assert by_id["articles:1"]["source"] == "Post"
    korea = by_id["korea"]
    assert korea["links"] and len(korea["entries"]) >= 5
    for entry in korea["entries"]:
        start, end = entry["offsets"]
        assert korea["text"][start:end] and entry["sentence"] in korea["text"]


def test_entries_are_those_of_newsline_timeline(local_rows, capsys):
    _, _, table = local_rows
    assert main(["timeline", str(EXAMPLE)]) == 0
    timeline = json.loads(capsys.readouterr().out)["entries"]
    korea = next(r for r in table if r["id"] == "korea")
    assert sorted((e["event"], e["date"], tuple(e["offsets"])) for e in korea["entries"]) == \
        sorted((e["event"], e["date"], tuple(e["offsets"])) for e in timeline)


def test_two_workers_write_the_same_rows_in_input_order(local_rows):
    folder, inputs, table = local_rows
    out = folder / "two.parquet"
    result = subprocess.run([sys.executable, "-m", "newsline.cli", "batch", *inputs, "--out",
                             str(out), "--workers", "2"], capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == f"newsline: 6 documents written to {out}", \
        "no progress bar when stderr is not a terminal"
    assert pq.read_schema(out).equals(SCHEMA)
    assert [r["id"] for r in pq.read_table(out).to_pylist()] == [
        "dam", "korea", "f1", "feed:2", "articles:1", "articles:2"]
    assert rows(out) == table


def test_bad_input_is_one_line_and_keep_going_skips_it(tmp_path, capsys):
    good = write_file(tmp_path / "in" / "a.txt", "date 2024-01-02\nIt rained on Monday.\n")
    bad = write_file(tmp_path / "in" / "b.txt", "It rained on Monday.\n")
    out = tmp_path / "out.parquet"
    assert main(["batch", str(good), str(bad), "--out", str(out), "--only", "timex"]) == 2
    assert capsys.readouterr().err.strip().endswith("no publication date (add a 'date "
                                                    "YYYY-MM-DD' header or pass --dct)")
    assert not out.exists() and not list(tmp_path.glob("*.partial"))
    assert main(["batch", str(tmp_path / "in"), "--out", str(out), "--only", "timex",
                 "--keep-going"]) == 0
    assert [r["id"] for r in pq.read_table(out).to_pylist()] == ["a"]


def test_spark_engine_writes_the_same_rows(local_rows):
    pytest.importorskip("pyspark", reason="the spark extra is not installed "
                                          "(pip install '.[spark]')")
    folder, inputs, table = local_rows
    out = folder / "spark.parquet"
    result = subprocess.run([sys.executable, "-m", "newsline.cli", "batch", *inputs, "--out",
                             str(out), "--engine", "spark", "--workers", "2"],
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    assert out.is_dir() and list(out.glob("part-*.parquet"))
    assert rows(out) == table
