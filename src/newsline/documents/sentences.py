"""Sentences and tokens of a text, with character offsets: the one splitter newsline uses.

The English words it reads (abbreviations, titles, words that start sentences) are in
``resources/en/sentences.toml``.

Sentences
---------
:func:`split_sentences` returns ``(start, end)`` character spans of ``text`` (end exclusive,
leading and trailing whitespace trimmed). A boundary is placed

* at every blank line (a paragraph break: a newline, optional spaces, another newline), and
* after ``.``, ``!`` or ``?`` (any run of them, then any closing quotes or brackets) that is
  followed by whitespace and then by something that can begin a sentence (an upper-case
  letter, a digit, an opening quote or bracket), unless the word ending in ``.`` is a known
  abbreviation (``Mr.``, ``Jan.``, ``Corp.``, ``U.S.`` before a capitalised word that
  usually follows it such as a name, ...), a single letter (an initial, ``J.``), or a run of
  letters and dots (``U.N.``, ``a.m.``) followed by a lower-case word.

A single newline inside a paragraph is ordinary whitespace (news wire text is hard-wrapped).
A line that ends without punctuation and is followed by a blank line is a sentence of its
own (a dateline, a headline).

Tokens
------
:func:`tokenize` returns ``(start, end)`` spans of words (letters, digits and inner
apostrophes, hyphens, dots and commas between digits) and of single punctuation marks.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

__all__ = ["ABBREVIATIONS", "sentence_index", "split_sentences", "tokenize"]

#: Where the language's words live: ``resources/<lang>/sentences.toml``.
RESOURCES = Path(__file__).resolve().parent / "resources"


@cache
def _words(language: str = "en") -> dict[str, frozenset[str]]:
    """The word lists of ``sentences.toml`` (read once)."""
    data = tomllib.loads((RESOURCES / language / "sentences.toml").read_text(encoding="utf-8"))
    return {key: frozenset(value.split()) for key, value in data.items()}


_WORDS = _words("en")
#: Words that end in a dot without ending a sentence (lower-cased, without the dot).
ABBREVIATIONS: frozenset[str] = _WORDS["abbreviations"]
_TITLES = _WORDS["titles"]
_BEFORE_NUMBER = _WORDS["before_number"]
_SENTENCE_STARTERS = _WORDS["sentence_starters"]

_BOUNDARY = re.compile(r"[.!?]+(?:''|['\"”’)\]])*(?=\s)")
_PARAGRAPH = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_TOKEN = re.compile(
    r"\d+(?:[.,:/]\d+)*(?:[A-Za-z]+)?"  # numbers: 1,000  3.5  9/11  10:30  1990s
    r"|[^\W\d_]+(?:[.][^\W\d_]+)+\.?"  # U.S.  a.m.
    r"|\w+(?:['’\-]\w+)*"  # words: don't  well-known
    r"|``|''|[^\w\s]",  # a double quote written as two marks, or one punctuation mark
)
_WORD_BEFORE = re.compile(r"([^\s(\[\"'“‘]+)$")
_NEXT_WORD = re.compile(r"\s+([\"'`“‘(\[]*)(\S+)")


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` spans of the tokens of ``text[start:end]`` (offsets into ``text``)."""
    stop = len(text) if end is None else end
    return [(m.start(), m.end()) for m in _TOKEN.finditer(text, start, stop)]


def _continues(text: str, dot_end: int, para_end: int) -> bool:
    """Whether the sentence goes on after the punctuation that ends at ``dot_end``."""
    mark = text[dot_end - 1]
    # the word before the mark (a word is searched for in the 100 characters before it,
    # not from the start of the text, which made a long text quadratic)
    before = _WORD_BEFORE.search(text, max(0, dot_end - 100), dot_end)
    m = _NEXT_WORD.match(text, dot_end, para_end)
    if m is None:
        return False  # end of the paragraph
    opener, word = m.group(1), m.group(2)
    first = word[0]
    if not (first.isupper() or first.isdigit() or opener):
        return True  # "... about 5 p.m. yesterday", "Mr. smith" never; lower case goes on
    if mark in "!?" or before is None:
        return False
    token = before.group(1)
    if not token.endswith("."):
        return False  # a closing quote or bracket after the dot: a real end
    stem = token[:-1].lower().rstrip(".")
    bare = stem.replace(".", "")
    next_word = re.sub(r"\W+$", "", word).lower()
    if len(bare) == 1 and bare.isalpha():
        return True  # an initial: "John F. Kennedy", "J. P. Morgan"
    if stem in _TITLES:
        return True
    if stem in _BEFORE_NUMBER:
        return first.isdigit() or next_word not in _SENTENCE_STARTERS
    if stem in ABBREVIATIONS or "." in stem:
        # "Acme Inc. said", "the U.S. Navy": go on unless the next word usually starts one.
        return next_word not in _SENTENCE_STARTERS
    return False


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` spans of the sentences of ``text`` (see the module docstring)."""
    spans: list[tuple[int, int]] = []
    para_start = 0
    breaks = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
    breaks.append((len(text), len(text)))
    for para_end, next_start in breaks:
        cut = para_start
        for m in _BOUNDARY.finditer(text, para_start, para_end):
            if not _continues(text, m.end(), para_end):
                _add(text, cut, m.end(), spans)
                cut = m.end()
        _add(text, cut, para_end, spans)
        para_start = next_start
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Append ``text[start:end]`` trimmed, if it holds anything but whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))


def sentence_index(spans: list[tuple[int, int]], offset: int) -> int:
    """Index of the sentence span holding ``offset`` (the last one starting at or before it)."""
    lo, hi = 0, len(spans)
    while lo < hi:
        mid = (lo + hi) // 2
        if spans[mid][0] <= offset:
            lo = mid + 1
        else:
            hi = mid
    return max(lo - 1, 0)
