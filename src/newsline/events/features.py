"""Token features for event detection and classification, from a spaCy parse.

Each candidate token (a verb, auxiliary, noun or adjective) gets a list of sparse string
features (word, lemma, affixes, part of speech, neighbours, dependency relation, head and
children) and a dense vector: the token's row of ``doc.tensor``, the contextual vector the
model's own tok2vec layer computed for the tagger and parser.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: Coarse parts of speech whose tokens are candidates for an EVENT.
CANDIDATE_POS = frozenset({"VERB", "AUX", "NOUN", "ADJ"})

_CHILD_DEPS = frozenset({
    "aux", "auxpass", "neg", "nsubj", "nsubjpass", "dobj", "ccomp", "xcomp", "prep", "det",
    "poss", "amod", "compound", "acomp", "attr", "advmod", "prt", "mark", "agent", "pobj",
    "relcl", "acl", "cop", "nummod",
})
_CHILD_LEMMA_DEPS = frozenset({"aux", "auxpass", "neg", "det", "prep", "prt", "mark", "agent"})


def is_candidate(token: Token) -> bool:
    """Whether ``token`` may be an event: a verb, auxiliary, noun or adjective with letters."""
    return token.pos_ in CANDIDATE_POS and any(c.isalpha() for c in token.text)


def _shape(text: str) -> str:
    if text.isupper() and len(text) > 1:
        return "UP"
    if text[:1].isupper():
        return "Title"
    if "-" in text:
        return "hyph"
    return "low"


def token_features(token: Token) -> list[str]:
    """The sparse features of one token, as strings."""
    doc = token.doc
    i = token.i
    lower = token.lower_
    lemma = token.lemma_.lower()
    tag = token.tag_
    pos = token.pos_
    dep = token.dep_
    head = token.head
    feats = [
        "bias", f"w={lower}", f"l={lemma}", f"t={tag}", f"p={pos}", f"d={dep}",
        f"s3={lower[-3:]}", f"s4={lower[-4:]}", f"s2={lower[-2:]}", f"sh={_shape(token.text)}",
        f"lp={lemma}|{pos}", f"lt={lemma}|{tag}", f"dp={dep}|{pos}",
        f"hd={dep}|{head.pos_}", f"hl={head.lemma_.lower()}", f"hdl={dep}|{head.lemma_.lower()}",
        f"hp={head.pos_}", f"ld={lemma}|{dep}",
    ]
    if token.is_sent_start:
        feats.append("first")
    for off in (-2, -1, 1, 2):
        j = i + off
        if 0 <= j < len(doc):
            other = doc[j]
            feats.append(f"t{off}={other.tag_}")
            feats.append(f"l{off}={other.lemma_.lower()}")
        else:
            feats.append(f"t{off}=<pad>")
    prev_tag = doc[i - 1].tag_ if i > 0 else "<pad>"
    next_tag = doc[i + 1].tag_ if i + 1 < len(doc) else "<pad>"
    feats.append(f"tt={prev_tag}|{tag}")
    feats.append(f"ttt={prev_tag}|{tag}|{next_tag}")
    for child in token.children:
        cdep = child.dep_
        if cdep in _CHILD_DEPS:
            feats.append(f"c={cdep}")
            if cdep in _CHILD_LEMMA_DEPS:
                feats.append(f"cl={cdep}|{child.lemma_.lower()}")
            else:
                feats.append(f"cp={cdep}|{child.pos_}")
    return feats


def doc_candidates(doc: Doc) -> list[Token]:
    """The candidate tokens of ``doc``, in text order."""
    return [t for t in doc if is_candidate(t)]
