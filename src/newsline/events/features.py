"""Token features for event detection and classification.

Each candidate token (a verb, auxiliary, noun or adjective) gets a list of sparse string
features: word, lemma, affixes, shape, part of speech, the words and tags around it, the
verb group it heads (auxiliaries, negation, a preceding "to"), the nearest verb before a
noun, and lexicon features: the verb behind a noun ("deployment" -> "deploy").
"""

from __future__ import annotations

from newsline.events.analysis import Analysis
from newsline.events.lexicon import Lexicon
from newsline.events.words import EN

#: Coarse parts of speech whose tokens are candidates for an EVENT.
CANDIDATE_POS = frozenset({"VERB", "AUX", "NOUN", "ADJ"})

_BOUNDARY_POS = frozenset({"PUNCT", "CCONJ", "SPACE"})
_GROUP_SKIP = frozenset({"RB", "RBR", "RBS"})
_NEGATIONS = EN.group_negations
_COMPLEMENTIZERS = EN.complementizers


def candidates(an: Analysis) -> list[int]:
    """Indices of the candidate tokens: verbs, auxiliaries, nouns, adjectives with letters."""
    return [i for i, (p, w) in enumerate(zip(an.pos, an.words, strict=True))
            if p in CANDIDATE_POS and any(c.isalpha() for c in w)]


def verb_group(an: Analysis, i: int) -> list[int]:
    """Indices of the auxiliaries, negations, adverbs and "to" before token ``i``,
    nearest first, up to the first other token."""
    out: list[int] = []
    j = i - 1
    while j >= 0 and len(out) < 6:
        tag, low = an.tags[j], an.lowers[j]
        if an.pos[j] == "AUX" or tag == "MD" or tag in _GROUP_SKIP or low in _NEGATIONS:
            out.append(j)
        elif tag == "TO":
            out.append(j)
            break
        else:
            break
        j -= 1
    return out


def _shape(text: str) -> str:
    if text.isupper() and len(text) > 1:
        return "UP"
    if text[:1].isupper():
        return "Title"
    if "-" in text:
        return "hyph"
    return "low"


def _verb_lemma(lemma: str, pos: str, lexicon: Lexicon) -> str | None:
    """The verb behind a token: its lemma for verbs and verb-like nouns, else the verb a
    noun is derived from ("deployment" -> "deploy")."""
    if pos in ("VERB", "AUX") or lemma in lexicon.verbs:
        return lemma
    if pos == "NOUN":
        return lexicon.base_verb(lemma)
    return None


def token_features(an: Analysis, i: int, lexicon: Lexicon) -> list[str]:
    """The sparse features of token ``i``, as strings."""
    n = len(an)
    lower, lemma, tag, pos = an.lowers[i], an.lemmas[i], an.tags[i], an.pos[i]
    feats = [
        "bias", f"w={lower}", f"l={lemma}", f"t={tag}", f"p={pos}",
        f"s2={lower[-2:]}", f"s3={lower[-3:]}", f"s4={lower[-4:]}", f"sh={_shape(an.words[i])}",
        f"lp={lemma}|{pos}", f"lt={lemma}|{tag}",
    ]
    verb = _verb_lemma(lemma, pos, lexicon)
    listed = lexicon.classes.get(lemma) or (lexicon.classes.get(verb) if verb else None)
    if listed:
        feats.append(f"gl={listed}")
    if verb:
        feats.append(f"vl={verb}")
        if pos in ("NOUN", "ADJ"):
            feats.append("nominal_verb" if verb == lemma else "derived_verb")
    if pos == "ADJ" and lower.endswith(("ed", "ing")):
        feats.append("participle_adj")
    for off in (-2, -1, 1, 2):
        j = i + off
        if 0 <= j < n:
            feats.append(f"t{off}={an.tags[j]}")
            feats.append(f"l{off}={an.lemmas[j]}")
        else:
            feats.append(f"t{off}=<pad>")
    prev_tag = an.tags[i - 1] if i > 0 else "<pad>"
    next_tag = an.tags[i + 1] if i + 1 < n else "<pad>"
    feats.append(f"tt={prev_tag}|{tag}")
    feats.append(f"ttt={prev_tag}|{tag}|{next_tag}")
    group = verb_group(an, i)
    if group:
        auxes = [an.lemmas[j] for j in reversed(group) if an.tags[j] not in _GROUP_SKIP
                 or an.lowers[j] in _NEGATIONS]
        feats.append("grp=" + "|".join(auxes) + f"|{tag}")
        for a in auxes:
            feats.append(f"aux={a}")
    if pos in ("NOUN", "ADJ"):
        # The nearest verb before it in the clause ("launched a campaign", "was dead").
        for j in range(i - 1, max(-1, i - 6), -1):
            if an.pos[j] in _BOUNDARY_POS:
                break
            if an.pos[j] in ("VERB", "AUX"):
                feats.append(f"pv={an.lemmas[j]}")
                break
    if pos in ("VERB", "AUX"):
        # What follows a verb: a complementizer, "to", an object noun.
        for j in range(i + 1, min(n, i + 4)):
            if an.pos[j] in _BOUNDARY_POS:
                feats.append("nx=punct")
                break
            if an.pos[j] in ("NOUN", "VERB"):
                feats.append(f"nx={an.pos[j]}")
                break
            if an.lowers[j] in _COMPLEMENTIZERS:
                feats.append(f"nx={an.lowers[j]}")
                break
    return feats
