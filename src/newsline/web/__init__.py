"""The web app and HTTP API of ``newsline serve`` (needs the ``web`` extra:
``pip install 'newsline[web]'``)."""

from __future__ import annotations

__all__ = ["create_app"]


def create_app(*args, **kwargs):  # noqa: ANN002, ANN003 - the signature of app.create_app
    """The FastAPI application (see :func:`newsline.web.app.create_app`)."""
    from newsline.web.app import create_app as create

    return create(*args, **kwargs)
