"""``newsline eval story DIR``: the story-timeline protocol, its table and its JSON."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from newsline.evaluation.story_metrics import ORDERS, TimelineScores

COMMAND = "eval-story"
SYSTEM_CHOICES = ("both", "newsline", "baseline")


def route(argv: list[str]) -> list[str]:
    """``eval story ...`` is this command: the main parser knows it as ``eval-story``."""
    return [COMMAND, *argv[2:]] if argv[:2] == ["eval", "story"] else argv


def add_parser(sub) -> argparse.ArgumentParser:
    """Register ``newsline eval story`` (spelt ``eval-story`` too) on the main command's
    sub-parsers."""
    parser = sub.add_parser(
        COMMAND, prog="newsline eval story",
        help="story timelines against gold (news-tls protocol); also `eval story DIR`",
        description="Runs the story-timeline protocol on a folder laid out like "
                    "timeline17-dev: date F1 and ROUGE-1/-2 F1 (concat, align+ m:1) per "
                    "gold timeline and on average, beside the reference baseline.")
    parser.add_argument("dir", metavar="DIR")
    parser.add_argument("--system", choices=SYSTEM_CHOICES, default="both",
                        help="score newsline, the baseline, or both (default)")
    parser.add_argument("--only", metavar="TEXT",
                        help="only the gold timelines whose story/name holds TEXT")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.set_defaults(func=cmd_eval_story)
    return parser


def cmd_eval_story(args: argparse.Namespace) -> int:
    """Run the protocol and print the table (or JSON)."""
    from newsline.evaluation.story_protocol import run_protocol

    systems = ["newsline", "baseline"] if args.system == "both" else [args.system]
    only = (lambda case: args.only in case.label) if args.only else None
    skipped: list = []
    result = run_protocol(args.dir, systems, on_error=skipped.append, only=only)
    if skipped:
        print(f"newsline: skipped {len(skipped)} bad article records (the first: "
              f"{skipped[0]})", file=sys.stderr)
    if not result.cases:
        print(f"no gold timeline matches {args.only!r}")
        return 1
    if args.json:
        print(json.dumps(result.to_dict(), indent=2))
    else:
        print(format_table(result))
    return 0


HEADER = ("timeline", "l", "k", "articles", "system", "date F1",
          "R1 concat", "R2 concat", "AR1 m:1", "AR2 m:1")


def _figures(scores: TimelineScores) -> list[str]:
    values = [scores.dates.f1] + [scores.concat[n].f1 for n in ORDERS] + [
        scores.align[n].f1 for n in ORDERS]
    return [f"{v:.3f}" for v in values]


def format_table(result) -> str:
    """One row per gold timeline and system, then the averages (F1 of mean P, mean R)."""
    rows: list[Sequence[str]] = [HEADER]
    for case in result.cases:
        for i, name in enumerate(result.systems):
            head = [case.case.label, str(case.case.dates), str(case.case.sentences),
                    str(case.articles)] if i == 0 else ["", "", "", ""]
            rows.append([*head, name, *_figures(case.scores[name])])
    for i, name in enumerate(result.systems):
        head = [f"average of {len(result.cases)}", "", "", ""] if i == 0 else ["", "", "", ""]
        rows.append([*head, name, *_figures(result.average(name))])
    widths = [max(len(r[c]) for r in rows) for c in range(len(HEADER))]
    lines = []
    for number, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [
            cell.rjust(widths[c]) if c != 4 else cell.ljust(widths[c])
            for c, cell in enumerate(row[1:], 1)]
        lines.append("  ".join(cells).rstrip())
        if number == 0 or number == len(rows) - len(result.systems) - 1:
            lines.append("-" * len(lines[0]))
    lines.append("F1 figures; averages are the F1 of the mean precision and mean recall "
                 "over timelines (news-tls).")
    return "\n".join(lines)
