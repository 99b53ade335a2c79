"""The pages: the article view (paste or upload an article, see it annotated beside its
timeline) and the story view (browse the stories of a store)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from newsline.errors import InputError, NewslineError
from newsline.web import schemas
from newsline.web.engine import Unavailable
from newsline.web.inputs import BadRequest, read_posted
from newsline.web.runner import Busy, TooSlow
from newsline.web.stored import Filters
from newsline.web.views import axis, paragraphs, pieces, story_axis

router = APIRouter(include_in_schema=False)


def templates(request: Request) -> Jinja2Templates:
    """The app's Jinja2 environment (autoescaping on)."""
    return request.app.state.templates


def _render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return templates(request).TemplateResponse(request, name, context, status_code=status)


@router.get("/", response_class=HTMLResponse)
async def article_form(request: Request) -> HTMLResponse:
    """The empty article view: a form to paste or upload an article."""
    return _render(request, "article.html", form={}, result=None)


@router.post("/", response_class=HTMLResponse)
async def article_view(request: Request) -> HTMLResponse:
    """The article view of a posted article: its text with time expressions and events
    highlighted, and its timeline on a time axis beside it."""
    form: dict[str, Any] = {}
    try:
        posted = await read_posted(request, schemas.TimelineRequest)
        form = {"text": posted.options.text or "", "dct": posted.options.dct or ""}
        docs, entries = await request.app.state.runner.run("article_job", posted)
    except (InputError, BadRequest) as err:
        status = getattr(err, "status", 400)
        return _render(request, "article.html", status, form=form, result=None,
                       error=str(err))
    except (Busy, TooSlow, NewslineError) as err:
        status = {Busy: 503, TooSlow: 504}.get(type(err), 500)
        return _render(request, "article.html", status, form=form, result=None,
                       error=str(err))
    from newsline.timeline.writers import display_date

    placed, ticks = axis(entries, display_date)
    result = {
        "documents": [{"doc": doc, "paragraphs": paragraphs(pieces(doc, entries))} for doc in docs],
        "entries": placed, "ticks": ticks,
        "timexes": sum(len(d.timexes) for d in docs),
        "events": sum(len(d.events) for d in docs),
    }
    return _render(request, "article.html", form=form, result=result)


@router.get("/stories", response_class=HTMLResponse)
async def stories_view(request: Request) -> HTMLResponse:
    """The story view: the story of the store's articles, with date range, outlet, actor
    and words filters (query string ``from``, ``to``, ``source``, ``actor``, ``text``)."""
    db = request.app.state.db
    params = request.query_params
    form = {key: params.get(key, "") for key in ("from", "to", "source", "actor", "text")}
    if db is None:
        return _render(request, "stories.html", store=None, form=form, outlets=[])
    filters = Filters(form["from"], form["to"], form["actor"], form["source"], form["text"])
    try:
        summary, story = await request.app.state.runner.run("story_page_job", str(db),
                                                            filters)
    except _PAGE_ERRORS as err:
        summary = {"documents": 0, "outlets": [], "from": None, "to": None}
        return _render(request, "stories.html", _status(err), store=db, form=form,
                       summary=summary, outlets=[], story=None, error=str(err))
    placed, ticks = story_axis(story.entries)
    return _render(request, "stories.html", store=db, form=form, summary=summary,
                   outlets=summary["outlets"], story=story, placed=placed, ticks=ticks)


@router.post("/stories", response_class=HTMLResponse)
async def uploaded_story_view(request: Request) -> HTMLResponse:
    """The story view of uploaded articles (a multipart form: ``file`` and the filters)."""
    form = {key: "" for key in ("from", "to", "source", "actor", "text")}
    try:
        posted = await read_posted(request, schemas.StoryForm)
        options = posted.options
        form = {"from": options.date_from or "", "to": options.date_to or "",
                "source": options.source or "", "actor": options.actor or "",
                "text": options.text or ""}
        if not posted.uploads:
            raise InputError("file", "no articles uploaded")
        filters = Filters(form["from"], form["to"], form["actor"], form["source"],
                          form["text"])
        story = await request.app.state.runner.run("uploaded_story_job", posted.uploads,
                                                   options.dct, filters)
    except (*_PAGE_ERRORS, BadRequest) as err:
        return _render(request, "stories.html", _status(err), store=None, form=form,
                       outlets=[], story=None, error=str(err))
    placed, ticks = story_axis(story.entries)
    return _render(request, "stories.html", store=None, form=form, outlets=[], story=story,
                   placed=placed, ticks=ticks)


_PAGE_ERRORS = (InputError, Busy, TooSlow, NewslineError, Unavailable)


def _status(err: Exception) -> int:
    """The HTTP status of a page that shows ``err``."""
    if isinstance(err, BadRequest):
        return err.status
    if isinstance(err, InputError):
        return 400
    return {Busy: 503, TooSlow: 504, Unavailable: 501}.get(type(err), 503)
