"""Calendar arithmetic and TIMEX3 value rendering, independent of any language."""

from __future__ import annotations

import calendar as _cal
from datetime import date, timedelta

# Unit codes used by the language data (vocab/unit.tsv) and the value functions.
DATE_UNITS = ("Y", "M", "W", "D", "Q", "H", "DE", "CE", "WE", "SE")
TIME_UNITS = ("TH", "TM", "TS")


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, the day clipped to the month's length."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = _cal.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def shift(day: date, unit: str, amount: int) -> date:
    """``day`` moved by ``amount`` units (Y, M, W, D, Q, H, DE, CE, WE)."""
    if unit == "D":
        return day + timedelta(days=amount)
    if unit in ("W", "WE"):
        return day + timedelta(weeks=amount)
    if unit == "M":
        return add_months(day, amount)
    if unit == "Q":
        return add_months(day, 3 * amount)
    if unit == "H":
        return add_months(day, 6 * amount)
    if unit == "Y":
        return add_months(day, 12 * amount)
    if unit == "DE":
        return add_months(day, 120 * amount)
    if unit == "CE":
        return add_months(day, 1200 * amount)
    raise ValueError(f"unknown unit {unit!r}")


def render(day: date, unit: str) -> str:
    """The TIMEX3 value of the ``unit``-sized period that contains ``day``."""
    if unit == "D":
        return day.isoformat()
    if unit == "M":
        return f"{day.year:04d}-{day.month:02d}"
    if unit == "Y":
        return f"{day.year:04d}"
    if unit == "W":
        iso = day.isocalendar()
        return f"{iso.year:04d}-W{iso.week:02d}"
    if unit == "WE":
        iso = day.isocalendar()
        return f"{iso.year:04d}-W{iso.week:02d}-WE"
    if unit == "Q":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if unit == "H":
        return f"{day.year:04d}-H{(day.month - 1) // 6 + 1}"
    if unit == "DE":
        return f"{day.year // 10:03d}"
    if unit == "CE":
        return f"{day.year // 100:02d}"
    raise ValueError(f"unknown unit {unit!r}")


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th ``weekday`` (1=Monday) of a month; n=-1 is the last one."""
    if n > 0:
        first = date(year, month, 1)
        delta = (weekday - first.isoweekday()) % 7
        return first + timedelta(days=delta + 7 * (n - 1))
    last = date(year, month, _cal.monthrange(year, month)[1])
    return last - timedelta(days=(last.isoweekday() - weekday) % 7)


def easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day_ = divmod(h + m - 7 * n + 114, 31)
    return date(year, month, day_ + 1)


def valid_day(year: int, month: int, day_: int) -> bool:
    """True when the three numbers name a real calendar day."""
    return 1 <= month <= 12 and 1 <= day_ <= _cal.monthrange(year, month)[1]
