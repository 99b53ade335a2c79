"""Readable dates and durations for the Markdown and HTML timelines.

The words and orders come from the ``[display]`` table of ``resources/<lang>/lexicon.toml``;
the days and grain of a value come from :mod:`newsline.documents.intervals`.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from typing import Any

from newsline.documents.intervals import calendar_interval
from newsline.timeline.lexicon import RESOURCES

_DURATION = re.compile(r"^P(?P<date>(?:[\dX.]+(?:DE|CE|[YMWDQ]))+)?"
                       r"(?:T(?P<time>(?:[\dX.]+[HMS])+))?$")
_DURATION_PART = re.compile(r"([\dX.]+)(DE|CE|[YMWDQHS])")


@cache
def display_words(language: str = "en") -> dict[str, Any]:
    """The ``[display]`` table of the language's lexicon (cached)."""
    text = (RESOURCES / language / "lexicon.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)["display"]


def readable_date(value: str | None, language: str = "en") -> str:
    """A TIMEX3 date value for a reader: 2025-12-13 → '13 December 2025', 2026-SP → 'spring
    2026', 2025-W50 → 'week 50 of 2025'; values it cannot read are returned as they are."""
    words = display_words(language)
    if not value:
        return words["undated"]
    months = words["months"]
    span = calendar_interval(value)
    first, year = span.first, value[:4]
    if span.grain in ("day", "time"):
        return words["day"].format(day=first.day, month=months[first.month - 1],
                                   year=first.year)
    if span.grain == "month":
        return words["month"].format(month=months[first.month - 1], year=first.year)
    if span.grain == "weekend":
        return words["weekend"].format(day=first.day, month=months[first.month - 1],
                                       year=first.year)
    if span.grain == "week":
        return words["week"].format(week=span.week, year=year)
    if span.grain == "season":
        return words["season"].format(season=words["seasons"][span.part], year=year)
    if span.grain == "quarter":
        return words["quarter"].format(n=span.part[1], year=year)
    if span.grain == "half":
        return words["half"].format(half=words["halves"][int(span.part[1]) - 1], year=year)
    if span.grain in ("year", "decade", "century"):
        return words[span.grain].format(**{span.grain: value})
    return words["refs"].get(value, value)


def readable_duration(value: str | None, language: str = "en") -> str | None:
    """A TIMEX3 duration for a reader: P120D → '120 days', PT5H30M → '5 hours 30 minutes',
    PXY → 'years'; values it cannot read are returned as they are."""
    if not value:
        return None
    m = _DURATION.match(value)
    if not m or not (m["date"] or m["time"]):
        return value
    units = display_words(language)["units"]
    parts = []
    for section, text in (("date", m["date"]), ("time", m["time"])):
        for count, unit in _DURATION_PART.findall(text or ""):
            key = "TM" if section == "time" and unit == "M" else unit
            if key not in units:
                return value
            singular, plural = units[key]
            if count == "X":
                parts.append(plural)
            else:
                parts.append(f"{count} {singular if count == '1' else plural}")
    return " ".join(parts)

