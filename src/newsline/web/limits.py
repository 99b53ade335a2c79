"""Request limits: a cap on the body size (413 with a JSON message) as ASGI middleware."""

from __future__ import annotations

import json
from typing import Any

#: Default body limit: 5 MB.
MAX_BODY = 5 * 1024 * 1024


class BodyTooLarge(Exception):
    """Raised inside the app when a streamed body passes the limit."""


def _megabytes(limit: int) -> str:
    return f"{limit / (1024 * 1024):g} MB"


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes with 413 and ``{"error": ...}``.

    A declared ``Content-Length`` over the limit is refused before the body is read; a
    body sent without one (chunked) is counted as it streams in and refused when it passes
    the limit.
    """

    def __init__(self, app: Any, limit: int = MAX_BODY) -> None:
        self.app = app
        self.limit = limit

    async def _refuse(self, send: Any) -> None:
        body = json.dumps({"error": f"request body too large (limit {_megabytes(self.limit)})"})
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body.encode()})

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                too_big = int(declared) > self.limit
            except ValueError:
                too_big = False
            if too_big:
                await self._refuse(send)
                return
        received = 0
        started = False

        async def counted_receive() -> dict:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise BodyTooLarge()
            return message

        async def watched_send(message: dict) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, watched_send)
        except BodyTooLarge:
            if not started:
                await self._refuse(send)
