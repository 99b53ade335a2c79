"""Sentence spans of an article: one sentence a line when the text is written that way (the
tokenised news corpora), else the rule-based splitter of :mod:`newsline.documents.sentences`."""

from __future__ import annotations

import re

from newsline.documents.sentences import split_sentences

_LINE = re.compile(r"[^\n]+")
_ENDS_SENTENCE = re.compile(r"[.!?][\"')\]]*\s*$|(?:''|')\s*$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` spans of the sentences of ``text`` (trimmed, end exclusive)."""
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text) if text[m.start():m.end()].strip()]
    if len(lines) >= 3 and "\n\n" not in text:
        ending = sum(1 for s, e in lines if _ENDS_SENTENCE.search(text[s:e]))
        if ending >= 0.7 * len(lines):
            spans = []
            for start, end in lines:
                for s, e in split_sentences(text[start:end]):
                    spans.append((start + s, start + e))
            return spans
    return split_sentences(text)
