"""Tense, aspect, polarity, modality and part of speech of an event, by rule.

The rules read the verb group before the event word: the auxiliaries, modals, negations
and adverbs right before it, up to a "to" or any other word (``features.verb_group``).

* tense: ``will``/``shall``/``'ll`` -> FUTURE; ``to`` -> INFINITIVE; else the first
  finite word of the group (or the word itself): past forms -> PAST, present forms ->
  PRESENT; a lone ``-ing`` form -> PRESPART (NONE after a determiner: "the bombing"); a
  lone participle -> PAST; nouns -> NONE. With a modal other than will/shall the tense
  follows the TimeBank majority (NONE for would/could/may/must, PRESENT for the others).
* aspect: have + participle -> PERFECTIVE; be + ``-ing`` (or being + participle) ->
  PROGRESSIVE; have been + ``-ing`` -> PERFECTIVE_PROGRESSIVE.
* polarity: NEG when the group holds "not", "n't", "never" or "no" (or "no"/"without"
  right before a noun); POS otherwise.
* modality: the modal verb of the group ("would", "could", "can", ...), lower case.
* pos: VERB, NOUN, ADJECTIVE, PREPOSITION or OTHER from the Penn tag.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsline.events.analysis import Analysis
from newsline.events.features import verb_group
from newsline.events.words import EN

FUTURE_MODALS = EN.future_modals
NEGATIONS = EN.negations
_MODAL_FORMS = EN.modal_forms
_MODAL_TENSE = EN.modal_tense
_PAST_AUX = EN.past_auxiliaries
_NOMINAL_BEFORE = frozenset({"DT", "PRP$", "POS", "PDT", "WP$"})
_NOUN_NEGATIONS = EN.noun_negations


@dataclass(frozen=True, slots=True)
class Attributes:
    """The MAKEINSTANCE attributes of one event."""

    tense: str = "NONE"
    aspect: str = "NONE"
    polarity: str = "POS"
    modality: str | None = None
    pos: str = "OTHER"


def event_pos(tag: str) -> str:
    """TimeML part of speech from a Penn tag."""
    if tag.startswith(("VB", "MD")):
        return "VERB"
    if tag.startswith("NN"):
        return "NOUN"
    if tag.startswith("JJ"):
        return "ADJECTIVE"
    if tag in ("IN", "RP", "TO"):
        return "PREPOSITION"
    return "OTHER"


def _aspect(lemmas: list[str], tags: list[str], tag: str) -> str:
    """Aspect from the auxiliary lemmas (left to right) and the event word's tag."""
    has_have = "have" in lemmas
    last = lemmas[-1] if lemmas else ""
    if tag == "VBG" and last == "be":
        return "PERFECTIVE_PROGRESSIVE" if has_have and tags[-1] == "VBN" else "PROGRESSIVE"
    if tag == "VBN" and last == "be" and tags[-1] == "VBG":
        return "PROGRESSIVE"  # "is being investigated"
    if has_have and tag in ("VBN", "VBD") or has_have and last == "be" and tags[-1] == "VBN":
        return "PERFECTIVE"
    return "NONE"


def attributes(an: Analysis, i: int) -> Attributes:
    """The attributes of the event at token ``i``."""
    tag = an.tags[i]
    pos = event_pos(tag)
    group = list(reversed(verb_group(an, i)))  # left to right
    words = [an.lowers[j] for j in group]
    polarity = "NEG" if any(w in NEGATIONS for w in words) else "POS"
    if pos in ("NOUN", "ADJECTIVE") and i > 0 and an.lowers[i - 1] in _NOUN_NEGATIONS:
        polarity = "NEG"
    auxes = [j for j in group if an.pos[j] == "AUX" or an.tags[j] in ("MD", "TO")]
    aux_words = [an.lowers[j] for j in auxes]
    modal = next((_MODAL_FORMS.get(w, w) for j, w in zip(auxes, aux_words, strict=True)
                  if an.tags[j] == "MD" and w not in FUTURE_MODALS), None)
    lemmas = [an.lemmas[j] for j in auxes if an.tags[j] not in ("MD", "TO")]
    tags = [an.tags[j] for j in auxes if an.tags[j] not in ("MD", "TO")]
    aspect = _aspect(lemmas, tags, tag) if pos in ("VERB",) or lemmas else "NONE"

    if any(w in FUTURE_MODALS for w in aux_words):
        tense = "FUTURE"
    elif modal is not None:
        tense = _MODAL_TENSE.get(modal, "PRESENT")
    elif aux_words and aux_words[0] == "to":
        tense = "INFINITIVE" if pos == "VERB" else "NONE"
    elif auxes:
        first = aux_words[0]
        first_tag = an.tags[auxes[0]]
        if first in _PAST_AUX or first_tag == "VBD":
            tense = "PAST"
        elif first_tag in ("VBZ", "VBP") or first in ("am", "'s", "'re", "’s", "’re"):
            tense = "PRESENT"
        elif first_tag == "VBG":
            tense = "PRESPART"
        elif first_tag == "VBN":
            tense = "PASTPART"
        else:
            tense = "NONE"
    elif pos != "VERB":
        tense = "NONE"
    elif tag == "VBD":
        tense = "PAST"
    elif tag in ("VBZ", "VBP"):
        tense = "PRESENT"
    elif tag == "VBG":
        tense = "NONE" if i > 0 and an.tags[i - 1] in _NOMINAL_BEFORE else "PRESPART"
    elif tag == "VBN":
        tense = "PAST"
    elif tag == "VB":
        tense = "PRESENT"
    else:
        tense = "NONE"
    return Attributes(tense=tense, aspect=aspect, polarity=polarity, modality=modal, pos=pos)
