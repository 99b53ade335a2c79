"""Training the relation classifiers from TimeML files with gold TLINKs.

Labels come from the **closure** of each gold TLINK graph, not only from the links as
written: a candidate pair gets the relation the gold graph entails between its two ends
(``BEFORE`` for ``e1``–``t0`` when ``e1 IS_INCLUDED t1`` and ``t1 BEFORE t0`` are
annotated), and ``NONE`` when the gold graph entails no TimeML relation between them.
That is what temporal awareness rewards: a system link counts when the gold closure
entails it, so each classifier learns both the relation and whether the annotation would
back any relation at all. (Labels from the written links only did worse on dev.)

The emission thresholds are tuned on a held-out set (the dev split) by
:func:`tune_thresholds`; :func:`build_resources` makes the committed model and its
figures in one deterministic run.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from newsline.documents import iter_documents
from newsline.documents.model import Document, Link
from newsline.evaluation.splits import SPLITS, filter_split
from newsline.evaluation.tlink_metrics import DCT_ID, TemporalGraph, TlinkScores, score_tlinks
from newsline.relations.context import DocContext
from newsline.relations.features import KINDS, candidates, features
from newsline.relations.learner import train_logistic
from newsline.relations.tagger import NONE, RelationModel, RelationTagger, consistent_links

__all__ = [
    "DEFAULT_SETTINGS", "LABEL_ORDER", "build_examples", "build_resources", "closure_label",
    "main", "train_model", "train_relations", "tune_thresholds",
]

#: Relations a pair can be labelled with, in the order they are looked for in the closure.
#: DURING and IDENTITY have the point relations of SIMULTANEOUS and are learnt as it.
LABEL_ORDER: tuple[str, ...] = (
    "BEFORE", "AFTER", "INCLUDES", "IS_INCLUDED", "SIMULTANEOUS", "IBEFORE", "IAFTER",
    "BEGINS", "BEGUN_BY", "ENDS", "ENDED_BY",
)

#: Training settings. ``thresholds`` are the ones :func:`tune_thresholds` found on the dev
#: split for a model trained on the train split (see docs/relations.md); a relation
#: seen fewer than ``min_label_count`` times for a pair kind is not learnt for it.
DEFAULT_SETTINGS: dict[str, Any] = {
    "max_gap": 3,
    "timex_dct": False,
    "thresholds": {"ET": 0.25, "ED": 0.25, "EE": 0.2, "EM": 0.2},
    "min_label_count": 50,
    "epochs": 5,
    "rate": 0.02,
    "min_count": 2,
}

#: Threshold values tried by :func:`tune_thresholds` (above 1: the kind is switched off).
THRESHOLD_GRID: tuple[float, ...] = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6,
                                     0.7, 1.01)


def closure_label(graph: TemporalGraph, source: str, target: str) -> str:
    """The relation ``graph`` entails from ``source`` to ``target``, or ``NONE``."""
    for rel in LABEL_ORDER:
        if graph.entails(Link(rel, source, target)):
            return rel
    return NONE


def gold_graph(doc: Document) -> TemporalGraph:
    """The closed graph of the document's TLINKs between its own events, timexes and t0."""
    ids = {e.id for e in doc.events} | {t.id for t in doc.timexes} | {DCT_ID}
    return TemporalGraph([lk for lk in doc.links if lk.type == "TLINK"
                          and lk.source in ids and lk.target in ids])


def build_examples(
    docs: Iterable[Document], max_gap: int = 3,
) -> dict[str, list[tuple[list[str], str]]]:
    """``(features, closure label)`` for every candidate pair of ``docs``, by pair kind."""
    out: dict[str, list[tuple[list[str], str]]] = {k: [] for k in KINDS}
    for doc in docs:
        graph = gold_graph(doc)
        ctx = DocContext.build(doc)
        cache: dict[str, list[str]] = {}
        for cand in candidates(ctx, max_gap):
            target = cand.target.id if cand.target is not None else DCT_ID
            label = closure_label(graph, cand.source.id, target)
            out[cand.kind].append((features(ctx, cand, cache), label))
    return out


def train_model(
    docs: Sequence[Document], seed: int = 0, settings: dict[str, Any] | None = None,
) -> RelationModel:
    """One classifier per pair kind trained on ``docs`` (deterministic for a given seed)."""
    s = {**DEFAULT_SETTINGS, **(settings or {})}
    examples = build_examples(docs, s["max_gap"])
    classifiers = {}
    label_counts: dict[str, dict[str, int]] = {}
    for kind in KINDS:
        counts = Counter(label for _, label in examples[kind])
        labels = [NONE] + [r for r in LABEL_ORDER if counts[r] >= s["min_label_count"]]
        label_counts[kind] = {lab: counts[lab] for lab in (NONE, *LABEL_ORDER) if counts[lab]}
        classifiers[kind] = train_logistic(examples[kind], labels, epochs=s["epochs"],
                                           rate=s["rate"], min_count=s["min_count"], seed=seed)
    return RelationModel(
        classifiers=classifiers, thresholds=dict(s["thresholds"]), max_gap=s["max_gap"],
        timex_dct=s["timex_dct"],
        meta={"documents": len(docs), "seed": seed, "label_counts": label_counts,
              "training": {k: s[k] for k in ("min_label_count", "epochs", "rate",
                                             "min_count")}},
    )


def _bare(doc: Document) -> Document:
    """A copy of ``doc`` with its events and timexes and no links."""
    return Document(id=doc.id, text=doc.text, dct=doc.dct, timexes=list(doc.timexes),
                    events=list(doc.events), meta=dict(doc.meta))


def tune_thresholds(
    model: RelationModel, dev_docs: Sequence[Document], rounds: int = 2,
) -> tuple[dict[str, float], TlinkScores]:
    """Per-kind thresholds that maximise task-C temporal awareness F1 on ``dev_docs``.

    Coordinate ascent from 0.3 for every kind over :data:`THRESHOLD_GRID`, ``rounds``
    times; then the rule-based timex–DCT links are tried on and off. Sets the model's
    ``thresholds`` and ``timex_dct`` and returns the thresholds and the dev scores.
    """
    tagger = RelationTagger(model)

    def run(thresholds: dict[str, float], timex_dct: bool) -> TlinkScores:
        pairs = []
        for doc, props in proposals:
            chosen = [p for p in props if (p.kind != "TD" or timex_dct)
                      and p.confidence >= thresholds.get(p.kind, 0.0)]
            system = _bare(doc)
            system.links = consistent_links(chosen)
            pairs.append((doc, system))
        return score_tlinks(pairs)

    model_td = model.timex_dct
    model.timex_dct = True  # propose the timex–DCT links too, switched per run
    proposals = [(doc, tagger.propose(doc)) for doc in dev_docs]
    model.timex_dct = model_td
    best = {k: 0.3 for k in KINDS}
    best_td = False
    best_f1 = run(best, best_td).f1
    for _ in range(rounds):
        for kind in KINDS:
            for value in THRESHOLD_GRID:
                trial = {**best, kind: value}
                f1 = run(trial, best_td).f1
                if f1 > best_f1 + 1e-9:
                    best, best_f1 = trial, f1
    if run(best, True).f1 > best_f1 + 1e-9:
        best_td = True
    model.thresholds = dict(best)
    model.timex_dct = best_td
    return best, run(best, best_td)


def train_relations(
    train_paths: Sequence[str | Path], out_path: str | Path, seed: int = 0,
    dev_paths: Sequence[str | Path] | None = None,
    settings: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Train on the TimeML files or folders ``train_paths`` and save the model (JSON) to
    ``out_path``. With ``dev_paths``, the thresholds are tuned on those files (else
    :data:`DEFAULT_SETTINGS`' are kept). Returns a summary: documents, links, label counts
    per pair kind, seconds, model size and, when tuned, the thresholds and dev scores."""
    started = time.perf_counter()
    docs = list(iter_documents([str(p) for p in train_paths]))
    model = train_model(docs, seed=seed, settings=settings)
    summary: dict[str, Any] = {
        "documents": len(docs),
        "links": sum(len(d.links) for d in docs),
        "label_counts": model.meta["label_counts"],
        "seed": seed,
    }
    if dev_paths:
        dev = list(iter_documents([str(p) for p in dev_paths]))
        thresholds, scores = tune_thresholds(model, dev)
        summary["dev"] = {"documents": len(dev), "thresholds": thresholds,
                          "timex_dct": model.timex_dct, "scores": scores.to_dict()}
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    model.save(out)
    summary.update(model=str(out), bytes=out.stat().st_size,
                   seconds=round(time.perf_counter() - started, 1))
    return summary


def evaluate_files(model: RelationModel, paths: Sequence[str | Path]) -> TlinkScores:
    """Task-C temporal awareness of ``model`` on the TimeML files ``paths``."""
    from newsline.relations.evaluate import evaluate_task_c

    gold = list(iter_documents([str(p) for p in paths]))
    return evaluate_task_c(gold, RelationTagger(model))


def build_resources(data_dir: str | Path, out_dir: str | Path, seed: int = 0) -> dict[str, Any]:
    """Make the committed models and their figures from the TempEval-3 data in ``data_dir``.

    1. Train on the train split, tune the thresholds on the dev split: ``dev`` figures,
       model ``tlinks-train-split.json``.
    2. Train on the whole train set with those settings: ``tlinks.json``, scored on
       ``test-platinum`` (report only: nothing is chosen on it).

    Writes ``tlinks.scores.json`` with both figures next to the models and returns it.
    """
    data, out = Path(data_dir), Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files = sorted((data / "train").rglob("*.tml"))
    train_files, dev_files = filter_split(files, "train"), filter_split(files, "dev")
    platinum = sorted((data / "test-platinum").glob("*.tml"))
    started = time.perf_counter()

    split_summary = train_relations(train_files, out / "tlinks-train-split.json", seed=seed,
                                    dev_paths=dev_files)
    tuned = {**DEFAULT_SETTINGS, "thresholds": split_summary["dev"]["thresholds"],
             "timex_dct": split_summary["dev"]["timex_dct"]}
    full_summary = train_relations(files, out / "tlinks.json", seed=seed, settings=tuned)
    from newsline.relations.tagger import load_model

    report: dict[str, Any] = {
        "task": "TempEval-3 task C (gold events and timexes given), temporal awareness",
        "settings": tuned,
        "tlinks-train-split.json": {
            "trained_on": f"train split ({len(train_files)} files of {data / 'train'})",
            "dev": split_summary["dev"]["scores"],
        },
        "tlinks.json": {
            "trained_on": f"all of train ({len(files)} files)",
            "label_counts": full_summary["label_counts"],
        },
    }
    if platinum:
        scores = evaluate_files(load_model(out / "tlinks.json"), platinum)
        report["tlinks.json"]["test-platinum"] = scores.to_dict()
    report["seconds"] = round(time.perf_counter() - started, 1)
    (out / "tlinks.scores.json").write_text(json.dumps(report, indent=2) + "\n",
                                            encoding="utf-8")
    return report


def _expand(paths: Sequence[str]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        path = Path(p)
        files += sorted(path.rglob("*.tml")) if path.is_dir() else [path]
    return files


def main(argv: Sequence[str] | None = None) -> int:
    """``newsline train relations``: train TLINK classifiers on TimeML with gold TLINKs.

    ``PATH... -o MODEL [--split all|train|dev] [--dev PATH...] [--seed N]`` trains on the
    TimeML files (folders are searched for ``*.tml``), optionally only on one part of the
    train/dev split, tunes the thresholds on ``--dev`` files if given, and prints a JSON
    summary. ``--resources DATA_DIR`` instead rebuilds the committed models and figures
    from the TempEval-3 folder (see :func:`build_resources`).
    """
    parser = argparse.ArgumentParser(
        prog="newsline train relations",
        description="Train the TLINK classifiers on TimeML files with gold TLINKs.")
    parser.add_argument("paths", nargs="*", help="TimeML files or folders")
    parser.add_argument("-o", "--output",
                        help="model file to write (JSON); with --resources a folder, or "
                             "'packaged' to rebuild the models shipped in the package")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--split", choices=SPLITS, default="all",
                        help="train only on this part of the train/dev split")
    parser.add_argument("--dev", nargs="+", default=None,
                        help="tune the thresholds on these TimeML files or folders")
    parser.add_argument("--dev-split", action="store_true",
                        help="tune on the dev split of PATH (with --split train)")
    parser.add_argument("--resources", metavar="DATA_DIR",
                        help="rebuild the committed models and figures from TempEval-3 data")
    args = parser.parse_args(argv)
    if args.resources:
        if not args.output:
            parser.error("--resources needs -o DIR, or -o packaged to replace the "
                         "models shipped in the package")
        packaged = Path(__file__).parent / "resources"
        out_dir = packaged if args.output == "packaged" else Path(args.output)
        result = build_resources(args.resources, out_dir, seed=args.seed)
    else:
        if not args.paths or not args.output:
            parser.error("PATH... and -o MODEL are required (or --resources DATA_DIR)")
        files = _expand(args.paths)
        dev = _expand(args.dev) if args.dev else None
        if args.dev_split:
            dev = filter_split(files, "dev")
        result = train_relations(filter_split(files, args.split), args.output,
                                 seed=args.seed, dev_paths=dev)
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0
