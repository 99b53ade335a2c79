"""Command line: ``newsline tag``, ``timeline``, ``eval`` and ``train`` (see the contract)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from newsline.documents import Document, iter_documents, to_json, to_timeml
from newsline.errors import InputError, NewslineError
from newsline.evaluation.story_cli import add_parser as add_eval_story_parser
from newsline.evaluation.story_cli import route as route_eval_story
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


TIMELINE_FORMATS = ("json", "md", "html", "timelinejs")


def cmd_timeline(args: argparse.Namespace) -> int:
    """Build the chronology of the documents and write it as JSON, Markdown, HTML or
    TimelineJS."""
    from newsline.timeline import writers
    from newsline.timeline.pipeline import build_timeline

    docs = list(_read(args))
    entries = build_timeline(docs)
    title = args.title or (docs[0].meta.get("title") if len(docs) == 1 else None) or (
        f"Timeline of {docs[0].id}" if len(docs) == 1 else "Timeline")
    if args.format == "json":
        content = writers.to_json(entries)
    elif args.format == "md":
        content = writers.to_markdown(entries, title=title)
    elif args.format == "html":
        content = writers.to_html(entries, title=title)
    else:
        content = writers.to_timelinejs(entries, title=title)
    _write(args.output, content)
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
                          only=None if has_events(gold) else "timex",
                          event_model=_held_out_models(args)[0])
    pairs = list(zip(gold, system, strict=True))
    scores = score_timexes(pairs)
    events = score_events(pairs) if has_events(gold) else None
    tlinks = _score_tlinks(gold, system, args) if any(g.links for g in gold) else {}
    if args.json:
        out = {"files": len(gold), "timex": scores.to_dict()}
        if _held_out_models(args)[0] is not None:
            out["models"] = "trained on the train part of the split only"
        if events is not None:
            out["event"] = events.to_dict()
        out.update({key: value.to_dict() for key, value in tlinks.items()})
        print(json.dumps(out, indent=2))
    else:
        print(f"{len(gold)} files")
        if _held_out_models(args)[0] is not None:
            print("events and TLINKs: models trained on the train part of the split only")
        print(format_table({"timex": scores}))
        if events is not None:
            print()
            print(format_event_table({"event": events}))
        for label, value in tlinks.items():
            print(f"\n{label}: temporal awareness P {value.precision:.2f} "
                  f"R {value.recall:.2f} F1 {value.f1:.2f}")
    if args.errors:
        print(format_errors(timex_errors(pairs)))
    return 0


def _held_out_models(args: argparse.Namespace) -> tuple[Path | None, Path | None]:
    """(event model, relation model) for ``eval --split dev``: the ones trained on the train
    part of the split, so that the dev rows are held-out figures; (None, None) otherwise."""
    if args.split != "dev" or args.system:
        return None, None
    from newsline.events.model import DEFAULT_MODEL
    from newsline.events.train import split_model_path
    from newsline.relations.tagger import SPLIT_MODEL

    return split_model_path(DEFAULT_MODEL), SPLIT_MODEL


def _score_tlinks(gold: list[Document], system: list[Document], args: argparse.Namespace):
    """Temporal awareness: task C (gold timexes and events given) and the system's own links
    (task ABC when newsline annotated the texts itself)."""
    from newsline.evaluation import score_tlinks
    from newsline.evaluation.alignment import align_to_gold
    from newsline.relations import RelationTagger, evaluate_task_c

    if args.system:
        return {"tlink": score_tlinks((g, align_to_gold(g, s))
                                      for g, s in zip(gold, system, strict=True))}
    tagger = RelationTagger(_held_out_models(args)[1])
    for doc in system:
        tagger.annotate(doc)
    return {
        "tlink_task_c": evaluate_task_c(gold, tagger),
        "tlink_task_abc": score_tlinks((g, align_to_gold(g, s))
                                       for g, s in zip(gold, system, strict=True)),
    }


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

    timeline = sub.add_parser("timeline", help="the dated chronology of the documents' events")
    timeline.add_argument("paths", nargs="+", metavar="PATH")
    timeline.add_argument("--dct", help="document creation time YYYY-MM-DD, or 'today'")
    timeline.add_argument("--format", choices=TIMELINE_FORMATS, default="json")
    timeline.add_argument("--title", help="title of the md/html/timelinejs output")
    timeline.add_argument("-o", "--output", metavar="OUT")
    timeline.add_argument("--keep-going", action="store_true",
                          help="skip bad input files (reported on stderr) instead of stopping")
    timeline.set_defaults(func=cmd_timeline)

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
    add_eval_story_parser(sub)

    targets = add_train_parser(sub)
    relations = targets.add_parser(
        "relations", add_help=False,
        help="train the TLINK model (arguments as `python -m newsline.relations.train -h`)")
    relations.add_argument("rest", nargs=argparse.REMAINDER)
    relations.set_defaults(func=cmd_train_relations)

    from newsline.web.cli import add_parser as add_serve_parser

    add_serve_parser(sub)
    return parser


def cmd_train_relations(args: argparse.Namespace) -> int:
    """Train the TLINK classifiers (``newsline.relations.train.main``)."""
    from newsline.relations.train import main as train_main

    return train_main(args.rest[1:] if args.rest[:1] == ["--"] else args.rest)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; bad input ends with a one-line message and exit status 2."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    argv = route_eval_story(argv)
    if argv[:2] == ["train", "relations"]:  # its own options, --help included
        argv = [*argv[:2], "--", *argv[2:]]
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
