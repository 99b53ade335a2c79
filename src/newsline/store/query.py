"""The filters of ``newsline query`` (and the web API's ``/api/entries``) as SQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from newsline.errors import InputError

_UNIT = "\x1f"  # joins an entry's actors into one string to search


@dataclass
class EntryFilter:
    """Which stored timeline entries to return; every field given must hold.

    - ``date_from``/``date_to``: ISO dates; an entry's date is its start (else its end, for
      an event known only to precede a date), and must fall in [date_from, date_to];
    - ``actor``: a part of one of its actors' names, any case;
    - ``source``: the outlet of its article (the JSON ``source`` field), any case;
    - ``text``: words that must all appear (any case) in its sentence, summary or event.
    """

    date_from: str | None = None
    date_to: str | None = None
    actor: str | None = None
    source: str | None = None
    text: str | None = None

    def where(self) -> tuple[str, list[Any]]:
        """The SQL condition on table ``entries`` and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.date_from:
            clauses.append("sort_date >= ?")
            params.append(_date(self.date_from, "--from"))
        if self.date_to:
            clauses.append("sort_date <= ?")
            params.append(_date(self.date_to, "--to"))
        if self.actor:
            clauses.append(f"array_to_string(actors, '{_UNIT}') ILIKE ? ESCAPE '\\'")
            params.append(_like(self.actor))
        if self.source:
            clauses.append("lower(outlet) = lower(?)")
            params.append(self.source)
        for word in (self.text or "").split():
            clauses.append("search LIKE lower(?) ESCAPE '\\'")
            params.append(_like(word))
        return (" AND ".join(clauses) or "TRUE"), params


def _like(words: str) -> str:
    escaped = words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _date(value: str, option: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(option, f"bad date {value!r} (expected YYYY-MM-DD)") from None
