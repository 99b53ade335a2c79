"""Speed of ``newsline batch --engine local``: one worker against two.

Every TimeML document below ``--data`` (default: the TempEval-3 train set in ../shared) is
written once, ``--repeat`` times under new ids, to a JSONL corpus in a scratch folder; then
``newsline batch CORPUS --out OUT.parquet --workers N`` runs as a separate process for each
N, ``--passes`` times, and the median wall time is reported (start-up included: the
command's import, the workers' spawn and pipeline load, the Parquet writing).

    python benchmarks/bench_batch.py                      # whole pipeline, 1 and 2 workers
    python benchmarks/bench_batch.py --only timex --repeat 8

Wall time on a machine shared with other work is noisy: the speed-up needs two idle cores.
The last column is the CPU time of the command and its workers (user + system).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data" / "tempeval3" / "train"


def _timeml_docs(data: Path) -> list:
    """The TimeML documents below ``data`` (its README and other files left out)."""
    from newsline.documents import iter_documents

    files = sorted(str(p) for p in data.rglob("*.tml"))
    return list(iter_documents(files))


def write_corpus(data: Path, repeat: int, out: Path) -> tuple[int, int]:
    """A JSONL file of the documents under ``data``, ``repeat`` times under new ids;
    returns (documents, whitespace tokens)."""
    docs = list(_timeml_docs(data))
    tokens = 0
    with out.open("w", encoding="utf-8") as handle:
        for copy in range(repeat):
            for doc in docs:
                handle.write(json.dumps({"id": f"{doc.id}~{copy}", "text": doc.text,
                                         "date": doc.dct}) + "\n")
                tokens += len(doc.text.split())
    return len(docs) * repeat, tokens


def run(corpus: Path, out: Path, workers: int, only: str | None) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the command and its children) of one batch run."""
    argv = [sys.executable, "-m", "newsline.cli", "batch", str(corpus), "--out", str(out),
            "--workers", str(workers), "-q"] + (["--only", only] if only else [])
    before = os.times()
    started = time.perf_counter()
    subprocess.run(argv, check=True)
    wall = time.perf_counter() - started
    after = os.times()
    cpu = (after.children_user - before.children_user
           + after.children_system - before.children_system)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--only", choices=("timex", "events"))
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--passes", type=int, default=1)
    args = parser.parse_args()
    if not args.data.exists():
        raise SystemExit(f"bench_batch: {args.data} not found")
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as folder:
        corpus = Path(folder) / "corpus.jsonl"
        docs, tokens = write_corpus(args.data, args.repeat, corpus)
        print(f"corpus: {docs} documents, {tokens:,} tokens; stages: "
              f"{args.only or 'all (timex, events, links, timeline)'}; "
              f"{platform.python_implementation()} {platform.python_version()}, "
              f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")
        print("| workers | median s | docs/s | tokens/s | speed-up | CPU s |")
        print("|---:|---:|---:|---:|---:|---:|")
        base = None
        for workers in (int(w) for w in args.workers.split(",")):
            runs = [run(corpus, Path(folder) / "out.parquet", workers, args.only)
                    for _ in range(args.passes)]
            wall = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            base = base or wall
            print(f"| {workers} | {wall:.1f} | {docs / wall:.1f} | {tokens / wall:,.0f} | "
                  f"{base / wall:.2f}x | {cpu:.1f} |", flush=True)
        print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
