"""The learnt date ranker: a logistic regression over the day features of
:mod:`newsline.story.dates`, stored as JSON (feature names, scaling, weights) and trained by
``newsline train story`` on the dev stories only (see :mod:`newsline.story.train`)."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from newsline.story.dates import FEATURES

DEFAULT_MODEL = Path(__file__).parent / "resources" / "date_model.json"


@dataclass
class DateRanker:
    """``score(features) = w . (x - mean) / scale + b``; a day's probability of being on an
    editor's timeline is the logistic of that score."""

    features: list[str]
    mean: list[float]
    scale: list[float]
    weights: list[float]
    bias: float
    info: dict[str, Any]

    def score(self, values: list[float]) -> float:
        """The linear score of one day's feature values (higher: more important)."""
        return self.bias + sum(w * (x - m) / s for w, x, m, s in
                               zip(self.weights, values, self.mean, self.scale, strict=True))

    @staticmethod
    def probability(score: float) -> float:
        """The logistic of a score."""
        return 1 / (1 + math.exp(-max(min(score, 50.0), -50.0)))

    def to_dict(self) -> dict[str, Any]:
        """The JSON object written to the model file."""
        return {"features": self.features, "mean": self.mean, "scale": self.scale,
                "weights": self.weights, "bias": self.bias, "info": self.info}

    def save(self, path: str | Path) -> None:
        """Write the model as JSON."""
        Path(path).write_text(json.dumps(self.to_dict(), indent=1) + "\n", encoding="utf-8")

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DateRanker:
        """Read a model written by :meth:`to_dict`; its features must be today's."""
        if list(data["features"]) != list(FEATURES):
            raise ValueError("the date model was trained on other features; "
                             "retrain it with `newsline train story`")
        return cls(list(data["features"]), list(data["mean"]), list(data["scale"]),
                   list(data["weights"]), float(data["bias"]), dict(data.get("info", {})))


@cache
def load_ranker(path: str | None = None) -> DateRanker:
    """The packaged model (or the one at ``path``), read once per process."""
    data = json.loads(Path(path or DEFAULT_MODEL).read_text(encoding="utf-8"))
    return DateRanker.from_dict(data)
