"""Readable sentences from Penn-Treebank-tokenised text (``newsline.documents.detokenize``)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from newsline.documents.detokenize import detokenize, load_rules

T17 = Path(__file__).resolve().parents[2] / "shared" / "data" / "timeline17-dev"

#: what must never be left in a detokenised sentence
ARTEFACTS = re.compile(r"-[LR][RSC]B-|``|''| 's\b| n't\b| [,.;:?!%]( |$)| \)|\( ")


@pytest.mark.parametrize(("tokenised", "readable"), [
    ("Michael 's doctor -LRB- Conrad Murray -RRB- said `` no '' , he did n't .",
     "Michael's doctor (Conrad Murray) said “no”, he didn't."),
    ("Jackson death was ` not suspicious ' , experts say",
     "Jackson death was ‘not suspicious’, experts say"),
    ("the players ' union", "the players' union"),
    ("We ca n't and wo n't , they 're sure we 'll see .",
     "We can't and won't, they're sure we'll see."),
    ("owing more than $ 780,000 -LSB- sic -RSB- ; up 5 % -- or more ...",
     "owing more than $780,000 [sic]; up 5% — or more..."),
    ("He said \" it is fine \" and left .", "He said \"it is fine\" and left."),
    ("Mon Mar 2 , 2009 4:23 pm EST", "Mon Mar 2, 2009 4:23 pm EST"),
])
def test_treebank_tokens_come_out_readable(tokenised: str, readable: str) -> None:
    assert detokenize(tokenised) == readable


@pytest.mark.parametrize("text", [
    "Normal text, with \"quotes\" (and parens) stays as it is.",
    "The U.S. Centers for Disease Control's figures: 98% resisted Tamiflu.",
    "",
])
def test_text_never_tokenised_is_unchanged(text: str) -> None:
    assert detokenize(text) == text


def test_white_space_is_folded() -> None:
    assert detokenize("  two\nlines ,\tone  space ") == "two lines, one space"


def test_rules_are_data() -> None:
    rules = load_rules("en")
    assert rules.replace["-LRB-"] == "("
    assert "n't" in rules.to_previous and "$" in rules.to_next


@pytest.mark.skipif(not T17.is_dir(), reason=f"story data not found at {T17}")
def test_no_artefact_left_in_any_gold_sentence_of_the_dev_stories() -> None:
    sentences = [s for path in sorted(T17.glob("*/timelines/*.jsonl"))
                 for line in path.read_text(encoding="utf-8").splitlines()
                 for s in json.loads(line)["sentences"]]
    assert len(sentences) > 200
    assert any(ARTEFACTS.search(s) for s in sentences)  # the check can fail
    left = [detokenize(s) for s in sentences if ARTEFACTS.search(detokenize(s))]
    assert left == []
