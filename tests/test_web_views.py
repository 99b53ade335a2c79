"""The page view helpers: text cut into highlighted pieces and paragraphs, entries placed on
a time axis."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed")

from newsline.documents import Document, Event, Timex  # noqa: E402
from newsline.web.views import axis, event_anchor, paragraphs, pieces  # noqa: E402

TEXT = "On Friday, Kim met the engineers.\n\nThey left in March 2024."


def _doc() -> Document:
    doc = Document(id="d", text=TEXT, dct="2025-12-13")
    doc.timexes = [Timex(3, 9, "Friday", "DATE", "2025-12-12", id="t1"),
                   Timex(48, 58, "March 2024", "DATE", "2024-03", id="t2")]
    doc.events = [Event(15, 18, "met", tense="PAST", id="e1"),
                  Event(40, 44, "left", tense="PAST", id="e2")]
    return doc


def _entry(start: str | None, offset: int, **extra: object) -> SimpleNamespace:
    return SimpleNamespace(doc="d", offsets=(offset, offset + 3), start=start, end=start,
                           date=start, **extra)


def test_pieces_rebuild_the_text_and_mark_every_span():
    run = pieces(_doc())
    assert "".join(p.text for p in run) == TEXT
    marked = [(p.kind, p.text) for p in run if p.kind]
    assert marked == [("timex", "Friday"), ("event", "met"), ("event", "left"),
                      ("timex", "March 2024")]


def test_timex_tip_gives_the_normalized_value():
    friday = next(p for p in pieces(_doc()) if p.text == "Friday")
    assert friday.tip == "date: 2025-12-12"


def test_event_on_the_timeline_points_at_its_entry():
    run = pieces(_doc(), [_entry("2025-12-12", 15)])
    met = next(p for p in run if p.text == "met")
    left = next(p for p in run if p.text == "left")
    assert met.entry == 0 and "on the timeline: 2025-12-12" in met.tip
    assert left.entry is None
    assert met.anchor == event_anchor(15)


def test_overlapping_spans_keep_the_first():
    doc = _doc()
    doc.events.append(Event(3, 9, "Friday", id="e3"))
    run = pieces(doc)
    assert [p.kind for p in run if p.text == "Friday"] == ["timex"]
    assert "".join(p.text for p in run) == TEXT


def test_paragraphs_split_at_blank_lines_only():
    paras = paragraphs(pieces(_doc()))
    assert len(paras) == 2
    assert "".join(p.text for p in paras[0]) == "On Friday, Kim met the engineers."
    assert "".join(p.text for p in paras[1]) == "They left in March 2024."


def test_axis_places_entries_by_date_and_leaves_undated_off():
    entries = [_entry("2024-01-01", 0), _entry("2024-07-01", 10), _entry(None, 20)]
    placed, ticks = axis(entries, lambda e: e.date or "undated")
    assert [p.left for p in placed][:2] == [0.0, 100.0]
    assert placed[2].left is None
    assert ticks[0]["text"] == "2024-01-01" and ticks[-1]["text"] == "2024-07-01"


def test_axis_labels_years_without_crowding():
    entries = [_entry("2015-06-01", 0), _entry("2025-12-01", 10), _entry("2026-03-01", 20)]
    _placed, ticks = axis(entries, lambda e: e.date)
    lefts = [t["left"] for t in ticks]
    assert ticks[0]["text"] == "2015" and ticks[-1]["text"] == "2026"
    assert all(b - a >= 16 for a, b in zip(lefts, lefts[1:], strict=False))


def test_story_entries_on_the_axis_by_their_first_day():
    from newsline.web.views import story_axis

    entries = [SimpleNamespace(date="2024-03-02"), SimpleNamespace(date="2024-04"),
               SimpleNamespace(date="2024-06-30")]
    placed, ticks = story_axis(entries)
    assert [p.entry for p in placed] == entries
    assert placed[0].left == 0.0 and placed[2].left == 100.0
    assert 0 < placed[1].left < 50  # 1 April: a third of the way
    assert placed[0].label == "2 March 2024" and placed[1].label == "April 2024"
