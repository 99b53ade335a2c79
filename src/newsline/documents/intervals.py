"""The calendar interval a TIMEX3 value covers and its granularity: the one reading of values.

Every stage and writer that needs to know what days a value means (the relation features,
the timeline's start/end and sort order, the readable dates of the outputs, the timex
tagger's focus) asks :func:`calendar_interval`. Shapes (TimeML TIMEX3):

========================  ==========================================  =========
value                     days covered (first, last)                  grain
========================  ==========================================  =========
``2025-12-13T16:08Z``     that day (the time of day and zone kept)    time
``2025-12-13``            that day                                    day
``2025-W50-WE``           Saturday and Sunday of ISO week 50          weekend
``2025-W50``              Monday to Sunday of ISO week 50             week
``2025-12``               the month                                   month
``2025-SP/SU/FA/WI``      Mar–May, Jun–Aug, Sep–Nov, Dec–Feb (next)   season
``2025-Q3``               Jul–Sep                                     quarter
``2025-H1``               Jan–Jun                                     half
``2025``                  the year                                    year
``199``                   1990–1999                                   decade
``19``                    1900–1999                                   century
``PRESENT_REF``           the DCT; ``PAST_REF`` up to it,             ref
                          ``FUTURE_REF`` from it
anything else             unknown (``XXXX-12-25``, ``P3D``, …)        unknown
========================  ==========================================  =========
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["GRAIN_RANK", "Interval", "calendar_interval", "compare_to_dct"]

#: Grains from finest to coarsest (used to sort what starts on the same day).
GRAIN_RANK = {"time": 0, "day": 1, "weekend": 2, "week": 3, "month": 4, "season": 5,
              "quarter": 6, "half": 7, "year": 8, "decade": 9, "century": 10, "ref": 11,
              "unknown": 12}

#: First and last month of each part of a year (a last month past 12 is in the next year).
_PARTS = {"Q1": (1, 3, "quarter"), "Q2": (4, 6, "quarter"), "Q3": (7, 9, "quarter"),
          "Q4": (10, 12, "quarter"), "H1": (1, 6, "half"), "H2": (7, 12, "half"),
          "SP": (3, 5, "season"), "SU": (6, 8, "season"), "FA": (9, 11, "season"),
          "WI": (12, 14, "season")}
_VALUE = re.compile(
    r"(?P<year>\d{4})(?:-(?:(?P<month>\d{2})(?:-(?P<day>\d{2})(?:T(?P<time>.+))?)?"
    r"|W(?P<week>\d{2})(?P<weekend>-WE)?|(?P<part>Q[1-4]|H[12]|SP|SU|FA|WI)))?"
    r"|(?P<decade>\d{3})|(?P<century>\d{2})")


@dataclass(frozen=True, slots=True)
class Interval:
    """The days a TIMEX3 value covers (``first``/``last`` inclusive; None where open or
    unknown), its ``grain`` (a key of :data:`GRAIN_RANK`), and for the shapes that have
    one the ``part`` of the year (``Q3``, ``H1``, ``SU``), the ISO ``week`` number or the
    ``time`` of day as written (``16:08Z``)."""

    first: date | None
    last: date | None
    grain: str
    part: str | None = None
    week: int | None = None
    time: str | None = None

    @property
    def known(self) -> bool:
        """Whether the value is a calendar value (not a reference, not unknown)."""
        return self.grain not in ("ref", "unknown")

    def iso(self) -> tuple[str | None, str | None]:
        """``first`` and ``last`` as ISO dates (None stays None)."""
        return (self.first.isoformat() if self.first else None,
                self.last.isoformat() if self.last else None)


UNKNOWN = Interval(None, None, "unknown")


def calendar_interval(value: str | None, dct: str | date | None = None) -> Interval:
    """The :class:`Interval` of a TIMEX3 value (see the module docstring); ``dct`` (ISO date)
    places the ``*_REF`` values. Never raises: impossible dates are unknown."""
    value = (value or "").strip()
    if value.endswith("_REF"):
        return _reference(value, _as_date(dct))
    m = _VALUE.fullmatch(value)
    if m is None:
        return UNKNOWN
    try:
        return _calendar(m)
    except ValueError:
        return UNKNOWN


def _calendar(m: re.Match[str]) -> Interval:
    if m["decade"]:
        start = int(m["decade"]) * 10
        return Interval(date(start, 1, 1), date(start + 9, 12, 31), "decade")
    if m["century"]:
        start = int(m["century"]) * 100
        return Interval(date(start, 1, 1), date(start + 99, 12, 31), "century")
    year = int(m["year"])
    if m["day"]:
        day = date(year, int(m["month"]), int(m["day"]))
        return Interval(day, day, "time" if m["time"] else "day", time=m["time"])
    if m["month"]:
        month = int(m["month"])
        return Interval(date(year, month, 1), _month_end(year, month), "month")
    if m["week"]:
        week = int(m["week"])
        monday = date.fromisocalendar(year, week, 1)
        if m["weekend"]:
            return Interval(monday + timedelta(days=5), monday + timedelta(days=6), "weekend",
                            week=week)
        return Interval(monday, monday + timedelta(days=6), "week", week=week)
    if m["part"]:
        first, last, grain = _PARTS[m["part"]]
        return Interval(date(year, first, 1), _month_end(year, last), grain, part=m["part"])
    return Interval(date(year, 1, 1), date(year, 12, 31), "year")


def _reference(value: str, dct: date | None) -> Interval:
    if value == "PRESENT_REF":
        return Interval(dct, dct, "ref")
    if value == "PAST_REF":
        return Interval(None, dct, "ref")
    if value == "FUTURE_REF":
        return Interval(dct, None, "ref")
    return UNKNOWN


def _month_end(year: int, month: int) -> date:
    """The last day of ``month`` (past 12: a month of the next year)."""
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    return date(year, month, calendar.monthrange(year, month)[1])


def _as_date(dct: str | date | None) -> date | None:
    if dct is None or isinstance(dct, date):
        return dct
    try:
        return date.fromisoformat(dct[:10])
    except ValueError:
        return None


def compare_to_dct(value: str | None, dct: str | date | None) -> str:
    """Where a value lies against the DCT day: ``before``/``after`` (ends before / starts
    after it), ``same`` (the DCT day itself, or ``PRESENT_REF``), ``includes`` (holds it and
    more), ``within`` (a time of day on it), or ``unknown`` (no calendar value or no DCT).
    ``PAST_REF`` is ``before`` and ``FUTURE_REF`` ``after``."""
    value = (value or "").strip()
    refs = {"PRESENT_REF": "same", "PAST_REF": "before", "FUTURE_REF": "after"}
    if value in refs:
        return refs[value]
    span, day = calendar_interval(value), _as_date(dct)
    if not span.known or day is None:
        return "unknown"
    if span.last < day:
        return "before"
    if span.first > day:
        return "after"
    if span.grain == "time":
        return "within"
    return "same" if span.first == span.last == day else "includes"
