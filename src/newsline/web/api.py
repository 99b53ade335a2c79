"""The JSON API: ``/api/tag``, ``/api/timeline``, ``/api/story``, ``/api/stories``,
``/api/entries`` and ``/api/health``."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response

from newsline import __version__
from newsline.web import schemas
from newsline.web.inputs import read_posted
from newsline.web.stored import Filters

router = APIRouter(prefix="/api", tags=["api"])

_ERRORS = {
    400: {"model": schemas.Error, "description": "bad input (the message says what)"},
    413: {"model": schemas.Error, "description": "request body over the limit"},
    415: {"model": schemas.Error, "description": "unsupported content type"},
    422: {"model": schemas.Error, "description": "invalid field values"},
    503: {"model": schemas.Error, "description": "server busy"},
    504: {"model": schemas.Error, "description": "request took longer than the time limit"},
}

_MEDIA = {"json": "application/json", "timeml": "application/xml",
          "md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8",
          "timelinejs": "application/json"}


def _body(model: type, example: dict[str, Any]) -> dict[str, Any]:
    """OpenAPI request body: JSON (``model``), text/plain, or a multipart form with files."""
    schema = model.model_json_schema()
    form = {"type": "object", "properties": {
        **schema.get("properties", {}),
        "file": {"type": "array", "items": {"type": "string", "format": "binary"},
                 "description": "article files in any input format (.txt, .tml/.xml, "
                                ".json/.jsonl, .html)"}}}
    return {"requestBody": {"required": True, "content": {
        "application/json": {"schema": schema, "example": example},
        "text/plain": {"schema": {"type": "string"},
                       "example": "date 2025-12-13\nOn Friday, Kim met the engineers."},
        "multipart/form-data": {"schema": form},
    }}}


def _answer(content: str, fmt: str) -> Response:
    return Response(content, media_type=_MEDIA.get(fmt, "application/json"))


@router.get("/health", response_model=schemas.Health, summary="Is the server up")
async def health(request: Request) -> JSONResponse:
    """``ok`` once the models are loaded; the store path when one is open."""
    state = request.app.state
    ready = state.runner.ready
    return JSONResponse({
        "status": "ok" if ready else "starting", "version": __version__,
        "models_loaded": ready,
        "store": str(state.db) if state.db else None,
    })


@router.post("/tag", response_model=schemas.TagResponse, responses=_ERRORS,
             summary="Time expressions, events and temporal links of an article",
             openapi_extra=_body(schemas.TagRequest,
                                 {"text": "On Friday, Kim met the engineers.",
                                  "dct": "2025-12-13"}))
async def tag(request: Request) -> Response:
    """``newsline tag``: ``{"documents": [...]}`` (or TimeML with ``format=timeml``).

    Query-string options (``dct``, ``format``) apply to text/plain bodies."""
    posted = await read_posted(request, schemas.TagRequest)
    answer = await request.app.state.runner.run("tag_job", posted)
    return _answer(answer, posted.options.format)


@router.post("/timeline", response_model=schemas.TimelineResponse, responses=_ERRORS,
             summary="The dated chronology of an article's events",
             openapi_extra=_body(schemas.TimelineRequest,
                                 {"text": "date 2025-12-13\nOn Friday, Kim met the engineers.",
                                  "format": "json"}))
async def timeline(request: Request) -> Response:
    """``newsline timeline``: ``{"entries": [...]}``, or Markdown, a standalone HTML page or
    TimelineJS JSON with ``format``."""
    posted = await read_posted(request, schemas.TimelineRequest)
    answer = await request.app.state.runner.run("timeline_job", posted)
    return _answer(answer, posted.options.format)


@router.post("/story", response_model=schemas.StoryResponse, responses=_ERRORS,
             summary="The story timeline of many articles",
             openapi_extra=_body(schemas.StoryRequest, {"articles": [
                 {"text": "The dam at Norden gave way on Saturday.", "date": "2024-03-04",
                  "source": "outlet-a", "id": "a1"}]}))
async def story(request: Request) -> Response:
    """``newsline story``: the dates that matter and their sentences, each with all its
    sources."""
    posted = await read_posted(request, schemas.StoryRequest)
    answer = await request.app.state.runner.run("story_job", posted)
    return _answer(answer, posted.options.format)


def store_of(request: Request) -> str:
    """The path of the app's store; 404 JSON when no store is open."""
    if request.app.state.db is None:
        raise NoStore("no store is open: start the server with `newsline serve --db PATH`")
    return str(request.app.state.db)


class NoStore(Exception):
    """The server was started without ``--db`` (answered with 404)."""


FROM = Query(None, alias="from", description="entries dated on or after this day",
             pattern=r"^\d{4}-\d{2}-\d{2}$")
TO = Query(None, alias="to", description="entries dated on or before this day",
           pattern=r"^\d{4}-\d{2}-\d{2}$")
ACTOR = Query(None, description="an actor named so (part of the name, any case)")
SOURCE = Query(None, description="articles of this outlet")
TEXT = Query(None, description="all these words (any case)")


@router.get("/entries", response_model=schemas.EntriesPage,
            responses={k: v for k, v in _ERRORS.items() if k in (400, 422, 503, 504)},
            summary="Stored timeline entries (the filters of `newsline query`)")
async def entries(request: Request, date_from: str | None = FROM, date_to: str | None = TO,
                  actor: str | None = ACTOR, source: str | None = SOURCE,
                  text: str | None = TEXT,
                  limit: int = Query(100, ge=1, le=1000, description="entries per page"),
                  offset: int = Query(0, ge=0, description="entries to skip"),
                  format: Literal["json", "md", "html", "timelinejs"] = "json") -> Response:
    """The stored entries that pass the filters, by date: ``{"entries": [...], "total",
    "limit", "offset"}``, or Markdown, HTML or TimelineJS of the page."""
    db = store_of(request)
    filters = Filters(date_from, date_to, actor, source, text)
    answer = await request.app.state.runner.run("entries_job", db, filters, limit, offset,
                                                format)
    return _answer(answer, format)


@router.get("/stories", response_model=schemas.StoryResponse,
            responses={k: v for k, v in _ERRORS.items() if k in (400, 422, 503, 504)},
            summary="The story timeline of the stored articles (the filters of "
                    "`newsline query`)")
async def stories(request: Request, date_from: str | None = FROM, date_to: str | None = TO,
                  actor: str | None = ACTOR, source: str | None = SOURCE,
                  text: str | None = TEXT,
                  dates: int | None = Query(None, ge=1, le=1000, description="most dates"),
                  sentences: int = Query(2, ge=1, le=20, description="sentences per date"),
                  format: Literal["json", "md", "html", "timelinejs"] = "json") -> Response:
    """The dates that matter among the stored articles that pass the filters, each with its
    sentences and all their sources (the outlet and actor pick articles; the date range
    and words go to the story builder)."""
    db = store_of(request)
    filters = Filters(date_from, date_to, actor, source, text)
    answer = await request.app.state.runner.run("stories_job", db, filters, dates, sentences,
                                                format)
    return _answer(answer, format)
