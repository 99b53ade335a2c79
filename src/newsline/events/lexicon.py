"""Word lists and lemmas, taken from the spaCy model's own lemmatizer tables.

The English lemmatizer of the model ships WordNet's lemma index (lists of noun, verb and
adjective lemmas), exception lists ("was" -> "be") and suffix rules. The events stage runs
only the model's tok2vec and tagger (the attribute ruler and lemmatizer cost more than the
tagger itself), so it lemmatizes here from the Penn tag, with the same tables and the same
rule-based algorithm, cached per (word, tag). From the lemma index we also tell whether a
noun is also a verb ("attack", "move") or derived from one by a nominalizing suffix
("deployment" from "deploy", "departure" from "depart").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsline.events.words import EN

#: Hand-made lists of the English language data.
RESOURCES = Path(__file__).resolve().parent / "resources" / "en"

# Nominalizing suffixes and the endings that may replace them to give the verb.
_SUFFIXES = EN.nominal_suffixes

#: Penn Treebank tag -> universal part of speech (spaCy's English tag map).
TAG_POS: dict[str, str] = {
    "NN": "NOUN", "NNS": "NOUN", "NNP": "PROPN", "NNPS": "PROPN",
    "VB": "VERB", "VBD": "VERB", "VBG": "VERB", "VBN": "VERB", "VBP": "VERB", "VBZ": "VERB",
    "MD": "AUX", "JJ": "ADJ", "JJR": "ADJ", "JJS": "ADJ", "AFX": "ADJ",
    "RB": "ADV", "RBR": "ADV", "RBS": "ADV", "WRB": "ADV", "RP": "ADP", "IN": "ADP",
    "TO": "PART", "POS": "PART", "DT": "DET", "PDT": "DET", "WDT": "DET",
    "PRP": "PRON", "PRP$": "PRON", "WP": "PRON", "WP$": "PRON", "EX": "PRON",
    "CC": "CCONJ", "CD": "NUM", "UH": "INTJ", "SYM": "SYM", "$": "SYM", "_SP": "SPACE",
    "FW": "X", "LS": "X", "XX": "X", "ADD": "X",
}
_BASE_TAGS = frozenset({"NN", "VB", "VBP", "JJ"})
_LEMMA_POS = {"NOUN": "noun", "VERB": "verb", "AUX": "verb", "ADJ": "adj", "ADV": "adv"}

#: Forms of the auxiliaries, with their lemma.
AUX_LEMMAS: dict[str, str] = EN.auxiliaries


def read_classes(path: Path = RESOURCES / "classes.tsv") -> dict[str, str]:
    """``lemma -> TimeML class`` from a ``lemma<TAB>class`` file (``#`` comments)."""
    out: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        lemma, sep, cls = line.partition("\t")
        if not sep or not lemma or not cls:
            raise ValueError(f"{path}:{number}: expected 'lemma<TAB>class'")
        out[lemma.strip().lower()] = cls.strip()
    return out


@dataclass(slots=True)
class Lexicon:
    """WordNet's lemma lists and the lemmatizer tables of the spaCy model."""

    verbs: frozenset[str]
    nouns: frozenset[str]
    adjectives: frozenset[str]
    index: dict[str, frozenset[str]] = field(default_factory=dict)
    exceptions: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    rules: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    classes: dict[str, str] = field(default_factory=dict)
    _cache: dict[tuple[str, str], str] = field(default_factory=dict)

    @classmethod
    def from_nlp(cls, nlp: Any) -> Lexicon:
        """The tables of the pipeline's lemmatizer (empty ones if it has none)."""
        classes = read_classes()
        try:
            lookups = nlp.get_pipe("lemmatizer").lookups
        except (KeyError, ValueError, AttributeError):
            return cls(frozenset(), frozenset(), frozenset(), classes=classes)
        index_t = lookups.get_table("lemma_index", {})
        exc_t = lookups.get_table("lemma_exc", {})
        rules_t = lookups.get_table("lemma_rules", {})
        index = {pos: frozenset(index_t.get(pos, ())) for pos in ("noun", "verb", "adj", "adv")}
        return cls(
            verbs=frozenset(w.lower() for w in index["verb"]),
            nouns=frozenset(w.lower() for w in index["noun"]),
            adjectives=frozenset(w.lower() for w in index["adj"]),
            index=index,
            exceptions={pos: dict(exc_t.get(pos, {})) for pos in ("noun", "verb", "adj", "adv")},
            rules={pos: [(old, new) for old, new in rules_t.get(pos, [])]
                   for pos in ("noun", "verb", "adj", "adv")},
            classes=classes,
        )

    def lemma(self, lower: str, tag: str) -> str:
        """The lemma of a lower-cased word with Penn tag ``tag`` (spaCy's rule algorithm)."""
        key = (lower, tag)
        found = self._cache.get(key)
        if found is None:
            found = self._lemmatize(lower, tag)
            self._cache[key] = found
        return found

    def _lemmatize(self, lower: str, tag: str) -> str:
        if tag.startswith(("VB", "MD")) and lower in AUX_LEMMAS:
            return AUX_LEMMAS[lower]
        pos = _LEMMA_POS.get(TAG_POS.get(tag, ""))
        if pos is None or tag in _BASE_TAGS:
            return lower
        index = self.index.get(pos, frozenset())
        forms: list[str] = []
        oov: list[str] = []
        for old, new in self.rules.get(pos, ()):
            if lower.endswith(old):
                form = lower[: len(lower) - len(old)] + new
                if not form:
                    continue
                if form in index:
                    forms.insert(0, form)
                elif not form.isalpha():
                    forms.append(form)
                else:
                    oov.append(form)
        for form in self.exceptions.get(pos, {}).get(lower, ()):
            if form not in forms:
                forms.insert(0, form)
        if not forms:
            forms = oov
        return forms[0] if forms else lower

    def base_verb(self, lemma: str) -> str | None:
        """The verb a noun lemma is derived from by a nominalizing suffix, if any."""
        for suffix, endings in _SUFFIXES:
            if lemma.endswith(suffix) and len(lemma) > len(suffix) + 2:
                stem = lemma[: -len(suffix)]
                for ending in endings:
                    verb = stem + ending
                    if verb in self.verbs:
                        return verb
                if len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in self.verbs:
                    return stem[:-1]  # "planning" -> "plan"
        return None
