"""Readable dates and durations in the Markdown and HTML timelines."""

from __future__ import annotations

import pytest

from newsline.timeline.display import readable_date, readable_duration


@pytest.mark.parametrize(("value", "text"), [
    ("2025-12-13", "13 December 2025"),
    ("2025-12-13T10:15", "13 December 2025"),
    ("2025-09", "September 2025"),
    ("2025-W50", "week 50 of 2025"),
    ("2025-W50-WE", "weekend of 13 December 2025"),
    ("2026-SP", "spring 2026"),
    ("2025-WI", "winter 2025"),
    ("1989-Q3", "Q3 1989"),
    ("1990-H1", "first half of 1990"),
    ("2019", "2019"),
    ("199", "the 1990s"),
    ("19", "the 1900s"),
    ("PRESENT_REF", "now"),
    ("PAST_REF", "in the past"),
    (None, "undated"),
    ("2025-13", "2025-13"),        # not a month: shown as it is
    ("2025-02-30", "2025-02-30"),  # not a day
])
def test_dates_read_as_words(value, text):
    assert readable_date(value) == text


@pytest.mark.parametrize(("value", "text"), [
    ("P120D", "120 days"),
    ("P1D", "1 day"),
    ("P4Y", "4 years"),
    ("P1Y6M", "1 year 6 months"),
    ("PT5H30M", "5 hours 30 minutes"),
    ("PT2H3M38S", "2 hours 3 minutes 38 seconds"),
    ("P2DT12H", "2 days 12 hours"),
    ("PXY", "years"),
    ("P2DE", "2 decades"),
    ("P3.3Y", "3.3 years"),
    ("2025-08", "2025-08"),        # not a duration: shown as it is
])
def test_durations_read_as_words(value, text):
    assert readable_duration(value) == text
