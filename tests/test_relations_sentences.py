"""The relation stage's sentence splitter, tokenizer and DCT comparison of timex values."""

from __future__ import annotations

import pytest

from newsline.documents.intervals import compare_to_dct
from newsline.documents.sentences import sentence_index, split_sentences, tokenize


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He left. She stayed.", ["He left.", "She stayed."]),
        ("Is it over? Yes! It is.", ["Is it over?", "Yes!", "It is."]),
        ("Mr. Smith met Dr. Jones.", ["Mr. Smith met Dr. Jones."]),
        ("The U.S. Navy sailed. It returned.", ["The U.S. Navy sailed.", "It returned."]),
        ("John F. Kennedy spoke.", ["John F. Kennedy spoke."]),
        ("On Jan. 5 he came. He left in Jan. The end.",
         ["On Jan. 5 he came.", "He left in Jan.", "The end."]),
        ("Acme Inc. said it grew. Acme Inc. The rest.",
         ["Acme Inc. said it grew.", "Acme Inc.", "The rest."]),
        ("It rose 3.5 percent. Then it fell.", ["It rose 3.5 percent.", "Then it fell."]),
        ('"It was a bomb." He ran.', ['"It was a bomb."', "He ran."]),
        ("They voted Friday. ``This is it,'' she said. ``He talks.'' She left.",
         ["They voted Friday.", "``This is it,'' she said.", "``He talks.''", "She left."]),
        ("at 5 p.m. yesterday it ended.", ["at 5 p.m. yesterday it ended."]),
        ("NAIROBI, Kenya (AP) _\n\nBombs exploded.\nMany died.",
         ["NAIROBI, Kenya (AP) _", "Bombs exploded.", "Many died."]),
        ("A headline\n\n\n  The body. ", ["A headline", "The body."]),
        ("", []),
        ("   \n\n  ", []),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert _sentences(text) == expected


def test_hard_wrapped_lines_stay_one_sentence() -> None:
    text = "The company said\nit would sell\nthe unit. Shares rose."
    assert _sentences(text) == ["The company said\nit would sell\nthe unit.", "Shares rose."]


def test_sentence_spans_are_offsets_into_the_text() -> None:
    text = "\n\n  First one.  Second one.\n\nThird."
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["First one.", "Second one.", "Third."]
    assert sentence_index(spans, text.index("Second")) == 1
    assert sentence_index(spans, text.index("one.  Second")) == 0
    assert sentence_index(spans, 0) == 0
    assert sentence_index(spans, len(text) - 1) == 2


def test_tokenize_keeps_offsets() -> None:
    text = "The U.S. didn't sell 1,000 well-known bonds at 10:30, ``now''."
    tokens = [text[s:e] for s, e in tokenize(text)]
    assert tokens == ["The", "U.S.", "didn't", "sell", "1,000", "well-known", "bonds", "at",
                      "10:30", ",", "``", "now", "''", "."]
    spans = tokenize(text, text.index("sell"), text.index("bonds"))
    assert [text[s:e] for s, e in spans] == ["sell", "1,000", "well-known"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2013-03-22", "same"),
        ("2013-03-21", "before"),
        ("2013-03-23", "after"),
        ("2013-03", "includes"),
        ("2013", "includes"),
        ("2013-W12", "includes"),
        ("2013-Q1", "includes"),
        ("2012-WI", "before"),
        ("2013-03-22T10:00", "within"),
        ("199", "before"),
        ("20", "includes"),
        ("PRESENT_REF", "same"),
        ("PAST_REF", "before"),
        ("FUTURE_REF", "after"),
        ("XXXX-XX-XX", "unknown"),
        ("P3D", "unknown"),
        ("2013-02-30", "unknown"),
        ("", "unknown"),
    ],
)
def test_compare_to_dct(value: str, expected: str) -> None:
    assert compare_to_dct(value, "2013-03-22") == expected


def test_compare_without_dct_is_unknown() -> None:
    assert compare_to_dct("2013-03-22", None) == "unknown"
    assert compare_to_dct("2013-03-22", "not a date") == "unknown"
    assert compare_to_dct("PAST_REF", None) == "before"
