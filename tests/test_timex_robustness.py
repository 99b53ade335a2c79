"""Robustness of the TIMEX3 tagger: any text is tagged without error, with sane spans, in
time linear in the size of the input."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsline.timex import TimexTagger
from newsline.timex.validity import is_valid_value

TAGGER = TimexTagger()  # loaded once for the whole module
TYPES = {"DATE", "TIME", "DURATION", "SET"}

# --------------------------------------------------------------------------- properties

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December", "Jan.", "Feb", "Sept.", "Dec"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
            "Mon.", "Fri"]
WORDS = ["ago", "last", "next", "the", "this", "past", "year", "years", "month", "months",
         "week", "day", "days", "decade", "century", "quarter", "morning", "night", "today",
         "yesterday", "tomorrow", "now", "every", "each", "early", "late", "mid", "about",
         "a", "an", "one", "two", "twenty", "hundred", "and", "of", "in", "on", "since",
         "spring", "summer", "fiscal", "1990s", "'90s", "noon", "a.m.", "p.m.", "EST",
         "BC", "B.C.", "AD", "UTC", "GMT+8", "FY", "Q3", "H2", "-LRB-", "-RRB-", "``", "''",
         "same", "period", "century", "c.", "to"]
PUNCT = ["-", "-", "/", ".", ",", ":", ";", "'", '"', "(", ")", "!", "?", "–", "—", "%", "$"]
SPACES = [" ", " ", " ", "  ", "\n", "\n\n", "\t", "\r\n", "\u00a0", "\u2009"]
UNICODE = ["é", "ß", "İ", "ǅ", "𝟙𝟡𝟡𝟠", "١٩٩٨", "٣", "二〇一三年", "３月", "ﬁ", "\u0301",
           "\u200b", "\ufeff", "😀", "\U0001f1f0\U0001f1f7", "Σ", "ﬀ", "K", "\u2028"]

digits = st.integers(min_value=0, max_value=99999).map(str)
years = st.integers(min_value=0, max_value=9999).map(lambda y: f"{y:04d}")
pieces = st.one_of(
    st.sampled_from(MONTHS), st.sampled_from(WEEKDAYS), st.sampled_from(WORDS),
    st.sampled_from(PUNCT), st.sampled_from(SPACES), st.sampled_from(UNICODE),
    digits, years, st.text(max_size=3),
    st.sampled_from(MONTHS + WEEKDAYS + WORDS).map(str.upper),
    st.sampled_from(MONTHS + WEEKDAYS + WORDS).map(str.lower),
)
# Pieces glued with or without spaces, so "March3", "2013-03-" and "ago-ago" occur too.
mixed_text = st.lists(pieces, max_size=40).map("".join)
texts = st.one_of(st.text(), mixed_text)
dcts = st.one_of(
    st.none(),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)).map(date.isoformat),
)


def check_timexes(text: str, dct: str | None) -> None:
    timexes = TAGGER.tag(text, dct)
    previous_end = 0
    for timex in timexes:
        assert 0 <= timex.start < timex.end <= len(text), timex
        assert timex.text == text[timex.start:timex.end], timex
        assert timex.start >= previous_end, f"overlapping spans: {timexes}"
        previous_end = timex.end
        assert timex.type in TYPES, timex
        assert isinstance(timex.value, str) and timex.value, timex
        assert_valid_value(timex.type, timex.value)


def assert_valid_value(type_: str, value: str) -> None:
    # TimeML shapes (newsline.timex.validity): never a rounded float, never a five-digit year.
    assert is_valid_value(type_, value), f"not a TIMEX3 value: {type_} {value!r}"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, dct=dcts)
def test_any_text_is_tagged_with_sane_spans(text: str, dct: str | None) -> None:
    check_timexes(text, dct)


@pytest.mark.parametrize("text", [
    "", " ", "\n", "March", "March 2013", "two weeks ago", "last Friday", "2013-03-08",
    "the 1990s", "every Monday morning", "12:30 p.m. EST", "9999-12-31", "0000-01-01",
    "the past 30 years", "one hundred and twenty days", "Dec. 31, 9999", "Jan. 1, 0001",
    "next year", "last year", "mid-1980s", "fiscal 1990", "first quarter of 2013",
])
@pytest.mark.parametrize("dct", [None, "2013-03-08", "1900-01-01", "2100-12-31", "0001-01-01",
                                 "9999-12-31"])
def test_known_expressions_and_edge_dates(text: str, dct: str | None) -> None:
    check_timexes(text, dct)


@pytest.mark.parametrize("text", [
    "the year 3714397288981739990053", "in 37143972889817399900531999", "the year 12000",
    "3714397288981739990053 years", "1" * 5000, "the " + "9" * 400 + "s",
    "March " + "3" * 300, "3" * 300 + " BC", "the " + "1" * 50 + "th century",
])
def test_long_digit_runs_give_exact_values_or_none(text: str) -> None:
    check_timexes(text, "2013-03-08")
    check_timexes(text, None)
    for timex in TAGGER.tag(text, "2013-03-08"):
        digits = re.findall(r"\d+", timex.value)
        assert all(d in text for d in digits if len(d) > 4), (
            f"{timex.value!r} holds a number that is not in the text (rounded?)")


def test_the_year_with_more_than_four_digits_is_not_a_rounded_float() -> None:
    found = TAGGER.tag("In the year 3714397288981739990053 nothing happened.", "2013-03-08")
    assert all("3714397288981739" not in t.value or "3714397288981739990053" in t.value
               for t in found), found
    assert not [t for t in found if t.type == "DATE" and "3714" in t.value], found


# --------------------------------------------------------------------------- linear time


def _best_of(runs: int, text: str) -> float:
    # CPU time of this process: other jobs on a shared machine do not count in it.
    best = float("inf")
    for _ in range(runs):
        t0 = time.process_time()
        TAGGER.tag(text, "2013-03-08")
        best = min(best, time.process_time() - t0)
    return best


def _size_for(make: Callable[[int], str], target: float = 0.03, cap: int = 1 << 20) -> int:
    """The smallest doubling of n for which tagging ``make(n)`` takes ``target`` seconds."""
    n = 1
    while n < cap and _best_of(1, make(n)) < target:
        n *= 2
    return n


def case(name: str, make: Callable[[int], str], *marks: pytest.MarkDecorator) -> Any:
    """One adversarial input: ``make(n)`` builds a text of size n."""
    return pytest.param(name, make, id=name, marks=marks)


ADVERSARIAL = [
    case("digits", lambda n: "1" * n),
    case("months", lambda n: "March " * n),
    case("and", lambda n: " and " * n),
    case("one hundred and", lambda n: "one hundred and " * n),
    case("one", lambda n: "one " * n),
    case("twenty-", lambda n: "twenty-" * n),
    case("unicode", lambda n: "é 二〇一三年 ３月 😀 ١٩٩٨ \u200b İ Σ ﬁ " * n),
    case("year-dash", lambda n: "2013-" * n),
    case("colons", lambda n: "12:" * n),
    case("the past", lambda n: "the past " * n),
    case("weekdays", lambda n: "Monday, " * n),
    case("month abbreviations", lambda n: "Oct.-" * n),
    case("ago", lambda n: "two weeks ago " * n),
    case("digit words", lambda n: "1 2 3 4 5 " * n),
    case("no sentence end", lambda n: "will " + "word " * n + "Friday"),
    case("eras", lambda n: "241 BC " * n),
    case("tokenised dates", lambda n: "October 9 , " * n),
    case("tokenised brackets", lambda n: "-LRB- `` " * n),
    case("ranges", lambda n: "12 to " * n + "18 months"),
    case("names before months", lambda n: "Theresa May " * n),
]


@pytest.mark.parametrize(("name", "make"), ADVERSARIAL)
def test_tagging_time_is_linear(name: str, make: Callable[[int], str]) -> None:
    n = _size_for(make)
    small, large = make(n), make(4 * n)
    # Interleaved best-of-5: a load spike on a shared machine cannot hit only one size.
    t_small = t_large = float("inf")
    for _ in range(5):
        t_small = min(t_small, _best_of(1, small))
        t_large = min(t_large, _best_of(1, large))
    assert t_large < 8 * t_small, (
        f"{name!r}: size n={n} ({len(small)} chars) took {t_small * 1000:.1f} ms, "
        f"size 4n ({len(large)} chars) took {t_large * 1000:.1f} ms "
        f"(x{t_large / t_small:.1f}, linear would be about x4)")
