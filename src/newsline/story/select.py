"""What happened: the sentences that best say it for each chosen day, near-duplicates merged."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from newsline.story.collect import Candidate
from newsline.story.model import StorySentence

#: two sentences whose TF-IDF cosine is above this say the same thing
DUPLICATE = 0.6
#: at most this many candidates of one day are compared pairwise (the most central)
POOL = 300
#: MMR trade-off between centrality and novelty
MMR_LAMBDA = 0.7
#: weights of a sentence's score besides its centrality (tuned on timeline17-dev)
WEIGHTS = {
    "explicit": 0.0,      # the sentence itself names the day
    "position": 0.01,     # per sentence before it in its article (up to 10)
    "other_dates": 0.05,  # per other day the sentence names
    "support": 0.05,      # x log(1 + articles that say the same)
    "length": 0.0,        # x |log(words / 20)|: too short or too long
}


def fit_vectorizer(candidates: Sequence[Candidate]) -> TfidfVectorizer | None:
    """A TF-IDF space over the candidate sentences (None when there are none)."""
    texts = [c.text for c in candidates]
    if not texts:
        return None
    vectorizer = TfidfVectorizer(lowercase=True, stop_words="english", sublinear_tf=True,
                                 token_pattern=r"(?u)\b[A-Za-z][A-Za-z0-9]+\b")
    try:
        vectorizer.fit(texts)
    except ValueError:  # only stop words
        return None
    return vectorizer


def choose_sentences(candidates: Sequence[Candidate], count: int,
                     vectorizer: TfidfVectorizer | None) -> list[StorySentence]:
    """Up to ``count`` sentences for one day: central, explicit about the day, early in
    their article; near-duplicates merged into one sentence that lists every report."""
    if not candidates or count <= 0:
        return []
    unique: dict[tuple[str, int], Candidate] = {}
    for c in candidates:
        unique.setdefault((c.doc, c.start), c)
    cands = list(unique.values())
    if vectorizer is None:
        return [_sentence(cands[0], [])][:count]
    matrix = vectorizer.transform([c.text for c in cands])
    centroid = np.asarray(matrix.mean(axis=0)).ravel()
    norm = np.linalg.norm(centroid)
    central = matrix @ (centroid / norm) if norm else np.zeros(len(cands))
    central = np.asarray(central).ravel()
    if len(cands) > POOL:
        keep = np.argsort(-central, kind="stable")[:POOL]
        cands = [cands[i] for i in keep]
        matrix = matrix[keep]
        central = central[keep]
    similar = (matrix @ matrix.T).toarray()
    w = WEIGHTS
    score = np.array([
        central[i] + (w["explicit"] if c.explicit else 0.0) - w["position"] * min(c.position, 10)
        - w["other_dates"] * (c.n_dates - 1)
        - w["length"] * abs(np.log(max(len(c.text.split()), 1) / 20))
        for i, c in enumerate(cands)])
    # near-duplicate groups: each sentence joins the best-scored sentence it duplicates
    order = list(np.argsort(-score))
    groups: dict[int, list[int]] = {}
    owner: dict[int, int] = {}
    for i in order:
        for head in groups:
            if similar[i, head] >= DUPLICATE:
                groups[head].append(i)
                owner[i] = head
                break
        else:
            groups[i] = []
            owner[i] = i
    heads = list(groups)
    chosen: list[int] = []
    while heads and len(chosen) < count:
        def mmr(i: int) -> float:
            redundancy = max((similar[i, j] for j in chosen), default=0.0)
            support = np.log1p(len(groups[i])) * w["support"]
            return MMR_LAMBDA * (score[i] + support) - (1 - MMR_LAMBDA) * redundancy
        best = max(heads, key=mmr)
        chosen.append(best)
        heads.remove(best)
    return [_sentence(cands[i], [cands[j] for j in groups[i]]) for i in chosen]


def _sentence(head: Candidate, others: Sequence[Candidate]) -> StorySentence:
    reports = []
    seen = {(head.doc, head.start)}
    for c in others:
        if (c.doc, c.start) in seen:
            continue
        seen.add((c.doc, c.start))
        reports.append({"doc": c.doc, "source": c.source, "start": c.start, "end": c.end})
    return StorySentence(head.text, head.doc, head.source, head.start, head.end, reports)
