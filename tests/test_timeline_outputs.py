"""Timeline intervals and output formats, on entries written here by hand."""

from __future__ import annotations

import json
from html.parser import HTMLParser

from newsline.timeline import TimelineEntry, sort_entries
from newsline.timeline.writers import to_html, to_json, to_markdown, to_timelinejs

DCT = "2025-12-13"


def entry(value: str | None, event: str, offset: int, **extra) -> TimelineEntry:
    sentence = extra.pop("sentence", f"Officials said it {event} <then> & there.")
    return TimelineEntry.anchored(value, DCT, event=event, sentence=sentence, doc="kr",
                                  offsets=(offset, offset + len(event)), **extra)


ENTRIES = [
    entry("2025", "sent", 10, summary="North Korea sent troops", actors=["North Korea"]),
    entry("2025-12-13", "said", 50, source="KCNA"),
    entry("2025-09", "appeared", 90, actors=["Kim Jong Un", "Xi Jinping"]),
    entry("2025-09-03", "parade", 95),
    entry(None, "respond", 120, polarity="NEG", inferred=True),
    entry("2025-08", "started", 150, duration="P120D"),
]


def test_entries_sort_by_start_then_finer_grain_first() -> None:
    order = [e.event for e in sort_entries(ENTRIES)]
    # 2025 (year) and nothing else start on 2025-01-01; 2025-08 before 2025-09; within
    # September the month (starting 09-01) comes before the parade on 09-03; undated last.
    assert order == ["sent", "started", "appeared", "parade", "said", "respond"]
    same_day = [entry("2025-09", "month", 1), entry("2025-09-01", "day", 2)]
    assert [e.event for e in sort_entries(same_day)] == ["day", "month"]


def test_json_output_follows_the_contract() -> None:
    data = json.loads(to_json(ENTRIES))
    first = data["entries"][0]
    for key in ("date", "start", "end", "event", "summary", "sentence", "actors", "source",
                "doc", "offsets"):
        assert key in first
    september = next(e for e in data["entries"] if e["event"] == "appeared")
    assert (september["date"], september["start"], september["end"]) == (
        "2025-09", "2025-09-01", "2025-09-30")
    assert next(e for e in data["entries"] if e["event"] == "started")["duration"] == "P120D"


def test_markdown_lists_dates_sources_and_negation() -> None:
    text = to_markdown(ENTRIES, title="Korea")
    assert text.startswith("# Korea\n")
    assert "**September 2025** — appeared" in text
    assert "according to KCNA" in text
    assert "*(did not happen)*" in text
    assert "(inferred)" in text


TIMELINEJS_REQUIRED = {"events"}


def test_timelinejs_json_has_the_fields_timelinejs_requires() -> None:
    data = json.loads(to_timelinejs(ENTRIES, title="Korea"))
    assert TIMELINEJS_REQUIRED <= data.keys()
    assert isinstance(data["events"], list) and data["events"]
    for slide in data["events"]:
        # TimelineJS3: a slide needs start_date with a year; dates are objects of strings/ints.
        assert "year" in slide["start_date"]
        assert int(slide["start_date"]["year"])
        assert set(slide["start_date"]) <= {"year", "month", "day"}
        assert set(slide["text"]) == {"headline", "text"}
        if "end_date" in slide:
            assert "year" in slide["end_date"]
    # The undated entry cannot be placed on the axis; a month keeps no day.
    assert len(data["events"]) == len(ENTRIES) - 1
    september = next(s for s in data["events"] if s["display_date"] == "September 2025")
    assert september["start_date"] == {"year": "2025", "month": "9"}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append(tag)

    def handle_data(self, data) -> None:
        self.text.append(data)


def test_html_page_is_standalone_escaped_and_marks_the_event() -> None:
    sentence = "On Friday, Kim met <engineers>."
    # The sentence starts at 190 in its document: "Friday" is 193-199, "met" 205-208.
    marked = entry("2025-12-12", "met", 205, sentence=sentence,
                   sentence_offsets=(190, 190 + len(sentence)),
                   highlights=[(193, 199, "timex"), (205, 208, "event")])
    page = to_html([*ENTRIES, marked], title="Korea <2025>")
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page and "http" not in page  # nothing fetched
    assert "Korea &lt;2025&gt;" in page and "&lt;engineers&gt;" in page
    assert '<time class="timex">Friday</time>' in page
    assert '<mark class="event">met</mark>' in page
    parser = _Collector()
    parser.feed(page)
    assert parser.tags.count("a") == 6  # one axis marker per dated entry (5 + the marked one)


def test_events_placed_only_by_their_tense_read_before_or_after_the_dct() -> None:
    from newsline.timeline.writers import display_date

    past = entry(DCT, "fought", 200, inferred=True)
    past.start = None
    future = entry(DCT, "will vote", 220, inferred=True)
    future.end = None
    assert display_date(past) == "before 13 December 2025"
    assert display_date(future) == "after 13 December 2025"
    assert "**before 13 December 2025**" in to_markdown([past])
