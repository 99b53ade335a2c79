"""A spaCy parse flattened into plain lists: what the features and attribute rules read.

The pipeline runs only the model's tokenizer, tok2vec and tagger; parts of speech and
lemmas come from the Penn tags through :class:`~newsline.events.lexicon.Lexicon`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsline.events.lexicon import AUX_LEMMAS, TAG_POS, Lexicon
from newsline.events.words import EN

_SKIP_TO_VERB = frozenset({"RB", "RBR", "RBS", "PRP", "DT", "PDT"})


@dataclass(slots=True)
class Analysis:
    """Parallel per-token lists for one text (whitespace tokens left out)."""

    starts: list[int]
    ends: list[int]
    words: list[str]
    lowers: list[str]
    tags: list[str]
    pos: list[str]
    lemmas: list[str]

    def __len__(self) -> int:
        return len(self.words)


def _pos(tag: str) -> str:
    pos = TAG_POS.get(tag)
    if pos is not None:
        return pos
    return "X" if tag[:1].isalpha() else "PUNCT"


def _is_auxiliary(i: int, lowers: list[str], tags: list[str]) -> bool:
    """``have``/``do`` forms are auxiliaries when a verb follows (adverbs may intervene)."""
    for j in range(i + 1, min(i + 4, len(tags))):
        if tags[j].startswith("VB"):
            return True
        if tags[j] not in _SKIP_TO_VERB and lowers[j] not in EN.auxiliary_negations:
            return False
    return False


def analyse(sdoc: Any, lexicon: Lexicon) -> Analysis:
    """Flatten a spaCy ``Doc`` (tokenized and tagged) into an :class:`Analysis`."""
    tokens = [t for t in sdoc if not t.is_space]  # line breaks are no words
    words = [t.text for t in tokens]
    lowers = [w.lower() for w in words]
    tags = [t.tag_ for t in tokens]
    starts = [t.idx for t in tokens]
    ends = [s + len(w) for s, w in zip(starts, words, strict=True)]
    pos = [_pos(tag) for tag in tags]
    for i, (low, tag) in enumerate(zip(lowers, tags, strict=True)):
        if tag.startswith("VB") and low in AUX_LEMMAS:
            if AUX_LEMMAS[low] == "be" or _is_auxiliary(i, lowers, tags):
                pos[i] = "AUX"
    lemmas = [lexicon.lemma(low, tag) for low, tag in zip(lowers, tags, strict=True)]
    return Analysis(starts=starts, ends=ends, words=words, lowers=lowers, tags=tags, pos=pos,
                    lemmas=lemmas)
