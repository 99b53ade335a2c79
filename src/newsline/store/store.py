"""The store: an embedded DuckDB database of documents, their annotations and their timeline
entries. Open it with :meth:`Store.open` (a context manager): writers one at a time, readers
read-only and side by side, each waiting on the store's lock file rather than failing."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyarrow as pa

from newsline.batch.annotate import covers
from newsline.documents.model import Document
from newsline.store import schema
from newsline.store.errors import StoreError
from newsline.store.locking import store_lock
from newsline.store.query import EntryFilter
from newsline.store.rows import (
    StoredEntry,
    batch_tables,
    document_from_rows,
    entry_from_row,
)
from newsline.timeline.model import TimelineEntry

#: Default seconds a reader waits for a writer's batch to be committed.
READ_WAIT = 30.0
_ORDER = "sort_date NULLS LAST, doc, seq"
#: When ``sort_entries`` rewrites: entries appended since the last time, as a share of all
#: of them and as a number of rows.
SORT_SHARE = 0.1
SORT_MIN = 20_000


def _one_line(err: Exception) -> str:
    return " ".join(str(err).split()) or type(err).__name__


class Store:
    """An open store. Use :meth:`open`; every public method is one statement or one
    transaction."""

    def __init__(self, con: Any, path: str, read_only: bool) -> None:
        self.con = con
        self.path = path
        self.read_only = read_only

    @classmethod
    @contextmanager
    def open(cls, path: str | Path, read_only: bool = False,
             wait: float | None = None) -> Iterator[Store]:
        """Open the store at ``path`` (a writer creates and migrates it; a reader needs it
        to exist at the current version). ``wait``: seconds to wait for another process's
        lock (None: as long as it takes; readers default to :data:`READ_WAIT`)."""
        import duckdb

        path = str(path)
        if read_only and not Path(path).is_file():
            raise StoreError(f"{path}: no such store (create it with `newsline ingest`)")
        wait = READ_WAIT if read_only and wait is None else wait
        with store_lock(path, exclusive=not read_only, wait=wait):
            try:
                con = duckdb.connect(path, read_only=read_only)
            except duckdb.Error as err:
                raise StoreError(f"{path}: cannot open the store: {_one_line(err)}") from None
            try:
                store = cls(con, path, read_only)
                store._check_version()
                yield store
            finally:
                con.close()

    def _check_version(self) -> None:
        found = schema.stored_version(self.con)
        current = schema.current_version()
        if found > current:
            raise StoreError(f"{self.path}: store schema v{found} is newer than this "
                             f"newsline's v{current}; upgrade newsline")
        if found < current:
            if self.read_only:
                raise StoreError(f"{self.path}: store schema v{found} is older than v{current};"
                                 f" migrate it with `newsline ingest --db {self.path}`")
            schema.migrate(self.con)

    # -- writing -------------------------------------------------------------------------

    def stored_stages(self) -> dict[str, str]:
        """Every stored document's key and the stages that annotated it."""
        return dict(self.con.execute("SELECT doc_key, stages FROM documents").fetchall())

    def write(self, items: Iterable[tuple[str, Document, list[TimelineEntry]]],
              stages: str) -> int:
        """Store annotated documents as ``(key, document, entries)`` in one transaction;
        documents already stored with these stages are left alone, those stored with other
        stages get the new annotations. Returns how many documents were written."""
        items = list(items)
        if not items:
            return 0
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            keys = [key for key, _, _ in items]
            stored = dict(con.execute(
                "SELECT doc_key, stages FROM documents WHERE list_contains(?, doc_key)",
                [keys]).fetchall())
            items = [item for item in items if not covers(stored.get(item[0]), stages)]
            replaced = [key for key, _, _ in items if key in stored]
            if replaced:
                for table in ("timexes", "events", "links", "entries"):
                    con.execute(f"DELETE FROM {table} WHERE list_contains(?, doc_key)",
                                [replaced])
                con.execute("UPDATE documents SET stages = ? WHERE list_contains(?, doc_key)",
                            [stages, replaced])
            tables = batch_tables(items, stages)
            new = set(keys) - set(stored)
            mask = [key in new for key in tables["documents"].column("doc_key").to_pylist()]
            tables["documents"] = tables["documents"].filter(pa.array(mask, pa.bool_()))
            for name, table in tables.items():
                con.register("_incoming", table)
                derived = schema.DERIVED.get(name, {})
                columns = ", ".join(f'"{c}"' for c in [*table.column_names, *derived])
                values = ", ".join([*(f'"{c}"' for c in table.column_names),
                                    *derived.values()])
                con.execute(f"INSERT INTO {name} ({columns}) SELECT {values} FROM _incoming")
                con.unregister("_incoming")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return len(items)

    def sort_entries(self, force: bool = False) -> bool:
        """Rewrite the entries in date order (one transaction) when those appended since the
        last time are at least :data:`SORT_SHARE` of them and :data:`SORT_MIN` rows, or when
        ``force``; returns whether it did. Date-range queries then read only the row groups
        of their dates; the rule keeps the total rewriting within a few times the store."""
        con = self.con
        total = con.execute("SELECT count(*) FROM entries").fetchone()[0]
        done = con.execute("SELECT value FROM store_state WHERE key = 'sorted_entries'"
                           ).fetchone()[0]
        appended = total - done
        if not force and (appended < SORT_MIN or appended < SORT_SHARE * total):
            return False
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute("CREATE TEMP TABLE _sorted AS SELECT * FROM entries "
                        f"ORDER BY {_ORDER}")
            con.execute("DELETE FROM entries")
            con.execute("INSERT INTO entries SELECT * FROM _sorted")
            con.execute("DROP TABLE _sorted")
            con.execute("UPDATE store_state SET value = ? WHERE key = 'sorted_entries'",
                        [total])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("CHECKPOINT")
        return True

    # -- reading -------------------------------------------------------------------------

    def _dicts(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        cursor = self.con.execute(sql, params or [])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def entries(self, flt: EntryFilter | None = None, limit: int | None = None,
                offset: int = 0) -> list[StoredEntry]:
        """The stored timeline entries that pass ``flt``, by date (undated last)."""
        where, params = (flt or EntryFilter()).where()
        sql = (f"SELECT * EXCLUDE (search) FROM entries WHERE {where} ORDER BY {_ORDER}"
               + (f" LIMIT {int(limit)}" if limit is not None else "")
               + (f" OFFSET {int(offset)}" if offset else ""))
        return [entry_from_row(row) for row in self._dicts(sql, params)]

    def count_entries(self, flt: EntryFilter | None = None) -> int:
        """How many stored entries pass ``flt``."""
        where, params = (flt or EntryFilter()).where()
        return int(self.con.execute(f"SELECT count(*) FROM entries WHERE {where}",
                                    params).fetchone()[0])

    def documents(self, keys: Iterable[str] | None = None, source: str | None = None,
                  chunk: int = 256) -> Iterator[Document]:
        """Stored documents with their timexes, events and links (all of them, those with
        the given keys, or those of outlet ``source``, any case), in the order they were
        stored, read ``chunk`` at a time."""
        clauses, params = [], []
        if keys is not None:
            clauses.append("list_contains(?, doc_key)")
            params.append(list(keys))
        if source is not None:
            clauses.append("lower(source) = lower(?)")
            params.append(source)
        where = " AND ".join(clauses) or "TRUE"
        order = [r[0] for r in self.con.execute(
            f"SELECT doc_key FROM documents WHERE {where} ORDER BY ingested_at, id, doc_key",
            params).fetchall()]
        for start in range(0, len(order), chunk):
            wanted = order[start:start + chunk]
            docs = {d["doc_key"]: d for d in self._dicts(
                "SELECT * FROM documents WHERE list_contains(?, doc_key)", [wanted])}
            layers = {table: self._layer(table, wanted) for table in
                      ("timexes", "events", "links")}
            for key in wanted:
                yield document_from_rows(docs[key], layers["timexes"].get(key, []),
                                         layers["events"].get(key, []),
                                         layers["links"].get(key, []))

    def _layer(self, table: str, keys: list[str]) -> dict[str, list[dict[str, Any]]]:
        order = "rowid" if table == "links" else "start_offset, rowid"
        by_key: dict[str, list[dict[str, Any]]] = {}
        for row in self._dicts(f"SELECT * FROM {table} WHERE list_contains(?, doc_key) "
                               f"ORDER BY doc_key, {order}", [keys]):
            by_key.setdefault(row["doc_key"], []).append(row)
        return by_key

    def summary(self) -> dict[str, Any]:
        """Counts and extent of the store: documents, entries, outlets, first/last date."""
        docs, first, last = self.con.execute(
            "SELECT count(*), min(dct), max(dct) FROM documents").fetchone()
        entries = self.con.execute("SELECT count(*) FROM entries").fetchone()[0]
        outlets = [r[0] for r in self.con.execute(
            "SELECT DISTINCT source FROM documents WHERE source IS NOT NULL ORDER BY 1"
        ).fetchall()]
        return {"documents": docs, "entries": entries, "outlets": outlets,
                "from": first.isoformat() if first else None,
                "to": last.isoformat() if last else None,
                "schema_version": schema.stored_version(self.con)}
