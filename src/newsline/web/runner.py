"""Running blocking work off the event loop, with a queue bound and a time limit."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


class Busy(Exception):
    """Too many requests already wait for the tagger (answered with 503)."""


class TooSlow(Exception):
    """The request's work passed the time limit (answered with 504)."""


class Runner:
    """One worker thread that runs the CPU-bound stages, so that the event loop stays free
    to answer other requests (health checks, pages, refusals) while a text is tagged.

    One thread means the models are only ever used by one thread at a time. At most
    ``max_pending`` jobs wait or run at once (more get :class:`Busy`); a job that does not
    finish within ``timeout`` seconds gets :class:`TooSlow`, and if it had not started yet
    it is dropped from the queue.
    """

    def __init__(self, timeout: float = 60.0, max_pending: int = 64) -> None:
        self.timeout = timeout
        self.max_pending = max_pending
        self.pending = 0
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsline-nlp")

    async def run(self, func: Callable[..., T], *args: Any) -> T:
        """``func(*args)`` on the worker thread; raises Busy or TooSlow as above."""
        if self.pending >= self.max_pending:
            raise Busy(f"the server is busy ({self.pending} requests queued); try again")
        self.pending += 1
        future = self.executor.submit(func, *args)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), self.timeout)
        except TimeoutError:
            future.cancel()
            raise TooSlow(f"the request took longer than {self.timeout:g} s") from None
        finally:
            self.pending -= 1

    def shutdown(self) -> None:
        """Stop the worker (queued jobs are dropped)."""
        self.executor.shutdown(wait=False, cancel_futures=True)
