"""Number words by composition: "one hundred and twenty" -> 120, "a" -> 1.

The vocabulary comes from the language folder (``numbers.toml``); the engine only knows
how units, tens and scales combine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsline.timex.trie import trie_regex


@dataclass(frozen=True)
class NumberWords:
    """A language's number words and the compiled pattern that matches a spelled number."""

    values: dict[str, float]
    scales: dict[str, int]
    joiners: tuple[str, ...]
    pattern: str
    articles: frozenset[str] = frozenset()

    @classmethod
    def from_table(cls, table: dict) -> NumberWords:
        """Build from the ``numbers.toml`` table of a language folder."""
        values: dict[str, float] = {}
        for section in ("units", "teens", "tens", "articles", "fractions"):
            values.update({k.lower(): float(v) for k, v in table.get(section, {}).items()})
        scales = {k.lower(): int(v) for k, v in table.get("scales", {}).items()}
        joiners = tuple(table.get("joiners", ["and"]))
        articles = frozenset(k.lower() for k in table.get("articles", {}))
        word = "(?:" + trie_regex({w for w in [*values, *scales] if w not in articles}) + ")"
        article = "(?:" + trie_regex(articles)
        join = "(?:[ -]+(?:(?:" + "|".join(re.escape(j) for j in joiners) + ") )?)"
        digits = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+|[ -]1/2|½)?"
        # An article is a number only alone or before a scale or fraction ("a hundred").
        scaled = "(?:" + trie_regex({*scales, *table.get("fractions", {})}) + ")"
        # Bounded repetition keeps a long run of number words linear to scan.
        spelled = f"{word}(?:{join}{word}){{0,6}}|{article}(?: {scaled})?)" if articles else (
            f"{word}(?:{join}{word}){{0,6}}")
        return cls(values, scales, joiners, f"(?:{digits}|{spelled})", articles)

    def parse(self, text: str) -> float | int | None:
        """The value of a number written in digits or words; None if it is not one."""
        text = text.strip().lower()
        if not text:
            return None
        if text[0].isdigit():
            half = 0.5 if text.endswith(("1/2", "½")) else 0.0
            if half:
                text = text.rstrip("½").removesuffix("1/2").rstrip(" -")
            digits = text.replace(",", "")
            if digits.isdigit() and not half:
                return int(digits)  # exact: a long digit run is not rounded
            try:
                return float(digits) + half
            except ValueError:
                return None
        total = 0.0
        current = 0.0
        seen = False
        words = [w for w in re.split(r"[\s-]+", text) if w and w not in self.joiners]
        for index, word in enumerate(words):
            if word in self.values:
                if word in self.articles and len(words) > 1 and not (
                        index + 1 < len(words) and words[index + 1] in self.scales):
                    continue  # "half an", "and a half": an article counts only alone or scaled
                current += self.values[word]
                seen = True
            elif word in self.scales:
                scale = self.scales[word]
                current = (current or 1.0) * scale
                if scale >= 1000:
                    total += current
                    current = 0.0
                seen = True
            else:
                return None
        return total + current if seen else None


def format_number(value: float) -> str:
    """Render a count for a TIMEX3 value: 3.0 -> "3", 0.5 -> "0.5", 1000000.5 ->
    "1000000.5" (never exponent notation, which TIMEX3 values cannot hold)."""
    if value == int(value):
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")
