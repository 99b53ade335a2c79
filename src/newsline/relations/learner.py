"""A multinomial logistic regression over sparse string features, in pure Python.

Why this learner: it needs no third-party package, trains on the TempEval-3 train set in
seconds, is deterministic for a given seed (the only randomness is the order examples are
visited in, drawn from ``random.Random(seed)``), and gives class probabilities, which the
tagger uses to emit a link only where it is confident (temporal-awareness precision counts
every link the gold graph does not entail).

Training minimises the cross-entropy by stochastic gradient descent with a constant step
and returns the **average** of the weights over all steps (averaged SGD), which
regularises as well as an L2 penalty did here and needs no extra setting. Features are
binary (present or not); a feature seen in fewer than ``min_count`` training examples is
left out. The model is a dict from feature to one weight per label, saved as JSON with
the weights as integers in units of 1/10,000 (all-zero rows left out).
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Sequence
from typing import Any

__all__ = ["SCALE", "LogisticModel", "train_logistic"]

#: Weights are saved as integers in units of 1 / SCALE.
SCALE = 10000


class LogisticModel:
    """Labels and a weight vector (one weight per label) for each known feature."""

    def __init__(self, labels: Sequence[str], weights: dict[str, list[float]]) -> None:
        self.labels: list[str] = list(labels)
        self.weights = weights
        self._matrix: Any = None  # (row of each feature, weight matrix) for probabilities_many

    def scores(self, feats: Sequence[str]) -> list[float]:
        """The linear score of each label (unknown features ignored)."""
        total = [0.0] * len(self.labels)
        for f in feats:
            w = self.weights.get(f)
            if w is not None:
                total = [s + x for s, x in zip(total, w, strict=True)]
        return total

    def probabilities(self, feats: Sequence[str]) -> list[float]:
        """The softmax of :meth:`scores`: one probability per label, in label order."""
        return _softmax(self.scores(feats))

    def probabilities_many(self, feature_lists: Sequence[Sequence[str]]) -> list[list[float]]:
        """:meth:`probabilities` of many examples at once: the weights are summed by numpy,
        row after row in feature order, so the scores are those :meth:`scores` gives, bit
        for bit. The weights must not change after the first call."""
        import numpy as np

        if self._matrix is None:
            rows = {f: i for i, f in enumerate(self.weights)}
            matrix = np.array(list(self.weights.values()), dtype=np.float64).reshape(
                len(rows), len(self.labels))
            self._matrix = (rows, matrix)
        rows, matrix = self._matrix
        out: list[list[float]] = []
        zero = [0.0] * len(self.labels)
        for feats in feature_lists:
            found = [rows[f] for f in feats if f in rows]
            if not found:
                out.append(_softmax(zero))
            elif len(found) == 1:
                out.append(_softmax(matrix[found[0]].tolist()))
            else:
                out.append(_softmax(matrix[found].sum(axis=0).tolist()))
        return out

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form: labels, and each feature's weights as integers in units of
        ``1 / scale`` (4 decimals); features whose weights all round to 0 are left out."""
        weights = {}
        for f in sorted(self.weights):
            w = [round(x * SCALE) for x in self.weights[f]]
            if any(w):
                weights[f] = w
        return {"labels": self.labels, "scale": SCALE, "weights": weights}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LogisticModel:
        """The model saved by :meth:`to_dict`; ``ValueError`` if it is malformed."""
        labels = data.get("labels") if isinstance(data, dict) else None
        weights = data.get("weights") if isinstance(data, dict) else None
        if not isinstance(labels, list) or not labels or not isinstance(weights, dict):
            raise ValueError("a classifier needs a non-empty 'labels' list and 'weights'")
        scale = data.get("scale", 1)
        if not isinstance(scale, (int, float)) or scale <= 0:
            raise ValueError(f"bad weight scale {scale!r}")
        out: dict[str, list[float]] = {}
        for f, w in weights.items():
            if not isinstance(w, list) or len(w) != len(labels):
                raise ValueError(f"feature {f!r}: expected {len(labels)} weights")
            out[f] = [float(x) / scale for x in w]
        return cls(labels, out)


def _softmax(scores: list[float]) -> list[float]:
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    z = sum(exps)
    return [x / z for x in exps]


def train_logistic(
    examples: Sequence[tuple[Sequence[str], str]],
    labels: Sequence[str] | None = None,
    *,
    epochs: int = 5,
    rate: float = 0.02,
    min_count: int = 2,
    seed: int = 0,
) -> LogisticModel:
    """Fit a model to ``(features, label)`` examples (deterministic for a given ``seed``).

    ``labels`` fixes the label order (default: the sorted labels of the examples);
    examples whose label is not among them are skipped.
    """
    if labels is None:
        labels = sorted({label for _, label in examples})
    labels = list(labels)
    index = {label: i for i, label in enumerate(labels)}
    counts = Counter(f for feats, _ in examples for f in set(feats))
    data = [
        (sorted({f for f in feats if counts[f] >= min_count}), index[label])
        for feats, label in examples
        if label in index
    ]
    k = len(labels)
    weights: dict[str, list[float]] = {}
    totals: dict[str, list[float]] = {}  # sum over steps of step * update, for the average
    for feats, _ in data:
        for f in feats:
            if f not in weights:
                weights[f] = [0.0] * k
                totals[f] = [0.0] * k
    order = list(range(len(data)))
    rng = random.Random(seed)
    model = LogisticModel(labels, weights)
    step = 1
    for _ in range(epochs):
        rng.shuffle(order)
        for i in order:
            feats, gold = data[i]
            grad = _softmax(model.scores(feats))
            grad[gold] -= 1.0  # d(cross-entropy)/d(score) for each label
            updates = [(j, rate * g) for j, g in enumerate(grad) if g > 1e-5 or g < -1e-5]
            for f in feats:
                w, u = weights[f], totals[f]
                for j, d in updates:
                    w[j] -= d
                    u[j] -= step * d
            step += 1
    # averaged weights: mean over steps t of w_t = w_final - (sum_t t * update_t) / steps
    for f, w in weights.items():
        u = totals[f]
        weights[f] = [wj - uj / step for wj, uj in zip(w, u, strict=True)]
    return model
