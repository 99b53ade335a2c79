"""Who is named in an article: each entity mention's fullest name, and what a pronoun
refers to.

Every question is answered from indexes made once per document (entities by word and by
label), so that the cost stays linear in the number of entities.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from newsline.timeline.clauses import sentence_bounds


class FullNames:
    """Each entity mention's fullest name in the document ("Kim" -> "Kim Jong Un")."""

    def __init__(self, parsed, labels: Iterable[str], body_start: int = 0) -> None:
        self.labels = set(labels)
        self.entities = [e for e in parsed.ents
                         if e.label_ in self.labels and e.start_char >= body_start]
        self._by_token = {t.i: e for e in self.entities for t in e}
        self._fullest: dict[tuple[str, str], str] = {}
        # distinct texts, first occurrence first: per label, and per (label, lower-case word)
        self._texts: dict[str, list[str]] = {}
        self._texts_with: dict[tuple[str, str], list[str]] = {}
        self._first_with: dict[str, object] = {}  # lower-case word -> first entity with it
        self._ends: dict[str, list[int]] = {}  # per label, the entities' end offsets
        self._in_order: dict[str, list[tuple[int, object]]] = {}  # (rank, entity) per label
        seen: set[tuple[str, str]] = set()
        for rank, entity in enumerate(self.entities):
            label, text = entity.label_, entity.text
            words = [w.lower() for w in text.split()]
            for word in words:
                self._first_with.setdefault(word, entity)
            self._ends.setdefault(label, []).append(entity.end_char)
            self._in_order.setdefault(label, []).append((rank, entity))
            if (label, text) in seen:
                continue
            seen.add((label, text))
            self._texts.setdefault(label, []).append(text)
            for word in dict.fromkeys(words):
                self._texts_with.setdefault((label, word), []).append(text)

    def full(self, entity) -> str:
        """The longest mention of ``entity``'s label holding all its words (the first such
        in the document), without a leading article."""
        key = (entity.label_, entity.text)
        found = self._fullest.get(key)
        if found is None:
            words = [w.lower() for w in entity.text.split()]
            pool = (self._texts_with.get((entity.label_, words[0]), []) if words
                    else self._texts.get(entity.label_, []))
            best = entity.text
            for other in pool:
                if len(other) <= len(best):
                    continue
                other_words = [w.lower() for w in other.split()]
                if all(w in other_words for w in words):
                    best = other
            found = self._fullest[key] = _strip_article(" ".join(best.split()))
        return found

    def of(self, token) -> str | None:
        entity = self._by_token.get(token.i)
        if entity is not None:
            return self.full(entity)
        if token.pos_ == "PROPN":  # a name the recognizer missed here but found elsewhere
            other = self._first_with.get(token.lower_)
            if other is not None:
                return self.full(other)
        return None

    def near(self, pronoun, labels: tuple[str, ...]) -> str | None:
        """What ``pronoun`` names: the last entity of ``labels`` before it in its sentence or
        the one before (further back, a guess is worse than the pronoun itself)."""
        first, start, _end = sentence_bounds(pronoun)
        if first > 0:
            start = sentence_bounds(pronoun.doc[first - 1])[1]
        found = self._last_before(pronoun.idx, labels)
        return self.full(found) if found is not None and found.start_char >= start else None

    def label_of(self, token) -> str | None:
        """The entity label of ``token`` (None when it is in no entity)."""
        entity = self._by_token.get(token.i)
        return entity.label_ if entity is not None else None

    def before_in_order(self, offset: int, labels: tuple[str, ...]) -> str | None:
        """The last entity before ``offset`` of the first of ``labels`` that has one
        ("it said": an organisation before a place)."""
        for label in labels:
            name = self.before(offset, (label,))
            if name:
                return name
        return None

    def before(self, offset: int, labels: tuple[str, ...]) -> str | None:
        """The last entity of one of ``labels`` that ends before ``offset``."""
        found = self._last_before(offset, labels)
        return self.full(found) if found is not None else None

    def _last_before(self, offset: int, labels: tuple[str, ...]):
        """The last entity of one of ``labels`` ending at or before ``offset`` (or None)."""
        best = None
        for label in dict.fromkeys(labels):
            k = bisect.bisect_right(self._ends.get(label, []), offset) - 1
            if k >= 0:
                rank, entity = self._in_order[label][k]
                if best is None or rank > best[0]:
                    best = (rank, entity)
        return best[1] if best is not None else None


def _strip_article(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") else text
