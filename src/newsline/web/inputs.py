"""Turning an HTTP request body into a validated request: JSON, text/plain or file uploads."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from fastapi import Request
from pydantic import BaseModel, ValidationError

from newsline.web.engine import Upload


class BadRequest(Exception):
    """A request that cannot be read; ``status`` 400, 415 or 422."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class Posted:
    """A request's options (the validated model) and the files that came with it."""

    options: Any
    uploads: list[Upload] = field(default_factory=list)


def validation_message(err: ValidationError) -> str:
    """One line naming each bad field and what is wrong with it."""
    parts = []
    for problem in err.errors():
        where = ".".join(str(p) for p in problem.get("loc", ())) or "body"
        parts.append(f"{where}: {problem.get('msg', 'invalid')}")
    return "invalid request: " + "; ".join(parts)


def _validate(model: type[BaseModel], data: Any) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as err:
        raise BadRequest(validation_message(err), 422) from None


def _decode(body: bytes, what: str) -> str:
    try:
        return body.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as err:
        raise BadRequest(f"{what} is not UTF-8 (byte 0x{body[err.start]:02x} at offset "
                         f"{err.start})") from None


async def read_posted(request: Request, model: type[BaseModel]) -> Posted:
    """The request's options as ``model`` and its uploads, from a JSON body, a
    ``text/plain`` body (options in the query string) or a multipart form (options as
    fields, files in ``file``/``files``)."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    query = {k: v for k, v in request.query_params.items()}
    if kind in ("application/json", "") or kind.endswith("+json"):
        body = await request.body()
        if not body.strip():
            raise BadRequest("empty request body (send JSON with a 'text' field)")
        try:
            data = json.loads(_decode(body, "the body"))
        except json.JSONDecodeError as err:
            raise BadRequest(f"malformed JSON at line {err.lineno}, column {err.colno}: "
                             f"{err.msg}") from None
        if not isinstance(data, dict):
            raise BadRequest("the JSON body must be an object")
        return Posted(_validate(model, {**query, **data}))
    if kind == "text/plain":
        text = _decode(await request.body(), "the body")
        if not text.strip():
            raise BadRequest("empty request body")
        return Posted(_validate(model, {**query, "text": text}))
    if kind in ("multipart/form-data", "application/x-www-form-urlencoded"):
        return await _read_form(request, model, query)
    raise BadRequest(f"unsupported content type {kind!r} (send application/json, "
                     "text/plain or multipart/form-data)", 415)


async def _read_form(request: Request, model: type[BaseModel], query: dict) -> Posted:
    try:
        limit = getattr(request.app.state, "max_body", 5 * 1024 * 1024)
        form = await request.form(max_files=100, max_fields=100, max_part_size=limit)
    except Exception as err:  # the multipart parser's own errors
        if type(err).__name__ == "BodyTooLarge":
            raise
        raise BadRequest(f"malformed form data: {err}") from None
    fields: dict[str, Any] = dict(query)
    uploads: list[Upload] = []
    for key, value in form.multi_items():
        if hasattr(value, "read"):
            data = await value.read()
            if data:
                uploads.append(Upload(name=value.filename or "", data=data))
        elif key not in ("file", "files") and value != "":
            fields[key] = value
    return Posted(_validate(model, fields), uploads)
