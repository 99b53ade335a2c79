"""The FastAPI application: JSON API, pages, static files, limits and error answers."""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from newsline import __version__
from newsline.errors import InputError, NewslineError
from newsline.web.api import NoStore
from newsline.web.engine import Engine, Unavailable
from newsline.web.inputs import BadRequest
from newsline.web.limits import MAX_BODY, BodyLimit, BodyTooLarge
from newsline.web.runner import Busy, ProcessRunner, ThreadRunner, TooSlow, WorkerStoreError

HERE = Path(__file__).resolve().parent
log = logging.getLogger("newsline.web")


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def _handlers(app: FastAPI) -> None:
    """Every failure answers JSON ``{"error": message}``; never a traceback."""

    @app.exception_handler(InputError)
    async def bad_input(request: Request, err: InputError) -> JSONResponse:
        return _error(400, str(err))

    @app.exception_handler(BadRequest)
    async def bad_request(request: Request, err: BadRequest) -> JSONResponse:
        return _error(err.status, str(err))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, err: RequestValidationError) -> JSONResponse:
        parts = [".".join(str(p) for p in e.get("loc", ())) + ": " + e.get("msg", "invalid")
                 for e in err.errors()]
        return _error(422, "invalid request: " + "; ".join(parts))

    @app.exception_handler(BodyTooLarge)
    async def too_large(request: Request, err: BodyTooLarge) -> JSONResponse:
        limit = request.app.state.max_body / (1024 * 1024)
        return _error(413, f"request body too large (limit {limit:g} MB)")

    @app.exception_handler(Busy)
    async def busy(request: Request, err: Busy) -> JSONResponse:
        return _error(503, str(err))

    @app.exception_handler(TooSlow)
    async def too_slow(request: Request, err: TooSlow) -> JSONResponse:
        return _error(504, str(err))

    @app.exception_handler(Unavailable)
    async def unavailable(request: Request, err: Unavailable) -> JSONResponse:
        return _error(501, str(err))

    @app.exception_handler(NoStore)
    async def no_store(request: Request, err: NoStore) -> JSONResponse:
        return _error(404, str(err))

    @app.exception_handler(NewslineError)
    async def newsline_error(request: Request, err: NewslineError) -> JSONResponse:
        if isinstance(err, WorkerStoreError) or any(
                cls.__name__ == "StoreError" for cls in type(err).__mro__):
            return _error(503, str(err))  # the store is missing, locked or of another version
        return _error(500, str(err))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, err: HTTPException) -> JSONResponse:
        return JSONResponse({"error": str(err.detail)}, status_code=err.status_code,
                            headers=getattr(err, "headers", None))

    @app.exception_handler(Exception)
    async def crash(request: Request, err: Exception) -> JSONResponse:
        log.exception("internal error on %s %s", request.method, request.url.path)
        return _error(500, f"internal error ({type(err).__name__}); the server log has "
                           "the details")


def create_app(db: str | Path | None = None, *, max_body: int = MAX_BODY,
               timeout: float = 60.0, max_pending: int = 64, warm_up: bool = True,
               engine: Engine | None = None) -> FastAPI:
    """The newsline web application.

    The models live in one worker process started with the app (``engine``: run this
    :class:`Engine` on a thread of this process instead, e.g. a stand-in in tests).

    ``db``: a store to browse (opened read-only); ``max_body``: request body limit in
    bytes (413 above it); ``timeout``: seconds a request may take (504 after it);
    ``max_pending``: requests that may wait for the tagger (503 beyond); ``warm_up``: load
    the models at start-up (before the first request is served).
    """
    if engine is None:
        runner: Any = ProcessRunner(timeout=timeout, max_pending=max_pending, warm_up=warm_up)
    else:
        runner = ThreadRunner(engine, timeout=timeout, max_pending=max_pending,
                              warm_up=warm_up)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        await runner.start()
        yield
        await runner.stop()

    app = FastAPI(title="newsline", version=__version__, lifespan=lifespan,
                  docs_url=None, redoc_url=None,
                  description="Sourced, normalized event timelines from dated news "
                              "articles: tag, timeline, story, and a store to browse.")
    app.state.runner = runner
    app.state.db = Path(db).resolve() if db else None
    app.state.max_body = max_body
    app.state.templates = _templates()
    _handlers(app)

    from newsline.web import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_middleware(BodyLimit, limit=max_body)
    app.add_middleware(_SecurityHeaders)
    return app


class _SecurityHeaders:
    """Headers that keep pages from running anything but their own scripts."""

    CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
           "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
           "frame-ancestors 'none'")

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                headers += [(b"content-security-policy", self.CSP.encode()),
                            (b"x-content-type-options", b"nosniff"),
                            (b"referrer-policy", b"no-referrer")]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


def _templates() -> Any:
    """Jinja2 templates of the pages, autoescaping on."""
    from fastapi.templating import Jinja2Templates

    env = Jinja2Templates(directory=str(HERE / "templates"))
    env.env.autoescape = True
    env.env.globals["version"] = __version__
    return env
