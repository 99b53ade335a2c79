"""What ``newsline tag`` and ``train events`` need from the events stage.

Nothing here imports spaCy at module level: the timex-only paths (``tag --only timex``,
``eval`` on gold without events) never load it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from newsline.errors import NewslineError

#: Values of ``newsline tag --only``.
ONLY = ("timex", "events")
#: Where ``newsline train events`` looks for gold when given none: the TempEval-3 train set
#: in ``../shared`` beside the current folder (the repository).
DEFAULT_TRAIN = Path("..") / "shared" / "data" / "tempeval3" / "train"
#: ``--out`` value that asks ``train events`` to replace the packaged model.
PACKAGED = "packaged"


def add_train_parser(sub: Any) -> Any:
    """The ``train`` command and its ``events`` target; returns the targets' subparsers."""
    train = sub.add_parser("train", help="train a model (events) from gold TimeML")
    targets = train.add_subparsers(dest="target", required=True)
    events = targets.add_parser(
        "events", help="train the event model from TimeML gold (default: the TempEval-3 "
                       "train set in ../shared)")
    events.add_argument("gold", nargs="*", metavar="GOLD",
                        help=f"TimeML files or folders (default: {DEFAULT_TRAIN})")
    events.add_argument("--out", metavar="PATH", required=True,
                        help="where to write the model (.npz; its figures go beside it as "
                             f".json); '{PACKAGED}' replaces the model shipped in the package")
    events.add_argument("--seed", type=int, default=0)
    events.add_argument("--no-dev", action="store_true",
                        help="skip the held-out run on the dev part of the split")
    events.set_defaults(func=cmd_train_events)
    return targets


def cmd_train_events(args: argparse.Namespace) -> int:
    """Train the event model and print its figures (JSON)."""
    from newsline.events.model import DEFAULT_MODEL
    from newsline.events.train import train_events

    gold = args.gold or [str(DEFAULT_TRAIN)]
    if not args.gold and not DEFAULT_TRAIN.is_dir():
        raise NewslineError(f"{DEFAULT_TRAIN} not found: give the TimeML gold to train on")
    out = DEFAULT_MODEL if args.out == PACKAGED else Path(args.out)
    if out != DEFAULT_MODEL:
        from newsline.cli_io import check_output
        from newsline.errors import OutputError

        try:
            out.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise OutputError(str(out), f"cannot create its folder: {err.strerror or err}") \
                from None
        check_output(out)
    figures = train_events(gold, out, seed=args.seed, dev=not args.no_dev)
    print(f"newsline: wrote {out} and {out.with_suffix('.json')}", file=sys.stderr)
    print(json.dumps(figures, indent=2))
    return 0
