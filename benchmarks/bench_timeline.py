"""Speed of ``newsline timeline``: every stage (timexes, events, links, entries), one process.

The texts and DCTs of the TimeML files below ``--data`` (default: the TempEval-3 train set
in ../shared) go through :func:`newsline.pipeline.build_timeline`, as the
``timeline`` command runs them, in batches of ``--batch`` documents. The pipeline's models
are loaded by a warm-up call on one document (start-up, timed apart); each pass then builds
the timelines of every document and the median pass is reported, in wall time and in CPU
time of the process (on a shared machine the steadier figure). Tokens are
whitespace-separated tokens, as in the other benchmarks.

    python benchmarks/bench_timeline.py                    # 3 passes over the train set
    python benchmarks/bench_timeline.py --limit 60 --passes 1
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time
from collections.abc import Sequence
from pathlib import Path

from _common import revision

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data" / "tempeval3" / "train"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, metavar="N", help="first N documents only")
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--batch", type=int, default=32, help="documents per call")
    args = parser.parse_args(argv)

    from newsline.documents import Document, read_document
    from newsline.pipeline import build_timeline

    files = sorted(args.data.rglob("*.tml")) if args.data.is_dir() else [args.data]
    if not files:
        raise SystemExit(f"bench_timeline: no TimeML files under {args.data}")
    gold = [d for f in files for d in read_document(f)][:args.limit or None]
    tokens = sum(len(d.text.split()) for d in gold)

    def fresh() -> list[Document]:
        return [Document(id=d.id, text=d.text, dct=d.dct) for d in gold]

    started = time.perf_counter()
    build_timeline(fresh()[:1])
    startup = time.perf_counter() - started
    passes, cpu, entries = [], [], 0
    for _ in range(args.passes):
        docs = fresh()
        started, cpu_started = time.perf_counter(), time.process_time()
        entries = sum(len(build_timeline(docs[i:i + args.batch]))
                      for i in range(0, len(docs), args.batch))
        passes.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    median, cpu_median = statistics.median(passes), statistics.median(cpu)
    print(f"# {len(gold)} documents, {tokens:,} tokens, batches of {args.batch}, "
          f"commit {revision()}, Python {platform.python_version()}")
    print("| command | docs | tokens | start-up s | median s | docs/s | tokens/s | CPU s "
          "| tokens/CPU s | entries | passes s |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    print(f"| newsline timeline | {len(gold)} | {tokens:,} | {startup:.2f} | {median:.2f} | "
          f"{len(gold) / median:.1f} | {tokens / median:,.0f} | {cpu_median:.2f} | "
          f"{tokens / cpu_median:,.0f} | {entries} | {', '.join(f'{p:.2f}' for p in passes)} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
