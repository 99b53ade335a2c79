"""One streaming pass over the articles: what a story needs from each, and nothing more.

For every article the timex tagger finds the dates its sentences refer to. The pass keeps
counts per date (references, referring articles, articles published that day) and the
*candidate* sentences only: sentences that refer to a day, and the first lines of the
article (which say what happened on its publication day). Memory grows with the candidates
kept, never with whole articles.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from newsline.documents.model import Document
from newsline.story.lexicon import boilerplate, skipped
from newsline.story.sentences import sentence_spans
from newsline.timex import TimexTagger

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
#: first lines of an article kept as candidates for its publication day
LEAD_LINES = 3
#: sentences longer than this (characters) are not candidates (tables, run-ons)
MAX_SENTENCE = 400
MIN_SENTENCE = 25


@dataclass(slots=True)
class Candidate:
    """A sentence that may say what happened on ``day``."""

    text: str
    doc: str
    source: str | None
    start: int
    end: int
    day: str           # the day (ISO) it is a candidate for
    published: str     # its article's publication day
    position: int      # sentence index in the article
    explicit: bool     # the sentence itself refers to ``day`` (a timex)
    n_dates: int       # distinct days the sentence refers to


@dataclass
class Material:
    """What the pass keeps: counts per day and month, and the candidate sentences."""

    articles: int = 0
    outlets: Counter = field(default_factory=Counter)
    first: str | None = None
    last: str | None = None
    published: Counter = field(default_factory=Counter)       # day -> articles published
    mentions: Counter = field(default_factory=Counter)        # day -> references
    referring: Counter = field(default_factory=Counter)       # day -> articles referring
    later: Counter = field(default_factory=Counter)           # day -> referring later articles
    later_refs: Counter = field(default_factory=Counter)      # day -> references made later
    lead_refs: Counter = field(default_factory=Counter)       # day -> refs in first lines
    fresh: Counter = field(default_factory=Counter)           # day -> articles that day whose
    # first lines refer to no other day (news of the day, not a look back)
    month_mentions: Counter = field(default_factory=Counter)  # YYYY-MM -> references
    day_outlets: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    candidates: list[Candidate] = field(default_factory=list)
    words: Counter = field(default_factory=Counter)           # capitalised words, for a title

    def window(self) -> tuple[str | None, str | None]:
        """First and last publication day seen."""
        return self.first, self.last


_CAPITAL = re.compile(r"(?<=[a-z,] )([A-Z][a-z]+(?: [A-Z][a-z]+)*)")


def _day_of(value: str) -> str | None:
    m = _DAY.match(value)
    if not m:
        return None
    try:
        date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None
    return value[:10]


def collect(documents: Iterable[Document], tagger: TimexTagger | None = None,
            keep: callable = None) -> Material:
    """Read ``documents`` once (a generator is fine) and return the story :class:`Material`.

    ``keep`` (optional) is a predicate on a document; documents it rejects are skipped.
    """
    tagger = tagger or TimexTagger()
    material = Material()
    for doc in documents:
        if keep is not None and not keep(doc):
            continue
        add_document(material, doc, tagger)
    return material


def add_document(material: Material, doc: Document, tagger: TimexTagger) -> None:
    """Add one article's counts and candidate sentences to ``material``."""
    text = doc.text
    if not text or not text.strip() or not doc.dct:
        return
    pub = doc.dct[:10]
    source = doc.meta.get("source")
    material.articles += 1
    if source:
        material.outlets[source] += 1
        material.day_outlets[pub].add(source)
    material.published[pub] += 1
    material.first = pub if material.first is None or pub < material.first else material.first
    material.last = pub if material.last is None or pub > material.last else material.last
    furniture = [(m.start(), m.end()) for m in boilerplate().finditer(text) if m.end() > m.start()]
    spans = _trim(text, sentence_spans(text), furniture)
    if not spans:
        return
    starts = [s for s, _ in spans]
    per_sentence: dict[int, list[str]] = defaultdict(list)
    referred: set[str] = set()
    for timex in tagger.tag(text, pub):
        # DATE only: counting TIME values ("Sunday evening", "at 11am") was measured to
        # blur the ranking (docs/story.md)
        if timex.type != "DATE" or _inside(timex.start, furniture):
            continue
        day = _day_of(timex.value)
        if day is None:
            month = _MONTH.match(timex.value)
            if month:
                material.month_mentions[timex.value] += 1
            continue
        index = bisect_right(starts, timex.start) - 1
        if index < 0:
            continue
        per_sentence[index].append(day)
        material.mentions[day] += 1
        if day < pub:
            material.later_refs[day] += 1
        if index < LEAD_LINES:
            material.lead_refs[day] += 1
        referred.add(day)
    lead_days = {d for i in range(LEAD_LINES) for d in per_sentence.get(i, ())}
    if lead_days <= {pub}:
        material.fresh[pub] += 1
    for day in referred:
        material.referring[day] += 1
        if day < pub:
            material.later[day] += 1
        if source:
            material.day_outlets[day].add(source)
    for index, (start, end) in enumerate(spans):
        days = set(per_sentence.get(index, ()))
        if not days and index >= LEAD_LINES:
            continue
        if not MIN_SENTENCE <= end - start <= MAX_SENTENCE:
            continue
        sentence = text[start:end]
        if skipped().search(sentence):
            continue
        if index < 12:
            for m in _CAPITAL.finditer(sentence):
                material.words[m[1]] += 1
        for day in sorted(days):
            material.candidates.append(Candidate(
                sentence, doc.id, source, start, end, day, pub, index, True, len(days)))
        if index < LEAD_LINES and pub not in days:
            material.candidates.append(Candidate(
                sentence, doc.id, source, start, end, pub, pub, index, False, len(days)))


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= offset < e for s, e in spans)


def _trim(text: str, spans: list[tuple[int, int]], furniture: list[tuple[int, int]]
          ) -> list[tuple[int, int]]:
    """Sentence spans with page furniture cut from their start (dropped when nothing is
    left)."""
    if not furniture:
        return spans
    out = []
    for start, end in spans:
        moved = True
        while moved:
            moved = False
            for s, e in furniture:
                if s <= start < e or (start <= s < end and not text[start:s].strip()):
                    start = min(max(start, e), end)
                    while start < end and text[start].isspace():
                        start += 1
                    moved = True
                    break
        if start < end:
            out.append((start, end))
    return out
