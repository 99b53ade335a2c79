"""Checking the TIMEX3 values of gold files before they are scored.

A gold value that does not follow the TimeML 1.2.1 TIMEX3 value syntax (a typo, a year of
more than four digits, a stray character) is still scored as written, but ``newsline eval``
names it on stderr so that nobody reads a figure computed against nonsense unawares.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newsline.documents.model import Document

__all__ = ["is_timex3_value", "malformed_values"]

_NUMBER = r"(?:[0-9]+(?:\.[0-9]+)?|X+)"
_YEAR = r"(?:BC)?(?:[0-9X]{4}|[0-9X]{3}|[0-9X]{2})"
_MONTH = r"(?:0[1-9]|1[0-2]|XX)"
_DAY = r"(?:0[1-9]|[12][0-9]|3[01]|XX)"
_WEEK = r"(?:0[1-9]|[1-4][0-9]|5[0-3]|XX)"
_IN_YEAR = (rf"(?:-(?:{_MONTH}(?:-{_DAY})?"
            rf"|W{_WEEK}(?:-(?:[1-7X]|WE))?"
            r"|Q[1-4X]|H[12X]|SP|SU|FA|WI|WE))?")       # quarter, half, season
_CLOCK = (r"T(?:[0-9X]{2}(?::[0-9X]{2}(?::[0-9X]{2}(?:\.[0-9]+)?)?)?|MO|MI|AF|EV|NI|DT)"
          r"(?:Z|[+-][0-9]{2}(?::?[0-9]{2})?)?")
_DATE = rf"{_YEAR}{_IN_YEAR}(?:{_CLOCK})?"
_DURATION_UNITS = r"(?:Y|M|W|D|DE|CE|ML|Q|H|WE|SP|SU|FA|WI|MO|AF|EV|NI|L|C|E)"
_DURATION = (rf"P(?:(?:{_NUMBER}{_DURATION_UNITS})+(?:T(?:{_NUMBER}[HMS])+)?"
             rf"|T(?:{_NUMBER}[HMS])+)")
_VALUE = re.compile(
    rf"(?:{_DATE}|{_CLOCK}|{_DURATION}|PRESENT_REF|PAST_REF|FUTURE_REF)")


def is_timex3_value(value: str | None) -> bool:
    """Whether ``value`` follows the TIMEX3 value syntax (TimeML 1.2.1): a date or time
    (``2013-03-18``, ``1998-W08-WE``, ``2013-Q3``, ``XXXX-XX-XXTNI``), a duration
    (``P3M``, ``PT1H30M``, ``PXY``) or one of the ``*_REF`` values."""
    return bool(value) and _VALUE.fullmatch(value) is not None


def malformed_values(doc: Document) -> Iterator[tuple[str, str]]:
    """(timex id, value) of each timex of ``doc`` whose value is not a TIMEX3 value."""
    for timex in doc.timexes:
        if not is_timex3_value(timex.value):
            yield timex.id, timex.value
