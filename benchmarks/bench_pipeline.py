"""Speed of the full ``newsline tag`` pipeline (timexes + events), one and two processes.

Every TimeML file below ``--data`` (default: the TempEval-3 train set in ../shared) is read
with newsline's reader; its text and DCT are tagged as ``newsline tag`` does, through
:func:`newsline.pipeline.annotate` (batches of 32 documents, one parse per batch).
Tokens are whitespace-separated tokens, as in ``bench_timex.py``.

* one process: the taggers are built once (start-up, timed apart), then each pass tags
  every document; the median pass is reported;
* two processes: a ``multiprocessing`` pool of two workers (spawned, each building the
  taggers once in its initializer, not timed), fed chunks of 8 documents, longest chunks
  first; each pass is the wall time until every chunk is back.

    python benchmarks/bench_pipeline.py                    # both modes, 3 passes
    python benchmarks/bench_pipeline.py --processes 1 --passes 1
    python benchmarks/bench_pipeline.py --stages timex     # the timex-only path

The last column but two is the CPU time of the busiest process in a pass (median over
passes): on a machine that other work shares, wall time can exceed it; when the machine is
idle the two agree.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import platform
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data" / "tempeval3" / "train"
TIMEML_SUFFIXES = (".tml", ".xml")
CHUNK = 8  # documents per task in the two-process mode

Item = tuple[str, str, str | None]  # id, text, dct


def load_items(data: Path, limit: int | None) -> list[Item]:
    """(id, text, dct) of every TimeML file below ``data``, sorted."""
    from newsline.documents import read_document

    files = [data] if data.is_file() else sorted(
        p for p in data.rglob("*") if p.suffix.lower() in TIMEML_SUFFIXES and p.is_file())
    if not files:
        raise SystemExit(f"bench_pipeline: no TimeML files under {data}")
    items = [(d.id, d.text, d.dct) for p in files for d in read_document(p)]
    return items[:limit] if limit else items


# --------------------------------------------------------------------------- tagging

_STATE: dict[str, Any] = {}


#: ``--stages`` -> the pipeline stages it runs (``all``: what ``tag`` ran before it wrote
#: links; ``tag``: what it runs now, links included).
STAGES = {"all": ("timex", "events"), "timex": ("timex",), "events": ("events",),
          "tag": ("timex", "events", "links")}


def setup(stages: str) -> None:
    """Load the models of ``stages`` once (a first call through the pipeline)."""
    _STATE["stages"] = STAGES[stages]
    tag([("warm-up", "It rained on Monday.", "2025-12-13")])


def tag(items: Sequence[Item]) -> tuple[int, int, int, float]:
    """Tag the documents as ``newsline tag`` does (:func:`newsline.pipeline.annotate`).

    Returns (#timexes, #events, process id, CPU seconds this process spent on it).
    """
    from newsline.documents import Document
    from newsline.pipeline import annotate

    cpu = time.process_time()
    docs = list(annotate((Document(id=i, text=t, dct=d) for i, t, d in items),
                         _STATE["stages"]))
    return (sum(len(d.timexes) for d in docs), sum(len(d.events) for d in docs), os.getpid(),
            time.process_time() - cpu)


def _ready(_: int) -> int:
    time.sleep(0.5)  # long enough for every worker to take one
    return os.getpid()


# --------------------------------------------------------------------------- measuring


def one_process(items: list[Item], stages: str, passes: int) -> dict[str, Any]:
    started = time.perf_counter()
    setup(stages)
    tag(items[:2])  # first call: lazy spaCy internals
    startup = time.perf_counter() - started
    times, cpus, counts = [], [], (0, 0)
    for _ in range(passes):
        t0 = time.perf_counter()
        timexes, events, _, cpu = tag(items)
        times.append(time.perf_counter() - t0)
        cpus.append(cpu)
        counts = (timexes, events)
    return {"startup": startup, "passes": times, "cpu": cpus, "counts": counts}


def two_processes(items: list[Item], stages: str, passes: int,
                  workers: int = 2) -> dict[str, Any]:
    chunks = [items[k:k + CHUNK] for k in range(0, len(items), CHUNK)]
    # Longest chunks first, so that neither worker is left with a long one at the end.
    chunks.sort(key=lambda chunk: -sum(len(text) for _, text, _ in chunk))
    ctx = mp.get_context("spawn")
    started = time.perf_counter()
    with ctx.Pool(workers, initializer=setup, initargs=(stages,)) as pool:
        pids = set(pool.map(_ready, range(workers), chunksize=1))
        pool.map(tag, [items[:2]] * workers, chunksize=1)
        startup = time.perf_counter() - started
        times, cpus, counts = [], [], (0, 0)
        for _ in range(passes):
            t0 = time.perf_counter()
            results = pool.map(tag, chunks, chunksize=1)
            times.append(time.perf_counter() - t0)
            per_worker: dict[int, float] = {}
            for _, _, pid, cpu in results:
                per_worker[pid] = per_worker.get(pid, 0.0) + cpu
            cpus.append(max(per_worker.values()))
            counts = (sum(r[0] for r in results), sum(r[1] for r in results))
    return {"startup": startup, "passes": times, "cpu": cpus, "counts": counts,
            "workers": len(pids)}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None, metavar="N")
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--processes", choices=("1", "2", "both"), default="both")
    parser.add_argument("--stages", choices=tuple(STAGES), default="all",
                        help="all = timexes + events (tag before it wrote links); tag = timexes, "
                             "events and links; timex = --only timex; events = --only events")
    args = parser.parse_args(argv)

    items = load_items(args.data, args.limit)
    tokens = sum(len(text.split()) for _, text, _ in items)
    print(f"# {len(items)} documents, {tokens:,} tokens, stages={args.stages}, "
          f"{args.passes} passes; {platform.python_implementation()} "
          f"{platform.python_version()}, {os.cpu_count()} CPUs", file=sys.stderr)
    rows = []
    if args.processes in ("1", "both"):
        rows.append(("1", one_process(items, args.stages, args.passes)))
    if args.processes in ("2", "both"):
        rows.append(("2", two_processes(items, args.stages, args.passes)))
    print("| processes | docs | tokens | start-up s | passes s (wall) | median s | tokens/s "
          "| speed-up | busiest process CPU s (median) | timexes | events |")
    print("|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|")
    base = None
    for procs, res in rows:
        median = statistics.median(res["passes"])
        rate = tokens / median
        base = base or rate
        passes = ", ".join(f"{t:.2f}" for t in res["passes"])
        print(f"| {procs} | {len(items)} | {tokens:,} | {res['startup']:.2f} | {passes} "
              f"| {median:.2f} | {rate:,.0f} | {rate / base:.2f}x "
              f"| {statistics.median(res['cpu']):.2f} | {res['counts'][0]} "
              f"| {res['counts'][1]} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
