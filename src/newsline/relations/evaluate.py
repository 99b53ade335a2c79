"""TempEval-3 task C: TLINKs from gold events and timexes, scored by temporal awareness."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from newsline.documents import iter_documents
from newsline.documents.model import Document, Event, Timex
from newsline.evaluation.splits import SPLITS, filter_split
from newsline.evaluation.tlink_metrics import TlinkScores, score_tlinks
from newsline.relations.tagger import RelationTagger

__all__ = ["evaluate_task_c", "main", "task_c_input"]


def task_c_input(gold: Document) -> Document:
    """What a task-C system receives: the gold text, DCT, events and timexes (copies), no
    links."""
    return Document(
        id=gold.id, text=gold.text, dct=gold.dct,
        timexes=[Timex(**{f: getattr(t, f) for f in Timex.__slots__}) for t in gold.timexes],
        events=[Event(**{f: getattr(e, f) for f in Event.__slots__}) for e in gold.events],
        meta=dict(gold.meta),
    )


def evaluate_task_c(gold_docs: Iterable[Document], tagger: RelationTagger | None = None,
                    ) -> TlinkScores:
    """Temporal awareness (micro over files) of ``tagger``'s TLINKs on the gold documents,
    each given its gold events and timexes (the committed model when ``tagger`` is None).
    The gold documents are not changed."""
    tagger = tagger or RelationTagger()
    pairs = []
    for gold in gold_docs:
        pairs.append((gold, tagger.annotate(task_c_input(gold))))
    return score_tlinks(pairs)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m newsline.relations eval [--model M] [--split S] PATH...``: task-C scores.

    Scores the model (default: the committed one) on the TimeML files under ``PATH``
    (folders searched for ``*.tml``; ``--split`` keeps one part of the train/dev split)
    and prints the counts and P/R/F1 as JSON.
    """
    parser = argparse.ArgumentParser(
        prog="python -m newsline.relations eval",
        description="TempEval-3 task C: TLINKs on gold events and timexes, temporal awareness.")
    parser.add_argument("paths", nargs="+", help="TimeML files or folders with gold TLINKs")
    parser.add_argument("--model", help="model file (default: the committed model)")
    parser.add_argument("--split", choices=SPLITS, default="all")
    args = parser.parse_args(argv)
    files: list[Path] = []
    for p in args.paths:
        path = Path(p)
        files += sorted(path.rglob("*.tml")) if path.is_dir() else [path]
    gold = list(iter_documents([str(f) for f in filter_split(files, args.split)]))
    scores = evaluate_task_c(gold, RelationTagger(args.model))
    json.dump(scores.to_dict(), sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0
