"""Command line: ``newsline tag``, ``timeline``, ``eval`` and ``train`` (see the contract)."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from newsline.batch.cli import add_parser as add_batch_parser
from newsline.cli_io import (
    add_input_arguments,
    add_output_argument,
    check_output,
    check_output_dir,
    read_documents,
    write_output,
    write_pieces,
)
from newsline.documents import Document, iter_documents, iter_json, iter_jsonl, iter_timeml
from newsline.documents.writers import to_timeml
from newsline.errors import InputError, NewslineError, OutputError
from newsline.evaluation.story_cli import add_parser as add_eval_story_parser
from newsline.evaluation.story_cli import route as route_eval_story
from newsline.events.cli_support import ONLY, add_train_parser
from newsline.store.cli import add_parser as add_store_parser
from newsline.story.cli import add_parser as add_story_parser
from newsline.story.cli import add_train_parser as add_story_train_parser

EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130
TIMEML_EXTENSIONS = (".tml", ".xml")
#: Documents annotated together; output is written after each batch.
BATCH_SIZE = 32
TAG_FORMATS = ("json", "jsonl", "timeml")


def _annotated(docs: Iterable[Document], only: str | None) -> Iterator[Document]:
    """``docs`` annotated in bounded batches, as they are read."""
    from newsline.pipeline import STAGES, annotate

    return annotate(docs, (only,) if only else STAGES, batch_size=BATCH_SIZE)


def _timeml_into(folder: Path, docs: Iterable[Document]) -> None:
    """One ``<id>.tml`` per document in ``folder``, each written atomically."""
    used: set[str] = set()
    for doc in docs:
        name = _file_name(doc.id)
        stem, number = name, 1
        while name in used:
            number += 1
            name = f"{stem}_{number}"
        used.add(name)
        write_output(folder / f"{name}.tml", to_timeml(doc))


def _file_name(doc_id: str) -> str:
    """A safe file name for a document id (path separators and control characters out)."""
    name = "".join("_" if ch in '/\\:*?"<>|' or ord(ch) < 32 else ch for ch in doc_id)
    return name.strip(". ") or "document"


def cmd_tag(args: argparse.Namespace) -> int:
    """Tag documents and write JSON, JSON Lines or TimeML, document by document."""
    folder = None
    if args.format == "timeml" and args.output and (
            Path(args.output).is_dir() or args.output.endswith(("/", os.sep))):
        folder = check_output_dir(args.output)
    else:
        check_output(args.output)
    docs = _annotated(read_documents(args), args.only)
    if folder is not None:
        _timeml_into(folder, docs)
    elif args.format == "timeml":
        write_pieces(args.output, iter_timeml(docs))
    elif args.format == "jsonl":
        write_pieces(args.output, iter_jsonl(docs))
    else:
        write_pieces(args.output, iter_json(docs))
    return 0


TIMELINE_FORMATS = ("json", "md", "html", "timelinejs")


class _Counted:
    """Documents passed through as they are read, counting them and keeping the first
    one's id and title (the default title of a one-document timeline)."""

    def __init__(self, docs: Iterable[Document]) -> None:
        self.docs = docs
        self.count = 0
        self.first: tuple[str, str | None] | None = None

    def __iter__(self) -> Iterator[Document]:
        for doc in self.docs:
            self.count += 1
            if self.first is None:
                self.first = (doc.id, doc.meta.get("title"))
            yield doc

    def title(self) -> str:
        """The document's own title, else "Timeline of <id>", for one document;
        "Timeline" otherwise."""
        if self.count != 1 or self.first is None:
            return "Timeline"
        doc_id, title = self.first
        return title or f"Timeline of {doc_id}"


def cmd_timeline(args: argparse.Namespace) -> int:
    """Build the chronology of the documents and write it as JSON, Markdown, HTML or
    TimelineJS."""
    from newsline.pipeline import build_timeline
    from newsline.timeline import writers

    check_output(args.output)
    docs = _Counted(read_documents(args))
    entries = build_timeline(docs)  # streams: keeps the entries, never all the documents
    title = args.title or docs.title()
    if args.format == "json":
        content = writers.to_json(entries)
    elif args.format == "md":
        content = writers.to_markdown(entries, title=title)
    elif args.format == "html":
        content = writers.to_html(entries, title=title)
    else:
        content = writers.to_timelinejs(entries, title=title)
    write_output(args.output, content)
    return 0


def _gold_files(paths: Sequence[str], split: str) -> list[str]:
    """The TimeML files of ``paths`` (folders searched recursively) in the ``split`` part;
    a missing path, a folder without TimeML or nothing left in the split is an InputError."""
    from newsline.evaluation import filter_split

    files: list[Path] = []
    for arg in paths:
        path = Path(arg)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*")
                           if p.suffix.lower() in TIMEML_EXTENSIONS
                           and not p.name.startswith("."))
            if not found:
                raise InputError(arg, "no TimeML gold files (.tml, .xml) in this folder")
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            raise InputError(arg, "no such file or directory")
    chosen = [str(p) for p in filter_split(files, split)]
    if not chosen:
        raise InputError(" ".join(paths), f"no gold file in the {split} part of the split")
    return chosen


def _read_gold(files: Sequence[str]) -> list[Document]:
    """The gold documents; a TIMEX3 whose value is not TimeML is named on stderr (it is
    still scored as written)."""
    from newsline.documents import read_document
    from newsline.evaluation.gold_values import malformed_values

    gold = []
    for file in files:
        for doc in read_document(file):
            for tid, kind, value in malformed_values(doc):
                print(f"newsline: warning: {file}: gold TIMEX3 {tid} ({kind}) has a "
                      f"malformed value {value!r} (scored as written)", file=sys.stderr)
            gold.append(doc)
    return gold


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
    from newsline.pipeline import annotate

    gold = _read_gold(_gold_files(args.gold, args.split))
    if args.system:
        system_docs = {d.id: d for d in iter_documents([args.system])}
        missing = [g.id for g in gold if g.id not in system_docs]
        if missing:
            raise InputError(args.system, f"no system document for {missing[0]!r}"
                             f" ({len(missing)} missing)")
        system = [system_docs[g.id] for g in gold]
    else:
        event_model, relation_model = _held_out_models(args)
        # TimeBank's value convention (fiscal 1989 is 1989, zones dropped), as in the gold.
        system = list(annotate((Document(id=g.id, text=g.text, dct=g.dct,
                                         meta={"timex_values": "timebank"}) for g in gold),
                               _eval_stages(gold), event_model=event_model,
                               relation_model=relation_model))
    pairs = list(zip(gold, system, strict=True))
    scores = score_timexes(pairs)
    events = score_events(pairs) if any(g.events for g in gold) else None
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


def _eval_stages(gold: list[Document]) -> tuple[str, ...]:
    """The stages whose layers the gold has: timexes, then events, then links."""
    if any(g.links for g in gold):
        return ("timex", "events", "links")
    return ("timex", "events") if any(g.events for g in gold) else ("timex",)


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
    return {
        "tlink_task_c": evaluate_task_c(gold, RelationTagger(_held_out_models(args)[1])),
        "tlink_task_abc": score_tlinks((g, align_to_gold(g, s))
                                       for g, s in zip(gold, system, strict=True)),
    }


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``newsline`` command."""
    parser = argparse.ArgumentParser(prog="newsline", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    tag = sub.add_parser("tag", help="annotate time expressions and events (JSON or TimeML)")
    add_input_arguments(tag)
    tag.add_argument("--format", choices=TAG_FORMATS, default="json",
                     help="json (the contract's), jsonl (one document a line) or timeml")
    add_output_argument(tag, help="output file (default: standard output); with --format "
                                  "timeml, a folder (existing, or ending in /) gets one "
                                  ".tml per document")
    tag.add_argument("--only", choices=ONLY,
                     help="run only this stage (default: timexes, then events)")
    tag.set_defaults(func=cmd_tag)

    timeline = sub.add_parser("timeline", help="the dated chronology of the documents' events")
    add_input_arguments(timeline)
    timeline.add_argument("--format", choices=TIMELINE_FORMATS, default="json")
    timeline.add_argument("--title", help="title of the md/html/timelinejs output")
    add_output_argument(timeline)
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

    add_store_parser(sub)
    add_story_parser(sub)
    add_batch_parser(sub)
    targets = add_train_parser(sub)
    add_story_train_parser(targets)
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
    previous = _stop_on_sigterm()
    try:
        return args.func(args)
    except (InputError, OutputError) as err:
        _error(err)
        return EXIT_BAD_INPUT
    except NewslineError as err:
        _error(err)
        return 1
    except KeyboardInterrupt:
        print("newsline: interrupted", file=sys.stderr, flush=True)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return 0
    finally:
        _restore_sigterm(previous)


def _error(message: object) -> None:
    try:
        sys.stdout.flush()
    except (BrokenPipeError, ValueError):
        _silence_stdout()
    print(f"newsline: error: {message}", file=sys.stderr, flush=True)


def _silence_stdout() -> None:
    """After the reader of standard output went away: send the rest to /dev/null, so that
    Python's flush at exit does not print a traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _stop_on_sigterm() -> object:
    """SIGTERM stops a run like Ctrl-C (temporary files removed, one line, exit 130);
    only possible in the main thread."""
    try:
        return signal.signal(signal.SIGTERM, _interrupt)
    except (ValueError, OSError):
        return None


def _restore_sigterm(previous: object) -> None:
    if previous is not None:
        try:
            signal.signal(signal.SIGTERM, previous)  # type: ignore[arg-type]
        except (ValueError, OSError, TypeError):
            pass


if __name__ == "__main__":
    sys.exit(main())
