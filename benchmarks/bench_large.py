"""Time and peak memory of ``newsline tag`` and ``newsline timeline`` on one very large article.

The article is made of real news text: the TempEval-3 train documents below ``--data``
(default ../shared/data/tempeval3/train), their texts joined by blank lines and repeated
until the article holds ``--chars`` characters (default 4,990,000, just under the parser's
5,000,000), with a ``date`` header. Each command runs in its own process (``--max-chars 0``,
no size limit) and its wall time, CPU time (user + system: what a shared machine's other
jobs do not inflate) and peak resident memory (``ru_maxrss`` of that process) are printed as
a table.

    python benchmarks/bench_large.py                          # the 5 MB article
    python benchmarks/bench_large.py --chars 1000000 --commands timeline
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from _common import revision

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data" / "tempeval3" / "train"
#: Peak memory the issue allows for the 5 MB article.
LIMIT_MB = 2048


def make_article(data: Path, chars: int) -> str:
    """The train texts joined by blank lines, repeated and cut (at a paragraph) to
    ``chars`` characters."""
    from newsline.documents import read_document

    texts = [d.text.strip() for f in sorted(data.rglob("*.tml")) for d in read_document(f)]
    if not texts:
        raise SystemExit(f"bench_large: no TimeML files under {data}")
    parts, size = [], 0
    while size < chars:
        for text in texts:
            parts.append(text)
            size += len(text) + 2
            if size >= chars:
                break
    body = "\n\n".join(parts)[:chars]
    return body[:body.rfind("\n\n")] if "\n\n" in body else body


def run(command: list[str]) -> tuple[float, float, float, int]:
    """(wall seconds, CPU seconds, peak memory MiB, exit status) of one process."""
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(proc.pid, 0)
    return (time.perf_counter() - started, usage.ru_utime + usage.ru_stime,
            usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--chars", type=int, default=4_990_000)
    parser.add_argument("--commands", default="tag,timeline")
    args = parser.parse_args(argv)

    body = make_article(args.data, args.chars)
    tokens = len(body.split())
    print(f"# one article of {len(body):,} characters ({tokens:,} tokens), commit "
          f"{revision()}, Python {platform.python_version()}, {os.cpu_count()} CPUs")
    print("| command | chars | tokens | wall s | CPU s | tokens/CPU s | peak MiB | within 2 GiB "
          "| exit | output bytes |")
    print("|---|---:|---:|---:|---:|---:|---:|---|---:|---:|", flush=True)
    newsline = [sys.executable, "-c", "import sys; from newsline.cli import main; "
                "sys.exit(main(sys.argv[1:]))"]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        article = Path(tmp) / "large.txt"
        article.write_text("date 2025-12-13\n" + body, encoding="utf-8")
        out = str(Path(tmp) / "out.json")
        for name in args.commands.split(","):
            command = [*newsline, name, str(article), "--max-chars", "0", "-o", out]
            if name == "timeline":
                command += ["--format", "json"]
            wall, cpu, peak, status = run(command)
            size = Path(out).stat().st_size if Path(out).exists() else 0
            rows.append((name, wall, cpu, peak, status, size))
            Path(out).unlink(missing_ok=True)
            print(f"| newsline {name} | {len(body):,} | {tokens:,} | {wall:.1f} | {cpu:.1f} | "
                  f"{tokens / cpu:,.0f} | {peak:,.0f} | "
                  f"{'yes' if peak <= LIMIT_MB else 'NO'} | {status} | {size:,} |", flush=True)
    return 0 if all(row[4] == 0 for row in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
