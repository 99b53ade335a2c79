"""Hand-computed checks of the TempEval-3 timex metrics.

Every expected figure is written as a literal, with the arithmetic in a comment.
Texts are made up for these tests.
"""

from __future__ import annotations

import pytest

from newsline.documents.model import Document, Timex
from newsline.evaluation import (
    ERROR_KINDS,
    TimexScores,
    format_errors,
    format_table,
    match_timexes,
    score_timexes,
    timex_errors,
)

TALKS = "The talks ended on Friday after three days."
#        0         1         2         3         4
#        0123456789012345678901234567890123456789012
# "talks" [4,9)  "on Friday" [16,25)  "Friday" [19,25)  "three days" [32,42)


def tx(text: str, phrase: str, type_: str = "DATE", value: str = "XXXX", nth: int = 0) -> Timex:
    """A timex over the ``nth`` occurrence of ``phrase`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return Timex(start=start, end=start + len(phrase), text=phrase, type=type_, value=value)


def doc(text: str, *timexes: Timex, doc_id: str = "d1") -> Document:
    """A document with the given timexes (the DCT is never a timex)."""
    return Document(id=doc_id, text=text, dct="2024-05-13", timexes=list(timexes))


def friday(value: str = "2024-05-10", type_: str = "DATE") -> Timex:
    return tx(TALKS, "Friday", type_, value)


def three_days(value: str = "P3D", type_: str = "DURATION") -> Timex:
    return tx(TALKS, "three days", type_, value)


def approx(x: float) -> object:
    return pytest.approx(x, abs=0.005)


# --------------------------------------------------------------------------- basics


def test_helper_offsets() -> None:
    assert (friday().start, friday().end) == (19, 25)
    assert (three_days().start, three_days().end) == (32, 42)


def test_perfect_match() -> None:
    gold = doc(TALKS, friday(), three_days())
    system = doc(TALKS, friday(), three_days())
    sc = score_timexes([(gold, system)])
    # 2 gold, 2 system, 2 strict, 2 relaxed, 2 type ok, 2 value ok -> everything 2/2 = 100
    assert (sc.gold, sc.system, sc.strict, sc.relaxed, sc.type_ok, sc.value_ok) == (
        2, 2, 2, 2, 2, 2,
    )
    for name in ("strict", "relaxed", "type", "value"):
        assert getattr(sc, f"{name}_precision") == 100.0
        assert getattr(sc, f"{name}_recall") == 100.0
        assert getattr(sc, f"{name}_f1") == 100.0
    assert timex_errors([(gold, system)]) == []


def test_dct_is_not_scored() -> None:
    # Different DCTs, no timexes at all: nothing to count.
    gold = Document(id="d1", text=TALKS, dct="2024-05-13")
    system = Document(id="d1", text=TALKS, dct="1999-01-01")
    sc = score_timexes([(gold, system)])
    assert (sc.gold, sc.system, sc.strict, sc.relaxed) == (0, 0, 0, 0)


def test_miss() -> None:
    gold = doc(TALKS, friday(), three_days())
    system = doc(TALKS, friday())
    sc = score_timexes([(gold, system)])
    # strict: 1 match, 1 system, 2 gold -> P = 1/1 = 100, R = 1/2 = 50,
    # F1 = 2*100*50/(100+50) = 10000/150 = 66.666...
    assert (sc.gold, sc.system, sc.strict, sc.relaxed) == (2, 1, 1, 1)
    assert sc.strict_precision == 100.0
    assert sc.strict_recall == 50.0
    assert sc.strict_f1 == approx(66.67)
    assert sc.relaxed_f1 == approx(66.67)
    assert sc.value_f1 == approx(66.67)
    d = sc.to_dict()
    assert d["strict_f1"] == 66.67
    assert d["value_recall"] == 50.0
    [err] = timex_errors([(gold, system)])
    assert err.kind == "miss"
    assert (err.gold_start, err.gold_end, err.gold_text) == (32, 42, "three days")
    assert err.sys_text is None


def test_false_alarm() -> None:
    gold = doc(TALKS, friday())
    system = doc(TALKS, friday(), tx(TALKS, "talks", "DATE", "PRESENT_REF"))
    sc = score_timexes([(gold, system)])
    # 1 match, 2 system, 1 gold -> P = 1/2 = 50, R = 1/1 = 100, F1 = 10000/150 = 66.67
    assert (sc.gold, sc.system, sc.strict, sc.relaxed) == (1, 2, 1, 1)
    assert sc.strict_precision == 50.0
    assert sc.strict_recall == 100.0
    assert sc.relaxed_f1 == approx(66.67)
    assert sc.type_precision == 50.0
    [err] = timex_errors([(gold, system)])
    assert err.kind == "false_alarm"
    assert (err.sys_start, err.sys_end, err.sys_value) == (4, 9, "PRESENT_REF")
    assert err.gold_text is None


def test_overlap_but_not_identical() -> None:
    gold = doc(TALKS, friday())
    system = doc(TALKS, tx(TALKS, "on Friday", "DATE", "2024-05-10"))
    sc = score_timexes([(gold, system)])
    # [16,25) vs [19,25): overlap 6 chars, spans differ -> strict 0/1, relaxed 1/1
    assert (sc.strict, sc.relaxed, sc.type_ok, sc.value_ok) == (0, 1, 1, 1)
    assert (sc.strict_precision, sc.strict_recall, sc.strict_f1) == (0.0, 0.0, 0.0)
    assert (sc.relaxed_precision, sc.relaxed_recall, sc.relaxed_f1) == (100.0, 100.0, 100.0)
    assert sc.value_f1 == 100.0
    [err] = timex_errors([(gold, system)])
    assert err.kind == "wrong_extent"
    assert (err.start, err.end) == (16, 25)


def test_touching_spans_do_not_overlap() -> None:
    # gold "Friday" [19,25), system " after" [25,31): they touch but share no character.
    gold = doc(TALKS, friday())
    system = doc(TALKS, Timex(start=25, end=31, text=" after", type="DATE", value="X"))
    sc = score_timexes([(gold, system)])
    assert sc.relaxed == 0


def test_one_system_span_over_two_gold_spans() -> None:
    text = "Prices rose from Monday to Friday."
    # "Monday" [17,23), "Friday" [27,33), system "Monday to Friday" [17,33)
    gold = doc(text, tx(text, "Monday", value="2024-05-06"), tx(text, "Friday", value="2024-05-10"))
    system = doc(text, tx(text, "Monday to Friday", value="2024-05-06"))
    sc = score_timexes([(gold, system)])
    # Only one gold can pair: relaxed 1; strict 0. P = 1/1 = 100, R = 1/2 = 50,
    # F1 = 66.67. Both overlaps are 6 chars; the tie goes to the earlier gold (Monday),
    # whose value equals the system's -> value_ok = 1 -> value F1 = 66.67 too.
    assert (sc.gold, sc.system, sc.strict, sc.relaxed, sc.value_ok) == (2, 1, 0, 1, 1)
    assert sc.relaxed_precision == 100.0
    assert sc.relaxed_recall == 50.0
    assert sc.relaxed_f1 == approx(66.67)
    assert sc.value_f1 == approx(66.67)
    errs = timex_errors([(gold, system)])
    assert sorted(e.kind for e in errs) == ["miss", "wrong_extent"]
    miss = next(e for e in errs if e.kind == "miss")
    assert miss.gold_text == "Friday"


def test_larger_overlap_wins() -> None:
    text = "Prices rose from Monday to Friday."
    gold = doc(text, tx(text, "Monday"), tx(text, "Friday"))
    # system "day to Friday" [20,33): 3 chars with Monday, 6 with Friday -> pairs Friday
    system = doc(text, Timex(start=20, end=33, text="day to Friday", type="DATE", value="X"))
    strict, relaxed = match_timexes(gold.timexes, system.timexes)
    assert strict == []
    assert relaxed == [(1, 0)]


def test_pairing_is_maximal_not_greedy() -> None:
    # gold A "Friday" [19,25), gold B "three days" [32,42)
    # system X "Friday after three" [19,37): 6 chars with A, 5 with B
    # system Y "on Fri" [16,22): 3 chars with A
    # Greedy by overlap would take X-A (6) and leave Y and B unpaired (1 pair);
    # the maximal pairing is X-B, Y-A (2 pairs).
    gold = doc(TALKS, friday(), three_days())
    x = tx(TALKS, "Friday after three", "DURATION", "P3D")
    y = tx(TALKS, "on Fri", "DATE", "2024-05-10")
    system = doc(TALKS, x, y)
    strict, relaxed = match_timexes(gold.timexes, system.timexes)
    assert strict == []
    assert relaxed == [(0, 1), (1, 0)]
    sc = score_timexes([(gold, system)])
    # relaxed 2/2 -> 100; strict 0; types and values all agree -> 100
    assert (sc.relaxed_f1, sc.strict_f1, sc.type_f1, sc.value_f1) == (100.0, 0.0, 100.0, 100.0)


def test_exact_pairs_come_first() -> None:
    # gold "Friday" exact in system; a second system span "on Fri" also overlaps it.
    gold = doc(TALKS, friday())
    system = doc(TALKS, tx(TALKS, "on Fri"), friday())
    strict, relaxed = match_timexes(gold.timexes, system.timexes)
    assert strict == [(0, 1)]
    assert relaxed == [(0, 1)]


def test_duplicate_spans_pair_once() -> None:
    gold = doc(TALKS, friday())
    system = doc(TALKS, friday(), friday())
    sc = score_timexes([(gold, system)])
    # 1 gold, 2 system, 1 strict -> P = 50, R = 100
    assert (sc.strict, sc.relaxed, sc.strict_precision, sc.strict_recall) == (1, 1, 50.0, 100.0)


def test_wrong_value() -> None:
    gold = doc(TALKS, friday("2024-05-10"), three_days())
    system = doc(TALKS, friday("2024-05-17"), three_days())
    sc = score_timexes([(gold, system)])
    # types: 2/2 -> type F1 100; values: 1 equal of 2 -> P = R = 1/2 = 50, F1 = 50
    assert sc.type_f1 == 100.0
    assert (sc.value_precision, sc.value_recall, sc.value_f1) == (50.0, 50.0, 50.0)
    assert sc.strict_f1 == 100.0
    [err] = timex_errors([(gold, system)])
    assert err.kind == "wrong_value"
    assert (err.gold_value, err.sys_value) == ("2024-05-10", "2024-05-17")


def test_value_compared_as_exact_string() -> None:
    gold = doc(TALKS, three_days("P3D"))
    system = doc(TALKS, three_days("P3.0D"))
    assert score_timexes([(gold, system)]).value_ok == 0


def test_wrong_type() -> None:
    gold = doc(TALKS, three_days("P3D", "DURATION"))
    system = doc(TALKS, three_days("P3D", "DATE"))
    sc = score_timexes([(gold, system)])
    # type 0/1 -> 0; value 1/1 -> 100
    assert (sc.type_f1, sc.value_f1) == (0.0, 100.0)
    assert [e.kind for e in timex_errors([(gold, system)])] == ["wrong_type"]


# --------------------------------------------------------------------------- averaging


def test_micro_average_differs_from_macro() -> None:
    small_text = "It rained on Monday."
    small_gold = doc(small_text, tx(small_text, "Monday"), doc_id="small")
    small_sys = doc(small_text, tx(small_text, "Monday"), doc_id="small")
    # small file: strict 1/1, 1/1 -> F1 100

    big_text = "On Monday the talks began, on Friday they ended after three days."
    big_gold = doc(
        big_text,
        tx(big_text, "Monday"),
        tx(big_text, "Friday"),
        tx(big_text, "three days", "DURATION", "P3D"),
        doc_id="big",
    )
    big_sys = doc(
        big_text,
        tx(big_text, "On Monday"),
        tx(big_text, "Friday"),
        tx(big_text, "after three days", "DURATION", "P3D"),
        doc_id="big",
    )
    # big file: strict 1 of 3 gold / 3 system -> P = R = 33.33, F1 = 33.33; relaxed 3/3

    big = score_timexes([(big_gold, big_sys)])
    assert big.strict_f1 == approx(33.33)
    small = score_timexes([(small_gold, small_sys)])
    assert small.strict_f1 == 100.0

    both = score_timexes([(small_gold, small_sys), (big_gold, big_sys)])
    # micro: strict (1+1) = 2, gold (1+3) = 4, system (1+3) = 4 -> P = R = F1 = 50
    assert (both.gold, both.system, both.strict, both.relaxed, both.files) == (4, 4, 2, 4, 2)
    assert (both.strict_precision, both.strict_recall, both.strict_f1) == (50.0, 50.0, 50.0)
    assert both.relaxed_f1 == 100.0
    # macro would be (100 + 33.33) / 2 = 66.67, not 50
    macro = (small.strict_f1 + big.strict_f1) / 2
    assert macro == approx(66.67)
    assert both.strict_f1 != approx(macro)


def test_empty_system() -> None:
    gold = doc(TALKS, friday(), three_days())
    system = doc(TALKS)
    sc = score_timexes([(gold, system)])
    # 0 matches, 0 system (P := 0), 2 gold (R = 0/2 = 0), F1 = 0 since P + R = 0
    assert (sc.gold, sc.system, sc.relaxed) == (2, 0, 0)
    assert (sc.strict_precision, sc.strict_recall, sc.strict_f1) == (0.0, 0.0, 0.0)
    assert (sc.relaxed_f1, sc.type_f1, sc.value_f1) == (0.0, 0.0, 0.0)
    assert [e.kind for e in timex_errors([(gold, system)])] == ["miss", "miss"]


def test_empty_gold() -> None:
    gold = doc(TALKS)
    system = doc(TALKS, friday())
    sc = score_timexes([(gold, system)])
    # 0 matches / 1 system -> P = 0; 0 gold -> R := 0; F1 = 0
    assert (sc.gold, sc.system) == (0, 1)
    assert (sc.relaxed_precision, sc.relaxed_recall, sc.relaxed_f1) == (0.0, 0.0, 0.0)
    assert [e.kind for e in timex_errors([(gold, system)])] == ["false_alarm"]


def test_no_pairs_at_all() -> None:
    sc = score_timexes([])
    assert sc.to_dict()["strict_f1"] == 0.0
    assert sc.files == 0


def test_mismatched_documents_rejected() -> None:
    with pytest.raises(ValueError):
        score_timexes([(doc(TALKS, doc_id="a"), doc(TALKS, doc_id="b"))])
    with pytest.raises(ValueError):
        score_timexes([(doc(TALKS), doc(TALKS + " "))])


# --------------------------------------------------------------------------- per type


def test_per_type_breakdown() -> None:
    gold = doc(TALKS, friday("2024-05-10"), three_days("P3D"))
    # Friday found with a wrong value; three days missed; a false alarm typed TIME.
    system = doc(TALKS, friday("2024-05-17"), tx(TALKS, "talks", "TIME", "T10:00"))
    sc = score_timexes([(gold, system)])
    by_type = sc.to_dict()["by_type"]
    assert list(by_type)[:4] == ["DATE", "TIME", "DURATION", "SET"]
    # DATE: 1 gold, paired (relaxed recall 1/1 = 100), value wrong -> value F1 0
    assert by_type["DATE"]["relaxed_recall"] == 100.0
    assert by_type["DATE"]["value_f1"] == 0.0
    # DURATION: 1 gold, unpaired -> relaxed recall 0
    assert by_type["DURATION"]["gold"] == 1
    assert by_type["DURATION"]["relaxed_recall"] == 0.0
    # TIME: no gold, the false alarm is attributed to its predicted type
    assert (by_type["TIME"]["gold"], by_type["TIME"]["system"]) == (0, 1)
    assert by_type["SET"]["gold"] == 0
    # per-type system counts add up to the total
    assert sum(v["system"] for v in by_type.values()) == sc.system == 2


def test_per_type_value_f1() -> None:
    gold = doc(TALKS, friday("2024-05-10"), three_days("P3D"))
    system = doc(TALKS, friday("2024-05-10"), three_days("P4D"))
    by_type = score_timexes([(gold, system)]).to_dict()["by_type"]
    # DATE: 1/1 right -> 100; DURATION: 0/1 -> 0
    assert by_type["DATE"]["value_f1"] == 100.0
    assert by_type["DURATION"]["value_f1"] == 0.0


# --------------------------------------------------------------------------- errors


def test_error_kinds_listing() -> None:
    text = "On Monday the talks began, on Friday they ended after three days."
    gold = doc(
        text,
        tx(text, "Monday", value="2024-05-06"),  # missed
        tx(text, "Friday", value="2024-05-10"),  # wrong extent + wrong value
        tx(text, "three days", "DURATION", "P3D"),  # wrong type
        doc_id="errs",
    )
    system = doc(
        text,
        tx(text, "talks", value="PRESENT_REF"),  # false alarm
        tx(text, "on Friday", value="2024-05-17"),
        tx(text, "three days", "DATE", "P3D"),
        doc_id="errs",
    )
    errs = timex_errors([(gold, system)])
    kinds = [e.kind for e in errs]
    # in text order; for the same span in ERROR_KINDS order
    assert kinds == ["miss", "false_alarm", "wrong_extent", "wrong_value", "wrong_type"]
    assert set(kinds) == set(ERROR_KINDS)
    assert all(e.doc_id == "errs" for e in errs)
    extent = errs[2]
    assert (extent.gold_start, extent.gold_end) == (30, 36)
    assert (extent.sys_start, extent.sys_end) == (27, 36)
    assert (extent.start, extent.end) == (27, 36)
    assert extent.to_dict()["sys_text"] == "on Friday"
    # context: up to 40 chars either side of [27,36) -> [0,65) = the whole 65-char text
    assert extent.context == text

    listing = format_errors(errs)
    lines = listing.splitlines()
    headers = [line for line in lines if line.startswith("==")]
    assert headers == [
        "== miss (1) ==",
        "== false_alarm (1) ==",
        "== wrong_extent (1) ==",
        "== wrong_type (1) ==",
        "== wrong_value (1) ==",
    ]
    assert len(lines) == 10
    value_line = lines[lines.index("== wrong_value (1) ==") + 1]
    assert value_line.startswith("errs [27:36] gold='Friday' DATE 2024-05-10 | ")
    assert "sys='on Friday' DATE 2024-05-17" in value_line


def test_error_context_is_clipped() -> None:
    text = "x" * 100 + " on Friday " + "y" * 100
    gold = doc(text, tx(text, "Friday"))
    [err] = timex_errors([(gold, doc(text))])
    # Friday at [104,110): context [64,150) -> 86 chars plus "..." on each side
    assert err.context == "..." + text[64:150] + "..."
    assert len(err.context) == 92


def test_format_errors_empty() -> None:
    assert format_errors([]) == ""


# --------------------------------------------------------------------------- table


def test_format_table() -> None:
    gold = doc(TALKS, friday(), three_days())
    system = doc(TALKS, friday())
    table = format_table({"timex": score_timexes([(gold, system)]), "empty": TimexScores()})
    lines = table.splitlines()
    assert len(lines) == 4  # header, rule, two rows
    assert lines[0].split()[:2] == ["label", "strict"]
    assert lines[0].split()[-2:] == ["gold", "system"]
    row = lines[2].split()
    # strict 100/50/66.67, relaxed 100/50/66.67, type F1 66.67, value F1 66.67, 2 gold, 1 sys
    assert row == [
        "timex", "100.00", "50.00", "66.67", "100.00", "50.00", "66.67", "66.67", "66.67",
        "2", "1",
    ]
    assert lines[3].split() == ["empty"] + ["0.00"] * 8 + ["0", "0"]
