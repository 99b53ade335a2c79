"""``train_events`` on a small made-up corpus: files, figures, determinism, held-out run."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from conftest import write_file
from newsline.documents.model import Document
from newsline.errors import NewslineError
from newsline.evaluation import split_of
from newsline.events import EventTagger, train_events

SENTENCES = [
    ("Police", "said", "REPORTING", "the", "attack", "OCCURRENCE", "ended", "OCCURRENCE"),
    ("Officials", "reported", "REPORTING", "the", "fire", "OCCURRENCE", "spread", "OCCURRENCE"),
    ("Witnesses", "saw", "PERCEPTION", "the", "crash", "OCCURRENCE", "happen", "OCCURRENCE"),
    ("Leaders", "wanted", "I_STATE", "the", "talks", "OCCURRENCE", "continued", "ASPECTUAL"),
]


def tml(name: str, k: int) -> str:
    who, v1, c1, det, n1, c2, v2, c3 = SENTENCES[k % len(SENTENCES)]
    return (f'<?xml version="1.0" ?>\n<TimeML>\n<DOCID>{name}</DOCID>\n<TEXT>\n'
            f'{who} <EVENT eid="e1" class="{c1}">{v1}</EVENT> on Monday that {det} '
            f'<EVENT eid="e2" class="{c2}">{n1}</EVENT> in the old city '
            f'<EVENT eid="e3" class="{c3}">{v2}</EVENT> late, and the tall house stood by '
            f'the green river near the small bridge.\n</TEXT>\n</TimeML>\n')


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    for k in range(12):  # story1, story3, story7, story8, story11 fall in the dev split
        write_file(root / f"story{k}.tml", tml(f"story{k}", k))
    assert {split_of(f"story{k}") for k in range(12)} == {"train", "dev"}
    return root


def test_train_writes_model_and_figures(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "m" / "events.npz"
    figures = train_events([corpus], out, seed=0)
    assert out.is_file()
    on_disk = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert on_disk == figures
    assert figures["trained_on"]["files"] == 12
    assert figures["trained_on"]["events"] == 36
    assert figures["trained_on"]["events_without_candidate"] == 0
    assert figures["dev"]["dev_files"] == 5 and figures["dev"]["train_files"] == 7
    # The train-part model behind the dev figures is kept beside the main one.
    assert (tmp_path / "m" / "events-train-split.npz").is_file()
    assert figures["settings"]["seed"] == 0
    assert figures["training_fit"]["relaxed_f1"] > 90
    # The trained model tags like its training data.
    tagger = EventTagger(model=out)
    doc = tagger.annotate(Document(id="x", text="Police said the attack ended late."))
    assert {"said", "attack", "ended"} <= {e.text for e in doc.events}


def test_training_is_deterministic(corpus: Path, tmp_path: Path) -> None:
    digests = []
    for run in ("a", "b"):
        out = tmp_path / run / "events.npz"
        train_events([corpus], out, seed=0, dev=False)
        digests.append(hashlib.sha256(out.read_bytes()).hexdigest())
    assert digests[0] == digests[1]


def test_training_needs_events(tmp_path: Path) -> None:
    write_file(tmp_path / "g" / "a.tml", "<TimeML><TEXT>The house stood there.</TEXT></TimeML>")
    with pytest.raises(NewslineError, match="events"):
        train_events([tmp_path / "g"], tmp_path / "m.npz", dev=False)
    (tmp_path / "empty").mkdir()
    with pytest.raises(NewslineError, match="no TimeML"):
        train_events([tmp_path / "empty"], tmp_path / "m.npz")
    with pytest.raises(NewslineError, match="no such file"):
        train_events([tmp_path / "missing"], tmp_path / "m.npz")
