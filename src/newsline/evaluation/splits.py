"""A deterministic train/dev split of the TempEval-3 training data (TimeBank + AQUAINT).

Rule: a file belongs to **dev** when ``zlib.crc32(stem.encode("utf-8")) % 5 == 0``, where
``stem`` is the file name without directories and without ``.tml`` (and ``.xml``/``.json``
/``.txt``) suffixes, e.g. ``APW19980807.0261`` or ``wsj_0006``; every other file belongs to
**train**. CRC-32 is fixed by its specification (unlike Python's salted ``hash``), so the
split is the same on every machine and run, needs no list of all files, and puts about a
fifth of the files in dev. On the 256 files of TempEval-3 ``train`` it selects 50 dev files
(TimeBank 39 of 183, AQUAINT 11 of 73) and leaves 206 train files.
"""

from __future__ import annotations

import zlib
from pathlib import Path, PurePath

__all__ = ["SPLITS", "filter_split", "split_of"]

#: Accepted values of ``split`` in :func:`filter_split`.
SPLITS: tuple[str, ...] = ("all", "train", "dev")

_SUFFIXES: tuple[str, ...] = (".tml", ".xml", ".json", ".txt")


def _stem(doc_id_or_filename: str) -> str:
    """The file name without directories and known suffixes (repeatedly stripped)."""
    name = PurePath(doc_id_or_filename).name
    stripped = True
    while stripped:
        stripped = False
        for suffix in _SUFFIXES:
            if name.lower().endswith(suffix) and len(name) > len(suffix):
                name = name[: -len(suffix)]
                stripped = True
    return name


def split_of(doc_id_or_filename: str) -> str:
    """``"dev"`` if ``crc32(stem) % 5 == 0`` else ``"train"`` (see the module docstring).

    Accepts a document id (``"wsj_0006"``), a file name (``"wsj_0006.tml"``) or a path.
    """
    stem = _stem(doc_id_or_filename)
    return "dev" if zlib.crc32(stem.encode("utf-8")) % 5 == 0 else "train"


def filter_split(paths: list[Path], split: str) -> list[Path]:
    """The ``paths`` in ``split`` (``"all"``, ``"train"`` or ``"dev"``), order kept.

    Raises ``ValueError`` for any other ``split``.
    """
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; expected one of {', '.join(SPLITS)}")
    if split == "all":
        return list(paths)
    return [p for p in paths if split_of(str(p)) == split]
