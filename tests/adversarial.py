"""Adversarial texts for the scaling tests and benchmarks: each a function of a length in
characters, so that the same text can be made 4x longer."""

from __future__ import annotations

import itertools
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "korea_troops.txt"


def _cut(unit: str, chars: int) -> str:
    return (unit * (chars // len(unit) + 1))[:chars]


def one_sentence(chars: int) -> str:
    """The example article with its full stops turned into commas: one long sentence."""
    body = EXAMPLE.read_text(encoding="utf-8").split("\n", 1)[1].replace(".", ",")
    return _cut(body, chars)


def dates_and_numbers(chars: int) -> str:
    """Text dense with dates, times, quantities and figures."""
    parts = []
    for k in itertools.count():
        parts.append(f"On {k % 28 + 1} March {1990 + k % 30}, {k * 37 % 9000:,} troops and "
                     f"{k % 90 + 3} tanks moved {k % 40 + 2} km by 10:{k % 60:02d} a.m. on "
                     f"Tuesday, {k % 12 + 1}/{k % 28 + 1}/20{k % 30:02d}, ")
        if sum(map(len, parts)) > chars:
            break
    return "".join(parts)[:chars]


def digit_runs(chars: int) -> str:
    """A few words around one run of digits as long as the text."""
    return "Officials said on Monday that " + _cut("3141592653", chars) + " troops arrived."


def conjunctions(chars: int) -> str:
    """One sentence of verbs joined by "and": "troops attacked and retreated and ..."."""
    return "The troops " + _cut("attacked and retreated and fired and waited and ", chars)


TEXTS = {"one_sentence": one_sentence, "dates_and_numbers": dates_and_numbers,
         "digit_runs": digit_runs, "conjunctions": conjunctions}
