"""The store's errors (both are NewslineErrors: a one-line message, exit status 1)."""

from newsline.errors import NewslineError


class StoreError(NewslineError):
    """The store cannot be opened or used (missing, of another version, not DuckDB)."""


class StoreLockedError(StoreError):
    """Another process held the store for longer than we were willing to wait."""
