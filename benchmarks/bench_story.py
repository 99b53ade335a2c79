"""Scale of ``newsline story``: a story of many articles, streamed, on one core.

The articles of ``--data`` (default: the three timeline17-dev stories in ../shared) are
repeated under new ids (``<id>#<copy>``) up to ``--articles`` articles and fed to
:func:`newsline.story.build_story` as a generator, so that no more than one article is held
at a time. Each size runs in a fresh process (one core, no threads beyond the interpreter's),
which reports wall time, CPU time (user + system, the figure to read on a shared machine),
peak resident memory, whitespace tokens and the candidate sentences the pass kept.

    python benchmarks/bench_story.py                         # 1,500 articles
    python benchmarks/bench_story.py --articles 500,1000,1500,3000
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data" / "timeline17-dev"


def _stream(data: Path, count: int) -> Iterator:
    """``count`` Documents, the story articles repeated under new ids, built one at a time
    (the JSON lines are re-read for every copy: nothing but the current article is held)."""
    from newsline.documents import Document

    made = 0
    copy = 0
    paths = sorted(data.glob("*/articles.jsonl"))
    while made < count:
        for path in paths:
            with path.open(encoding="utf-8") as handle:
                for line in handle:
                    record = json.loads(line)
                    if not str(record.get("text") or "").strip():
                        continue
                    yield Document(id=f"{record['id']}#{copy}", text=record["text"],
                                   dct=record["date"], meta={"source": record.get("source")})
                    made += 1
                    if made >= count:
                        return
        copy += 1


def _one(data: Path, count: int) -> dict:
    """Run one size in this process and return its figures."""
    import newsline.story.builder as builder
    from newsline.story.collect import collect

    tokens = 0

    def counted():
        nonlocal tokens
        for doc in _stream(data, count):
            tokens += len(doc.text.split())
            yield doc

    started = time.perf_counter()
    cpu0 = time.process_time()
    kept = {}
    original = builder.collect

    def spy(documents, **kwargs):
        material = original(documents, **kwargs)
        kept["candidates"] = len(material.candidates)
        return material

    builder.collect = spy
    story = builder.build_story(counted(), sentences=2)
    builder.collect = collect
    wall = time.perf_counter() - started
    cpu = time.process_time() - cpu0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"articles": story.articles, "tokens": tokens, "wall_s": round(wall, 1),
            "cpu_s": round(cpu, 1), "peak_mb": round(peak), "candidates": kept["candidates"],
            "dates": len(story.entries)}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--articles", default="1500",
                        help="comma-separated story sizes (articles), each in a fresh process")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        raise SystemExit(f"bench_story: {args.data} not found (../shared beside the repo)")
    if args.one:
        print(json.dumps(_one(args.data, args.one)))
        return 0
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, text=True,
                         capture_output=True).stdout.strip() or "?"
    print(f"newsline story scale benchmark, revision {rev}, Python {platform.python_version()},"
          f" {os.cpu_count()} CPUs, data {args.data}")
    print("| articles | tokens | wall s | CPU s | peak MB | candidates kept | dates |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for size in (int(s) for s in args.articles.split(",")):
        out = subprocess.run([sys.executable, __file__, "--data", str(args.data), "--one",
                              str(size)], env=env, capture_output=True, text=True, check=True)
        row = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"| {row['articles']:,} | {row['tokens']:,} | {row['wall_s']} | {row['cpu_s']} | "
              f"{row['peak_mb']} | {row['candidates']:,} | {row['dates']} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
