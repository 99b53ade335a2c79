"""Tokenised text tags as written text does.

Every line of the timex corpus (``tests/corpus/en/timex.tsv``, ``timex_negative.tsv``) is
tokenised here the Penn Treebank way (``October 9 , 2002``, ``-LRB- 0735 GMT -RRB-``,
`` `` `` and ``''`` for quotes, ``'s`` and ``n't`` split off) and must give the same TIMEX3:
one span covering the whole tokenised text, with the same type and value (or none at all).
"""

from __future__ import annotations

import re

import pytest

from newsline.timex import TimexTagger
from test_timex_corpus import NEGATIVE_LINES, POSITIVE_LINES

TAGGER = TimexTagger()


def ptb(text: str) -> str:
    """A Penn-Treebank-style tokenisation of ``text``."""
    text = re.sub(r'(^|(?<=[\s(\[]))"', "`` ", text)
    text = text.replace('"', " ''")
    text = re.sub(r"([;!?%$#()\[\]])", r" \1 ", text)
    text = re.sub(r"([,:])(?!\d)", r" \1 ", text)  # 1,998 and 12:30 stay whole
    text = re.sub(r"(?<=\w)('s|'S|n't)\b", r" \1", text)
    text = re.sub(r"\.$", " .", text) if re.search(r"\w{2,}\.$", text) else text
    for char, token in (("(", "-LRB-"), (")", "-RRB-"), ("[", "-LSB-"), ("]", "-RSB-")):
        text = text.replace(char, token)
    return " ".join(text.split())


def test_the_tokeniser_does_what_the_treebank_does():
    assert ptb("October 9, 2002") == "October 9 , 2002"
    assert ptb('"Jan. 5, 1998" (0735 GMT)') == "`` Jan. 5 , 1998 '' -LRB- 0735 GMT -RRB-"
    assert ptb("1,998 at 12:30") == "1,998 at 12:30"


def _tokenised(lines, width):
    params = []
    for line in lines:
        tokenised = ptb(line.columns[0])
        marks = [pytest.mark.xfail(strict=True, reason=line.xfail)] if line.xfail else []
        params.append(pytest.param(tokenised, *line.columns[1:width], id=tokenised,
                                   marks=marks))
    return params


POSITIVE = _tokenised(POSITIVE_LINES, 4)
NEGATIVE = _tokenised(NEGATIVE_LINES, 2)


def test_the_copy_is_the_whole_corpus_and_tokenising_changes_some_of_it():
    assert len(POSITIVE) == len(POSITIVE_LINES) and len(NEGATIVE) == len(NEGATIVE_LINES)
    changed = [p for p, line in zip(POSITIVE, POSITIVE_LINES, strict=True)
               if p.values[0] != line.columns[0]]
    assert len(changed) >= 10


@pytest.mark.parametrize(("text", "dct", "type_", "value"), POSITIVE)
def test_tokenised_line_gives_the_same_timex(text, dct, type_, value):
    found = TAGGER.tag(text, dct)
    got = [(t.text, t.type, t.value) for t in found]
    assert len(found) == 1 and (found[0].start, found[0].end) == (0, len(text)), got
    assert (found[0].type, found[0].value) == (type_, value), got


@pytest.mark.parametrize(("text", "dct"), NEGATIVE)
def test_tokenised_negative_line_gives_nothing(text, dct):
    assert not TAGGER.tag(text, dct)


@pytest.mark.parametrize(("tokenised", "written", "dct"), [
    ("The talks opened October 9 , 2002 , in Paris .", "The talks opened October 9, 2002, in "
     "Paris.", "2002-10-20"),
    ("`` We met on Jan. 5 , 1998 , '' he said .", '"We met on Jan. 5, 1998," he said.',
     "1998-02-01"),
    ("The blast came at 0735 GMT -LRB- 0235 EST -RRB- on Friday .",
     "The blast came at 0735 GMT (0235 EST) on Friday.", "1998-02-01"),
    ("Profits fell 5 % in the 1990 's first half .", "Profits fell 5% in the 1990's first half.",
     "1998-02-01"),
])
def test_sentences_tag_alike_tokenised_or_not(tokenised, written, dct):
    def norm(found):
        return [(ptb(t.text), t.type, t.value) for t in found]
    assert norm(TAGGER.tag(tokenised, dct)) == norm(TAGGER.tag(written, dct))
    for timex in TAGGER.tag(tokenised, dct):
        assert tokenised[timex.start:timex.end] == timex.text
        assert timex.text == timex.text.strip()
