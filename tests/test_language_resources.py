"""The English words of the sentence splitter and the relation features come from their
resources/en files, every list read, and drive the code."""

from __future__ import annotations

import tomllib
from dataclasses import fields

from newsline.documents import sentences
from newsline.relations import features
from newsline.relations.words import RESOURCES, RelationWords, load_words


def test_every_list_of_the_relation_words_is_read() -> None:
    data = tomllib.loads((RESOURCES / "en" / "words.toml").read_text(encoding="utf-8"))
    assert set(data) == {f.name for f in fields(RelationWords)}
    words = load_words("en")
    assert load_words("en") is words and features.SIGNALS is words.signals
    assert words.modals["wo"] == "will" and words.stem_suffixes[:2] == ("ings", "ing")


def test_the_splitter_reads_its_words_from_the_file() -> None:
    path = sentences.RESOURCES / "en" / "sentences.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert set(data) == {"abbreviations", "titles", "before_number", "sentence_starters"}
    assert sentences.ABBREVIATIONS == frozenset(data["abbreviations"].split())
    text = "Gen. Lee arrived at noon. Acme Inc. said so."
    assert [text[s:e] for s, e in sentences.split_sentences(text)] == [
        "Gen. Lee arrived at noon.", "Acme Inc. said so."]
