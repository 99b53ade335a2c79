"""Which dates matter: features of each candidate day and the scores that rank them."""

from __future__ import annotations

import math
from datetime import date, timedelta

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


def default_count(scores: dict[str, float], first: str | None, last: str | None) -> int:
    """How many dates a story gets when the user does not say: grows with the period
    covered (about one a week for short stories, fewer per week for long ones)."""
    if not scores:
        return 0
    if first is None or last is None:
        span = 30
    else:
        span = (date.fromisoformat(last) - date.fromisoformat(first)).days + 1
    wanted = round(3 * math.sqrt(max(span, 1)) / 2)
    return max(3, min(wanted, 40, len(scores)))
