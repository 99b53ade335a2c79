"""The ``batch`` subcommand (registered by :func:`add_parser`)."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from newsline.batch.annotate import STAGES

ENGINES = ("local", "spark")


def add_parser(sub: Any) -> None:
    """Add ``batch`` to the ``newsline`` subcommands ``sub``."""
    batch = sub.add_parser(
        "batch", help="annotate a corpus into Parquet (a process pool, or Apache Spark)")
    batch.add_argument("paths", nargs="+", metavar="INPUT",
                       help="articles: files or folders as for `tag`, and .parquet files")
    batch.add_argument("--out", required=True, metavar="OUT.parquet",
                       help="the Parquet output: one row per document (a file; a folder of "
                            "part files with --engine spark)")
    batch.add_argument("--engine", choices=ENGINES, default="local")
    batch.add_argument("--workers", type=int, metavar="N",
                       help="worker processes (local; default: the CPUs) or local Spark "
                            "cores (spark, when no master is configured)")
    batch.add_argument("--only", choices=STAGES,
                       help="run only this stage (no timeline entries); default: all")
    batch.add_argument("--dct", help="document creation time YYYY-MM-DD, or 'today'")
    batch.add_argument("--keep-going", action="store_true",
                       help="skip bad inputs (reported on stderr) instead of stopping")
    batch.add_argument("-q", "--quiet", action="store_true",
                       help="no progress bar and no summary")
    batch.set_defaults(func=cmd_batch)


def _report(err: Exception) -> None:
    print(f"newsline: skipped {err}", file=sys.stderr)


def cmd_batch(args: argparse.Namespace) -> int:
    """Run the pipeline over the inputs with the chosen engine and write Parquet."""
    workers = args.workers or os.cpu_count() or 1
    if args.engine == "spark":
        from newsline.batch.spark import run_spark

        total = run_spark(args.paths, args.out, workers=args.workers, only=args.only,
                          dct=args.dct, keep_going=args.keep_going)
    else:
        from newsline.batch.inputs import iter_inputs
        from newsline.batch.local import run_local

        docs = iter_inputs(args.paths, dct=args.dct, keep_going=args.keep_going,
                           on_error=_report)
        total = run_local(docs, args.out, workers=workers, only=args.only, quiet=args.quiet)
    if not args.quiet:
        print(f"newsline: {total} documents written to {args.out}", file=sys.stderr)
    return 0
