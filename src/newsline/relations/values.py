"""Where a TIMEX3 value lies relative to the document creation time (DCT).

:func:`value_span` turns a DATE/TIME value into the closed calendar interval of days it
covers and its grain; :func:`compare_to_dct` places that interval against the DCT day:

* ``before`` / ``after``: it ends before / starts after the DCT day;
* ``same``: it is the DCT day itself;
* ``includes``: it holds the DCT day and more (``2013``, ``2013-03``, this week);
* ``within``: a time of day on the DCT day;
* ``unknown``: no calendar value (``XXXX-XX-XX``, durations, sets, no DCT).

``PRESENT_REF`` is ``same``, ``PAST_REF`` ``before`` and ``FUTURE_REF`` ``after``.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

__all__ = ["compare_to_dct", "value_span"]

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(T.*)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_PART = re.compile(r"^(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)$")
_PARTS = {"Q1": (1, 3), "Q2": (4, 6), "Q3": (7, 9), "Q4": (10, 12), "H1": (1, 6),
          "H2": (7, 12), "SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}


def _month_end(year: int, month: int) -> date:
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    return date(year, month, calendar.monthrange(year, month)[1])


def value_span(value: str) -> tuple[date, date, str] | None:
    """``(first day, last day, grain)`` of a calendar TIMEX3 value, else None."""
    try:
        return _span(value.strip())
    except ValueError:
        return None


def _span(value: str) -> tuple[date, date, str] | None:
    if m := _DAY.match(value):
        day = date(int(m[1]), int(m[2]), int(m[3]))
        return day, day, "time" if m[4] else "day"
    if m := _MONTH.match(value):
        year, month = int(m[1]), int(m[2])
        return date(year, month, 1), _month_end(year, month), "month"
    if m := _WEEK.match(value):
        monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        if m[3]:
            return monday + timedelta(days=5), monday + timedelta(days=6), "week"
        return monday, monday + timedelta(days=6), "week"
    if m := _PART.match(value):
        year = int(m[1])
        first, last = _PARTS[m[2]]
        return date(year, first, 1), _month_end(year, last), "quarter"
    if re.fullmatch(r"\d{4}", value):
        return date(int(value), 1, 1), date(int(value), 12, 31), "year"
    if re.fullmatch(r"\d{3}", value):
        return date(int(value) * 10, 1, 1), date(int(value) * 10 + 9, 12, 31), "decade"
    if re.fullmatch(r"\d{2}", value) and value != "00":
        return date(int(value) * 100, 1, 1), date(int(value) * 100 + 99, 12, 31), "century"
    return None


def compare_to_dct(value: str, dct: str | None) -> str:
    """``before``, ``after``, ``same``, ``includes``, ``within`` or ``unknown`` (see above)."""
    value = (value or "").strip()
    if value == "PRESENT_REF":
        return "same"
    if value == "PAST_REF":
        return "before"
    if value == "FUTURE_REF":
        return "after"
    span = value_span(value)
    if span is None or not dct:
        return "unknown"
    try:
        day = date.fromisoformat(dct[:10])
    except ValueError:
        return "unknown"
    first, last, grain = span
    if last < day:
        return "before"
    if first > day:
        return "after"
    if grain == "time":
        return "within"
    if first == last == day:
        return "same"
    return "includes"
