"""Running the CPU-bound jobs off the event loop, one at a time, with a queue bound and a
time limit.

:class:`ProcessRunner` (the app's default) keeps the models in one child process: the event
loop never competes with tagging for the interpreter, and a job past the time limit is
stopped for good by ending that process (a new one loads the models again).
:class:`ThreadRunner` runs a given :class:`~newsline.web.engine.Engine` on one thread of
this process (for an engine built in the caller, e.g. in tests); a job past its time limit
is answered at once but finishes in the background.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import signal
import traceback
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from newsline.errors import InputError, NewslineError

log = logging.getLogger("newsline.web")


class Busy(Exception):
    """Too many requests already wait for the worker (answered with 503)."""


class TooSlow(Exception):
    """The request's work passed the time limit (answered with 504)."""


class WorkerError(NewslineError):
    """A failure inside the worker that is not the request's fault (answered with 500)."""


class _Admission:
    """The queue bound and time limit shared by both runners."""

    def __init__(self, timeout: float, max_pending: int) -> None:
        self.timeout = timeout
        self.max_pending = max_pending
        self.pending = 0

    async def admit(self, job: Any) -> Any:
        if self.pending >= self.max_pending:
            raise Busy(f"the server is busy ({self.pending} requests queued); try again")
        self.pending += 1
        try:
            return await asyncio.wait_for(job, self.timeout)
        except TimeoutError:
            raise TooSlow(f"the request took longer than {self.timeout:g} s") from None
        finally:
            self.pending -= 1


class ThreadRunner(_Admission):
    """``engine``'s jobs on one worker thread of this process."""

    def __init__(self, engine: Any, timeout: float = 60.0, max_pending: int = 64,
                 warm_up: bool = True) -> None:
        super().__init__(timeout, max_pending)
        self.engine = engine
        self.warm = warm_up
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsline-nlp")

    @property
    def ready(self) -> bool:
        """Whether the models are loaded."""
        return bool(getattr(self.engine, "ready", False))

    async def start(self) -> None:
        """Load the models (when asked to) before the first request."""
        if self.warm:
            await asyncio.get_running_loop().run_in_executor(self.executor,
                                                             self.engine.warm_up)

    async def run(self, job: str, *args: Any) -> Any:
        """``engine.<job>(*args)`` on the worker thread; Busy or TooSlow as above."""
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(self.executor, getattr(self.engine, job), *args)
        return await self.admit(future)

    async def stop(self) -> None:
        """Stop the worker (queued jobs are dropped)."""
        self.executor.shutdown(wait=False, cancel_futures=True)


def _describe(err: BaseException) -> tuple[str, tuple]:
    """An exception as plain data that crosses the process boundary."""
    if isinstance(err, InputError):
        return "InputError", (err.path, err.problem)
    names = [cls.__name__ for cls in type(err).__mro__]
    for name in ("StoreLockedError", "StoreError", "Unavailable", "NewslineError"):
        if name in names:
            return name, (str(err),)
    return "internal", (type(err).__name__,)


def _rebuild(kind: str, fields: tuple) -> Exception:
    from newsline.web.engine import Unavailable

    if kind == "InputError":
        return InputError(*fields)
    if kind == "Unavailable":
        return Unavailable(*fields)
    if kind in ("StoreLockedError", "StoreError"):
        return WorkerStoreError(*fields)
    if kind == "NewslineError":
        return NewslineError(*fields)
    return WorkerError(f"internal error ({fields[0]}); the server log has the details")


class WorkerStoreError(NewslineError):
    """The store could not be read (missing, locked by an ingest, other version): 503."""


def _serve(conn: Any, warm_up: bool) -> None:
    """The worker process: load the models, then answer jobs until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server stops us, not Ctrl-C
    from newsline.web.engine import Engine

    engine = Engine()
    try:
        if warm_up:
            engine.warm_up()
        conn.send(("ready", ()))
    except BaseException as err:  # noqa: BLE001 - reported to the server, then we end
        traceback.print_exc()
        conn.send(_describe(err))
        return
    while True:
        try:
            job, args = conn.recv()
        except (EOFError, OSError):
            return
        try:
            answer = ("ok", getattr(engine, job)(*args))
        except Exception as err:  # noqa: BLE001 - every failure goes back as data
            if not isinstance(err, (InputError, NewslineError)):
                traceback.print_exc()
            answer = _describe(err)
        conn.send(answer)


class ProcessRunner(_Admission):
    """The jobs on one child process that holds the models."""

    def __init__(self, timeout: float = 60.0, max_pending: int = 64,
                 warm_up: bool = True) -> None:
        super().__init__(timeout, max_pending)
        self.warm = warm_up
        self.context = multiprocessing.get_context("spawn")
        self.io = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsline-pipe")
        self.process: Any = None
        self.conn: Any = None
        self.starting: asyncio.Future | None = None
        self.lock: asyncio.Lock | None = None
        self.restarts = 0

    @property
    def ready(self) -> bool:
        """Whether a worker has loaded its models and waits for jobs."""
        started = self.starting
        return (self.process is not None and self.process.is_alive()
                and started is not None and started.done() and not started.cancelled()
                and started.exception() is None and started.result()[0] == "ready")

    def _spawn(self) -> None:
        parent, child = self.context.Pipe()
        self.process = self.context.Process(target=_serve, args=(child, self.warm),
                                            name="newsline-worker", daemon=True)
        self.process.start()
        child.close()
        self.conn = parent
        loop = asyncio.get_running_loop()
        self.starting = loop.run_in_executor(self.io, self._receive)

    def _receive(self) -> tuple[str, tuple]:
        try:
            return self.conn.recv()
        except (EOFError, OSError):
            return "internal", ("the worker process ended",)

    async def _ready(self) -> None:
        if self.process is None or not self.process.is_alive():
            if self.process is not None:
                self.restarts += 1
                log.warning("the newsline worker ended; starting a new one")
            self._spawn()
        kind, fields = await asyncio.shield(self.starting)
        if kind != "ready":
            self._end()
            raise _rebuild(kind, fields)

    async def start(self) -> None:
        """Start the worker and wait for its models."""
        self.lock = asyncio.Lock()
        await self._ready()

    def _end(self) -> None:
        """End the worker at once (its pipe closes, so a waiting receive returns)."""
        if self.process is not None and self.process.is_alive():
            self.process.kill()
            self.process.join(5)
        if self.conn is not None:
            self.conn.close()
        self.process = None

    def _round_trip(self, message: tuple) -> tuple[str, Any]:
        self.conn.send(message)
        return self._receive()

    async def _call(self, job: str, args: tuple) -> Any:
        async with self.lock:
            await self._ready()
            loop = asyncio.get_running_loop()
            try:
                kind, payload = await loop.run_in_executor(self.io, self._round_trip,
                                                           (job, args))
            except asyncio.CancelledError:
                self._end()  # over the time limit: the job stops with its process,
                self.restarts += 1  # and a new worker starts loading the models now
                self._spawn()
                raise
        if kind == "ok":
            return payload
        raise _rebuild(kind, payload)

    async def run(self, job: str, *args: Any) -> Any:
        """``Engine.<job>(*args)`` in the worker process; Busy or TooSlow as above."""
        return await self.admit(self._call(job, args))

    async def stop(self) -> None:
        """End the worker."""
        self._end()
        self.io.shutdown(wait=False, cancel_futures=True)
