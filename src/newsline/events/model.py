"""The trained linear models of the events stage, stored as one ``.npz`` file.

Two linear models share one feature index: a binary *detector* (is this candidate token an
EVENT?) and a *classifier* over the seven TimeML classes, applied to the detected events.
Both are logistic regressions trained by :mod:`newsline.events.train`; prediction needs
only numpy (a sum of weight rows per token). The file holds plain arrays (no pickles):

* ``features``: the feature names, a JSON list (UTF-8 bytes);
* ``detect_w`` (n_features) and ``detect_b``: the detector's weights and bias;
* ``classify_w`` (n_features x n_classes) and ``classify_b``: the classifier's;
* ``classes``: the class names (JSON); ``threshold``: the detection threshold on
  P(event); ``meta``: a JSON object (training data, settings, versions).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from newsline.errors import NewslineError

#: The committed model, trained on the whole TempEval-3 train set.
DEFAULT_MODEL = Path(__file__).resolve().parent / "resources" / "events_model.npz"


def _unpack(array: np.ndarray) -> Any:
    return json.loads(bytes(array.tobytes()).decode("utf-8"))


def _pack(value: Any) -> np.ndarray:
    """A JSON value as UTF-8 bytes (feature names may hold any character)."""
    return np.frombuffer(json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8"),
                         dtype=np.uint8)


@dataclass
class EventModel:
    """Detector and classifier weights over a shared feature index."""

    features: list[str]
    detect_w: np.ndarray
    detect_b: float
    classify_w: np.ndarray
    classify_b: np.ndarray
    classes: list[str]
    threshold: float = 0.5
    meta: dict[str, Any] = field(default_factory=dict)
    _index: dict[str, int] = field(default_factory=dict, repr=False)
    _padded: tuple[np.ndarray, np.ndarray] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self._index = {name: k for k, name in enumerate(self.features)}

    # ------------------------------------------------------------------ storage

    def save(self, path: str | Path) -> None:
        """Write the model as a compressed ``.npz`` (float32 weights)."""
        np.savez_compressed(
            path,
            features=_pack(list(self.features)),
            detect_w=self.detect_w.astype(np.float32),
            detect_b=np.array([self.detect_b], dtype=np.float32),
            classify_w=self.classify_w.astype(np.float32),
            classify_b=self.classify_b.astype(np.float32),
            classes=_pack(list(self.classes)),
            threshold=np.array([self.threshold], dtype=np.float32),
            meta=_pack(self.meta),
        )

    @classmethod
    def load(cls, path: str | Path = DEFAULT_MODEL) -> EventModel:
        """Read a model written by :meth:`save`."""
        try:
            with np.load(path, allow_pickle=False) as data:
                return cls(
                    features=_unpack(data["features"]),
                    detect_w=data["detect_w"].astype(np.float32),
                    detect_b=float(data["detect_b"][0]),
                    classify_w=data["classify_w"].astype(np.float32),
                    classify_b=data["classify_b"].astype(np.float32),
                    classes=_unpack(data["classes"]),
                    threshold=float(data["threshold"][0]),
                    meta=_unpack(data["meta"]),
                )
        except (OSError, KeyError, ValueError) as err:
            raise NewslineError(f"{path}: cannot read the events model ({err})") from None

    # ------------------------------------------------------------------ prediction

    def predict(self, rows: Sequence[Sequence[str]]) -> list[tuple[float, str]]:
        """For each token's feature list: P(event) and the most likely class."""
        if not rows:
            return []
        if self._padded is None:
            # One extra zero row that every token adds, so that no segment is empty.
            self._padded = (
                np.append(self.detect_w, np.float32(0.0)),
                np.vstack([self.classify_w, np.zeros((1, len(self.classes)), np.float32)]),
            )
        detect_w, classify_w = self._padded
        index = self._index
        zero = len(self.features)
        flat: list[int] = []
        offsets: list[int] = []
        for feats in rows:
            offsets.append(len(flat))
            flat.extend(k for k in map(index.get, feats) if k is not None)
            flat.append(zero)
        scores = np.add.reduceat(detect_w[flat], offsets) + self.detect_b
        probs = 1.0 / (1.0 + np.exp(-scores))
        class_scores = np.add.reduceat(classify_w[flat], offsets, axis=0) + self.classify_b
        best = class_scores.argmax(axis=1)
        return [(float(p), self.classes[b]) for p, b in zip(probs, best, strict=True)]
