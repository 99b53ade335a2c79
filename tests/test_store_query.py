"""``newsline query``: the filters of the store's timeline entries and the output formats."""

from __future__ import annotations

import json

import pytest

from newsline.cli import main
from newsline.documents.model import Document
from newsline.store import EntryFilter, Store, content_key
from newsline.timeline.model import TimelineEntry

TEXT = ("On Monday the river dam at Norden gave way. Mayor Anna Berg said on Tuesday that "
        "the village would be rebuilt. The 100% rebuild_fund was approved last year. "
        "Nothing else happened.")


def entry(doc: str, event: str, value: str | None, start: str | None, end: str | None,
          actors: list[str], offsets: tuple[int, int], **extra) -> TimelineEntry:
    sentence_start = TEXT.rfind(". ", 0, offsets[0])
    sentence_start = 0 if sentence_start < 0 else sentence_start + 2
    sentence_end = TEXT.find(".", offsets[1]) + 1
    return TimelineEntry(date=value, event=event, sentence=TEXT[sentence_start:sentence_end],
                         lemma=event.split()[0], keywords=frozenset(event.split()),
                         doc=doc, offsets=offsets, summary=f"{event} summary", actors=actors,
                         start=start, end=end, grain="day" if start == end else "year",
                         sentence_offsets=(sentence_start, sentence_end), **extra)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("query") / "q.duckdb"
    items = []
    for doc_id, outlet, dct in (("n1", "Norden Post", "2024-03-05"),
                                ("w1", "Wire", "2024-03-06")):
        doc = Document(id=doc_id, text=TEXT, dct=dct, meta={"source": outlet})
        gave = TEXT.index("gave")
        said = TEXT.index("said")
        approved = TEXT.index("approved")
        entries = [
            entry(doc_id, "gave way", "2024-03-04", "2024-03-04", "2024-03-04", ["Norden"],
                  (gave, gave + 8)),
            entry(doc_id, "rebuilt", "2024-03-05", "2024-03-05", "2024-03-05",
                  ["Anna Berg"], (said, said + 4), source="Anna Berg"),
            entry(doc_id, "approved", "2023", "2023-01-01", "2023-12-31", [],
                  (approved, approved + 8)),
            entry(doc_id, "undated", None, None, None, [], (TEXT.index("happened"),) * 2),
        ]
        items.append((content_key(doc), doc, entries))
    with Store.open(path) as store:
        assert store.write(items, "timex,events,links,timeline") == 2
    return path


def test_entries_are_rewritten_in_date_order(db, tmp_path):
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(db.read_bytes())
    with Store.open(copy) as store:
        assert not store.sort_entries(), "too few appended entries to bother"
        assert store.sort_entries(force=True)
        rows = store.con.execute("SELECT sort_date FROM entries ORDER BY rowid").fetchall()
        dates = [r[0] for r in rows]
        assert dates == sorted(dates, key=lambda d: (d is None, d)) and len(dates) == 8
        assert store.con.execute("SELECT value FROM store_state").fetchone()[0] == 8
        assert len(store.entries(EntryFilter(date_from="2024-03-04"))) == 4


def events(db, **filters) -> list[tuple[str, str]]:
    with Store.open(db, read_only=True) as store:
        return [(e.doc, e.event) for e in store.entries(EntryFilter(**filters))]


def test_entries_come_back_in_date_order_with_their_fields(db):
    with Store.open(db, read_only=True) as store:
        entries = store.entries()
    assert [e.event for e in entries] == ["approved"] * 2 + ["gave way"] * 2 + [
        "rebuilt"] * 2 + ["undated"] * 2
    rebuilt = entries[4]
    assert (rebuilt.start, rebuilt.end, rebuilt.grain) == ("2024-03-05", "2024-03-05", "day")
    assert rebuilt.actors == ["Anna Berg"] and rebuilt.source == "Anna Berg"
    assert rebuilt.outlet in {"Norden Post", "Wire"}
    assert TEXT[rebuilt.offsets[0]:rebuilt.offsets[1]] == "said"
    assert rebuilt.sentence.startswith("Mayor Anna Berg said")


def test_date_range_keeps_entries_starting_inside_it(db):
    assert events(db, date_from="2024-03-04", date_to="2024-03-04") == [
        ("n1", "gave way"), ("w1", "gave way")]
    assert {e for _, e in events(db, date_from="2024-03-05")} == {"rebuilt"}
    assert {e for _, e in events(db, date_to="2023-12-31")} == {"approved"}


def test_actor_source_and_text_filters(db):
    assert events(db, actor="berg") == [("n1", "rebuilt"), ("w1", "rebuilt")]
    assert events(db, source="wire", date_from="2024-01-01") == [
        ("w1", "gave way"), ("w1", "rebuilt")]
    assert events(db, text="DAM norden") == [("n1", "gave way"), ("w1", "gave way")]
    assert events(db, text="dam mayor") == []
    assert events(db, text="100%") == [("n1", "approved"), ("w1", "approved")]
    assert events(db, text="_") == [("n1", "approved"), ("w1", "approved")]
    assert events(db, actor="nobody") == []


def test_query_command_formats(db, capsys):
    assert main(["query", "--db", str(db), "--from", "2024-03-04", "--source", "Wire"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(e["date"], e["event"], e["outlet"]) for e in data["entries"]] == [
        ("2024-03-04", "gave way", "Wire"), ("2024-03-05", "rebuilt", "Wire")]
    assert main(["query", "--db", str(db), "--from", "2024-03-04", "--to", "2024-03-04"]) == 0
    (merged,) = json.loads(capsys.readouterr().out)["entries"]
    assert [r["doc"] for r in merged["reports"]] == ["n1", "w1"]
    assert main(["query", "--db", str(db), "--actor", "Berg", "--format", "md",
                 "--title", "Norden"]) == 0
    md = capsys.readouterr().out
    assert md.startswith("# Norden") and md.count("\n- **") == 1, "two reports, one entry"
    assert main(["query", "--db", str(db), "--actor", "Berg", "--separate"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(e["doc"], len(e["reports"])) for e in data["entries"]] == [("n1", 1), ("w1", 1)]
    assert main(["query", "--db", str(db), "--format", "timelinejs", "--to", "2024-03-04"]) == 0
    slides = json.loads(capsys.readouterr().out)["events"]
    assert {s["text"]["headline"] for s in slides} == {"approved summary", "gave way summary"}
    assert main(["query", "--db", str(db), "--format", "html", "--text", "rebuilt"]) == 0
    page = capsys.readouterr().out
    assert page.count('class="entry') == 1 and "approved" not in page


def test_bad_date_is_a_one_line_error(db, capsys):
    assert main(["query", "--db", str(db), "--from", "March"]) == 2
    assert capsys.readouterr().err.strip() == (
        "newsline: error: --from: bad date 'March' (expected YYYY-MM-DD)")
