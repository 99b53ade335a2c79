"""One document seen by the relation stage: sentences, tokens and where each mention lies.

A :class:`Mention` is an event or a timex placed on the document's tokens and sentences.
:class:`DocContext` holds them in text order, grouped by sentence, with the **main event**
of each sentence chosen by :func:`main_event_of` (see its docstring).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from newsline.documents.intervals import calendar_interval, compare_to_dct
from newsline.documents.model import Document, Event, Timex
from newsline.documents.sentences import sentence_index, split_sentences, tokenize
from newsline.relations.syntax import Parse, parse_text

__all__ = ["QUOTES", "DocContext", "Mention", "main_event_of"]

#: Quotation mark tokens (lower-cased token texts).
QUOTES: frozenset[str] = frozenset({'"', "``", "''", "“", "”"})

#: Grains the committed models know by a coarser class (the ``tgrain`` feature): a weekend
#: as a week, a season or half-year as a quarter. Read as their own grains (unseen in
#: training) they scored task-C F1 38.67 instead of 38.70 on dev; drop this map when the
#: models are retrained.
_FEATURE_GRAIN = {"weekend": "week", "season": "quarter", "half": "quarter"}


@dataclass(slots=True)
class Mention:
    """An event or timex with its sentence and token positions (``tok_end`` exclusive)."""

    id: str
    kind: str  # "E" (event) or "T" (timex)
    start: int
    end: int
    sent: int
    tok_start: int
    tok_end: int
    event: Event | None = None
    timex: Timex | None = None
    order: int = 0  # rank in text order among all mentions
    dct_cmp: str = "unknown"  # timexes: compare_to_dct of the value
    grain: str = "none"  # timexes: grain of the value
    head: int | None = None  # index of the head token in the dependency parse
    sent_pos: int = 0  # rank among the mentions of its sentence


@dataclass
class DocContext:
    """Sentences, tokens and mentions of a Document."""

    doc: Document
    sentences: list[tuple[int, int]]
    tokens: list[tuple[int, int]]
    words: list[str]  # lower-cased token texts
    mentions: list[Mention]
    by_sentence: list[list[Mention]] = field(default_factory=list)
    main_events: list[Mention | None] = field(default_factory=list)
    by_id: dict[str, Mention] = field(default_factory=dict)
    parse: Parse | None = None  # the dependency parse of the text
    by_head: dict[int, Mention] = field(default_factory=dict)  # head token -> event
    sent_events: list[list[Mention]] = field(default_factory=list)  # events of each sentence
    sent_first_token: list[int] = field(default_factory=list)  # first token of each sentence
    quotes_before: list[int] = field(default_factory=list)  # quote tokens before token i
    events_before: list[int] = field(default_factory=list)  # events before mention rank k

    @classmethod
    def build(cls, doc: Document, parse: bool = True, sdoc: Any = None) -> DocContext:
        """Split ``doc`` into sentences and tokens and place its events and timexes; with
        ``parse``, parse the text (spaCy; or take ``sdoc``, a spaCy ``Doc`` of the same text
        with the dependency parse) and find each mention's head token."""
        text = doc.text
        sentences = split_sentences(text)
        tokens = tokenize(text)
        starts = [s for s, _ in tokens]
        words = [text[s:e].lower() for s, e in tokens]
        mentions: list[Mention] = []
        items: list[tuple[str, int, int, Event | Timex]] = (
            [("E", e.start, e.end, e) for e in doc.events if e.id]
            + [("T", t.start, t.end, t) for t in doc.timexes if t.id]
        )
        items.sort(key=lambda it: (it[1], it[2], it[0]))
        for kind, start, end, obj in items:
            tok_start = max(bisect.bisect_right(starts, start) - 1, 0)
            if tokens and tokens[tok_start][1] <= start and tok_start + 1 < len(tokens):
                tok_start += 1
            tok_end = max(bisect.bisect_left(starts, end), tok_start + 1)
            m = Mention(
                id=obj.id, kind=kind, start=start, end=end,
                sent=sentence_index(sentences, start) if sentences else 0,
                tok_start=tok_start, tok_end=tok_end,
            )
            if isinstance(obj, Event):
                m.event = obj
            else:
                m.timex = obj
                m.dct_cmp = compare_to_dct(obj.value, doc.dct)
                span = calendar_interval(obj.value)
                m.grain = (_FEATURE_GRAIN.get(span.grain, span.grain) if span.known
                           else _value_shape(obj))
            mentions.append(m)
        for i, m in enumerate(mentions):
            m.order = i
        ctx = cls(doc=doc, sentences=sentences, tokens=tokens, words=words, mentions=mentions)
        ctx.by_sentence = [[] for _ in range(max(len(sentences), 1))]
        for m in mentions:
            m.sent_pos = len(ctx.by_sentence[m.sent])
            ctx.by_sentence[m.sent].append(m)
        ctx.sent_events = [[m for m in ms if m.kind == "E"] for ms in ctx.by_sentence]
        ctx.sent_first_token = [bisect.bisect_left(starts, s) for s, _ in sentences]
        ctx.quotes_before = _running_count(w in QUOTES for w in words)
        ctx.events_before = _running_count(m.kind == "E" for m in mentions)
        ctx.main_events = [main_event_of(ms) for ms in ctx.by_sentence]
        ctx.by_id = {m.id: m for m in mentions}
        if parse:
            ctx.parse = Parse(sdoc if sdoc is not None else parse_text(text))
            for m in mentions:
                m.head = ctx.parse.head_of(m.start, m.end)
                if m.head is not None and m.kind == "E":
                    ctx.by_head.setdefault(m.head, m)
        return ctx

    def sentence_start_token(self, m: Mention) -> int:
        """Index of the first token of the sentence holding ``m`` (at most ``m``'s own)."""
        if not self.sentences:
            return 0
        return min(m.tok_start, self.sent_first_token[m.sent])

    def window(self, m: Mention, width: int) -> list[Mention]:
        """The mentions of ``m``'s sentence at most ``width`` ranks away from it (``m``
        included), in text order: what the features of ``m`` look at in a long sentence."""
        sentence = self.by_sentence[m.sent]
        return sentence[max(m.sent_pos - width, 0):m.sent_pos + width + 1]

    def events(self) -> list[Mention]:
        """The event mentions in text order."""
        return [m for m in self.mentions if m.kind == "E"]

    def between(self, a: Mention, b: Mention) -> list[str]:
        """Lower-cased tokens strictly between two mentions (in either order)."""
        first, second = (a, b) if a.tok_start <= b.tok_start else (b, a)
        return self.words[first.tok_end:second.tok_start]


def _running_count(flags: Iterable[bool]) -> list[int]:
    """``out[i]``: how many of the first ``i`` flags are true (``len(flags) + 1`` items)."""
    out = [0]
    for flag in flags:
        out.append(out[-1] + flag)
    return out


def _value_shape(timex: Timex) -> str:
    """A coarse shape of a non-calendar value: duration, set, ref or underspecified."""
    value = timex.value or ""
    if timex.type == "DURATION" or value.startswith("P"):
        return "duration"
    if timex.type == "SET":
        return "set"
    if value.endswith("_REF"):
        return "ref"
    return "underspecified"


def main_event_of(mentions: list[Mention]) -> Mention | None:
    """The main event of a sentence (its mentions in text order), or None if it has none.

    Rule: the first REPORTING event with a tense other than NONE ("said", "reported"),
    else the first event of the sentence. In news the reporting verb heads its sentence
    even when it follows the quote ("... , officials said"), and otherwise the first event
    is most often the main clause's verb or its subject's nominal event. On the TempEval-3
    train set this choice gives more consecutive main-event pairs that carry a gold TLINK
    (418 of 3,151 pairs) than the first finite verb (342), the first event (372), or the
    first finite REPORTING verb else the first finite verb (400).
    """
    events = [m for m in mentions if m.event is not None]
    for m in events:
        if m.event is not None and m.event.cls == "REPORTING" and m.event.tense != "NONE":
            return m
    return events[0] if events else None
