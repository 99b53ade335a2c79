"""Who is named in an article: each entity mention's fullest name, and what a pronoun
refers to."""

from __future__ import annotations

from collections.abc import Iterable


class FullNames:
    """Each entity mention's fullest name in the document ("Kim" -> "Kim Jong Un")."""

    def __init__(self, parsed, labels: Iterable[str], body_start: int = 0) -> None:
        self.labels = set(labels)
        self.entities = [e for e in parsed.ents
                         if e.label_ in self.labels and e.start_char >= body_start]
        self._by_token = {t.i: e for e in self.entities for t in e}

    def full(self, entity) -> str:
        words = [w.lower() for w in entity.text.split()]
        best = entity.text
        for other in self.entities:
            if other.label_ != entity.label_ or len(other.text) <= len(best):
                continue
            other_words = [w.lower() for w in other.text.split()]
            if all(w in other_words for w in words):
                best = other.text
        return _strip_article(" ".join(best.split()))

    def of(self, token) -> str | None:
        entity = self._by_token.get(token.i)
        if entity is not None:
            return self.full(entity)
        if token.pos_ == "PROPN":  # a name the recognizer missed here but found elsewhere
            word = token.lower_
            for other in self.entities:
                if word in (w.lower() for w in other.text.split()):
                    return self.full(other)
        return None

    def near(self, pronoun, labels: tuple[str, ...]) -> str | None:
        """What ``pronoun`` names: the last entity of ``labels`` before it in its sentence or
        the one before (further back, a guess is worse than the pronoun itself)."""
        sent = pronoun.sent
        start = sent.start_char
        if sent.start > 0:
            start = pronoun.doc[sent.start - 1].sent.start_char
        found = None
        for entity in self.entities:
            if start <= entity.start_char and entity.end_char <= pronoun.idx \
                    and entity.label_ in labels:
                found = entity
        return self.full(found) if found is not None else None

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
        found = None
        for entity in self.entities:
            if entity.end_char <= offset and entity.label_ in labels:
                found = entity
        return self.full(found) if found is not None else None


def _strip_article(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") else text


