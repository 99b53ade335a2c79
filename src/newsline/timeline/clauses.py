"""Reading the spaCy parse for the timeline builder: tokens under characters, governing
events, an event's own clause and its text.

These helpers only look at the parse; offsets and text stay the Document's.
"""

from __future__ import annotations

from collections.abc import Container

from newsline.documents.model import Document, Timex

#: Dependencies that open another clause: what an event's own clause stops at.
CLAUSE_BREAKS = {"ccomp", "advcl", "relcl", "conj", "parataxis", "acl", "csubj", "cc",
                 "punct", "mark", "appos"}


def token_at(parsed, start: int, end: int):
    """The syntactic head of the tokens over characters ``start:end`` (None if none)."""
    span = parsed.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span.root


def head_index(parsed, timex: Timex) -> int | None:
    """The index of the head token of ``timex`` in the parse (None if it covers none)."""
    span = parsed.char_span(timex.start, timex.end, alignment_mode="expand")
    return span.root.i if span is not None and len(span) else None


def governor_event(token, events_at: Container[int], steps: int = 4) -> int | None:
    """The nearest token up the tree from ``token`` (at most ``steps`` up) whose index is in
    ``events_at``."""
    head = token
    for _ in range(steps):
        if head.head is head:
            return None
        head = head.head
        if head.i in events_at:
            return head.i
    return None


def shared_subject(token):
    """The subject a coordinated verb shares with the verb it is joined to, else None."""
    if token.dep_ != "conj" or token.pos_ not in ("VERB", "AUX"):
        return None
    head = token.head
    while head.dep_ == "conj" and head.head is not head:
        head = head.head
    return next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def clause_tokens(token) -> list:
    """The event's own clause: its subtree without subordinate clauses and punctuation."""
    keep = [token]
    stack = [c for c in token.children if c.dep_ not in CLAUSE_BREAKS or word_inner(c)]
    while stack:
        item = stack.pop()
        keep.append(item)
        stack.extend(c for c in item.children
                     if c.dep_ not in ("relcl", "punct", "ccomp", "advcl", "parataxis")
                     or word_inner(c))
    return sorted(keep, key=lambda t: t.i)


def word_inner(token) -> bool:
    """A hyphen or slash inside a word ("120-day", "would-be"): kept with the word."""
    doc = token.doc
    return (token.text in ("-", "–", "/") and not token.whitespace_ and token.i > 0
            and not doc[token.i - 1].whitespace_ and token.i + 1 < len(doc))


def with_inner_punctuation(tokens: list) -> list:
    """``tokens`` (in order) with the punctuation that hangs on them inside their span, so a
    summary keeps the sentence's commas, hyphens and quotes ("cars, trucks and buses")."""
    if not tokens:
        return tokens
    kept = {t.i for t in tokens}
    first, last = tokens[0].i, tokens[-1].i
    inner = [c for t in tokens for c in t.children
             if c.dep_ == "punct" and first < c.i < last and c.i not in kept]
    return sorted([*tokens, *inner], key=lambda t: t.i)


def join_tokens(tokens: list) -> str:
    """The tokens' text, spaced as in the document, gaps closed by one space."""
    if not tokens:
        return ""
    out = []
    for token, following in zip(tokens, [*tokens[1:], None], strict=True):
        out.append(token.text)
        if following is not None and token.whitespace_ and following.i == token.i + 1:
            out.append(" ")
        elif following is not None and following.i != token.i + 1 and not (
                following.is_punct and not token.doc[following.i - 1].whitespace_):
            out.append(" ")  # a gap (a date left out), but "capitals Friday, killing"
            # closes up before its comma: "capitals, killing"
    return "".join(out).strip(" ,;:_-\u2013\u2014")


def sentence_span(token) -> tuple[int, int]:
    """Character offsets of the sentence holding ``token``."""
    sent = token.sent
    return sent.start_char, sent.end_char


def sentence_text(doc: Document, token) -> str:
    """The sentence holding ``token``, verbatim from the document."""
    start, end = sentence_span(token)
    return doc.text[start:end].strip()


