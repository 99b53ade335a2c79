"""Sentences where the tense or an earlier date decides a TIMEX3 value.

Each case names the phrase to look at; it passes if the tagger returns a TIMEX3 over exactly
that phrase with the expected type and value. Values are TimeML's, computed by hand:
2025-12-13 is a Saturday (ISO 2025-W50), 2013-03-22 a Friday (2013-W12), 2024-03-03 a Sunday
(2024-W09), 2019-10-03 a Thursday (2019-W40).
"""

from __future__ import annotations

import pytest

from newsline.timex import TimexTagger

SAT = "2025-12-13"
FRI = "2013-03-22"


def case(sentence, dct, phrase, type_, value, xfail=None, id=None):
    marks = [pytest.mark.xfail(strict=True, reason=xfail)] if xfail else []
    return pytest.param(sentence, dct, phrase, type_, value, id=id or sentence, marks=marks)


POD_TYPE = "a value with a part of day (TMO) is type TIME; tagger gives DATE"
PAST_VERB = "a plain past-tense verb ('grew') is not a past cue: tagger gives 2026-03"

CASES = [
    # --- scheduled and expected: present tense points forward ---
    case("The team flies to Madrid on Thursday.", SAT, "Thursday", "DATE", "2025-12-18"),
    case("Analysts expect a vote on Friday.", SAT, "Friday", "DATE", "2025-12-19"),
    case("The season opens in April.", "2009-11-15", "April", "DATE", "2010-04"),
    case("A memorial will be held on 2 April.", SAT, "2 April", "DATE", "2026-04-02"),
    case("In 1987 he moved to Ohio. The following year he left.", SAT, "The following year",
         "DATE", "1988"),
    # --- periods a year apart keep the grain of the period in focus ---
    case("Sales in the third quarter rose 5% from the same period a year earlier.", SAT,
         "the same period a year earlier", "DATE", "2024-Q3"),
    case("Sales in October rose from the same month a year ago.", SAT,
         "the same month a year ago", "DATE", "2024-10"),
    case("The launch came three days later than originally planned.", SAT, "three days",
         "DURATION", "P3D"),

    # --- bare weekdays: the past one or the coming one ---
    case("Talks ended on Friday.", SAT, "Friday", "DATE", "2025-12-12"),
    case("Talks will resume on Friday.", SAT, "Friday", "DATE", "2025-12-19"),
    case("Talks ended on Monday.", SAT, "Monday", "DATE", "2025-12-08"),
    case("Talks will resume on Monday.", SAT, "Monday", "DATE", "2025-12-15"),
    case("The rebels attacked on Thursday, officials said.", FRI, "Thursday", "DATE",
         "2013-03-21"),
    case("The summit will open on Wednesday.", FRI, "Wednesday", "DATE", "2013-03-27"),
    case("The minister said on Tuesday that the law will change.", SAT, "Tuesday", "DATE",
         "2025-12-09"),
    case("The game is on Sunday.", SAT, "Sunday", "DATE", "2025-12-14",
         xfail="present tense of a scheduled event points forward (tomorrow)"),
    case("The museum reopened on Friday morning.", SAT, "Friday morning", "TIME",
         "2025-12-12TMO"),
    case("The museum will reopen on Friday morning.", SAT, "Friday morning", "TIME",
         "2025-12-19TMO"),
    case("The strike began at 4 p.m. Friday.", SAT, "4 p.m. Friday", "TIME",
         "2025-12-12T16:00"),
    case("The strike will begin at 4 p.m. Friday.", SAT, "4 p.m. Friday", "TIME",
         "2025-12-19T16:00"),
    # --- last / next weekday ---
    case("The deal was signed last Friday.", FRI, "last Friday", "DATE", "2013-03-15"),
    case("The vote will be held next Friday.", FRI, "next Friday", "DATE", "2013-03-29",
         id="next Friday @2013-03-22"),
    case("The vote will be held next Friday.", SAT, "next Friday", "DATE", "2025-12-19",
         id="next Friday @2025-12-13"),
    # --- months and month+day without a year ---
    case("In March the fund grew.", SAT, "March", "DATE", "2025-03", xfail=PAST_VERB),
    case("The fund grew in March.", SAT, "March", "DATE", "2025-03", xfail=PAST_VERB),
    case("The fund will close in March.", SAT, "March", "DATE", "2026-03"),
    case("Sales rose in October.", SAT, "October", "DATE", "2025-10"),
    case("The plant will open in October.", SAT, "October", "DATE", "2026-10"),
    case("Shares fell on Dec. 1.", SAT, "Dec. 1", "DATE", "2025-12-01"),
    case("The company was founded on Dec. 20.", SAT, "Dec. 20", "DATE", "2024-12-20",
         xfail="past tense ('was founded'): the last Dec. 20 before the DCT, not the next"),
    case("The vote is scheduled for Jan. 15.", SAT, "Jan. 15", "DATE", "2026-01-15"),
    case("He said the law will take effect on Jan. 1.", SAT, "Jan. 1", "DATE", "2026-01-01"),
    case("Prices rose in the spring.", SAT, "the spring", "DATE", "2025-SP"),
    case("Prices will rise in the spring.", SAT, "the spring", "DATE", "2026-SP"),
    # --- anaphora: the date in focus, not the DCT ---
    case("The storm hit on March 3, 2024. The next day, crews arrived.", "2024-03-20",
         "The next day", "DATE", "2024-03-04"),
    case("The storm hit on March 3, 2024. A week later, power was restored.", "2024-03-20",
         "A week later", "DATE", "2024-W10"),
    case("The storm hit on March 3, 2024. Two days later, schools reopened.", "2024-03-20",
         "Two days later", "DATE", "2024-03-05"),
    case("The firm filed for bankruptcy on Oct. 3, 2019. The previous day, its shares had "
         "collapsed.", SAT, "The previous day", "DATE", "2019-10-02"),
    case("The firm filed for bankruptcy on Oct. 3, 2019. The following week, its chief "
         "resigned.", SAT, "The following week", "DATE", "2019-W41"),
    case("The summit meets on April 24 and 25.", SAT, "25", "DATE", "2026-04-25"),
    case("Talks were held on May 3 or 4.", SAT, "4", "DATE", "2025-05-04"),
    case("The summit is scheduled for June 29-30.", "2023-06-15", "30", "DATE", "2023-06-30"),
    # --- decades in two digits: begun by the DCT, or about to begin ---
    case("Sales fell in the '80s.", "1989-10-26", "the '80s", "DATE", "198"),
    case("Growth will slow in the '90s.", "1989-10-26", "the '90s", "DATE", "199"),
    case("Jazz flourished in the '30s.", SAT, "the '30s", "DATE", "193"),
    # --- year-ago comparisons count from the period in focus, and do not move it ---
    case("Profit rose in the third quarter, from $2 million a year earlier. Year-earlier "
         "results included a gain.", "1989-10-26", "Year-earlier", "DATE", "1988-Q3"),
    # --- lists and spelled years ---
    case("Doctors were shot in 1994, 1995 and 1997.", SAT, "1995", "DATE", "1995"),
    case("Debts will be halved by the year two thousand.", "1998-03-01",
         "the year two thousand", "DATE", "2000"),
    # --- the weekend: the one just past in a Monday paper, the coming one ahead ---
    case("Talks went on over the weekend.", "1990-08-13", "the weekend", "DATE",
         "1990-W32-WE"),
    case("Leaders will meet this weekend.", "1990-08-13", "this weekend", "DATE",
         "1990-W33-WE"),
    # --- results: a month ago is a month even with a quarter in focus ---
    case("Profit rose in the third quarter. A month ago the firm cut jobs.", "1989-10-26",
         "A month ago", "DATE", "1989-09"),
    case("Year-earlier results included a gain.", "1989-10-26", "Year-earlier", "DATE",
         "1988"),
    # --- "last" / "next" with a month: strictly before / after the DCT's month ---
    case("Sales rose last December.", "1989-11-01", "last December", "DATE", "1988-12"),
    case("He signed the treaty last May.", "1998-02-27", "last May", "DATE", "1997-05"),
]


@pytest.fixture(scope="module")
def tagger() -> TimexTagger:
    return TimexTagger("en")


@pytest.mark.parametrize(("sentence", "dct", "phrase", "type_", "value"), CASES)
def test_value_in_context(tagger, sentence, dct, phrase, type_, value):
    found = tagger.tag(sentence, dct)
    got = [(t.text, t.type, t.value) for t in found]
    start = sentence.index(phrase)
    over = [t for t in found if (t.start, t.end) == (start, start + len(phrase))]
    assert over, f"no TIMEX3 over {phrase!r} in {sentence!r}; got {got}"
    assert (over[0].type, over[0].value) == (type_, value), (
        f"{phrase!r} in {sentence!r} @ {dct}: expected {type_} {value}, got {got}")
