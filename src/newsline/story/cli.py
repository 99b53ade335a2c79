"""``newsline story PATH...``: the subcommand's options and what it runs."""

from __future__ import annotations

import argparse

STORY_FORMATS = ("json", "md", "html", "timelinejs")


def _iso_day(value: str) -> str:
    from datetime import date

    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, got {value!r}") from None


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a number of at least 1, got {value}")
    return number


def add_parser(sub) -> argparse.ArgumentParser:
    """Register ``newsline story`` on the ``sub`` parsers of the main command."""
    from newsline.cli_io import add_input_arguments, add_output_argument

    story = sub.add_parser("story", help="the timeline an editor would write from many articles")
    story.add_argument("paths", nargs="*", metavar="PATH",
                       help="files, folders (recursively) or - for standard input")
    story.add_argument("--db", metavar="DB", help="build the story from the articles of this "
                                                  "store (opened read-only) instead of PATHs")
    add_input_arguments(story, paths=False)
    story.add_argument("--dates", type=_positive, metavar="N",
                       help="at most N dates (default: chosen from the material)")
    story.add_argument("--sentences", type=_positive, default=2, metavar="K",
                       help="at most K sentences a date (default 2)")
    story.add_argument("--from", dest="start", type=_iso_day, metavar="YYYY-MM-DD",
                       help="only dates on or after this day")
    story.add_argument("--to", dest="end", type=_iso_day, metavar="YYYY-MM-DD",
                       help="only dates on or before this day")
    story.add_argument("--query", metavar="WORDS",
                       help="only articles that hold all these words")
    story.add_argument("--format", choices=STORY_FORMATS, default="json")
    add_output_argument(story)
    story.set_defaults(func=cmd_story)
    return story


def cmd_story(args: argparse.Namespace) -> int:
    """Read the articles (streamed), build the story and write it."""
    from newsline.cli_io import check_output, read_documents, write_output
    from newsline.story.builder import build_story
    from newsline.story.writers import render

    check_output(args.output)
    options = {"dates": args.dates, "sentences": args.sentences, "start": args.start,
               "end": args.end, "query": args.query}
    if args.db:
        from newsline.store import Store

        with Store.open(args.db, read_only=True) as store:
            story = build_story(store.documents(), **options)
    elif args.paths:
        story = build_story(read_documents(args), **options)
    else:
        from newsline.errors import InputError

        raise InputError("story", "give the articles (PATH...) or a store (--db DB)")
    write_output(args.output, render(story, args.format))
    return 0


def add_train_parser(targets) -> argparse.ArgumentParser:
    """Register ``newsline train story`` on the ``train`` command's targets."""
    train = targets.add_parser(
        "story", help="train the story date ranker on timeline17-dev (leave-one-story-out "
                      "figures printed)")
    train.add_argument("--data", metavar="DIR",
                       help="a folder laid out like timeline17-dev (default: ../shared's)")
    train.add_argument("-o", "--output", metavar="OUT",
                       help="where to write the model JSON (default: the packaged model)")
    train.add_argument("-C", type=float, default=None, help="inverse regularisation strength")
    train.set_defaults(func=cmd_train_story)
    return train


def cmd_train_story(args: argparse.Namespace) -> int:
    """Train the date ranker (``newsline.story.train.main``)."""
    from newsline.story.train import main as train_main

    argv = []
    if args.data:
        argv += ["--data", args.data]
    if args.output:
        argv += ["--output", args.output]
    if args.C is not None:
        argv += ["-C", str(args.C)]
    return train_main(argv)
