"""The English TIMEX3 example corpus, one parametrized case per line.

``tests/corpus/en/timex.tsv``: ``text<TAB>dct<TAB>type<TAB>value[<TAB>xfail: reason]``. A line
passes only if the tagger returns exactly one TIMEX3, covering the whole text, with the
expected type and value (mods are not checked).
``tests/corpus/en/timex_negative.tsv``: ``text<TAB>dct[<TAB>xfail: reason]``; no TIMEX3 at all.
A known miss keeps the correct value and is marked ``xfail`` (strict) in the file itself.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import NamedTuple

import pytest

from newsline.timex import TimexTagger

CORPUS = Path(__file__).parent / "corpus" / "en"
POSITIVE = CORPUS / "timex.tsv"
NEGATIVE = CORPUS / "timex_negative.tsv"
TYPES = {"DATE", "TIME", "DURATION", "SET"}


class Line(NamedTuple):
    where: str  # file:line, for failure messages
    columns: list[str]
    xfail: str | None


def _read(path: Path, width: int) -> list[Line]:
    """The data lines of a corpus file: ``width`` columns, then an optional 'xfail: reason'."""
    lines = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        columns = raw.split("\t")
        reason = None
        if len(columns) == width + 1 and columns[-1].startswith("xfail:"):
            reason = columns.pop().removeprefix("xfail:").strip()
        lines.append(Line(f"{path.name}:{number}", columns, reason))
    return lines


def _cases(lines: list[Line]) -> list:
    counts = Counter(line.columns[0] for line in lines)
    params = []
    for line in lines:
        text, dct = line.columns[0], line.columns[1] if len(line.columns) > 1 else ""
        case_id = text if counts[text] == 1 else f"{text} @{dct}"
        marks = [pytest.mark.xfail(strict=True, reason=line.xfail)] if line.xfail else []
        params.append(pytest.param(line, id=case_id, marks=marks))
    return params


POSITIVE_LINES = _read(POSITIVE, 4)
NEGATIVE_LINES = _read(NEGATIVE, 2)


@pytest.fixture(scope="module")
def tagger() -> TimexTagger:
    return TimexTagger("en")


# --------------------------------------------------------------------------- the files

@pytest.mark.parametrize(("lines", "width"), [(POSITIVE_LINES, 4), (NEGATIVE_LINES, 2)],
                         ids=["positive", "negative"])
def test_corpus_lines_are_well_formed(lines, width):
    problems = []
    for line in lines:
        if len(line.columns) != width:
            problems.append(f"{line.where}: {len(line.columns)} columns, expected {width} "
                            "(plus an optional 'xfail: reason')")
            continue
        text, dct = line.columns[:2]
        if not text or text != text.strip():
            problems.append(f"{line.where}: empty text or stray white space")
        try:
            date.fromisoformat(dct)
        except ValueError:
            problems.append(f"{line.where}: DCT {dct!r} is not an ISO date")
        if width == 4 and line.columns[2] not in TYPES:
            problems.append(f"{line.where}: unknown type {line.columns[2]!r}")
        if width == 4 and not line.columns[3]:
            problems.append(f"{line.where}: empty value")
        if line.xfail == "":
            problems.append(f"{line.where}: xfail without a reason")
    assert not problems, "\n".join(problems)


def test_corpus_has_no_duplicate_lines():
    seen = Counter(tuple(line.columns[:2]) for line in POSITIVE_LINES + NEGATIVE_LINES)
    assert not [key for key, count in seen.items() if count > 1]


def test_corpus_sizes():
    assert len(POSITIVE_LINES) >= 100
    assert len(NEGATIVE_LINES) >= 20


# --------------------------------------------------------------------------- the cases

@pytest.mark.parametrize("line", _cases(POSITIVE_LINES))
def test_positive(tagger, line):
    text, dct, type_, value = line.columns
    found = tagger.tag(text, dct)
    got = [(t.start, t.end, t.type, t.value, t.text) for t in found]
    assert len(found) == 1, f"{line.where}: expected one TIMEX3 in {text!r}, got {got}"
    timex = found[0]
    assert (timex.start, timex.end) == (0, len(text)), (
        f"{line.where}: span {timex.text!r} does not cover {text!r}")
    assert (timex.type, timex.value) == (type_, value), (
        f"{line.where}: {text!r} @ {dct}: expected {type_} {value}, "
        f"got {timex.type} {timex.value}")


@pytest.mark.parametrize("line", _cases(NEGATIVE_LINES))
def test_negative(tagger, line):
    text, dct = line.columns
    found = tagger.tag(text, dct)
    got = [(t.text, t.type, t.value) for t in found]
    assert not found, f"{line.where}: expected no TIMEX3 in {text!r}, got {got}"
