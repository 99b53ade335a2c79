"""The events stage's English words come from resources/en/words.toml, every list read."""

from __future__ import annotations

import tomllib
from dataclasses import fields

from newsline.events import attributes, lexicon
from newsline.events.words import RESOURCES, EventWords, load_words


def test_every_list_of_the_file_is_read_and_nothing_else() -> None:
    data = tomllib.loads((RESOURCES / "en" / "words.toml").read_text(encoding="utf-8"))
    assert set(data) == {f.name for f in fields(EventWords)}


def test_the_rules_read_the_loaded_words() -> None:
    words = load_words("en")
    assert load_words("en") is words
    assert attributes.FUTURE_MODALS is words.future_modals and "’ll" in words.future_modals
    assert lexicon.AUX_LEMMAS["’re"] == "be" and lexicon.AUX_LEMMAS["done"] == "do"
    assert lexicon._SUFFIXES[0] == ("ization", ("ize",))  # tried in the file's order
    assert words.modal_forms["ca"] == "can" and words.modal_tense["would"] == "NONE"
