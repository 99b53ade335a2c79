"""Which dates matter: features of each candidate day and the scores that rank them."""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date, timedelta

import numpy as np

from newsline.story.collect import Material


def _shift(day: str, days: int) -> str:
    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


def candidate_days(material: Material, start: str | None, end: str | None) -> list[str]:
    """Every day referred to or published on, inside ``[start, end]`` when given."""
    days = set(material.mentions) | set(material.published)
    return sorted(d for d in days
                  if (start is None or d >= start) and (end is None or d <= end))


def hand_score(material: Material, day: str) -> float:
    """A DATEWISE-style score: articles referring to the day, references made after it,
    and articles published that day and the next."""
    return (material.referring[day] + 0.5 * material.later[day]
            + 0.5 * (material.published[day] + material.published[_shift(day, 1)]))


FEATURES = (
    "mentions", "referring", "later", "later_refs", "lead_refs", "outlets",
    "published", "published_next", "published_prev", "published_week",
    "referring_share", "published_share", "weekday_sun", "fresh", "fresh_next",
    "rel_referring", "rel_published", "rel_published_next",
)


class Relevance:
    """How much each day's references and publications are about the story: every
    candidate sentence is compared (TF-IDF cosine) with the centroid of all of them; per
    day, the best sentence of each article counts."""

    def __init__(self, material: Material) -> None:
        from newsline.story.select import fit_vectorizer

        self.referring: dict[str, float] = defaultdict(float)
        self.published: dict[str, float] = defaultdict(float)
        cands = material.candidates
        vectorizer = fit_vectorizer(cands)
        if vectorizer is None:
            return
        matrix = vectorizer.transform([c.text for c in cands])
        centroid = np.asarray(matrix.mean(axis=0)).ravel()
        norm = np.linalg.norm(centroid)
        if not norm:
            return
        rel = np.asarray(matrix @ (centroid / norm)).ravel()
        best_ref: dict[tuple[str, str], float] = {}
        best_pub: dict[tuple[str, str], float] = {}
        for c, r in zip(cands, rel, strict=True):
            table = best_ref if c.explicit else best_pub
            key = (c.day, c.doc)
            table[key] = max(table.get(key, 0.0), float(r))
            if c.explicit and c.day == c.published and c.position < 3:
                best_pub[key] = max(best_pub.get(key, 0.0), float(r))
        for (day, _), r in best_ref.items():
            self.referring[day] += r
        for (day, _), r in best_pub.items():
            self.published[day] += r


def features(material: Material, day: str, relevance: Relevance) -> list[float]:
    """The features of one candidate day (log counts and shares), in :data:`FEATURES` order."""
    m = material
    r = relevance
    total = max(m.articles, 1)
    week = sum(m.published[_shift(day, k)] for k in range(0, 7))
    log = math.log1p
    return [
        log(m.mentions[day]), log(m.referring[day]), log(m.later[day]), log(m.later_refs[day]),
        log(m.lead_refs[day]), log(len(m.day_outlets.get(day, ()))),
        log(m.published[day]), log(m.published[_shift(day, 1)]),
        log(m.published[_shift(day, -1)]), log(week),
        m.referring[day] / total, m.published[day] / total,
        1.0 if date.fromisoformat(day).weekday() == 6 else 0.0,
        log(m.fresh[day]), log(m.fresh[_shift(day, 1)]),
        log(r.referring[day]), log(r.published[day]), log(r.published[_shift(day, 1)]),
    ]


def default_count(scores: dict[str, float], articles: int, most: int = 60) -> int:
    """How many dates a story gets when the user does not say: the days the ranker finds
    more likely than not to be on an editor's timeline, but at least 2 + the square root of
    the number of articles (a small story still shows its few days) and at most ``most``."""
    likely = sum(1 for s in scores.values() if s > 0)
    least = max(3, round(math.sqrt(max(articles, 0))) + 2)
    return min(max(likely, least), most, len(scores))
