"""Hand-computed checks of the TempEval-3 event metrics.

Every expected figure is written as a literal, with the arithmetic in a comment. The text
is made up for these tests.
"""

from __future__ import annotations

import pytest

from newsline.documents.model import Document, Event
from newsline.evaluation import (
    EventScores,
    format_event_table,
    match_events,
    match_timexes,
    score_events,
)

TEXT = "Rebels attacked the town and troops said they would not withdraw."
#       0         1         2         3         4         5         6
#       0123456789012345678901234567890123456789012345678901234567890123456
# "attacked" [7,15)  "town" [20,24)  "troops" [29,35)  "said" [36,40)  "withdraw" [56,64)


def ev(phrase: str, cls: str = "OCCURRENCE", tense: str = "PAST", aspect: str = "NONE",
       polarity: str = "POS", start: int | None = None, end: int | None = None) -> Event:
    """An event over ``phrase`` in TEXT (or over [start, end) when given)."""
    lo = TEXT.index(phrase) if start is None else start
    hi = lo + len(phrase) if end is None else end
    return Event(start=lo, end=hi, text=TEXT[lo:hi], cls=cls, tense=tense, aspect=aspect,
                 polarity=polarity)


def doc(*events: Event, doc_id: str = "d1") -> Document:
    return Document(id=doc_id, text=TEXT, dct="2024-05-13", events=list(events))


def approx(x: float) -> object:
    return pytest.approx(x, abs=0.005)


def gold_events() -> list[Event]:
    return [
        ev("attacked"),
        ev("said", cls="REPORTING"),
        ev("withdraw", tense="NONE", polarity="NEG"),
    ]


def test_offsets_of_the_helper() -> None:
    assert (ev("attacked").start, ev("attacked").end) == (7, 15)
    assert (ev("troops").start, ev("said").start) == (29, 36)
    assert (ev("withdraw").start, ev("withdraw").end) == (56, 64)


def test_perfect_system() -> None:
    sc = score_events([(doc(*gold_events()), doc(*gold_events()))])
    assert (sc.gold, sc.system, sc.strict, sc.relaxed) == (3, 3, 3, 3)
    for value in (sc.strict_f1, sc.relaxed_f1, sc.class_f1, sc.tense_f1, sc.aspect_f1,
                  sc.polarity_f1):
        assert value == approx(100.0)


def test_mixed_case_by_hand() -> None:
    system = [
        ev("attacked", cls="OCCURRENCE"),                      # strict, all attributes right
        ev("said", cls="OCCURRENCE", start=35, end=40),        # " said": relaxed only, class wrong
        ev("withdraw", tense="INFINITIVE", polarity="NEG"),    # strict, tense wrong
        ev("town", tense="NONE"),                              # false alarm
    ]
    sc = score_events([(doc(*gold_events()), doc(*system))])
    # gold 3, system 4; strict 2 (attacked, withdraw), relaxed 3.
    assert (sc.gold, sc.system, sc.strict, sc.relaxed) == (3, 4, 2, 3)
    assert sc.strict_precision == approx(50.0)        # 2/4
    assert sc.strict_recall == approx(66.67)          # 2/3
    assert sc.strict_f1 == approx(57.14)              # 2*50*66.67/116.67
    assert sc.relaxed_precision == approx(75.0)       # 3/4
    assert sc.relaxed_recall == approx(100.0)         # 3/3
    assert sc.relaxed_f1 == approx(85.71)             # 2*75*100/175
    # class right on attacked and withdraw: 2 -> P 2/4 = 50, R 2/3 = 66.67, F1 57.14
    assert sc.class_ok == 2
    assert sc.class_f1 == approx(57.14)
    # tense right on attacked and said: 2 -> 57.14
    assert sc.tense_ok == 2
    assert sc.tense_f1 == approx(57.14)
    # aspect and polarity right on all three pairs: P 3/4 = 75, R 3/3 = 100, F1 85.71
    assert (sc.aspect_ok, sc.polarity_ok) == (3, 3)
    assert sc.aspect_f1 == approx(85.71)
    assert sc.polarity_f1 == approx(85.71)


def test_micro_average_over_files() -> None:
    # File 1: gold 3, system 1 (attacked, right) -> relaxed 1, class 1.
    # File 2: gold 1 (said), system 2 (said with the wrong class, town) -> relaxed 1, class 0.
    pairs = [
        (doc(*gold_events(), doc_id="a"), doc(ev("attacked"), doc_id="a")),
        (doc(ev("said", cls="REPORTING"), doc_id="b"),
         doc(ev("said"), ev("town"), doc_id="b")),
    ]
    sc = score_events(pairs)
    assert (sc.files, sc.gold, sc.system, sc.relaxed, sc.class_ok) == (2, 4, 3, 2, 1)
    assert sc.relaxed_precision == approx(66.67)  # 2/3
    assert sc.relaxed_recall == approx(50.0)      # 2/4
    assert sc.relaxed_f1 == approx(57.14)         # 2*66.67*50/116.67
    assert sc.attribute_precision("class") == approx(33.33)  # 1/3
    assert sc.attribute_recall("class") == approx(25.0)      # 1/4
    assert sc.class_f1 == approx(28.57)                      # 2*33.33*25/58.33


def test_one_to_one_pairing() -> None:
    # One system span over "troops said" overlaps a single gold event only once.
    gold = [ev("said", cls="REPORTING"), ev("troops")]
    system = [ev("troops said")]
    strict, relaxed = match_events(gold, system)
    assert strict == []
    assert len(relaxed) == 1
    sc = score_events([(doc(*gold), doc(*system))])
    assert (sc.relaxed, sc.system, sc.gold) == (1, 1, 2)


def test_same_pairing_as_timexes() -> None:
    gold = gold_events()
    system = [ev("attacked", start=6, end=15), ev("said"), ev("town")]
    assert match_events(gold, system) == match_timexes(gold, system)  # type: ignore[arg-type]


def test_empty_layers() -> None:
    sc = score_events([(doc(), doc())])
    assert (sc.gold, sc.system) == (0, 0)
    assert sc.relaxed_f1 == 0.0 and sc.class_f1 == 0.0
    sc = score_events([(doc(*gold_events()), doc())])
    assert sc.relaxed_precision == 0.0 and sc.relaxed_recall == 0.0


def test_mismatched_documents_are_refused() -> None:
    with pytest.raises(ValueError, match="ids differ"):
        score_events([(doc(doc_id="a"), doc(doc_id="b"))])
    other = Document(id="d1", text=TEXT + " ", events=[])
    with pytest.raises(ValueError, match="texts differ"):
        score_events([(doc(), other)])


def test_to_dict_and_add() -> None:
    total = EventScores()
    total.add(score_events([(doc(*gold_events()), doc(*gold_events()))]))
    total.add(score_events([(doc(*gold_events()), doc())]))
    data = total.to_dict()
    assert data["gold"] == 6 and data["system"] == 3 and data["relaxed"] == 3
    assert data["relaxed_precision"] == 100.0 and data["relaxed_recall"] == 50.0
    assert data["relaxed_f1"] == 66.67   # 2*100*50/150
    assert data["class_f1"] == 66.67 and data["polarity_ok"] == 3
    for key in ("strict_f1", "tense_f1", "aspect_f1", "polarity_f1", "class_precision",
                "class_recall", "files"):
        assert key in data


def test_table_has_an_event_row() -> None:
    table = format_event_table({"event": score_events([(doc(*gold_events()),
                                                        doc(*gold_events()))])})
    lines = table.splitlines()
    assert "class F1" in lines[0] and "relax F1" in lines[0]
    assert lines[2].startswith("event")
    assert "100.00" in lines[2]
