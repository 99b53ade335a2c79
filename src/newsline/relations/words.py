"""The words of a language the relation features read, from ``resources/<lang>/words.toml``
(loaded once per process and language; the file's comments say what each list is for)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

RESOURCES = Path(__file__).resolve().parent / "resources"


@dataclass(frozen=True, slots=True)
class RelationWords:
    """The word lists of ``words.toml`` (see that file)."""

    signals: frozenset[str]
    openers: frozenset[str]
    conjunctions: frozenset[str]
    perfect: frozenset[str]
    be: frozenset[str]
    negations: frozenset[str]
    stem_suffixes: tuple[str, ...]
    modals: dict[str, str]


@cache
def load_words(language: str = "en") -> RelationWords:
    """The relation features' words of ``language`` (read once)."""
    data = tomllib.loads((RESOURCES / language / "words.toml").read_text(encoding="utf-8"))
    return RelationWords(
        signals=frozenset(data["signals"].split()),
        **{key: frozenset(data[key]) for key in ("openers", "conjunctions", "perfect", "be",
                                                 "negations")},
        stem_suffixes=tuple(data["stem_suffixes"]),
        modals=dict(data["modals"]),
    )
