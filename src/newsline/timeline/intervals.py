"""The calendar interval a TIMEX3 value covers, and how fine its grain is."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
# Smaller is finer; used to sort entries that start on the same day.
GRAIN_RANK = {"time": 0, "day": 1, "weekend": 2, "week": 3, "month": 4, "season": 5,
              "quarter": 6, "half": 7, "year": 8, "decade": 9, "century": 10, "ref": 11,
              "unknown": 12}

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(T.*)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_PART = re.compile(r"^(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)$")


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def value_interval(value: str, dct: str | None = None) -> tuple[str | None, str | None, str]:
    """(start, end, grain) of a TIMEX3 value as ISO dates; None where it is open or unknown.

    ``PRESENT_REF`` is the DCT; ``PAST_REF`` ends at it and ``FUTURE_REF`` starts at it.
    """
    try:
        return _interval(value, dct)
    except ValueError:
        return None, None, "unknown"


def _interval(value: str, dct: str | None) -> tuple[str | None, str | None, str]:
    if m := _DAY.match(value):
        day = date(int(m[1]), int(m[2]), int(m[3]))
        return day.isoformat(), day.isoformat(), "time" if m[4] else "day"
    if m := _MONTH.match(value):
        year, month = int(m[1]), int(m[2])
        return date(year, month, 1).isoformat(), _month_end(year, month).isoformat(), "month"
    if m := _WEEK.match(value):
        monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        if m[3]:
            return (monday + timedelta(days=5)).isoformat(), (
                monday + timedelta(days=6)).isoformat(), "weekend"
        return monday.isoformat(), (monday + timedelta(days=6)).isoformat(), "week"
    if m := _PART.match(value):
        return _part_of_year(int(m[1]), m[2])
    if re.fullmatch(r"\d{4}", value):
        return f"{value}-01-01", f"{value}-12-31", "year"
    if re.fullmatch(r"\d{3}", value):
        return f"{value}0-01-01", f"{value}9-12-31", "decade"
    if re.fullmatch(r"\d{2}", value):
        return f"{value}00-01-01", f"{value}99-12-31", "century"
    if value == "PRESENT_REF":
        return dct, dct, "ref"
    if value == "PAST_REF":
        return None, dct, "ref"
    if value == "FUTURE_REF":
        return dct, None, "ref"
    return None, None, "unknown"


def _part_of_year(year: int, part: str) -> tuple[str, str, str]:
    if part in _SEASONS:
        first, last = _SEASONS[part]
        end_year = year + 1 if last < first else year
        return (date(year, first, 1).isoformat(), _month_end(end_year, last).isoformat(),
                "season")
    size = 3 if part[0] == "Q" else 6
    first = (int(part[1]) - 1) * size + 1
    return (date(year, first, 1).isoformat(), _month_end(year, first + size - 1).isoformat(),
            "quarter" if part[0] == "Q" else "half")
