"""The store: ingest is idempotent and atomic per batch, migrations, locks, read-only use."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from conftest import write_file
from newsline.cli import main
from newsline.store import EntryFilter, Store, StoreError, StoreLockedError, schema
from newsline.store.locking import store_lock

ARTICLE = ("date 2013-03-18\nSeoul said on Friday that 200 soldiers returned home after a "
           "three-month deployment. They left on March 3, 2013.\n")


def articles(folder: Path, count: int, start: int = 0) -> list[Path]:
    """``count`` distinct little articles, one a file."""
    return [write_file(folder / f"a{i:04d}.txt",
                       f"date 2013-03-{1 + i % 28:02d}\nArticle {i}: the council met on "
                       f"Monday and voted on March {1 + i % 28}, 2013.\n")
            for i in range(start, start + count)]


def newsline(*argv: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsline.cli", *argv], capture_output=True,
                          text=True, timeout=300, **kwargs)


def counts(db: Path) -> tuple[int, int, int]:
    """(documents, distinct document ids, duplicated timex rows) in the store."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        docs, ids = con.execute("SELECT count(*), count(DISTINCT id) FROM documents").fetchone()
        dup = con.execute("SELECT count(*) FROM (SELECT doc_key, tid FROM timexes "
                          "GROUP BY ALL HAVING count(*) > 1)").fetchone()[0]
    finally:
        con.close()
    return docs, ids, dup


def test_the_same_article_twice_is_stored_once(tmp_path, capsys):
    db = tmp_path / "s.duckdb"
    first = write_file(tmp_path / "in" / "first.txt", ARTICLE)
    copy = write_file(tmp_path / "in" / "copy.txt", ARTICLE)
    assert main(["ingest", str(first), str(copy), "--db", str(db), "--only", "timex"]) == 0
    assert "2 documents read, 1 stored, 1 already" in capsys.readouterr().err
    assert main(["ingest", str(first), "--db", str(db), "--only", "timex"]) == 0
    assert "1 documents read, 0 stored, 1 already" in capsys.readouterr().err
    assert counts(db) == (1, 1, 0)
    with Store.open(db, read_only=True) as store:
        (doc,) = store.documents()
    assert doc.id == "first" and doc.dct == "2013-03-18"
    assert [t.value for t in doc.timexes] == ["2013-03-15", "P3M", "2013-03-03"]


def test_the_same_text_from_another_outlet_is_another_report(tmp_path):
    db = tmp_path / "s.duckdb"
    lines = [json.dumps({"id": f"r{i}", "text": "The dam broke on Monday.", "date": "2024-03-04",
                         "source": outlet}) for i, outlet in enumerate(["a", "b", "a"])]
    feed = write_file(tmp_path / "feed.jsonl", "\n".join(lines))
    assert main(["ingest", str(feed), "--db", str(db), "--only", "timex", "-q"]) == 0
    with Store.open(db, read_only=True) as store:
        assert sorted(d.meta["source"] for d in store.documents()) == ["a", "b"]


def test_a_full_ingest_redoes_what_a_cheaper_one_stored(tmp_path):
    db = tmp_path / "s.duckdb"
    path = write_file(tmp_path / "korea.txt", ARTICLE)
    assert main(["ingest", str(path), "--db", str(db), "--only", "timex", "-q"]) == 0
    with Store.open(db, read_only=True) as store:
        assert store.count_entries() == 0
    assert main(["ingest", str(path), "--db", str(db), "-q"]) == 0
    with Store.open(db, read_only=True) as store:
        (doc,) = store.documents()
        entries = store.entries()
    assert doc.events and doc.links and entries
    assert len(doc.timexes) == 3  # replaced, not added to
    assert {e.doc for e in entries} == {"korea"}
    assert all(e.sentence in doc.text for e in entries)


def test_sigkill_in_the_middle_then_rerun_stores_every_article_once(tmp_path):
    folder = tmp_path / "in"
    total = 300
    articles(folder, total)
    db = tmp_path / "s.duckdb"
    argv = [sys.executable, "-m", "newsline.cli", "ingest", str(folder), "--db", str(db),
            "--only", "timex", "--batch-size", "2", "-q"]
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stored = 0
    deadline = time.monotonic() + 120
    while stored < 10 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        if db.exists():
            try:
                with Store.open(db, read_only=True, wait=5) as store:
                    stored = store.summary()["documents"]
            except StoreError:
                pass
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the ingest was killed, not finished"
    assert 0 < counts(db)[0] < total
    rerun = subprocess.run(argv, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert counts(db) == (total, total, 0)


def test_concurrent_ingests_wait_for_each_other(tmp_path):
    folder = tmp_path / "in"
    articles(folder, 60)
    db = tmp_path / "s.duckdb"
    argv = [sys.executable, "-m", "newsline.cli", "ingest", str(folder), "--db", str(db),
            "--only", "timex", "--batch-size", "6", "-q"]
    procs = [subprocess.Popen(argv, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    for proc in procs:
        assert proc.wait(timeout=300) == 0, proc.stderr.read()
    assert counts(db) == (60, 60, 0)


def test_a_busy_store_fails_with_one_line_when_told_not_to_wait(tmp_path):
    db = tmp_path / "s.duckdb"
    path = write_file(tmp_path / "a.txt", ARTICLE)
    with store_lock(db, exclusive=True, wait=0):
        result = newsline("ingest", str(path), "--db", str(db), "--wait", "0.2")
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert "in use by another process" in result.stderr and "Traceback" not in result.stderr
    with pytest.raises(StoreLockedError):
        with store_lock(db, exclusive=True, wait=0), Store.open(db, wait=0.1):
            pass


def test_a_reader_waits_for_the_writers_batch(tmp_path):
    db = tmp_path / "s.duckdb"
    with Store.open(db):
        pass
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from newsline.store import Store\n"
         f"with Store.open({str(db)!r}):\n print('in', flush=True); time.sleep(1.5)"],
        stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "in"
    started = time.monotonic()
    with Store.open(db, read_only=True) as store:
        assert store.summary()["documents"] == 0
    assert time.monotonic() - started > 0.3, "the reader waited for the writer"
    assert holder.wait(timeout=30) == 0


def test_query_opens_the_store_read_only(tmp_path, capsys):
    db = tmp_path / "s.duckdb"
    path = write_file(tmp_path / "a.txt", ARTICLE)
    assert main(["ingest", str(path), "--db", str(db), "--only", "timex", "-q"]) == 0
    before = db.read_bytes()
    os.chmod(db, 0o444)
    try:
        assert main(["query", "--db", str(db)]) == 0
        assert json.loads(capsys.readouterr().out) == {"entries": []}
        with Store.open(db, read_only=True) as store, pytest.raises(duckdb.Error):
            store.con.execute("DELETE FROM documents")
    finally:
        os.chmod(db, 0o644)
    assert db.read_bytes() == before


def test_query_on_a_missing_store_is_a_one_line_error(tmp_path, capsys):
    db = tmp_path / "none.duckdb"
    assert main(["query", "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("newsline: error:") and "no such store" in err
    assert not db.exists()


def test_a_version_1_store_is_migrated_to_the_current_version(tmp_path):
    db = tmp_path / "v1.duckdb"
    con = duckdb.connect(str(db))
    assert schema.migrate(con, target=1) == [1]
    con.execute("INSERT INTO documents (doc_key, id, text, dct, stages) VALUES "
                "('k1', 'old', 'It rained on Monday.', DATE '2020-01-06', 'timex')")
    con.execute("INSERT INTO timexes (doc_key, tid, start_offset, end_offset, text, type, "
                "value) VALUES ('k1', 't1', 12, 18, 'Monday', 'DATE', '2020-01-06')")
    con.execute("INSERT INTO entries (doc_key, seq, doc, sort_date, date, start_date, end_date, "
                "grain, event, summary, sentence, start_offset, end_offset, inferred, polarity)"
                " VALUES ('k1', 0, 'old', DATE '2020-01-06', '2020-01-06', DATE '2020-01-06', "
                "DATE '2020-01-06', 'day', 'rained', 'It rained', 'It RAINED on Monday.', 3, 9, "
                "false, 'POS')")
    con.close()
    if schema.current_version() > 1:
        with pytest.raises(StoreError, match="older than"):
            with Store.open(db, read_only=True):
                pass
    with Store.open(db) as store:
        assert store.summary()["schema_version"] == schema.current_version()
        (doc,) = store.documents()
    assert (doc.id, doc.timexes[0].value) == ("old", "2020-01-06")
    with Store.open(db, read_only=True) as store:  # v2: the text filter reads entries.search
        assert [e.event for e in store.entries(EntryFilter(text="Rained monday"))] == [
            "rained"]
        assert store.entries(EntryFilter(text="snowed")) == []
    with Store.open(db, read_only=True) as store:
        versions = [r[0] for r in store.con.execute(
            "SELECT version FROM schema_version ORDER BY 1").fetchall()]
    assert versions == list(range(1, schema.current_version() + 1))


def test_a_store_from_a_newer_newsline_is_refused(tmp_path):
    db = tmp_path / "new.duckdb"
    with Store.open(db) as store:
        store.con.execute("INSERT INTO schema_version (version) VALUES (999)")
    with pytest.raises(StoreError, match="newer than"):
        with Store.open(db):
            pass


def test_query_gives_what_timeline_gives_for_the_same_articles(tmp_path, capsys):
    example = Path(__file__).resolve().parents[1] / "examples" / "korea_troops.txt"
    other = write_file(tmp_path / "other.txt", ARTICLE)
    db = tmp_path / "s.duckdb"
    assert main(["ingest", str(example), str(other), "--db", str(db), "-q"]) == 0
    assert main(["timeline", str(example), str(other)]) == 0
    timeline = json.loads(capsys.readouterr().out)["entries"]
    assert main(["query", "--db", str(db)]) == 0
    stored = json.loads(capsys.readouterr().out)["entries"]
    assert len(timeline) >= 8
    assert [{k: v for k, v in e.items() if k != "outlet"} for e in stored] == timeline


def test_story_from_the_store_is_the_story_of_the_articles(tmp_path, capsys):
    folder = tmp_path / "in"
    articles(folder, 6)
    db = tmp_path / "s.duckdb"
    assert main(["ingest", str(folder), "--db", str(db), "--only", "timex", "-q"]) == 0
    assert main(["story", str(folder)]) == 0
    from_files = json.loads(capsys.readouterr().out)
    assert main(["story", "--db", str(db)]) == 0
    from_store = json.loads(capsys.readouterr().out)
    assert from_store == from_files and from_store["entries"]
    assert main(["story"]) == 2
    assert "--db" in capsys.readouterr().err
