"""Readable sentences from Penn-Treebank-tokenised text (for md/html display only).

Some corpora ship their texts tokenised (``Michael 's doctor -LRB- Conrad Murray -RRB-
said `` no '' .``). Offsets always index the text as read; this module only makes a copy
for people to read: brackets and quotes written back as characters, clitics (``'s``,
``n't``) and punctuation glued to their word, white space folded. What to glue and what to
replace is data: ``resources/<lang>/detokenize.toml``. Text that was never tokenised comes
out unchanged apart from its white space.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

RESOURCES = Path(__file__).parent / "resources"


@dataclass(frozen=True)
class DetokenizeRules:
    """Token replacements and which tokens glue to their neighbours."""

    replace: dict[str, str]
    to_previous: frozenset[str]
    to_next: frozenset[str]
    alternate: frozenset[str]
    pairs: dict[str, tuple[str, str]]


@cache
def load_rules(language: str = "en") -> DetokenizeRules:
    """``resources/<language>/detokenize.toml`` (cached)."""
    path = RESOURCES / language / "detokenize.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return DetokenizeRules(
        replace=dict(data.get("replace", {})),
        to_previous=frozenset(data.get("attach", {}).get("to_previous", [])),
        to_next=frozenset(data.get("attach", {}).get("to_next", [])),
        alternate=frozenset(data.get("alternate", {}).get("quotes", [])),
        pairs={opener: (closer, shown) for opener, (closer, shown)
               in data.get("pairs", {}).items()},
    )


def detokenize(text: str, language: str = "en") -> str:
    """``text`` with tokenisation artefacts undone and white space folded to single spaces."""
    rules = load_rules(language)
    out: list[str] = []
    glue_next = False
    open_quote: dict[str, bool] = {}
    waiting: list[str] = []  # openers of [pairs] not closed yet, innermost last
    for token in text.split():
        shown = rules.replace.get(token, token)
        if token in rules.pairs:
            waiting.append(token)
        elif waiting and token == rules.pairs[waiting[-1]][0]:
            shown = rules.pairs[waiting.pop()][1]
        if token in rules.alternate:
            opening = not open_quote.get(token, False)
            open_quote[token] = opening
            glue_before, glue_after = not opening, opening
        else:
            glue_before = token in rules.to_previous or shown in rules.to_previous
            glue_after = token in rules.to_next or shown in rules.to_next
        if out and not glue_next and not glue_before:
            out.append(" ")
        out.append(shown)
        glue_next = glue_after
    return "".join(out)
