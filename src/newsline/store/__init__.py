"""The store: documents, annotations and timeline entries in an embedded DuckDB database
(``newsline ingest`` writes it, ``newsline query`` and the web app read it).

Names are imported on first use, so that ``newsline`` starts without DuckDB or Arrow."""

from __future__ import annotations

from importlib import import_module
from typing import Any

_HOMES = {
    "EntryFilter": "query", "IngestReport": "ingestion", "Store": "store",
    "StoreError": "errors", "StoreLockedError": "errors", "StoredEntry": "rows",
    "content_key": "rows", "ingest": "ingestion", "schema": "schema",
}
__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'newsline.store' has no attribute {name!r}")
    module = import_module(f"newsline.store.{_HOMES[name]}")
    return module if name == "schema" else getattr(module, name)
