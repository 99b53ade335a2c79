"""The store at scale: ``newsline ingest`` peak memory and speed at 2,000 and 20,000
articles, and date-range ``query`` time on a store of 20,000 articles.

Articles are the TempEval-3 train documents (``--data``) repeated under new ids, each copy
from another outlet (``source`` = ``outlet-K``), so that every copy is a new article to the
store (its key hashes text, date and outlet).

* ``ingest``: for each size, ``newsline ingest corpus.jsonl --db NEW --only timex`` (the
  whole pipeline on 20,000 articles takes hours on this machine; ``--stages all`` runs it)
  in its own process; its peak resident memory comes from ``wait4``.
* ``query``: the train documents are ingested once with every stage, then their rows are
  copied in SQL under new keys, ids and outlets up to ``--query-size`` articles (the rows
  an ingest of the repeated corpus would write: the texts are the same). The date range is
  the busiest month of the store. Times: the median of ``--passes`` runs of opening the
  store read-only and reading the entries (``Store.entries``), and of the whole
  ``newsline query`` command (Python start-up included).

    python benchmarks/bench_store.py                          # both parts
    python benchmarks/bench_store.py --part ingest --sizes 2000,20000
    python benchmarks/bench_store.py --part query --query-size 20000 --keep /tmp/q.duckdb
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data" / "tempeval3" / "train"


def train_docs(data: Path) -> list:
    return list(_timeml_docs(data))


def _timeml_docs(data: Path) -> list:
    """The TimeML documents below ``data`` (its README and other files left out)."""
    from newsline.documents import iter_documents

    files = sorted(str(p) for p in data.rglob("*.tml"))
    return list(iter_documents(files))


def write_corpus(docs: list, size: int, out: Path) -> int:
    """``size`` articles: the documents again and again, copy K from outlet-K; tokens."""
    tokens = 0
    with out.open("w", encoding="utf-8") as handle:
        for index in range(size):
            doc = docs[index % len(docs)]
            copy = index // len(docs)
            handle.write(json.dumps({"id": f"{doc.id}~{copy}", "text": doc.text,
                                     "date": doc.dct, "source": f"outlet-{copy}"}) + "\n")
            tokens += len(doc.text.split())
    return tokens


def measured(argv: list[str]) -> tuple[float, float]:
    """(wall seconds, peak resident MiB) of a command run as a child process."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"bench_store: {' '.join(argv)} failed")
    return wall, usage.ru_maxrss / 1024


def bench_ingest(docs: list, sizes: list[int], stages: str, folder: Path) -> None:
    print(f"\n## ingest ({'--only ' + stages if stages != 'all' else 'all stages'})\n")
    print("| articles | tokens | wall s | articles/s | peak RSS MiB | store MiB |")
    print("|---:|---:|---:|---:|---:|---:|")
    for size in sizes:
        corpus = folder / f"corpus-{size}.jsonl"
        tokens = write_corpus(docs, size, corpus)
        db = folder / f"ingest-{size}.duckdb"
        argv = [sys.executable, "-m", "newsline.cli", "ingest", str(corpus), "--db", str(db),
                "-q"] + (["--only", stages] if stages != "all" else [])
        wall, peak = measured(argv)
        from newsline.store import Store

        with Store.open(db, read_only=True) as store:
            stored = store.summary()["documents"]
        assert stored == size, f"{stored} documents stored, expected {size}"
        print(f"| {size:,} | {tokens:,} | {wall:.1f} | {size / wall:.0f} | {peak:.0f} | "
              f"{db.stat().st_size / 2**20:.0f} |", flush=True)
        corpus.unlink()


_COPIES = {
    "documents": "doc_key || '~' || k, id || '~' || k, text, dct, title, url, "
                 "'outlet-' || k, stages, ingested_at",
    "timexes": "doc_key || '~' || k, tid, start_offset, end_offset, text, type, value, mod, "
               "quant, freq",
    "events": "doc_key || '~' || k, eid, start_offset, end_offset, text, class, tense, "
              "aspect, polarity, modality, pos",
    "links": "doc_key || '~' || k, type, rel, source, target",
}


def build_query_store(data: Path, size: int, folder: Path) -> Path:
    """A store of ``size`` articles: the train set ingested whole, its rows copied."""
    import duckdb

    db = folder / "query.duckdb"
    subprocess.run([sys.executable, "-m", "newsline.cli", "ingest", str(data / "TimeBank"),
                    str(data / "AQUAINT"), "--db",
                    str(db), "-q"], check=True)
    con = duckdb.connect(str(db))
    base = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    copies = -(-size // base)
    entry_columns = [r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'entries' "
        "ORDER BY ordinal_position").fetchall()]
    copied = {"doc_key": "doc_key || '~' || k", "doc": "doc || '~' || k",
              "outlet": "'outlet-' || k"}
    _COPIES["entries"] = ", ".join(copied.get(c, c) for c in entry_columns)
    for table, columns in _COPIES.items():
        con.execute(f"CREATE TEMP TABLE base_{table} AS SELECT * FROM {table}")
        con.execute(f"INSERT INTO {table} SELECT {columns} FROM base_{table}, "
                    f"(SELECT range AS k FROM range(1, {copies})) copies")
    con.execute("DELETE FROM documents WHERE doc_key IN (SELECT doc_key FROM documents "
                f"ORDER BY doc_key LIMIT {copies * base - size})")
    con.execute("DELETE FROM entries WHERE doc_key NOT IN (SELECT doc_key FROM documents)")
    con.close()
    return db


def bench_query(data: Path, size: int, passes: int, folder: Path,
                keep: Path | None = None) -> None:
    from newsline.store import EntryFilter, Store

    if keep is not None and keep.exists():
        db = keep
    else:
        db = build_query_store(data, size, folder)
        if keep is not None:
            db = Path(shutil.copy(db, keep))
    with Store.open(db, read_only=True) as store:
        summary = store.summary()
        month = store.con.execute(
            "SELECT CAST(date_trunc('month', sort_date) AS DATE) AS m, count(*) FROM entries "
            "WHERE sort_date IS NOT NULL GROUP BY m ORDER BY 2 DESC, m LIMIT 1").fetchone()[0]
    first = month.isoformat()
    last = (month.replace(day=28) + __import__("datetime").timedelta(days=4)).replace(day=1)
    last = (last - __import__("datetime").timedelta(days=1)).isoformat()
    print(f"\n## query: {summary['documents']:,} articles, {summary['entries']:,} entries, "
          f"{db.stat().st_size / 2**20:.0f} MiB\n")
    print("| query | entries | median ms (open + read) | median ms (`newsline query`) |")
    print("|---|---:|---:|---:|")
    cases = [(f"--from {first} --to {last}", EntryFilter(date_from=first, date_to=last)),
             (f"--from {first} --to {first}", EntryFilter(date_from=first, date_to=first)),
             (f"--from {first} --to {last} --actor a", EntryFilter(date_from=first,
                                                                   date_to=last, actor="a")),
             (f"--from {first} --to {last} --text said",
              EntryFilter(date_from=first, date_to=last, text="said"))]
    for label, flt in cases:
        times, count = [], 0
        for _ in range(passes):
            started = time.perf_counter()
            with Store.open(db, read_only=True) as store:
                count = len(store.entries(flt))
            times.append((time.perf_counter() - started) * 1000)
        argv = [sys.executable, "-m", "newsline.cli", "query", "--db", str(db),
                "--separate", *label.split()]
        cli = []
        for _ in range(max(passes // 4, 3)):
            started = time.perf_counter()
            subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
            cli.append((time.perf_counter() - started) * 1000)
        print(f"| `{label}` | {count:,} | {statistics.median(times):.1f} | "
              f"{statistics.median(cli):.0f} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--part", choices=("ingest", "query", "both"), default="both")
    parser.add_argument("--sizes", default="2000,20000")
    parser.add_argument("--stages", choices=("timex", "events", "all"), default="timex")
    parser.add_argument("--query-size", type=int, default=20000)
    parser.add_argument("--passes", type=int, default=20)
    parser.add_argument("--keep", type=Path, metavar="DB",
                        help="query part: keep the store built here (reused if it exists)")
    args = parser.parse_args()
    if not args.data.exists():
        raise SystemExit(f"bench_store: {args.data} not found")
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at the start")
    with tempfile.TemporaryDirectory(prefix="bench-store-") as name:
        folder = Path(name)
        if args.part in ("ingest", "both"):
            docs = train_docs(args.data)
            bench_ingest(docs, [int(s) for s in args.sizes.split(",")], args.stages, folder)
        if args.part in ("query", "both"):
            bench_query(args.data, args.query_size, args.passes, folder, args.keep)
    print(f"\nload average at the end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
