"""Event attributes on sentences written for these tests: the rules, and the tagger end to end.

The rule tests pick the event word themselves and call ``attributes`` on the spaCy analysis;
the tagger tests check what ``EventTagger`` finds and says about it.
"""

from __future__ import annotations

import pytest

from newsline.documents.model import Document, Event
from newsline.events import EventTagger
from newsline.events.analysis import Analysis, analyse
from newsline.events.attributes import Attributes, attributes, event_pos
from newsline.events.nlp import load_lexicon, load_nlp
from newsline.events.tagger import _span


def analysis(text: str) -> Analysis:
    return analyse(load_nlp()(text), load_lexicon())


def attrs_of(text: str, word: str) -> Attributes:
    an = analysis(text)
    return attributes(an, an.words.index(word))


@pytest.fixture(scope="module")
def tagger() -> EventTagger:
    return EventTagger()


def event(tagger: EventTagger, text: str, word: str) -> Event:
    events = tagger.annotate(Document(id="t", text=text)).events
    found = [e for e in events if e.text == word]
    assert found, f"{word!r} not tagged in {text!r}: {[e.text for e in events]}"
    return found[0]


# --------------------------------------------------------------------------- rules


@pytest.mark.parametrize(("text", "word", "tense", "aspect", "polarity", "modality"), [
    ("The minister did not respond to the letter.", "respond", "PAST", "NONE", "NEG", None),
    ("The council does n't know yet.", "know", "PRESENT", "NONE", "NEG", None),
    ("They never returned to the village.", "returned", "PAST", "NONE", "NEG", None),
    ("The two leaders will meet in Geneva next week.", "meet", "FUTURE", "NONE", "POS", None),
    ("The talks won't resume before May.", "resume", "FUTURE", "NONE", "NEG", None),
    ("The mayor has resigned.", "resigned", "PRESENT", "PERFECTIVE", "POS", None),
    ("The mayor had resigned before the vote.", "resigned", "PAST", "PERFECTIVE", "POS", None),
    ("Workers are striking across the region.", "striking", "PRESENT", "PROGRESSIVE", "POS",
     None),
    ("The firm was being investigated.", "investigated", "PAST", "PROGRESSIVE", "POS", None),
    ("Prices have been rising for months.", "rising", "PRESENT", "PERFECTIVE_PROGRESSIVE",
     "POS", None),
    ("The company wants to expand abroad.", "expand", "INFINITIVE", "NONE", "POS", None),
    ("The bridge could collapse at any time.", "collapse", "NONE", "NONE", "POS", "could"),
    ("Residents should leave the area.", "leave", "PRESENT", "NONE", "POS", "should"),
    ("The army can not win this war.", "win", "PRESENT", "NONE", "NEG", "can"),
    ("The deployment ended in March.", "deployment", "NONE", "NONE", "POS", None),
    ("The officials said the strike was over.", "said", "PAST", "NONE", "POS", None),
    ("He says the plan works.", "says", "PRESENT", "NONE", "POS", None),
])
def test_rule_attributes(text: str, word: str, tense: str, aspect: str, polarity: str,
                         modality: str | None) -> None:
    got = attrs_of(text, word)
    assert (got.tense, got.aspect, got.polarity, got.modality) == (
        tense, aspect, polarity, modality)


def test_line_breaks_do_not_cut_the_verb_group() -> None:
    got = attrs_of("It is the first time he has\nput a number on it.", "put")
    assert (got.tense, got.aspect) == ("PRESENT", "PERFECTIVE")


def test_no_before_a_noun_is_negative() -> None:
    assert attrs_of("There was no agreement on the budget.", "agreement").polarity == "NEG"


@pytest.mark.parametrize(("tag", "pos"), [
    ("VBD", "VERB"), ("MD", "VERB"), ("NNS", "NOUN"), ("JJ", "ADJECTIVE"), ("IN", "PREPOSITION"),
    ("RB", "OTHER"),
])
def test_event_pos(tag: str, pos: str) -> None:
    assert event_pos(tag) == pos


# --------------------------------------------------------------------------- tagger


def test_did_not_respond_is_negative(tagger: EventTagger) -> None:
    e = event(tagger, "The company did not respond to questions on Monday.", "respond")
    assert e.polarity == "NEG"
    assert e.tense == "PAST"
    assert e.pos == "VERB"


def test_will_meet_is_future(tagger: EventTagger) -> None:
    e = event(tagger, "The two presidents will meet in Geneva next week.", "meet")
    assert e.tense == "FUTURE"
    assert e.polarity == "POS"


@pytest.mark.parametrize(("text", "word"), [
    ("Police said two people were injured in the blast.", "said"),
    ("The agency reported that exports fell sharply in June.", "reported"),
])
def test_reporting_verbs(tagger: EventTagger, text: str, word: str) -> None:
    assert event(tagger, text, word).cls == "REPORTING"


def test_nominal_events(tagger: EventTagger) -> None:
    text = "The invasion was followed by a long war and a ceremony in the capital."
    found = {e.text for e in tagger.annotate(Document(id="t", text=text)).events}
    assert {"invasion", "war"} <= found


def test_ids_offsets_and_order(tagger: EventTagger) -> None:
    text = "Rebels attacked the town on Friday.\n\nThe army  responded, officials said."
    doc = tagger.annotate(Document(id="t", text=text))
    assert [e.id for e in doc.events] == [f"e{k}" for k in range(1, len(doc.events) + 1)]
    assert [e.start for e in doc.events] == sorted(e.start for e in doc.events)
    for e in doc.events:
        assert text[e.start:e.end] == e.text
    assert {"attacked", "responded", "said"} <= {e.text for e in doc.events}


def test_hyphenated_compound_is_one_span() -> None:
    text = "The rebels agreed to a cease-fire on Sunday, a well - known step."
    an = analysis(text)
    for word in ("cease", "fire"):
        start, end = _span(an, an.words.index(word))
        assert text[start:end] == "cease-fire"
    start, end = _span(an, an.words.index("known"))
    assert text[start:end] == "known"  # spaced hyphens do not join words


def test_annotate_many_matches_annotate(tagger: EventTagger) -> None:
    texts = ["Troops withdrew from the border.", "", "Talks will resume, he said.",
             "No verbs here at all, only nouns and numbers: 12, 13."]
    one_by_one = [tagger.annotate(Document(id=str(k), text=t)).events
                  for k, t in enumerate(texts)]
    batched = tagger.annotate_many([Document(id=str(k), text=t) for k, t in enumerate(texts)])
    assert [d.events for d in batched] == one_by_one
    assert batched[1].events == []
