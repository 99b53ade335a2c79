"""The ``newsline_timex`` spaCy component: TIMEX3 time expressions as a span group.

After ``pip install newsline`` the factory is found through the ``spacy_factories`` entry
point, so no import of newsline is needed::

    nlp = spacy.blank("en")                      # or any English pipeline
    nlp.add_pipe("newsline_timex", config={"dct": "2025-12-13"})
    doc = nlp("The port reopened on Monday.")
    span = doc.spans["timexes"][0]               # "Monday"
    span.label_, span._.timex_value              # ("DATE", "2025-12-08")

Each span's label is its TIMEX3 type (DATE, TIME, DURATION, SET); ``span._.timex_value``,
``span._.timex_mod``, ``span._.timex_quant`` and ``span._.timex_freq`` hold its attributes.
The document creation time is ``doc._.dct`` when set (an ISO date), else the ``dct`` of the
component's config; relative expressions stay unresolved without one. The expressions are
found on the text, so they need no other component; a span that does not fall on token
boundaries is widened to the tokens it touches.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from newsline.timex.tagger import TimexTagger

__all__ = ["TimexComponent", "make_timex_component"]

#: Span attributes the component sets, and the Timex fields they come from.
SPAN_ATTRIBUTES = {"timex_value": "value", "timex_mod": "mod", "timex_quant": "quant",
                   "timex_freq": "freq"}


def _register_extensions() -> None:
    if not Doc.has_extension("dct"):
        Doc.set_extension("dct", default=None)
    for name in SPAN_ATTRIBUTES:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


@Language.factory(
    "newsline_timex",
    default_config={"dct": None, "spans_key": "timexes", "language": "en"},
    assigns=["doc.spans"],
)
def make_timex_component(nlp: Language, name: str, dct: str | None, spans_key: str,
                         language: str) -> TimexComponent:
    """The spaCy factory of :class:`TimexComponent` (config: ``dct``, ``spans_key``,
    ``language``)."""
    return TimexComponent(dct=dct, spans_key=spans_key, language=language)


class TimexComponent:
    """Sets ``doc.spans[spans_key]`` to the document's TIMEX3 expressions (see above)."""

    def __init__(self, dct: str | None = None, spans_key: str = "timexes",
                 language: str = "en") -> None:
        _register_extensions()
        self.dct = dct
        self.spans_key = spans_key
        self.tagger = TimexTagger(language)

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        for timex in self.tagger.tag(doc.text, doc._.dct or self.dct):
            span = doc.char_span(timex.start, timex.end, label=timex.type,
                                 alignment_mode="expand")
            if span is None:
                continue
            for attribute, field in SPAN_ATTRIBUTES.items():
                span._.set(attribute, getattr(timex, field))
            spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc

    def to_disk(self, path: Any, exclude: Any = ()) -> None:  # noqa: D102 - nothing to save
        return None

    def from_disk(self, path: Any, exclude: Any = ()) -> TimexComponent:  # noqa: D102
        return self
