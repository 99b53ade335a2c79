"""The JSON API: ``/api/tag``, ``/api/timeline``, ``/api/story``, ``/api/stories``,
``/api/entries`` and ``/api/health``."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from newsline import __version__
from newsline.web import schemas
from newsline.web.inputs import Posted, documents_of, read_posted

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
    return JSONResponse({
        "status": "ok" if state.engine.ready else "starting", "version": __version__,
        "models_loaded": state.engine.ready,
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
    engine = request.app.state.engine

    def work() -> str:
        return engine.tag(documents_of(posted), posted.options.format)

    return _answer(await request.app.state.runner.run(work), posted.options.format)


@router.post("/timeline", response_model=schemas.TimelineResponse, responses=_ERRORS,
             summary="The dated chronology of an article's events",
             openapi_extra=_body(schemas.TimelineRequest,
                                 {"text": "date 2025-12-13\nOn Friday, Kim met the engineers.",
                                  "format": "json"}))
async def timeline(request: Request) -> Response:
    """``newsline timeline``: ``{"entries": [...]}``, or Markdown, a standalone HTML page or
    TimelineJS JSON with ``format``."""
    posted = await read_posted(request, schemas.TimelineRequest)
    engine = request.app.state.engine
    fmt = posted.options.format

    def work() -> str:
        docs = documents_of(posted)
        title = posted.options.title or _title(docs)
        return engine.render_timeline(engine.timeline(docs), fmt, title)

    return _answer(await request.app.state.runner.run(work), fmt)


def _title(docs: list) -> str:
    if len(docs) == 1:
        return docs[0].meta.get("title") or f"Timeline of {docs[0].id}"
    return "Timeline"


@router.post("/story", response_model=schemas.StoryResponse, responses=_ERRORS,
             summary="The story timeline of many articles",
             openapi_extra=_body(schemas.StoryRequest, {"articles": [
                 {"text": "The dam at Norden gave way on Saturday.", "date": "2024-03-04",
                  "source": "outlet-a", "id": "a1"}]}))
async def story(request: Request) -> Response:
    """``newsline story``: the dates that matter and their sentences, each with all its
    sources."""
    posted = await read_posted(request, schemas.StoryRequest)
    engine = request.app.state.engine
    options = posted.options

    def work() -> str:
        docs = _story_documents(posted)
        return engine.story(docs, options)

    return _answer(await request.app.state.runner.run(work), options.format)


def _story_documents(posted: Posted) -> list:
    from newsline.web.engine import read_articles

    if posted.options.articles:
        return read_articles([a.model_dump() for a in posted.options.articles])
    return documents_of(posted)


def dumps(data: Any) -> str:
    """Compact JSON, non-ASCII kept."""
    return json.dumps(data, ensure_ascii=False)
