"""Tokenised text read as written text, with offsets kept.

Corpora and many pipelines hand over Penn-Treebank-tokenised text: ``October 9 , 2002``,
``-LRB- 0735 GMT -RRB-``. The language's ``detokenize.toml`` (in ``documents/resources``,
shared with the display of such text) says which tokens stand for other characters and
which are joined to their neighbour; ``untokenise`` returns the text as it
would have been written and a map that turns offsets in it back into offsets in the text as
given, so rules are written once, for written text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from newsline.documents.detokenize import load_rules


@dataclass(frozen=True)
class OffsetMap:
    """Offsets in the untokenised text -> offsets in the text as given."""

    new_starts: tuple[int, ...]  # where each edit begins in the new text
    new_ends: tuple[int, ...]
    old_starts: tuple[int, ...]
    old_ends: tuple[int, ...]

    def start(self, offset: int) -> int:
        """Where a span starting at ``offset`` starts in the text as given."""
        i = bisect_right(self.new_starts, offset) - 1
        if i < 0:
            return offset
        if offset >= self.new_ends[i]:
            return self.old_ends[i] + offset - self.new_ends[i]
        return self.old_starts[i] if offset == self.new_starts[i] else self.old_ends[i]

    def end(self, offset: int) -> int:
        """Where a span ending at ``offset`` ends in the text as given."""
        i = bisect_left(self.new_starts, offset) - 1
        if i < 0:
            return offset
        if offset >= self.new_ends[i]:
            return self.old_ends[i] + offset - self.new_ends[i]
        return self.old_ends[i]


class Untokeniser:
    """A language's tokenisation conventions, compiled: ``replace`` (token -> the
    characters it stands for), ``left`` (tokens joined to the word before them) and
    ``right`` (tokens joined to the word after them)."""

    def __init__(self, replace: dict[str, str], left: Iterable[str],
                 right: Iterable[str]) -> None:
        self.replace = dict(replace)
        left = sorted(left, key=len, reverse=True)
        right = sorted(right, key=len, reverse=True)
        alternatives = []
        if left:
            tokens = "|".join(re.escape(t) for t in left)
            # The space before a token joined to its left, when the token ends there.
            alternatives.append(rf"(?<=\S)[ \t]+(?=(?:{tokens})(?!\w))")
        if right:
            behind = "|".join(f"(?<={re.escape(t)})" for t in right)
            alternatives.append(rf"(?:{behind})[ \t]+(?=\S)")
        if self.replace:
            keys = sorted(self.replace, key=len, reverse=True)
            alternatives.append("|".join(re.escape(k) for k in keys))
        # Every alternative starts at a blank or at a token's first character: testing
        # that first keeps the scan of ordinary text fast.
        first = "".join(sorted({re.escape(k[0]) for k in self.replace}))
        self.pattern = re.compile(rf"(?=[ \t{first}])(?:{'|'.join(alternatives)})") if (
            alternatives) else None

    @classmethod
    def for_language(cls, language: str) -> Untokeniser:
        """The conventions of ``documents/resources/<language>/detokenize.toml`` (shared
        with the display of tokenised text); none when the language has no such file."""
        try:
            rules = load_rules(language)
        except FileNotFoundError:
            return cls({}, (), ())
        shown = rules.replace.items()
        left = {*rules.to_previous, *(t for t, c in shown if c in rules.to_previous)}
        right = {*rules.to_next, *(t for t, c in shown if c in rules.to_next)}
        return cls(rules.replace, left, right)  # "-LRB-" joins as the "(" it stands for

    def untokenise(self, text: str) -> tuple[str, OffsetMap | None]:
        """The text as written and the offset map back (None when nothing changed)."""
        if self.pattern is None:
            return text, None
        parts: list[str] = []
        new_starts: list[int] = []
        new_ends: list[int] = []
        old_starts: list[int] = []
        old_ends: list[int] = []
        done = 0
        length = 0
        for match in self.pattern.finditer(text):
            start, end = match.span()
            piece = match.group()
            replacement = self.replace.get(piece, "" if piece.isspace() else piece)
            if replacement == piece:
                continue
            parts.append(text[done:start])
            length += start - done
            new_starts.append(length)
            parts.append(replacement)
            length += len(replacement)
            new_ends.append(length)
            old_starts.append(start)
            old_ends.append(end)
            done = end
        if not parts:
            return text, None
        parts.append(text[done:])
        return "".join(parts), OffsetMap(tuple(new_starts), tuple(new_ends), tuple(old_starts),
                                         tuple(old_ends))
