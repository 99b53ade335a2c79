"""Shared test helpers, and the headless browser the page tests drive."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

# The TempEval-3 data lives in ../shared beside the repository; tests that need it skip
# with a message where it is absent (a user's clone).
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "tempeval3"

#: Where browser tests save their screenshots (git-ignored).
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

#: Debian's chromium; Playwright drives it (no browser is ever downloaded).
CHROMIUM = os.environ.get("NEWSLINE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
]


def write_file(path: Path, content: str | bytes) -> Path:
    """Write text (UTF-8) or bytes to ``path``, creating folders; returns the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def _missing_browser(reason: str) -> None:
    """Skip a browser test with ``reason``; in CI (the ``CI`` variable set) fail instead,
    so that a machine without the browser cannot pass by skipping."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set: browser tests must run)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """A headless Chromium (Debian's ``chromium`` package) driven by Playwright, shared by
    the whole session. Skips when Playwright or chromium is missing, fails when CI is set."""
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        _missing_browser(f"no chromium at {CHROMIUM} (apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing_browser("playwright is not installed (pip install -e '.[dev]')")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """A fresh browser page (own context, 1280x900) that records uncaught page errors and
    dialogs in ``page.errors`` and ``page.dialogs``; closed after the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    new_page = context.new_page()
    new_page.errors = []
    new_page.dialogs = []
    new_page.on("pageerror", lambda err: new_page.errors.append(str(err)))

    def on_dialog(dialog: object) -> None:
        new_page.dialogs.append(dialog.message)
        dialog.dismiss()

    new_page.on("dialog", on_dialog)
    try:
        yield new_page
    finally:
        context.close()


def screenshot(page: object, name: str, full_page: bool = True) -> Path:
    """Save a PNG of ``page`` as ``tests/artifacts/<name>.png``; returns its path."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


class LiveServer:
    """A newsline web app served by uvicorn on 127.0.0.1 in a background thread."""

    def __init__(self, app: object) -> None:
        import socket
        import threading

        import uvicorn

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning",
                                lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        import time

        self.thread.start()
        deadline = time.monotonic() + 120
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the web app did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


@pytest.fixture(scope="session")
def live_server() -> Iterator[LiveServer]:
    """The web app (models loaded, no store) on a free loopback port for the whole session;
    ``live_server.url`` is its address. Skips when the ``web`` extra is not installed."""
    pytest.importorskip("fastapi", reason="the web extra is not installed")
    pytest.importorskip("uvicorn", reason="the web extra is not installed")
    from newsline.web import create_app

    with LiveServer(create_app()) as server:
        yield server
