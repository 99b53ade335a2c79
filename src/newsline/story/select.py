"""What happened: the sentences that best say it for each chosen day, near-duplicates merged."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from newsline.story.collect import Candidate
from newsline.story.model import StorySentence

#: two sentences whose TF-IDF cosine is above this say the same thing
DUPLICATE = 0.6
#: MMR trade-off between centrality and novelty
MMR_LAMBDA = 0.7


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
    similar = (matrix @ matrix.T).toarray()
    score = np.array([
        central[i] + (0.1 if c.explicit else 0.0) - 0.02 * min(c.position, 10)
        - (0.05 * (c.n_dates - 1))
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
            support = np.log1p(len(groups[i])) * 0.05
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
