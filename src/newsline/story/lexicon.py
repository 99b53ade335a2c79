"""The story stage's English data: page furniture and sentences never quoted."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

RESOURCES = Path(__file__).parent / "resources"


def _patterns(language: str, name: str) -> re.Pattern[str]:
    path = RESOURCES / language / name
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    parts = [line for line in lines if line and not line.startswith("#")]
    return re.compile("|".join(f"(?:{p})" for p in parts))


@cache
def boilerplate(language: str = "en") -> re.Pattern[str]:
    """Page furniture (date stamps, datelines, comment headers): not news."""
    return _patterns(language, "boilerplate.txt")


@cache
def skipped(language: str = "en") -> re.Pattern[str]:
    """Sentences a story never quotes (removed comments, 'click here', captions)."""
    return _patterns(language, "skip_sentences.txt")


@cache
def not_titles(language: str = "en") -> frozenset[str]:
    """Capitalised words that never name a story (days, months, sentence openers)."""
    path = RESOURCES / language / "not_titles.txt"
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(line for line in lines if line and not line.startswith("#"))
