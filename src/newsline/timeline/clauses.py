"""Reading the spaCy parse for the timeline builder: tokens under characters, governing
events, an event's own clause and its text.

These helpers only look at the parse; offsets and text stay the Document's.
"""

from __future__ import annotations

import bisect
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
    doc = token.doc
    # the first conjunct of each chain and its subject, remembered per parse: a chain of
    # thousands of "and ..." is walked once, not once per verb
    tops = doc.user_data.setdefault("newsline.conj_tops", {})
    subjects = doc.user_data.setdefault("newsline.chain_subjects", {})
    path, head = [], token.head
    while head.i not in tops and head.dep_ == "conj" and head.head.i != head.i:
        path.append(head.i)
        head = head.head
    top = tops.setdefault(head.i, head.i)
    for i in path:
        tops[i] = top
    if top not in subjects:
        subjects[top] = next((c.i for c in doc[top].children
                              if c.dep_ in ("nsubj", "nsubjpass")), None)
    return doc[subjects[top]] if subjects[top] is not None else None


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


#: Longest sentence an entry quotes whole (the longest in the TempEval-3 train set has 593
#: characters); of a longer one (a run-on text) it quotes about this many characters around
#: its event, cut at spaces, so that the output stays linear in the text's length.
MAX_SENTENCE_CHARS = 1000


def sentence_span(token) -> tuple[int, int]:
    """Character offsets of the sentence holding ``token`` (of a sentence longer than
    :data:`MAX_SENTENCE_CHARS`, the stretch of that length around ``token``)."""
    _first, start_char, end_char = sentence_bounds(token)
    if end_char - start_char <= MAX_SENTENCE_CHARS:
        return start_char, end_char
    text = token.doc.user_data.get(_TEXT)
    if text is None:  # Doc.text joins every token anew on each call
        text = token.doc.user_data[_TEXT] = token.doc.text
    lo = max(start_char, min(token.idx - MAX_SENTENCE_CHARS // 2,
                             end_char - MAX_SENTENCE_CHARS))
    hi = min(end_char, lo + MAX_SENTENCE_CHARS)
    if lo > start_char:
        cut = text.find(" ", lo, token.idx)
        lo = cut + 1 if cut >= 0 else lo
    if hi < end_char:
        cut = text.rfind(" ", token.idx + len(token), hi)
        hi = cut if cut >= 0 else hi
    return lo, hi


def sentence_start(token) -> int:
    """Index of the first token of the sentence holding ``token`` (``token.sent.start``)."""
    return sentence_bounds(token)[0]


def sentence_bounds(token) -> tuple[int, int, int]:
    """The sentence holding ``token``: its first token, start and end characters (what
    ``token.sent`` gives, without walking the sentence)."""
    spans = _sentences(token.doc)
    return spans[bisect.bisect_right(spans, (token.i, _BIG)) - 1]


_BIG = 1 << 62
_SENTENCES = "newsline.sentences"
_TEXT = "newsline.text"


def _sentences(parsed) -> list[tuple[int, int, int]]:
    """(first token, start char, end char) of each sentence of a parse, made once per parse
    (spaCy's ``token.sent`` walks the whole sentence on every call)."""
    spans = parsed.user_data.get(_SENTENCES)
    if spans is None:
        spans = [(s.start, s.start_char, s.end_char) for s in parsed.sents]
        parsed.user_data[_SENTENCES] = spans
    return spans


def sentence_text(doc: Document, token) -> str:
    """The sentence holding ``token``, verbatim from the document."""
    start, end = sentence_span(token)
    return doc.text[start:end].strip()


