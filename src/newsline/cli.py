"""Command line: ``newsline tag`` and ``newsline eval`` (see docs/contract.md in shared)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from newsline.documents import Document, iter_documents, to_json, to_timeml
from newsline.errors import InputError, NewslineError
from newsline.events.cli_support import STAGES, add_train_parser

EXIT_BAD_INPUT = 2
TIMEML_EXTENSIONS = (".tml", ".xml")


def _report(err: InputError) -> None:
    print(f"newsline: skipped {err}", file=sys.stderr)


def _read(args: argparse.Namespace) -> Iterator[Document]:
    return iter_documents(args.paths, dct=args.dct, keep_going=args.keep_going,
                          on_error=_report)


def _write(out: str | None, content: str) -> None:
    if out:
        Path(out).write_text(content, encoding="utf-8")
    else:
        sys.stdout.write(content)
        if not content.endswith("\n"):
            sys.stdout.write("\n")


def cmd_tag(args: argparse.Namespace) -> int:
    """Tag documents and write JSON or TimeML."""
    from newsline.events.cli_support import annotate

    docs = annotate(list(_read(args)), only=args.only)
    if args.format == "timeml":
        _write(args.output, "\n".join(to_timeml(doc) for doc in docs))
    else:
        _write(args.output, to_json(docs))
    return 0


def _gold_files(paths: Sequence[str], split: str) -> list[str]:
    from newsline.evaluation import filter_split

    files: list[Path] = []
    for arg in paths:
        path = Path(arg)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*")
                                if p.suffix.lower() in TIMEML_EXTENSIONS
                                and not p.name.startswith(".")))
        else:
            files.append(path)
    return [str(p) for p in filter_split(files, split)]


def cmd_eval(args: argparse.Namespace) -> int:
    """Score system TimeML (or newsline itself) against gold TimeML."""
    from newsline.evaluation import (
        format_errors,
        format_event_table,
        format_table,
        score_events,
        score_timexes,
        timex_errors,
    )
    from newsline.events.cli_support import annotate, has_events

    gold = list(iter_documents(_gold_files(args.gold, args.split)))
    if args.system:
        system_docs = {d.id: d for d in iter_documents([args.system])}
        missing = [g.id for g in gold if g.id not in system_docs]
        if missing:
            raise InputError(args.system, f"no system document for {missing[0]!r}"
                             f" ({len(missing)} missing)")
        system = [system_docs[g.id] for g in gold]
    else:
        system = annotate([Document(id=g.id, text=g.text, dct=g.dct) for g in gold],
                          only=None if has_events(gold) else "timex")
    pairs = list(zip(gold, system, strict=True))
    scores = score_timexes(pairs)
    events = score_events(pairs) if has_events(gold) else None
    if args.json:
        out = {"files": len(gold), "timex": scores.to_dict()}
        if events is not None:
            out["event"] = events.to_dict()
        print(json.dumps(out, indent=2))
    else:
        print(f"{len(gold)} files")
        print(format_table({"timex": scores}))
        if events is not None:
            print()
            print(format_event_table({"event": events}))
    if args.errors:
        print(format_errors(timex_errors(pairs)))
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``newsline`` command."""
    parser = argparse.ArgumentParser(prog="newsline", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    tag = sub.add_parser("tag", help="annotate time expressions and events (JSON or TimeML)")
    tag.add_argument("paths", nargs="+", metavar="PATH")
    tag.add_argument("--dct", help="document creation time YYYY-MM-DD, or 'today'")
    tag.add_argument("--format", choices=("json", "timeml"), default="json")
    tag.add_argument("-o", "--output", metavar="OUT")
    tag.add_argument("--keep-going", action="store_true",
                     help="skip bad input files (reported on stderr) instead of stopping")
    tag.add_argument("--only", choices=STAGES,
                     help="run only this stage (default: timexes, then events)")
    tag.set_defaults(func=cmd_tag)

    ev = sub.add_parser("eval", help="TempEval-3 scores against gold TimeML")
    ev.add_argument("gold", nargs="+", metavar="GOLD")
    ev.add_argument("--system", metavar="SYSTEM",
                    help="folder of system TimeML; default: newsline annotates the gold texts")
    ev.add_argument("--split", choices=("all", "train", "dev"), default="all",
                    help="score only the train or dev part of the TempEval-3 train set")
    ev.add_argument("--json", action="store_true", help="print the figures as JSON")
    ev.add_argument("--errors", action="store_true",
                    help="list misses, false alarms and wrong values")
    ev.set_defaults(func=cmd_eval)

    add_train_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; bad input ends with a one-line message and exit status 2."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except InputError as err:
        print(f"newsline: error: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except NewslineError as err:
        print(f"newsline: error: {err}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
