"""Reading a store for ``/api/entries``, ``/api/stories`` and the story pages.

The store is opened read-only for each request and closed after it (never held open), so
that ``newsline ingest`` in another process can write between requests: a reader waits on
the store's lock while a batch is being committed, and never sees half a batch.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from dataclasses import astuple, dataclass
from pathlib import Path
from typing import Any

from newsline.errors import InputError

#: Seconds a request waits for an ingest's batch to be committed before a 503.
STORE_WAIT = 20.0
#: Stories kept, per filters and store state.
CACHE_SIZE = 32
#: Most entries one ``/api/entries`` page may hold.
MAX_LIMIT = 1000


@dataclass(frozen=True)
class Filters:
    """The filters of ``newsline query``: a date range, an outlet, an actor, words."""

    date_from: str | None = None
    date_to: str | None = None
    actor: str | None = None
    source: str | None = None
    text: str | None = None

    def checked(self) -> Filters:
        """The same filters with blanks dropped and dates checked (InputError if bad)."""
        from newsline.documents._common import check_date

        values = {k: (v.strip() or None) if isinstance(v, str) else v
                  for k, v in self.__dict__.items()}
        for key, name in (("date_from", "from"), ("date_to", "to")):
            if values[key] and check_date(values[key]) is None:
                raise InputError(name, f"bad date {values[key]!r} (expected YYYY-MM-DD)")
        if values["date_from"] and values["date_to"] and values["date_from"] > values["date_to"]:
            raise InputError("from", "the range ends before it starts")
        return Filters(**values)

    def entry_filter(self) -> Any:
        """The store's :class:`~newsline.store.EntryFilter` for these filters."""
        from newsline.store import EntryFilter

        return EntryFilter(date_from=self.date_from, date_to=self.date_to, actor=self.actor,
                           source=self.source, text=self.text)



def _open(db: Path) -> Any:
    from newsline.store import Store

    return Store.open(db, read_only=True, wait=STORE_WAIT)


def _state(db: Path) -> tuple[float, int]:
    """What changes when an ingest writes: the store file's time and size."""
    stat = os.stat(db)
    return stat.st_mtime, stat.st_size


class StoreReader:
    """Read-only access to one store, with the last stories built kept in memory (they are
    dropped when the store file changes)."""

    def __init__(self, db: str | Path) -> None:
        self.db = Path(db)
        self._stories: OrderedDict[tuple, Any] = OrderedDict()
        self._lock = threading.Lock()

    def summary(self) -> dict[str, Any]:
        """Documents, entries, outlets and the dates the store covers."""
        with _open(self.db) as store:
            return store.summary()

    def entries(self, filters: Filters, limit: int = 100, offset: int = 0) -> dict[str, Any]:
        """One page of the stored timeline entries that pass ``filters``, by date, as the
        contract's ``{"entries": [...]}`` plus ``total``, ``limit`` and ``offset``."""
        if not 1 <= limit <= MAX_LIMIT:
            raise InputError("limit", f"must be between 1 and {MAX_LIMIT}")
        if offset < 0:
            raise InputError("offset", "must not be negative")
        flt = filters.checked().entry_filter()
        with _open(self.db) as store:
            total = store.count_entries(flt)
            entries = store.entries(flt, limit=limit, offset=offset)
        return {"entries": entries, "total": total, "limit": limit, "offset": offset}

    def story(self, filters: Filters, dates: int | None = None, sentences: int = 2) -> Any:
        """The story timeline of the stored articles that pass ``filters``: the outlet and
        the actor pick articles (an actor's article names them in an entry or in its text);
        the dates and words go to the story builder."""
        from newsline.web.engine import _story_api

        build_story, _render = _story_api()
        filters = filters.checked()
        key = (astuple(filters), dates, sentences)
        state = _state(self.db)
        with self._lock:
            hit = self._stories.get(key)
            if hit is not None and hit[0] == state:
                self._stories.move_to_end(key)
                return hit[1]
        with _open(self.db) as store:
            docs = store.documents()
            if filters.actor:
                from newsline.store import EntryFilter

                named = {e.doc for e in store.entries(EntryFilter(actor=filters.actor))}
                actor = filters.actor.lower()
                docs = (d for d in docs if d.id in named or actor in d.text.lower())
            if filters.source:
                outlet = filters.source.lower()
                docs = (d for d in docs if (d.meta.get("source") or "").lower() == outlet)
            story = build_story(docs, dates=dates, sentences=sentences,
                                start=filters.date_from, end=filters.date_to,
                                query=filters.text)
        with self._lock:
            self._stories[key] = (state, story)
            while len(self._stories) > CACHE_SIZE:
                self._stories.popitem(last=False)
        return story
