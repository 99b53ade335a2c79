"""The words of a language the events stage reads, from ``resources/<lang>/words.toml``.

Loaded once per process and language (:func:`load_words`); the rule and feature modules
read :data:`EN`. The file's comments say what each list is for.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

RESOURCES = Path(__file__).resolve().parent / "resources"


@dataclass(frozen=True, slots=True)
class EventWords:
    """The word lists of ``words.toml`` (see that file)."""

    future_modals: frozenset[str]
    negations: frozenset[str]
    noun_negations: frozenset[str]
    group_negations: frozenset[str]
    auxiliary_negations: frozenset[str]
    past_auxiliaries: frozenset[str]
    complementizers: frozenset[str]
    modal_forms: dict[str, str]
    modal_tense: dict[str, str]
    auxiliaries: dict[str, str]  # form -> lemma
    nominal_suffixes: tuple[tuple[str, tuple[str, ...]], ...]


@cache
def load_words(language: str = "en") -> EventWords:
    """The events stage's words of ``language`` (read once)."""
    path = RESOURCES / language / "words.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    sets = {key: frozenset(data[key]) for key in (
        "future_modals", "negations", "noun_negations", "group_negations",
        "auxiliary_negations", "past_auxiliaries", "complementizers")}
    return EventWords(
        **sets,
        modal_forms=dict(data["modal_forms"]),
        modal_tense=dict(data["modal_tense"]),
        auxiliaries={form: lemma for lemma, forms in data["auxiliaries"].items()
                     for form in forms},
        nominal_suffixes=tuple((suffix, tuple(ends))
                               for suffix, ends in data["nominal_suffixes"].items()),
    )


#: The English words.
EN = load_words("en")
