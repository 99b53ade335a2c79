"""The ``ingest`` and ``query`` subcommands (registered by :func:`add_parser`)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from newsline.batch.annotate import STAGES
from newsline.cli_io import (
    add_input_arguments,
    add_output_argument,
    check_output,
    read_documents,
    write_output,
)

DEFAULT_DB = "newsline.duckdb"
QUERY_FORMATS = ("json", "md", "html", "timelinejs")


def add_parser(sub: Any) -> None:
    """Add ``ingest`` and ``query`` to the ``newsline`` subcommands ``sub``."""
    ingest = sub.add_parser("ingest", help="annotate articles and store them (DuckDB)")
    ingest.add_argument("paths", nargs="*", metavar="PATH",
                        help="articles (no PATH: only create or migrate the store)")
    ingest.add_argument("--db", default=DEFAULT_DB, help=f"the store (default {DEFAULT_DB})")
    add_input_arguments(ingest, paths=False)  # --dct, --mode, --keep-going, --max-chars
    ingest.add_argument("--only", choices=STAGES,
                        help="run only this stage (no timeline entries); default: all")
    ingest.add_argument("--batch-size", type=int, default=64, metavar="N",
                        help="documents per batch and per transaction (default 64)")
    ingest.add_argument("--wait", type=float, metavar="SECONDS",
                        help="how long to wait for another process using the store "
                             "(default: as long as it takes)")
    ingest.add_argument("-q", "--quiet", action="store_true", help="no summary on stderr")
    ingest.set_defaults(func=cmd_ingest)

    query = sub.add_parser("query", help="timeline entries from the store")
    query.add_argument("--db", default=DEFAULT_DB, help=f"the store (default {DEFAULT_DB})")
    query.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD",
                       help="entries dated on or after this day")
    query.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD",
                       help="entries dated on or before this day")
    query.add_argument("--actor", metavar="NAME", help="entries with an actor named so "
                                                       "(part of the name, any case)")
    query.add_argument("--source", metavar="OUTLET", help="entries from this outlet's articles")
    query.add_argument("--text", metavar="WORDS",
                       help="entries whose sentence, summary or event has all these words")
    query.add_argument("--limit", type=int, metavar="N", help="at most N entries")
    query.add_argument("--separate", action="store_true",
                       help="one entry per report (default: the reports of one happening by "
                            "several articles are one entry, as `newsline timeline` gives)")
    query.add_argument("--format", choices=QUERY_FORMATS, default="json")
    query.add_argument("--title", help="title of the md/html/timelinejs output")
    add_output_argument(query)
    query.add_argument("--wait", type=float, metavar="SECONDS",
                       help="how long to wait for a writer's batch (default 30)")
    query.set_defaults(func=cmd_query)


def cmd_ingest(args: argparse.Namespace) -> int:
    """Annotate the articles and store them; a one-line summary on stderr."""
    from newsline.store import Store, ingest

    if not args.paths:
        with Store.open(args.db, wait=args.wait) as store:
            version = store.summary()["schema_version"]
        if not args.quiet:
            print(f"newsline: {args.db} at schema v{version}", file=sys.stderr)
        return 0
    docs = read_documents(args)
    report = ingest(docs, args.db, only=args.only, batch_size=args.batch_size,
                    wait=args.wait)
    if not args.quiet:
        print(f"newsline: {report.read} documents read, {report.stored} stored, "
              f"{report.skipped} already in {args.db}", file=sys.stderr)
    return 0


def render_entries(entries: list, fmt: str, title: str) -> str:
    """Stored entries as the timeline writers give them (JSON entries add ``outlet``)."""
    from newsline.timeline import writers
    from newsline.timeline.model import sort_entries

    if fmt == "json":
        return json.dumps({"entries": [e.to_dict() for e in sort_entries(entries)]},
                          indent=2, ensure_ascii=False)
    if fmt == "md":
        return writers.to_markdown(entries, title=title)
    if fmt == "html":
        return writers.to_html(entries, title=title)
    return writers.to_timelinejs(entries, title=title)


def cmd_query(args: argparse.Namespace) -> int:
    """Print the stored entries that pass the filters."""
    from newsline.store import EntryFilter, Store

    check_output(args.output)
    flt = EntryFilter(date_from=args.date_from, date_to=args.date_to, actor=args.actor,
                      source=args.source, text=args.text)
    with Store.open(args.db, read_only=True, wait=args.wait) as store:
        entries = store.entries(flt, limit=args.limit)
    if not args.separate:
        from newsline.timeline.merge import merge_reports

        entries = merge_reports(entries)
    content = render_entries(entries, args.format, args.title or "Timeline")
    write_output(args.output, content)
    return 0
