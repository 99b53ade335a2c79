"""Peak memory of ``newsline`` commands against corpus size: does it stay flat?

Builds, in a temporary folder, N copies of a corpus (default: every TimeML document of the
TempEval-3 train set in ../shared) under new ids, one JSONL file per copy (records ``id``,
``text``, ``date``), then runs a command on the folder in a child process and reads that
child's peak resident memory (``os.wait4`` gives the resource usage of exactly that child:
``ru_maxrss``, KiB on Linux). The ratio column divides each peak by the peak of the
smallest corpus of the same command; flat memory keeps it near 1.

    python benchmarks/bench_memory.py                          # tag, 1x and 16x
    python benchmarks/bench_memory.py --copies 1 4 16 --command "tag --format jsonl"
    python benchmarks/bench_memory.py --command "tag --only timex" --command timeline \\
        --copies 1 2

Each command's output goes to a file in the temporary folder (``-o``), so that the child
writes it as it would on disk. Timings are wall seconds and are noisy on a shared machine.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data" / "tempeval3" / "train"
SUFFIX = {"tag": ".json", "timeline": ".json"}


def load_corpus(data: Path) -> list[dict[str, str]]:
    """(id, text, date) records of every TimeML file below ``data``, sorted."""
    from newsline.documents import read_document

    files = sorted(p for p in data.rglob("*") if p.suffix.lower() in (".tml", ".xml"))
    if not files:
        raise SystemExit(f"bench_memory: no TimeML files under {data}")
    return [{"id": d.id, "text": d.text, "date": d.dct or ""}
            for f in files for d in read_document(f)]


def build_copies(records: list[dict[str, str]], copies: int, folder: Path) -> tuple[int, int]:
    """``copies`` JSONL files of ``records`` in ``folder``, ids made unique per copy;
    returns (documents, whitespace tokens)."""
    folder.mkdir(parents=True)
    tokens = sum(len(r["text"].split()) for r in records)
    for copy in range(copies):
        with (folder / f"copy{copy:04d}.jsonl").open("w", encoding="utf-8") as out:
            for record in records:
                out.write(json.dumps({**record, "id": f"{record['id']}~{copy}"}) + "\n")
    return len(records) * copies, tokens * copies


def measure(command: str, corpus: Path, output: Path) -> tuple[float, float, int]:
    """Run ``newsline COMMAND CORPUS -o OUTPUT`` in a child; (seconds, peak MiB, status)."""
    argv = [sys.executable, "-m", "newsline.cli", *shlex.split(command), str(corpus),
            "-o", str(output)]
    started = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        error = child.stderr.read().decode(errors="replace") if child.stderr else ""
        print(f"bench_memory: {command!r} failed ({child.returncode}): {error.strip()}",
              file=sys.stderr)
    return seconds, usage.ru_maxrss / 1024, child.returncode


def main(argv: list[str] | None = None) -> int:
    """Print a Markdown table: command, copies, documents, tokens, seconds, peak MiB, ratio."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help="TimeML corpus to copy (default: TempEval-3 train in ../shared)")
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 16])
    parser.add_argument("--command", action="append",
                        help="newsline subcommand and options (repeatable; default: tag)")
    args = parser.parse_args(argv)
    commands = args.command or ["tag"]
    records = load_corpus(args.data)
    print("| command | copies | documents | tokens | seconds | peak RSS MiB | × smallest |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="newsline-bench-memory-") as tmp:
        sizes = {}
        for copies in sorted(set(args.copies)):
            sizes[copies] = build_copies(records, copies, Path(tmp) / f"x{copies}")
        for command in commands:
            base = None
            for copies, (docs, tokens) in sizes.items():
                output = Path(tmp) / f"out{SUFFIX.get(command.split()[0], '.out')}"
                seconds, peak, status = measure(command, Path(tmp) / f"x{copies}", output)
                base = base or peak
                note = "" if status == 0 else f" (exit {status})"
                print(f"| `{command}`{note} | {copies} | {docs:,} | {tokens:,} | "
                      f"{seconds:.1f} | {peak:.0f} | {peak / base:.2f} |", flush=True)
                output.unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
