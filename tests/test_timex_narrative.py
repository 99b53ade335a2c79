"""Narrative text: histories, an obituary, a retrospective, encyclopedia entries, BC dates.

``tests/corpus/en/narrative/*.tml`` are TimeML documents written for these tests (with a DCT,
or none), their TIMEX3 values computed by hand from the TimeML guidelines. Each gold TIMEX3
is one case: the tagger must find exactly that span with that type and value. Each document
is also checked for time expressions the tagger finds that are not in the gold, and for the
mode it chooses (all of these are told from their own dates: narrative).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from newsline.documents import Document
from newsline.documents.timeml import parse_timeml
from newsline.timex import TimexTagger

FOLDER = Path(__file__).parent / "corpus" / "en" / "narrative"
FILES = sorted(FOLDER.glob("*.tml"))
TAGGER = TimexTagger()

# Known misses: gold (file stem, text) -> reason. Strict xfail: a fix makes them fail.
KNOWN: dict[tuple[str, str], str] = {}


@cache
def _gold(path: Path) -> Document:
    return parse_timeml(path.read_text(encoding="utf-8"), str(path), path.stem)


@cache
def _system(path: Path) -> dict[tuple[int, int], tuple[str, str]]:
    doc = _gold(path)
    return {(t.start, t.end): (t.type, t.value) for t in TAGGER.tag(doc.text, doc.dct)}


def _cases() -> list:
    cases = []
    for path in FILES:
        for timex in _gold(path).timexes:
            reason = KNOWN.get((path.stem, timex.text))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            cases.append(pytest.param(path, timex.start, timex.end, timex.type, timex.value,
                                      id=f"{path.stem}:{timex.text}@{timex.start}",
                                      marks=marks))
    return cases


CASES = _cases()


def test_the_corpus_is_large_and_varied():
    assert len(CASES) >= 150
    assert len(FILES) >= 5
    assert any(_gold(p).dct is None for p in FILES), "a text without a publication date"
    assert any(_gold(p).dct is not None for p in FILES), "a dated text"
    assert any(t.value.startswith("BC") for p in FILES for t in _gold(p).timexes)


@pytest.mark.parametrize(("path", "start", "end", "type_", "value"), CASES)
def test_narrative_timex(path, start, end, type_, value):
    text = _gold(path).text
    found = _system(path).get((start, end))
    near = {k: v for k, v in _system(path).items() if k[0] < end and start < k[1]}
    assert found == (type_, value), (
        f"{path.name}: {text[start:end]!r} expected {type_} {value}, got {found} "
        f"(overlapping: {[(text[a:b], v) for (a, b), v in near.items()]})")


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_no_time_expression_outside_the_gold(path):
    gold = {(t.start, t.end) for t in _gold(path).timexes}
    text = _gold(path).text
    extra = [(text[a:b], v) for (a, b), v in _system(path).items() if (a, b) not in gold]
    assert not extra, f"{path.name}: tagged but not in the gold: {extra}"


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_mode_chosen_is_narrative(path):
    doc = _gold(path)
    assert TAGGER.tag(doc.text, doc.dct) == TAGGER.tag(doc.text, doc.dct, "narrative")
