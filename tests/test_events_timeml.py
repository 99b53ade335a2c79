"""Events through TimeML and JSON: tagger -> writer -> reader gives the same events."""

from __future__ import annotations

import json

import pytest

from newsline.documents.model import Document, Event
from newsline.documents.timeml import parse_timeml
from newsline.documents.writers import to_json, to_timeml
from newsline.events import EventTagger

TEXT = ("Rebels attacked the border town on Friday & the army did not respond.\n\n"
        "Officials said talks will resume after the cease-fire, which could collapse.")
EVENT_FIELDS = {"id", "start", "end", "text", "class", "tense", "aspect", "polarity",
                "modality", "pos"}


def _key(e: Event) -> tuple:
    return (e.id, e.start, e.end, e.text, e.cls, e.tense, e.aspect, e.polarity, e.modality,
            e.pos)


@pytest.fixture(scope="module")
def tagged() -> Document:
    return EventTagger().annotate(Document(id="round", text=TEXT, dct="2024-03-01"))


def test_tagger_output_survives_timeml(tagged: Document) -> None:
    assert len(tagged.events) >= 5
    back = parse_timeml(to_timeml(tagged), "round.tml", "round")
    assert back.text == TEXT
    assert [_key(e) for e in back.events] == [_key(e) for e in tagged.events]


def test_hand_made_events_survive_timeml() -> None:
    text = "He will not resign, she said."
    events = [
        Event(start=8, end=18, text="not resign", cls="I_ACTION", tense="FUTURE",
              aspect="NONE", polarity="NEG", modality="would", pos="VERB", id="e1"),
        Event(start=24, end=28, text="said", cls="REPORTING", tense="PAST", pos="VERB",
              id="e2"),
    ]
    doc = Document(id="h", text=text, dct="2024-03-01", events=events)
    markup = to_timeml(doc)
    assert '<EVENT eid="e2" class="REPORTING">said</EVENT>' in markup
    assert 'modality="would"' in markup and 'polarity="NEG"' in markup
    back = parse_timeml(markup, "h.tml", "h")
    assert [_key(e) for e in back.events] == [_key(e) for e in events]


def test_json_has_the_contract_fields(tagged: Document) -> None:
    [doc] = json.loads(to_json([tagged]))["documents"]
    assert doc["events"]
    for e in doc["events"]:
        assert set(e) == EVENT_FIELDS
        assert doc["text"][e["start"]:e["end"]] == e["text"]
        assert e["class"] in {"OCCURRENCE", "REPORTING", "PERCEPTION", "ASPECTUAL",
                              "I_ACTION", "I_STATE", "STATE"}
        assert e["polarity"] in {"POS", "NEG"}
