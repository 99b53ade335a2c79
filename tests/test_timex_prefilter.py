"""The rule index (``timex/prefilter.py``): running each rule only around its own trigger
words finds exactly what running every rule over the whole text finds."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsline.timex import TimexTagger
from newsline.timex.grammar import load_grammar
from newsline.timex.prefilter import DIGIT

ROOT = Path(__file__).resolve().parents[1]
FAST = TimexTagger()
BRUTE = TimexTagger()
BRUTE._scans = lambda text: [(order, rule, [(0, len(text))])  # type: ignore[method-assign]
                             for order, (rule, _cover) in enumerate(BRUTE._rules)]


def _spans(tagger: TimexTagger, text: str, dct: str | None) -> list[tuple]:
    return [(t.start, t.end, t.type, t.value, t.mod) for t in tagger.tag(text, dct)]


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    for path in sorted((ROOT / "tests" / "corpus" / "en").rglob("*.tsv")):
        texts += [line.split("\t")[0] for line in path.read_text(encoding="utf-8").splitlines()
                  if line.strip() and not line.startswith("#")]
    return texts


def test_the_index_changes_nothing_on_the_corpus_and_examples():
    texts = _texts()
    assert len(texts) > 200
    diffs = [(text[:60], sorted(set(_spans(FAST, text, "2013-03-22"))
                                ^ set(_spans(BRUTE, text, "2013-03-22"))))
             for text in texts if _spans(FAST, text, "2013-03-22") != _spans(BRUTE, text,
                                                                              "2013-03-22")]
    assert not diffs, diffs[:5]


WORDS = ["the", "first", "quarter", "of", "last", "year", "midafternoon", "mid-morning",
         "a", "second", "earlier", "three", "days", "later", "than", "March", "May", "4",
         "1998", "'98", "p.m.", "EST", "fiscal", "2027", "Q3", "BC", "AD", "century", "3rd",
         "ago", "next", "following", "week", ",", ".", "-", " ", "  ", "\n", "every", "day",
         "twice", "a", "month", "half", "an", "hour", "the", "1990s", "noon", "Friday"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), max_size=30).map(" ".join),
       st.sampled_from([None, "2013-03-22"]))
def test_the_index_changes_nothing_on_generated_text(text, dct):
    assert _spans(FAST, text, dct) == _spans(BRUTE, text, dct)


@pytest.mark.parametrize(("name", "expected"), [
    ("ago", {"ago"}),
    ("year", {DIGIT}),
    ("quarter", {"quarter"}),
])
def test_a_rule_is_indexed_by_a_part_it_cannot_skip(name, expected):
    rules = {rule.name: rule for rule in load_grammar("en").rules}
    assert rules[name].cover == frozenset(expected)


def test_every_rule_has_a_small_cover():
    # A rule indexed by everything would be scanned around every trigger: the index is
    # only worth having while each rule waits for a few dozen words at most.
    wide = [(rule.name, len(rule.cover)) for rule in load_grammar("en").rules
            if rule.cover is None or len(rule.cover) > 60]
    assert not wide, wide
