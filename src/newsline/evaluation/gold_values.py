"""Checking the TIMEX3 values of gold files before they are scored.

A gold value that is not a well-formed TIMEX3 value for its type (a typo, a year of more
than four digits, a stray character; see :mod:`newsline.timex.validity`) is still scored as
written, but ``newsline eval`` names it on stderr so that nobody reads a figure computed
against nonsense unawares.
"""

from __future__ import annotations

from collections.abc import Iterator

from newsline.documents.model import Document
from newsline.timex.validity import is_valid_value

__all__ = ["malformed_values"]


def malformed_values(doc: Document) -> Iterator[tuple[str, str, str]]:
    """(timex id, type, value) of each timex of ``doc`` whose value is not a well-formed
    TIMEX3 value of its type."""
    for timex in doc.timexes:
        if not is_valid_value(timex.type, timex.value):
            yield timex.id, timex.type, timex.value
