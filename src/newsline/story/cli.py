"""``newsline story PATH...``: the subcommand's options and what it runs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

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
    story = sub.add_parser("story", help="the timeline an editor would write from many articles")
    story.add_argument("paths", nargs="+", metavar="PATH")
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
    story.add_argument("--dct", help="publication date for undated input, YYYY-MM-DD or 'today'")
    story.add_argument("-o", "--output", metavar="OUT")
    story.add_argument("--keep-going", action="store_true",
                       help="skip bad input files (reported on stderr) instead of stopping")
    story.set_defaults(func=cmd_story)
    return story


def cmd_story(args: argparse.Namespace) -> int:
    """Read the articles (streamed), build the story and write it."""
    from newsline.story.builder import build_story
    from newsline.story.writers import render

    docs = _documents(args)
    story = build_story(docs, dates=args.dates, sentences=args.sentences, start=args.start,
                        end=args.end, query=args.query)
    content = render(story, args.format)
    if args.output:
        Path(args.output).write_text(content, encoding="utf-8")
    else:
        sys.stdout.write(content if content.endswith("\n") else content + "\n")
    return 0


def _documents(args: argparse.Namespace):
    from newsline.documents import iter_documents

    def report(err) -> None:
        print(f"newsline: skipped {err}", file=sys.stderr)

    return iter_documents(args.paths, dct=args.dct, keep_going=args.keep_going,
                          on_error=report)


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
