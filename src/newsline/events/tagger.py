"""EVENT recognition: candidate tokens scored by the trained model, attributes by rule."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsline.documents.model import Document, Event
from newsline.events.analysis import Analysis, analyse
from newsline.events.attributes import attributes
from newsline.events.features import candidates, token_features
from newsline.events.lexicon import Lexicon
from newsline.events.model import DEFAULT_MODEL, EventModel
from newsline.events.nlp import load_lexicon, load_nlp, parse_texts

#: Documents per ``nlp.pipe`` batch.
BATCH_SIZE = 32
_HYPHENS = frozenset({"-", "–"})


@lru_cache(maxsize=4)
def _load_model(path: str) -> EventModel:
    return EventModel.load(path)


def _span(an: Analysis, i: int) -> tuple[int, int]:
    """Token ``i``'s character span, widened over hyphenated compounds ("cease-fire")."""
    lo = hi = i
    while (lo >= 2 and an.words[lo - 1] in _HYPHENS and an.ends[lo - 2] == an.starts[lo - 1]
           and an.ends[lo - 1] == an.starts[lo] and an.words[lo - 2][-1:].isalpha()):
        lo -= 2
    n = len(an)
    while (hi + 2 < n and an.words[hi + 1] in _HYPHENS and an.ends[hi] == an.starts[hi + 1]
           and an.ends[hi + 1] == an.starts[hi + 2] and an.words[hi + 2][:1].isalpha()):
        hi += 2
    return an.starts[lo], an.ends[hi]


def find_events(text: str, an: Analysis, model: EventModel, lexicon: Lexicon) -> list[Event]:
    """The events of one analysed text, in text order, with ids ``e1``, ``e2``, ..."""
    cands = candidates(an)
    scored = model.predict([token_features(an, i, lexicon) for i in cands])
    events: list[Event] = []
    last_end = -1
    for i, (prob, cls) in zip(cands, scored, strict=True):
        if prob < model.threshold:
            continue
        start, end = _span(an, i)
        if start < last_end:
            continue  # another token of the same hyphenated word
        attrs = attributes(an, i)
        events.append(Event(
            start=start, end=end, text=text[start:end], cls=cls, tense=attrs.tense,
            aspect=attrs.aspect, polarity=attrs.polarity, modality=attrs.modality,
            pos=attrs.pos, id=f"e{len(events) + 1}",
        ))
        last_end = end
    return events


class EventTagger:
    """TimeML EVENT tagger over spaCy's tagger and a trained linear model.

    The spaCy pipeline and the model are loaded once per process and shared by every
    tagger. ``model`` is an :class:`EventModel` or the path of one (default: the model
    committed under ``resources/``).
    """

    def __init__(self, model: EventModel | str | Path | None = None,
                 batch_size: int = BATCH_SIZE) -> None:
        self.nlp: Any = load_nlp()
        self.lexicon: Lexicon = load_lexicon()
        if isinstance(model, EventModel):
            self.model = model
        else:
            self.model = _load_model(str(model or DEFAULT_MODEL))
        self.batch_size = batch_size

    def tag(self, text: str) -> list[Event]:
        """The events of ``text``, in text order."""
        return self.tag_many([text])[0]

    def tag_many(self, texts: Iterable[str]) -> list[list[Event]]:
        """The events of each text, parsed in batches through ``nlp.pipe``."""
        texts = list(texts)
        analyses = [analyse(sdoc, self.lexicon)
                    for sdoc in parse_texts(texts, "events", self.batch_size)]
        return [find_events(text, an, self.model, self.lexicon)
                for text, an in zip(texts, analyses, strict=True)]

    def annotate(self, doc: Document) -> Document:
        """Set ``doc.events`` (ids ``e1``... in text order); returns the same document."""
        return self.annotate_many([doc])[0]

    def annotate_parsed(self, doc: Document, sdoc: Any) -> Document:
        """Set ``doc.events`` from ``sdoc``, a spaCy ``Doc`` of ``doc.text`` that another
        stage already made with the same model (only its tags are read)."""
        doc.events = find_events(doc.text, analyse(sdoc, self.lexicon), self.model,
                                 self.lexicon)
        return doc

    def annotate_many(self, docs: Sequence[Document]) -> list[Document]:
        """Set ``events`` on every document (batched); returns the same documents."""
        docs = list(docs)
        for doc, events in zip(docs, self.tag_many(d.text for d in docs), strict=True):
            doc.events = events
        return docs
