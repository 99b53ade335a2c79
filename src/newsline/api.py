"""The Python API behind ``newsline.tag``, ``newsline.tag_documents`` and
``newsline.timeline`` (see :mod:`newsline` and the README)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from newsline.documents.model import Document
from newsline.errors import InputError
from newsline.pipeline import STAGES

if TYPE_CHECKING:
    from newsline.timeline.model import TimelineEntry

__all__ = ["STAGES", "tag", "tag_documents", "timeline"]



def tag(text: str | Document, dct: str | None = None, *, stages: Sequence[str] = STAGES,
        doc_id: str = "text") -> Document:
    """Annotate one text (or :class:`Document`): its timexes, events and TLINKs.

    ``dct``: the document creation time, ``YYYY-MM-DD`` (for a Document: replaces its own
    when given); relative dates are resolved against it. ``stages``: some of
    ``("timex", "events", "links")``. A Document is annotated in place and returned; layers
    it brought move to ``doc.gold``. Raises :class:`InputError` for an empty text or a bad
    DCT."""
    [doc] = tag_documents([text], dct=dct, stages=stages, doc_id=doc_id)
    return doc


def tag_documents(documents: Iterable[str | Document], dct: str | None = None, *,
                  stages: Sequence[str] = STAGES, doc_id: str = "text",
                  batch_size: int = 32) -> Iterator[Document]:
    """Annotate texts or Documents lazily, ``batch_size`` at a time, yielding each once done
    (texts become Documents with ids ``doc_id``, ``doc_id-2``, ...); see :func:`tag`."""
    from newsline.pipeline import annotate

    return annotate(_documents(documents, dct, doc_id), stages, batch_size=batch_size)


def timeline(documents: str | Document | Iterable[str | Document], dct: str | None = None,
             ) -> list[TimelineEntry]:
    """The chronology of one or more texts or Documents (annotated first): timeline
    entries sorted by date, the reports of one happening by several documents merged."""
    from newsline.pipeline import build_timeline

    if isinstance(documents, (str, Document)):
        documents = [documents]
    return build_timeline(_documents(documents, dct, "text"))


def _documents(items: Iterable[str | Document], dct: str | None,
               doc_id: str) -> Iterator[Document]:
    """Documents from texts and Documents, ``dct`` checked and applied."""
    from newsline.documents._common import check_date

    if dct is not None and check_date(dct) is None:
        raise InputError("dct", f"{dct!r} is not a date written YYYY-MM-DD")
    for number, item in enumerate(items, 1):
        if isinstance(item, Document):
            if dct is not None:
                item.dct = dct
            yield item
            continue
        if not isinstance(item, str):
            raise InputError(f"document {number}", f"expected a str or a Document, not "
                                                   f"{type(item).__name__}")
        if not item.strip():
            raise InputError(f"document {number}", "empty text")
        yield Document(id=doc_id if number == 1 else f"{doc_id}-{number}", text=item, dct=dct)

