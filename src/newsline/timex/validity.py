"""Whether a TIMEX3 value is well formed for its type (TimeML 1.2 / ISO 8601 shapes).

Used to report malformed gold values and, in tests and fuzzing, to check that the tagger
only writes values a TimeML reader can take: a year has at most four digits (or a ``BC``
prefix), a month 01-12, a day 01-31, a week 01-53, a duration a ``P`` followed by numbered
units.
"""

from __future__ import annotations

import re

__all__ = ["is_valid_value"]

_YEAR = r"(?:BC)?(?:\d{4}|\d{3}X?|\d{2}(?:XX)?|XXXX|XXX|XX)"
_MONTH = r"(?:0[1-9]|1[0-2]|XX)"
_DAY = r"(?:0[1-9]|[12]\d|3[01]|XX)"
_WEEK = r"(?:0[1-9]|[1-4]\d|5[0-3]|XX)"
_PART = r"(?:Q[1-4X]|H[12X]|SP|SU|FA|WI|QX|HX)"
_ZONE = r"(?:Z|[+-](?:0\d|1[0-4])(?::?[0-5]\d)?)"
_CLOCK = (r"(?:(?:[01]\d|2[0-4]|XX)(?::(?:[0-5]\d|XX)(?::(?:[0-5]\d|60)(?:\.\d+)?)?)?"
          r"|MO|MI|AF|EV|NI|DT)")
_CALENDAR = (rf"{_YEAR}(?:-{_MONTH}(?:-{_DAY})?|-W{_WEEK}(?:-(?:[1-7X]|WE))?|-{_PART})?"
             rf"(?:T{_CLOCK}{_ZONE}?)?")
_DATE = re.compile(rf"(?:{_CALENDAR}|FY\d{{4}}(?:-{_PART})?|PRESENT_REF|PAST_REF|FUTURE_REF)")
_TIME = re.compile(rf"(?:{_CALENDAR}|T{_CLOCK}{_ZONE}?|PRESENT_REF|PAST_REF|FUTURE_REF)")
_AMOUNT = r"(?:\d+(?:\.\d+)?|X)"
_DURATION = re.compile(
    rf"P(?:(?:{_AMOUNT}(?:DE|CE|ML|Y|M|W|D|Q|H|L))+(?:T(?:{_AMOUNT}[HMS])+)?"
    rf"|T(?:{_AMOUNT}[HMS])+)")
_PATTERNS = {"DATE": (_DATE,), "TIME": (_TIME,), "DURATION": (_DURATION,),
             "SET": (_DATE, _TIME, _DURATION)}


def is_valid_value(timex_type: str, value: str | None) -> bool:
    """Whether ``value`` is a well-formed TIMEX3 value for ``timex_type`` (DATE, TIME,
    DURATION or SET)."""
    if not value:
        return False
    return any(p.fullmatch(value) for p in _PATTERNS.get(timex_type, ()))
