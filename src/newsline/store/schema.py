"""The store's tables, and the migrations that bring a store of any released version to the
current one.

``MIGRATIONS[i]`` turns a store of version ``i`` into version ``i + 1`` (version 0 is an empty
file). Released migrations are never edited: a schema change is a new entry at the end.
The ``schema_version`` table records every version applied and when.
"""

from __future__ import annotations

from typing import Any

# Version 1, the first release: documents (keyed by content hash), their annotation layers
# and their timeline entries. Offsets are character offsets into documents.text.
V1 = [
    """CREATE TABLE schema_version (
        version INTEGER PRIMARY KEY,
        applied_at TIMESTAMP DEFAULT current_timestamp)""",
    """CREATE TABLE documents (
        doc_key VARCHAR PRIMARY KEY,      -- sha256 of (text, dct, source)
        id VARCHAR NOT NULL,              -- the id the reader gave it (file stem, JSON id)
        text VARCHAR NOT NULL,
        dct DATE,
        title VARCHAR,
        url VARCHAR,
        source VARCHAR,                   -- the outlet
        stages VARCHAR NOT NULL,          -- what annotated it, e.g. 'timex,events,links,timeline'
        ingested_at TIMESTAMP DEFAULT current_timestamp)""",
    """CREATE TABLE timexes (
        doc_key VARCHAR NOT NULL, tid VARCHAR, start_offset INTEGER, end_offset INTEGER,
        text VARCHAR, type VARCHAR, value VARCHAR, mod VARCHAR, quant VARCHAR, freq VARCHAR)""",
    """CREATE TABLE events (
        doc_key VARCHAR NOT NULL, eid VARCHAR, start_offset INTEGER, end_offset INTEGER,
        text VARCHAR, class VARCHAR, tense VARCHAR, aspect VARCHAR, polarity VARCHAR,
        modality VARCHAR, pos VARCHAR)""",
    """CREATE TABLE links (
        doc_key VARCHAR NOT NULL, type VARCHAR, rel VARCHAR, source VARCHAR, target VARCHAR)""",
    """CREATE TABLE entries (
        doc_key VARCHAR NOT NULL,
        seq INTEGER,                      -- position among the document's entries
        doc VARCHAR,                      -- documents.id
        outlet VARCHAR,                   -- documents.source, repeated for the filters
        sort_date DATE,                   -- start, else end: what --from/--to compare
        date VARCHAR, start_date DATE, end_date DATE, grain VARCHAR,
        event VARCHAR, summary VARCHAR, sentence VARCHAR, actors VARCHAR[],
        source VARCHAR, start_offset INTEGER, end_offset INTEGER,
        inferred BOOLEAN, polarity VARCHAR, duration VARCHAR, timex VARCHAR,
        sentence_start INTEGER, sentence_end INTEGER,
        highlights STRUCT(start_offset INTEGER, end_offset INTEGER, kind VARCHAR)[],
        lemma VARCHAR, keywords VARCHAR[])    -- what merging reports across articles compares""",
    "CREATE INDEX entries_sort_date ON entries (sort_date)",
]

#: The words ``--text`` looks for, lower-cased in one column (one LIKE instead of three
#: ILIKEs): computed by the store, on insert as here.
SEARCH = "lower(concat_ws(' ', event, summary, sentence))"

# Version 2: entries.search (filled for the entries already stored); the entries are kept
# in date order instead of indexed (DuckDB reads only the row groups whose date range meets
# the query's, which the index did not do for ranges), and store_state records how many of
# them are in order.
V2 = [
    "DROP INDEX entries_sort_date",
    "ALTER TABLE entries ADD COLUMN search VARCHAR",
    f"UPDATE entries SET search = {SEARCH}",
    "CREATE TABLE store_state (key VARCHAR PRIMARY KEY, value BIGINT)",
    "INSERT INTO store_state VALUES ('sorted_entries', 0)",
]

MIGRATIONS: list[list[str]] = [V1, V2]

#: Columns the store computes from the others when a row is inserted.
DERIVED = {"entries": {"search": SEARCH}}


def current_version() -> int:
    """The schema version this newsline writes and reads."""
    return len(MIGRATIONS)


def stored_version(con: Any) -> int:
    """The version of the store behind ``con`` (0 for an empty database)."""
    tables = {row[0] for row in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
    ).fetchall()}
    if "schema_version" not in tables:
        return 0
    row = con.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(con: Any, target: int | None = None) -> list[int]:
    """Apply the migrations ``con``'s store lacks, each in its own transaction, up to
    ``target`` (default: the current version); returns the versions applied."""
    target = current_version() if target is None else target
    applied = []
    for version in range(stored_version(con), target):
        con.execute("BEGIN TRANSACTION")
        try:
            for statement in MIGRATIONS[version]:
                con.execute(statement)
            con.execute("INSERT INTO schema_version (version) VALUES (?)", [version + 1])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        applied.append(version + 1)
    return applied
