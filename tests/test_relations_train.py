"""Training: the learner, closure labels, model files, determinism, tuning and task C."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import write_file
from newsline.documents import iter_documents
from newsline.documents.model import Document, Link
from newsline.evaluation.tlink_metrics import TemporalGraph
from newsline.relations import (
    RelationModel,
    RelationTagger,
    evaluate_task_c,
    load_model,
    main,
    task_c_input,
    train_model,
    train_relations,
    tune_thresholds,
)
from newsline.relations.learner import LogisticModel, train_logistic
from newsline.relations.train import closure_label

# ------------------------------------------------------------------ the learner

TOY = [(["w=yesterday", "tense=PAST"], "BEFORE"), (["w=tomorrow", "tense=FUTURE"], "AFTER"),
       (["w=now", "tense=PRESENT"], "INCLUDES")] * 20


def test_learner_fits_a_separable_toy_problem() -> None:
    model = train_logistic(TOY, epochs=10, rate=0.5, min_count=1)
    assert model.labels == ["AFTER", "BEFORE", "INCLUDES"]
    for feats, label in TOY[:3]:
        probs = model.probabilities(feats)
        assert model.labels[probs.index(max(probs))] == label
        assert abs(sum(probs) - 1.0) < 1e-9
    assert model.probabilities(["unseen"]) == pytest.approx([1 / 3] * 3)


def test_learner_is_deterministic_for_a_seed() -> None:
    a = train_logistic(TOY, epochs=3, rate=0.5, min_count=1, seed=7).to_dict()
    b = train_logistic(TOY, epochs=3, rate=0.5, min_count=1, seed=7).to_dict()
    assert a == b


def test_learner_drops_rare_features_and_unknown_labels() -> None:
    data = [(["common", "rare"], "A"), (["common"], "B"), (["common"], "C")]
    model = train_logistic(data, labels=["A", "B"], min_count=2)
    assert set(model.weights) == {"common"}
    assert model.labels == ["A", "B"]


def test_model_round_trip_and_errors() -> None:
    model = train_logistic(TOY, epochs=2, rate=0.5, min_count=1)
    data = json.loads(json.dumps(model.to_dict()))
    again = LogisticModel.from_dict(data)
    assert again.labels == model.labels
    for f, w in model.weights.items():
        assert again.weights[f] == pytest.approx(w, abs=1e-4)
    with pytest.raises(ValueError):
        LogisticModel.from_dict({"labels": ["A"], "weights": {"f": [1, 2]}})
    with pytest.raises(ValueError):
        LogisticModel.from_dict({"weights": {}})
    with pytest.raises(ValueError):
        RelationModel.from_dict({"format": "something else"})


def test_committed_model_loads() -> None:
    model = load_model()
    assert set(model.classifiers) == {"ET", "ED", "EE", "EM"}
    assert set(model.thresholds) == {"ET", "ED", "EE", "EM"}
    for clf in model.classifiers.values():
        assert clf.labels[0] == "NONE" and "BEFORE" in clf.labels
    split = load_model(Path(__file__).resolve().parents[1] / "src" / "newsline" / "relations"
                       / "resources" / "tlinks-train-split.json")
    assert split.thresholds == model.thresholds


# ------------------------------------------------------------------ closure labels


def test_closure_label_follows_the_gold_graph() -> None:
    graph = TemporalGraph([Link("IS_INCLUDED", "e1", "t1"), Link("BEFORE", "t1", "t0"),
                           Link("AFTER", "e2", "e1")])
    assert closure_label(graph, "e1", "t1") == "IS_INCLUDED"
    assert closure_label(graph, "t1", "e1") == "INCLUDES"
    assert closure_label(graph, "e1", "t0") == "BEFORE"
    assert closure_label(graph, "e1", "e2") == "BEFORE"
    assert closure_label(graph, "e2", "t0") == "NONE"  # e2 is after e1, maybe after t0
    assert closure_label(graph, "e1", "e9") == "NONE"


# ------------------------------------------------------------------ a tiny corpus

_SENTENCES = [
    ("Rebels <EVENT eid='e{n}' class='OCCURRENCE'>attacked</EVENT> the town on "
     "<TIMEX3 tid='t{n}' type='DATE' value='2013-03-{day:02d}'>{weekday}</TIMEX3>.",
     [("e{n}", "PAST", "VERB")],
     [("IS_INCLUDED", "e{n}", "t{n}"), ("BEFORE", "e{n}", "t0")]),
    ("Talks will <EVENT eid='e{m}' class='OCCURRENCE'>resume</EVENT> soon.",
     [("e{m}", "FUTURE", "VERB")],
     [("AFTER", "e{m}", "t0")]),
    ("The army <EVENT eid='e{k}' class='REPORTING'>said</EVENT> the "
     "<EVENT eid='e{j}' class='OCCURRENCE'>raid</EVENT> ended.",
     [("e{k}", "PAST", "VERB"), ("e{j}", "NONE", "NOUN")],
     [("BEFORE", "e{k}", "t0"), ("AFTER", "e{k}", "e{j}")]),
]


def _timeml(i: int) -> str:
    """A small TimeML document with gold events, a timex and TLINKs."""
    text, instances, links = [], [], []
    lid = 0
    for s, (sentence, events, tlinks) in enumerate(_SENTENCES):
        ids = {"n": 10 * s + 1, "m": 10 * s + 2, "k": 10 * s + 3, "j": 10 * s + 4}
        text.append(sentence.format(**ids, day=10 + i, weekday="Friday"))
        for eid, tense, pos in events:
            e = eid.format(**ids)
            instances.append(f"<MAKEINSTANCE eventID='{e}' eiid='ei{e[1:]}' tense='{tense}' "
                             f"aspect='NONE' polarity='POS' pos='{pos}'/>")
        for rel, a, b in tlinks:
            a, b = a.format(**ids), b.format(**ids)
            lid += 1
            src = f"eventInstanceID='ei{a[1:]}'"
            dst = (f"relatedToEventInstance='ei{b[1:]}'" if b.startswith("e")
                   else f"relatedToTime='{b}'")
            links.append(f"<TLINK lid='l{lid}' relType='{rel}' {src} {dst}/>")
    return (
        "<?xml version='1.0'?><TimeML><DOCID>doc{i}</DOCID><DCT><TIMEX3 tid='t0' type='DATE' "
        "value='2013-03-25' functionInDocument='CREATION_TIME'>March 25, 2013</TIMEX3></DCT>"
        "<TEXT>\n" + "\n\n".join(text) + "\n</TEXT>\n" + "\n".join(instances + links)
        + "\n</TimeML>\n"
    ).replace("{i}", str(i))


@pytest.fixture
def corpus(tmp_path: Path) -> list[Path]:
    return [write_file(tmp_path / "corpus" / f"doc{i}.tml", _timeml(i)) for i in range(6)]


def test_training_is_deterministic(corpus: list[Path], tmp_path: Path) -> None:
    settings = {"min_label_count": 1, "min_count": 1, "epochs": 3}
    one = train_relations(corpus, tmp_path / "a.json", seed=3, settings=settings)
    two = train_relations(corpus, tmp_path / "b.json", seed=3, settings=settings)
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    assert one["documents"] == 6 and one["label_counts"] == two["label_counts"]
    # "attacked" and "said" are BEFORE t0 as annotated, "raid" through the closure
    # (raid BEFORE said BEFORE t0): three per document.
    assert one["label_counts"]["ED"] == {"BEFORE": 18, "AFTER": 6}


def test_trained_model_tags_its_training_data(corpus: list[Path]) -> None:
    docs = list(iter_documents([str(p) for p in corpus]))
    model = train_model(docs, settings={"min_label_count": 1, "min_count": 1, "epochs": 10,
                                        "rate": 0.2})
    thresholds, scores = tune_thresholds(model, docs)
    assert set(thresholds) == {"ET", "ED", "EE", "EM"}
    assert model.thresholds == thresholds
    assert scores.f1 > 90
    again = evaluate_task_c(docs, RelationTagger(model))
    assert again.f1 == pytest.approx(scores.f1)


def test_main_trains_and_prints_a_summary(corpus: list[Path], tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "model.json"
    assert main([str(corpus[0].parent), "-o", str(out), "--dev", str(corpus[0])]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["documents"] == 6 and summary["model"] == str(out)
    assert "thresholds" in summary["dev"]
    assert RelationTagger(out).model.classifiers
    with pytest.raises(SystemExit):
        main([])


def test_evaluate_task_c_leaves_gold_alone(corpus: list[Path]) -> None:
    gold = list(iter_documents([str(p) for p in corpus]))
    before = [(len(d.links), [e.tense for e in d.events]) for d in gold]

    class Oracle(RelationTagger):
        def links(self, doc: Document) -> list[Link]:
            return next(g.links for g in gold if g.id == doc.id)

    scores = evaluate_task_c(gold, Oracle(load_model()))
    assert scores.f1 == 100.0 and scores.files == 6
    assert [(len(d.links), [e.tense for e in d.events]) for d in gold] == before
    system = task_c_input(gold[0])
    assert system.links == [] and system.events == gold[0].events
    assert system.events[0] is not gold[0].events[0]
