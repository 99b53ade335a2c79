"""``newsline train story``: learn the date ranker from the dev stories, leave-one-story-out.

Each gold timeline of a folder laid out like ``timeline17-dev`` is one case: the articles
published in its window, every candidate day labelled by whether the editors chose it. The
figures printed are leave-one-story-out: for each story, a model trained on the other
stories picks that story's ``l`` days. The model written is then trained on all stories.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from newsline.story.collect import Material, collect
from newsline.story.dates import FEATURES, Relevance, candidate_days, features
from newsline.story.ranker import DEFAULT_MODEL, DateRanker
from newsline.timex import TimexTagger

DEFAULT_DATA = Path(__file__).resolve().parents[4] / "shared" / "data" / "timeline17-dev"
#: inverse regularisation strength, chosen leave-one-story-out on the dev stories
C = 0.15


@dataclass
class TrainingCase:
    """One gold timeline: its window's material, candidate days, features and labels."""

    story: str
    name: str
    dates: int
    gold: set[str]
    material: Material
    days: list[str]
    X: np.ndarray
    y: np.ndarray
    protocol: Any = None  # the protocol's Case (window, l, k, gold sentences)


def load_cases(root: str | Path) -> list[TrainingCase]:
    """Read every gold timeline under ``root`` and collect its window's material."""
    from newsline.evaluation.story_protocol import find_cases, in_window, read_articles

    root = Path(root)
    tagger = TimexTagger()
    articles: dict[str, list] = {}
    out = []
    for case in find_cases(root):
        if case.story not in articles:
            articles[case.story] = read_articles(root / case.story / "articles.jsonl")
        material = collect(in_window(articles[case.story], case), tagger)
        days = candidate_days(material, case.start, case.end)
        rel = Relevance(material)
        X = np.array([features(material, d, rel) for d in days], dtype=float)
        y = np.array([d in case.gold for d in days], dtype=int)
        out.append(TrainingCase(case.story, case.name, case.dates, set(case.gold), material,
                                days, X, y, case))
    return out


def fit(cases: Sequence[TrainingCase], c: float = C) -> DateRanker:
    """A logistic regression on standardised features of ``cases``."""
    from sklearn.linear_model import LogisticRegression

    X = np.vstack([case.X for case in cases])
    y = np.concatenate([case.y for case in cases])
    mean = X.mean(axis=0)
    scale = X.std(axis=0)
    scale[scale == 0] = 1.0
    clf = LogisticRegression(C=c, solver="newton-cholesky", max_iter=200).fit(
        (X - mean) / scale, y)
    return DateRanker(list(FEATURES), mean.tolist(), scale.tolist(),
                      clf.coef_[0].tolist(), float(clf.intercept_[0]), {"C": c})


def pick(ranker: DateRanker, case: TrainingCase) -> list[str]:
    """The case's ``l`` best days by ``ranker`` (earlier first on ties)."""
    scores = [ranker.score(list(row)) for row in case.X]
    order = sorted(range(len(case.days)), key=lambda i: (-scores[i], case.days[i]))
    return [case.days[i] for i in order[:case.dates]]


def leave_one_story_out(cases: Sequence[TrainingCase], c: float = C) -> dict[str, dict]:
    """Per gold timeline, the date P/R/F1 of a model trained without its story."""
    out = {}
    for story in sorted({case.story for case in cases}):
        ranker = fit([case for case in cases if case.story != story], c)
        for case in cases:
            if case.story != story:
                continue
            chosen = set(pick(ranker, case))
            hits = len(chosen & case.gold)
            p = hits / len(chosen) if chosen else 0.0
            r = hits / len(case.gold) if case.gold else 0.0
            out[f"{case.story}/{case.name}"] = {"precision": p, "recall": r}
    p = sum(v["precision"] for v in out.values()) / len(out)
    r = sum(v["recall"] for v in out.values()) / len(out)
    out["average"] = {"precision": p, "recall": r}
    for value in out.values():
        total = value["precision"] + value["recall"]
        value["f1"] = round(2 * value["precision"] * value["recall"] / total if total else 0.0, 4)
        value["precision"] = round(value["precision"], 4)
        value["recall"] = round(value["recall"], 4)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Train the date ranker, print its leave-one-story-out date figures, write it."""
    parser = argparse.ArgumentParser(prog="newsline train story", description=__doc__)
    parser.add_argument("--data", default=str(DEFAULT_DATA),
                        help="a folder laid out like timeline17-dev (default: ../shared)")
    parser.add_argument("-o", "--output", default=str(DEFAULT_MODEL))
    parser.add_argument("-C", type=float, default=C, help="inverse regularisation strength")
    args = parser.parse_args(argv)
    if not Path(args.data).is_dir():
        from newsline.errors import NewslineError

        raise NewslineError(f"{args.data} not found: give --data, a folder laid out like "
                            "timeline17-dev")
    cases = load_cases(args.data)
    loso = leave_one_story_out(cases, args.C)
    print("date F1, leave-one-story-out (trained on the other stories):")
    for name, value in loso.items():
        print(f"  {name:45s} P {value['precision']:.3f}  R {value['recall']:.3f}  "
              f"F1 {value['f1']:.3f}")
    ranker = fit(cases, args.C)
    ranker.info.update({"trained_on": sorted({f"{c.story}/{c.name}" for c in cases}),
                        "leave_one_story_out": loso,
                        "retrain": "newsline train story --data ../shared/data/timeline17-dev"})
    ranker.save(args.output)
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
