"""The Python API: newsline.tag, tag_documents, timeline; the README's examples; errors."""

from __future__ import annotations

import doctest
import subprocess
import sys
from pathlib import Path

import pytest

import newsline
from newsline import Document, InputError, NewslineError

README = Path(__file__).resolve().parents[1] / "README.md"
TEXT = "The port reopened on Monday, a week after the strike began."


def test_the_readme_examples_run() -> None:
    failures, tried = doctest.testfile(str(README), module_relative=False,
                                       optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert tried >= 8, "the README lost its Python examples"
    assert failures == 0


def test_tag_finds_timexes_events_and_links() -> None:
    doc = newsline.tag(TEXT, dct="2025-12-13")
    assert [(t.text, t.value) for t in doc.timexes][:1] == [("Monday", "2025-12-08")]
    assert "reopened" in [e.text for e in doc.events]
    ids = {t.id for t in doc.timexes} | {e.id for e in doc.events} | {"t0"}
    assert doc.links and all({lk.source, lk.target} <= ids for lk in doc.links)


def test_tag_takes_a_document_and_sets_its_gold_apart() -> None:
    given = Document(id="mine", text=TEXT, dct="2025-12-13",
                     timexes=[newsline.Timex(0, 3, "The", "DATE", "1999")])
    doc = newsline.tag(given, stages=["timex"])
    assert doc is given and doc.id == "mine"
    assert [t.value for t in doc.gold.timexes] == ["1999"]
    assert [t.text for t in doc.timexes] == ["Monday", "a week"]
    assert doc.events == [] and doc.links == []


def test_tag_documents_is_lazy_and_numbers_texts() -> None:
    docs = newsline.tag_documents(["It rained on Monday.", "Snow fell in May."],
                                  dct="2025-12-13", stages=["timex"], doc_id="wx")
    first = next(docs)
    assert first.id == "wx" and first.timexes[0].value == "2025-12-08"
    assert [d.id for d in docs] == ["wx-2"]


@pytest.mark.parametrize(("text", "dct", "message"), [
    ("It rained.", "13/12/2025", "dct"),
    ("It rained.", "2025-02-30", "dct"),
    ("   ", "2025-12-13", "empty text"),
])
def test_bad_input_is_an_input_error(text: str, dct: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        newsline.tag(text, dct=dct)
    assert isinstance(caught.value, NewslineError)


def test_an_unknown_stage_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown stage"):
        newsline.tag(TEXT, dct="2025-12-13", stages=["tlinks"])


def test_timeline_of_one_text() -> None:
    entries = newsline.timeline(TEXT, dct="2025-12-13")
    reopened = next(e for e in entries if e.event == "reopened")
    assert (reopened.date, reopened.start, reopened.end) == ("2025-12-08", "2025-12-08",
                                                               "2025-12-08")
    assert isinstance(reopened, newsline.TimelineEntry)


def test_importing_newsline_loads_no_model() -> None:
    code = "import sys, newsline; print('spacy' in sys.modules, 'numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["False", "False"]
