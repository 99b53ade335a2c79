"""Shared test helpers."""

from __future__ import annotations

from pathlib import Path

# The TempEval-3 data lives in ../shared beside the repository; tests that need it skip
# with a message where it is absent (a user's clone).
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "tempeval3"


def write_file(path: Path, content: str | bytes) -> Path:
    """Write text (UTF-8) or bytes to ``path``, creating folders; returns the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path
