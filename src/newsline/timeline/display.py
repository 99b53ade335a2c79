"""Readable dates and durations for the Markdown and HTML timelines.

The words and orders come from the ``[display]`` table of ``resources/<lang>/lexicon.toml``;
this module only takes TIMEX3 values apart.
"""

from __future__ import annotations

import re
import tomllib
from datetime import date
from functools import cache
from typing import Any

from newsline.timeline.lexicon import RESOURCES

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{1,2})(-WE)?$")
_PART = re.compile(r"^(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)$")
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
    if m := _DAY.match(value):
        try:
            day = date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return value
        return words["day"].format(day=day.day, month=months[day.month - 1], year=day.year)
    if (m := _MONTH.match(value)) and 1 <= int(m[2]) <= 12:
        return words["month"].format(month=months[int(m[2]) - 1], year=m[1])
    if m := _WEEK.match(value):
        if m[3]:
            try:
                saturday = date.fromisocalendar(int(m[1]), int(m[2]), 6)
            except ValueError:
                return value
            return words["weekend"].format(day=saturday.day, month=months[saturday.month - 1],
                                           year=saturday.year)
        return words["week"].format(week=int(m[2]), year=m[1])
    if m := _PART.match(value):
        part = m[2]
        if part in words["seasons"]:
            return words["season"].format(season=words["seasons"][part], year=m[1])
        if part[0] == "Q":
            return words["quarter"].format(n=part[1], year=m[1])
        return words["half"].format(half=words["halves"][int(part[1]) - 1], year=m[1])
    if re.fullmatch(r"\d{4}", value):
        return words["year"].format(year=value)
    if re.fullmatch(r"\d{3}", value):
        return words["decade"].format(decade=value)
    if re.fullmatch(r"\d{2}", value):
        return words["century"].format(century=value)
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

