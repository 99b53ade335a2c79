"""One reading of TIMEX3 values: the days each shape covers and its grain."""

from __future__ import annotations

from datetime import date

import pytest

from newsline.documents.intervals import GRAIN_RANK, calendar_interval, compare_to_dct

DCT = "2025-12-13"  # a Saturday


@pytest.mark.parametrize(("value", "first", "last", "grain"), [
    ("2025-12-13", "2025-12-13", "2025-12-13", "day"),
    ("2025-12-13T16:08Z", "2025-12-13", "2025-12-13", "time"),
    ("2025-12-13T16:08+05:30", "2025-12-13", "2025-12-13", "time"),
    ("2025-12-13TMO", "2025-12-13", "2025-12-13", "time"),
    ("2025-02", "2025-02-01", "2025-02-28", "month"),
    ("2024-02", "2024-02-01", "2024-02-29", "month"),
    ("2025-W50", "2025-12-08", "2025-12-14", "week"),
    ("2025-W50-WE", "2025-12-13", "2025-12-14", "weekend"),
    ("2026-W01", "2025-12-29", "2026-01-04", "week"),
    ("2025-Q3", "2025-07-01", "2025-09-30", "quarter"),
    ("2025-Q4", "2025-10-01", "2025-12-31", "quarter"),
    ("2025-H1", "2025-01-01", "2025-06-30", "half"),
    ("2025-H2", "2025-07-01", "2025-12-31", "half"),
    ("2025-SP", "2025-03-01", "2025-05-31", "season"),
    ("2025-SU", "2025-06-01", "2025-08-31", "season"),
    ("2025-FA", "2025-09-01", "2025-11-30", "season"),
    ("2023-WI", "2023-12-01", "2024-02-29", "season"),
    ("2025", "2025-01-01", "2025-12-31", "year"),
    ("199", "1990-01-01", "1999-12-31", "decade"),
    ("19", "1900-01-01", "1999-12-31", "century"),
    ("PRESENT_REF", DCT, DCT, "ref"),
    ("PAST_REF", None, DCT, "ref"),
    ("FUTURE_REF", DCT, None, "ref"),
])
def test_each_shape_covers_its_days(value: str, first: str | None, last: str | None,
                                    grain: str) -> None:
    interval = calendar_interval(value, DCT)
    assert interval.iso() == (first, last)
    assert interval.grain == grain


@pytest.mark.parametrize("value", [
    "XXXX-12-25", "2025-XX-XX", "XXXX-WXX-1", "2025-WXX", "P3D", "PT2H", "PXY", "", "nonsense",
    "2025-13", "2025-02-30", "2025-W54", "00", "2025-Q5", "2025-12-13T",
])
def test_x_values_durations_and_impossible_dates_are_unknown(value: str) -> None:
    interval = calendar_interval(value, DCT)
    assert (interval.first, interval.last, interval.grain) == (None, None, "unknown")
    assert not interval.known


def test_parts_of_a_value_are_kept_for_the_writers() -> None:
    assert calendar_interval("2025-W50-WE").week == 50
    assert calendar_interval("2025-SU").part == "SU"
    assert calendar_interval("2025-12-13T16:08Z").time == "16:08Z"


def test_refs_without_a_dct_are_open() -> None:
    assert calendar_interval("PRESENT_REF").iso() == (None, None)
    assert calendar_interval("PRESENT_REF", date(2025, 1, 2)).first == date(2025, 1, 2)


def test_a_weekend_is_finer_than_its_week() -> None:
    assert GRAIN_RANK["weekend"] < GRAIN_RANK["week"] < GRAIN_RANK["month"]


@pytest.mark.parametrize(("value", "where"), [
    ("2025-12-12", "before"), ("2025-12-14", "after"), (DCT, "same"),
    ("2025-12-13T16:08Z", "within"), ("2025-W50-WE", "includes"), ("2025-W51-WE", "after"),
    ("2025-W49-WE", "before"), ("2025", "includes"), ("2026-WI", "after"),
    ("2024-WI", "before"), ("PRESENT_REF", "same"), ("PAST_REF", "before"),
    ("FUTURE_REF", "after"), ("XXXX-12-13", "unknown"), ("P2D", "unknown"),
])
def test_a_value_against_the_dct(value: str, where: str) -> None:
    assert compare_to_dct(value, DCT) == where


def test_no_dct_no_comparison() -> None:
    assert compare_to_dct("2025-12-12", None) == "unknown"
