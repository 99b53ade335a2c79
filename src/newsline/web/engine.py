"""The web app's one door into newsline: reading posted input, tagging, timelines, stories.

Everything the HTTP layer needs from the other stages goes through :class:`Engine`, so the
routes never import a stage themselves. The models are loaded once, by :meth:`Engine.warm_up`
at start-up; the methods are plain blocking functions that the app runs in its executor.
"""

from __future__ import annotations

import json
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
    """newsline's stages behind one facade, and the jobs one request asks of them (the
    ``*_job`` methods, run on the app's worker); call :meth:`warm_up` once first.

    The stages keep their models in per-process caches, so loading them once here serves
    every later request. ``lock`` serialises the spaCy work for callers other than the
    app's worker, which runs one job at a time anyway.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.ready = False
        self._readers: dict[str, Any] = {}

    def warm_up(self) -> None:
        """Load every model (timex rules, spaCy, event and TLINK models) by running the
        whole chain on a short text."""
        doc = Document(id="warm-up", text=_WARM_UP_TEXT, dct="2025-01-01")
        self.timeline([doc])
        self.ready = True

    # -- the stages ----------------------------------------------------------------------

    def tag(self, docs: list[Document], fmt: str = "json") -> str:
        """The contract's ``newsline tag`` output (timexes, events, links) as text."""
        with self.lock:
            docs = _annotate(docs)
        if fmt == "timeml":
            return "\n".join(to_timeml(doc) for doc in docs)
        return to_json(docs)

    def timeline(self, docs: list[Document]) -> list[Any]:
        """Annotate ``docs`` in place (timexes, events, links) and return their timeline
        entries, sorted."""
        with self.lock:
            return _build_timeline(docs)

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

    # -- jobs: what one request asks, from its validated options to the answer ------------

    def tag_job(self, posted: Any) -> str:
        """``POST /api/tag``."""
        return self.tag(documents_of(posted), posted.options.format)

    def timeline_job(self, posted: Any) -> str:
        """``POST /api/timeline``."""
        docs = documents_of(posted)
        title = posted.options.title or _title(docs)
        return self.render_timeline(self.timeline(docs), posted.options.format, title)

    def article_job(self, posted: Any) -> tuple[list[Document], list[Any]]:
        """The article page: the annotated documents and their timeline entries."""
        docs = documents_of(posted)
        return docs, self.timeline(docs)

    def story_job(self, posted: Any) -> str:
        """``POST /api/story``."""
        options = posted.options
        if options.articles:
            docs = read_articles([a.model_dump() for a in options.articles])
        else:
            docs = documents_of(posted)
        return self.story(docs, options.format, dates=options.dates,
                          sentences=options.sentences or 2, start=options.date_from,
                          end=options.date_to, query=options.query)

    def uploaded_story_job(self, uploads: list[Upload], dct: str | None,
                           filters: Any) -> Any:
        """The story page of uploaded articles: the outlet and the actor (named in the
        text) pick articles; the dates and words go to the story builder."""
        build_story, _render = _story_api()
        filters = filters.checked()
        docs = read_uploads(uploads, dct)
        if filters.source:
            docs = [d for d in docs
                    if (d.meta.get("source") or "").lower() == filters.source.lower()]
        if filters.actor:
            docs = [d for d in docs if filters.actor.lower() in d.text.lower()]
        return build_story(docs, start=filters.date_from, end=filters.date_to,
                           query=filters.text)

    def _reader(self, db: str) -> Any:
        from newsline.web.stored import StoreReader

        if db not in self._readers:
            self._readers[db] = StoreReader(db)
        return self._readers[db]

    def entries_job(self, db: str, filters: Any, limit: int, offset: int, fmt: str) -> str:
        """``GET /api/entries``: one page of the store's entries."""
        page = self._reader(db).entries(filters, limit=limit, offset=offset)
        if fmt != "json":
            return self.render_timeline(page["entries"], fmt, "Stored timeline")
        page["entries"] = [e.to_dict() for e in page["entries"]]
        return json.dumps(page, ensure_ascii=False)

    def stories_job(self, db: str, filters: Any, dates: int | None, sentences: int,
                    fmt: str) -> str:
        """``GET /api/stories``: the story of the stored articles that pass ``filters``."""
        story = self._reader(db).story(filters, dates=dates, sentences=sentences)
        return _story_api()[1](story, fmt)

    def story_page_job(self, db: str, filters: Any) -> tuple[dict[str, Any], Any]:
        """The story page: the store's summary and the story under ``filters``."""
        reader = self._reader(db)
        return reader.summary(), reader.story(filters)


def documents_of(posted: Any) -> list[Document]:
    """The documents a request names: its uploads, else its ``text``."""
    options = posted.options
    if posted.uploads:
        return read_uploads(posted.uploads, options.dct)
    if not (getattr(options, "text", None) or "").strip():
        raise InputError("text", "no text given (send 'text' or upload a file)")
    return [read_text(options.text, options.dct)]


def _title(docs: list[Document]) -> str:
    if len(docs) == 1:
        return docs[0].meta.get("title") or f"Timeline of {docs[0].id}"
    return "Timeline"


def _annotate(docs: list[Document]) -> list[Document]:
    """Timexes, events and links on ``docs`` (the one pipeline)."""
    from newsline.pipeline import annotate

    return list(annotate(docs))


def _build_timeline(docs: list[Document]) -> list[Any]:
    from newsline.pipeline import build_timeline

    return build_timeline(docs)


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
