"""The pages: the article view (paste or upload an article, see it annotated beside its
timeline) and the story view (browse the stories of a store)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from newsline.errors import InputError
from newsline.web import schemas
from newsline.web.inputs import BadRequest, documents_of, read_posted
from newsline.web.runner import Busy, TooSlow
from newsline.web.views import axis, paragraphs, pieces

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
        engine = request.app.state.engine

        def work() -> tuple[list, list]:
            docs = documents_of(posted)
            return docs, engine.timeline(docs)

        docs, entries = await request.app.state.runner.run(work)
    except (InputError, BadRequest) as err:
        status = getattr(err, "status", 400)
        return _render(request, "article.html", status, form=form, result=None,
                       error=str(err))
    except (Busy, TooSlow) as err:
        status = 503 if isinstance(err, Busy) else 504
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
    """The story view: the stories of the store, one at a time, with filters."""
    return _render(request, "stories.html", store=request.app.state.db)
