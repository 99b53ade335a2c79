"""``build_story``: from any number of articles (streamed) to the story timeline."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from newsline.documents.model import Document
from newsline.story.collect import Material, collect
from newsline.story.dates import Relevance, candidate_days, default_count, features
from newsline.story.model import Story, StoryEntry
from newsline.story.ranker import load_ranker
from newsline.story.select import choose_sentences, fit_vectorizer

_WORD = re.compile(r"\w+")


def _query_filter(query: str | None):
    if not query:
        return None
    words = {w.lower() for w in _WORD.findall(query)}
    if not words:
        return None

    def keep(doc: Document) -> bool:
        found = {w.lower() for w in _WORD.findall(doc.text)}
        return words <= found
    return keep


def build_story(documents: Iterable[Document], *, dates: int | None = None,
                sentences: int = 2, start: str | None = None, end: str | None = None,
                query: str | None = None) -> Story:
    """The story timeline of ``documents`` (read once; a generator is fine).

    ``dates``: at most this many dates (default: chosen from the material); ``sentences``:
    at most this many sentences a date; ``start``/``end`` (ISO days): only dates in this
    period; ``query``: only articles holding every word of it.
    """
    material = collect(documents, keep=_query_filter(query))
    return story_from_material(material, dates=dates, sentences=sentences, start=start,
                               end=end, query=query)


def story_from_material(material: Material, *, dates: int | None, sentences: int,
                        start: str | None, end: str | None, query: str | None) -> Story:
    """Rank the days of ``material``, choose sentences, and make the :class:`Story`."""
    days = candidate_days(material, start, end)
    ranker = load_ranker()
    relevance = Relevance(material)
    scores = {d: ranker.score(features(material, d, relevance)) for d in days}
    count = dates if dates is not None else default_count(scores, material.articles)
    chosen = sorted(sorted(scores, key=lambda d: (-scores[d], d))[:max(count, 0)])
    by_day = defaultdict(list)
    chosen_set = set(chosen)
    for c in material.candidates:
        if c.day in chosen_set:
            by_day[c.day].append(c)
    vectorizer = fit_vectorizer([c for d in chosen for c in by_day[d]])
    entries = []
    for day in chosen:
        cands = by_day[day]
        docs = {c.doc for c in cands}
        outlets = sorted({c.source for c in cands if c.source})
        entries.append(StoryEntry(
            date=day, sentences=choose_sentences(cands, sentences, vectorizer),
            articles=len(docs), outlets=outlets, mentions=material.mentions[day]))
    title = query or _title(material)
    return Story(title=title, start=start or material.first, end=end or material.last,
                 articles=material.articles, outlets=sorted(material.outlets),
                 entries=entries)


def _title(material: Material) -> str | None:
    """The story's most frequent capitalised name ("Haiti"), or a longer name holding it
    that is at least half as frequent ("Michael Jackson")."""
    from newsline.story.lexicon import not_titles

    skip = not_titles()
    names = {w: n for w, n in material.words.items() if w not in skip}
    if not names:
        return None
    top, count = max(names.items(), key=lambda item: (item[1], item[0]))
    longer = [(n, w) for w, n in names.items()
              if w != top and top in w.split() and n * 2 >= count]
    return max(longer)[1] if longer else top
