"""The seed of every story: ``examples/korea_troops.txt``. Its time expressions, checked by
hand against the TimeML guidelines (DCT Saturday 2025-12-13), all stay right."""

from __future__ import annotations

from pathlib import Path

from newsline.documents import iter_documents
from newsline.timex import TimexTagger

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "korea_troops.txt"

EXPECTED = [  # text (white space normalised), type, value, mod
    ("earlier this year", "DATE", "2025", "START"),
    ("Saturday", "DATE", "2025-12-13", None),  # "said ... on Saturday": the DCT itself
    ("Friday", "DATE", "2025-12-12", None),
    ("September", "DATE", "2025-09", None),
    ("120-day", "DURATION", "P120D", None),
    ("August", "DATE", "2025-08", None),
    ("next month", "DATE", "2026-01", None),
    ("the spring", "DATE", "2026-SP", None),  # "will leave in the spring"
    ("nearly four years", "DURATION", "P4Y", "APPROX"),
    ("twice a week", "SET", "P1W", None),
    ("2019", "DATE", "2019", None),
]


def test_korea_troops_timexes_stay_right():
    doc = next(iter(iter_documents([str(EXAMPLE)])))
    found = [(" ".join(t.text.split()), t.type, t.value, t.mod)
             for t in TimexTagger().annotate(doc).timexes]
    assert found == EXPECTED


def test_korea_troops_is_read_as_news():
    doc = next(iter(iter_documents([str(EXAMPLE)])))
    tagger = TimexTagger()
    assert tagger.tag(doc.text, doc.dct) == tagger.tag(doc.text, doc.dct, "news")
