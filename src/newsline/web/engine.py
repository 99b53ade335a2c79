"""The web app's one door into newsline: reading posted input, tagging, timelines, stories.

Everything the HTTP layer needs from the other stages goes through :class:`Engine`, so the
routes never import a stage themselves. The models are loaded once, by :meth:`Engine.warm_up`
at start-up; the methods are plain blocking functions that the app runs in its executor.
"""

from __future__ import annotations

import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

from newsline.documents import Document, read_document, to_json, to_timeml
from newsline.documents.readers import SUPPORTED_EXTENSIONS, parse_text, resolve_dct
from newsline.errors import InputError

#: Output formats of each operation (the first is the default).
TAG_FORMATS = ("json", "timeml")
TIMELINE_FORMATS = ("json", "md", "html", "timelinejs")
STORY_FORMATS = ("json", "md", "html", "timelinejs")

#: A short text that runs every stage once at start-up, so no request pays for loading.
_WARM_UP_TEXT = "On Friday, the minister said the bridge opened in March 2024."


class Cancelled(Exception):
    """The request's time ran out; the work stops at the next document."""


@dataclass
class Upload:
    """One posted input: raw bytes and the name it came with (its extension picks the
    reader; ``.txt`` when it has none)."""

    name: str
    data: bytes


def _safe_name(name: str | None, index: int) -> str:
    """A bare file name for an upload (no folders), ``.txt`` when the extension is unknown."""
    base = PurePath((name or "").replace("\\", "/")).name.strip() or f"upload-{index}.txt"
    base = "".join(ch if ch.isalnum() or ch in "-_. " else "_" for ch in base).lstrip(".")
    if not base.lower().endswith(SUPPORTED_EXTENSIONS):
        base += ".txt"
    return base


def check_dct(dct: str | None) -> str | None:
    """A request's ``dct``: None, ``today`` or a YYYY-MM-DD date (InputError naming
    ``dct`` otherwise)."""
    try:
        return resolve_dct(dct or None)
    except InputError as err:
        raise InputError("dct", err.problem) from None


def read_text(text: str, dct: str | None = None, doc_id: str = "article") -> Document:
    """A Document from pasted plain text; a leading ``date YYYY-MM-DD`` header gives the
    date, ``dct`` (YYYY-MM-DD or ``today``) overrides it. InputError without any date."""
    if not isinstance(text, str) or not text.strip():
        raise InputError(doc_id, "empty text")
    dct = check_dct(dct)
    doc = parse_text(text, doc_id, doc_id)
    if dct is not None:
        doc.dct = dct
    if doc.dct is None:
        raise InputError(doc_id, "no publication date: give 'dct' (YYYY-MM-DD) or begin "
                                 "the text with a 'date YYYY-MM-DD' line")
    return doc


def read_uploads(uploads: list[Upload], dct: str | None = None) -> list[Document]:
    """Documents from uploaded files in any input format of the contract (.txt, .tml/.xml,
    .json/.jsonl, .html); errors name the uploaded file, never a temporary path."""
    dct = check_dct(dct)
    docs: list[Document] = []
    with tempfile.TemporaryDirectory(prefix="newsline-web-") as folder:
        for index, upload in enumerate(uploads, 1):
            name = _safe_name(upload.name, index)
            path = Path(folder) / f"{index}" / name
            path.parent.mkdir()
            path.write_bytes(upload.data)
            try:
                docs.extend(read_document(path, dct))
            except InputError as err:
                raise InputError(upload.name or name, err.problem) from None
    if not docs:
        raise InputError("upload", "no document in the uploaded files")
    return docs


def read_articles(articles: list[dict[str, Any]]) -> list[Document]:
    """Documents from the ``articles`` of a story request: ``text`` and ``date`` (or
    ``published``) required, ``source``, ``id``, ``title``, ``url`` optional."""
    from newsline.documents._common import date_part

    docs = []
    for number, record in enumerate(articles, 1):
        where = f"articles[{number - 1}]"
        text = record.get("text")
        if not isinstance(text, str) or not text.strip():
            raise InputError(where, "'text' must be a non-empty string")
        raw = record.get("date") or record.get("published")
        dct = date_part(raw) if isinstance(raw, str) else None
        if dct is None:
            raise InputError(where, "'date' must be an ISO date (YYYY-MM-DD)")
        meta = {k: str(record[k]) for k in ("title", "url", "source") if record.get(k)}
        doc_id = str(record.get("id") or f"article-{number}")
        docs.append(Document(id=doc_id, text=text, dct=dct, meta=meta))
    if not docs:
        raise InputError("articles", "no article given")
    return docs


class Engine:
    """newsline's stages behind one facade; call :meth:`warm_up` once first.

    The stages keep their models in per-process caches, so loading them once here serves
    every later request. ``lock`` serialises the spaCy work (its tokenizer cache is not
    meant for concurrent writers) for callers other than the app, whose one worker thread
    already runs one job at a time.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.ready = False

    def warm_up(self) -> None:
        """Load every model (timex rules, spaCy, event and TLINK models) by running the
        whole chain on a short text."""
        doc = Document(id="warm-up", text=_WARM_UP_TEXT, dct="2025-01-01")
        self.timeline([doc])
        self.ready = True

    def tag(self, docs: list[Document], fmt: str = "json") -> str:
        """The contract's ``newsline tag`` output (timexes, events, links) as text."""
        from newsline.pipeline import annotate

        with self.lock:
            docs = list(annotate(docs))
        if fmt == "timeml":
            return "\n".join(to_timeml(doc) for doc in docs)
        return to_json(docs)

    def timeline(self, docs: list[Document]) -> list[Any]:
        """Annotate ``docs`` in place (timexes, events, links) and return their timeline
        entries, sorted."""
        from newsline.pipeline import build_timeline

        with self.lock:
            return build_timeline(docs)

    def render_timeline(self, entries: list[Any], fmt: str, title: str) -> str:
        """Timeline entries in one of :data:`TIMELINE_FORMATS`."""
        from newsline.timeline import writers

        if fmt == "md":
            return writers.to_markdown(entries, title=title)
        if fmt == "html":
            return writers.to_html(entries, title=title)
        if fmt == "timelinejs":
            return writers.to_timelinejs(entries, title=title)
        return writers.to_json(entries)

    def story(self, docs: Any, fmt: str = "json", **options: Any) -> str:
        """The story timeline of ``docs`` (``newsline story``) written in ``fmt``;
        ``options`` are :func:`newsline.story.build_story`'s (dates, sentences, start, end,
        query)."""
        build_story, render = _story_api()
        return render(build_story(docs, **options), fmt)


def _story_api() -> tuple[Any, Any]:
    """``build_story`` and the story writers' ``render``, or :class:`Unavailable`."""
    try:
        from newsline.story import build_story
        from newsline.story.writers import render
    except ImportError:
        raise Unavailable("story timelines are not part of this newsline version") from None
    return build_story, render


class Unavailable(Exception):
    """A feature this installation lacks (answered with 501)."""
