"""Load on ``newsline serve``: many ``POST /api/tag`` requests from concurrent clients.

Starts the web app in its own process on 127.0.0.1 (a free port; loopback only), waits
until its models are loaded, then sends ``--requests`` requests (default 2,000) from
``--clients`` threads (default 8), each with a keep-alive connection. Every request tags a
short dated article (the sentences of ``examples/korea_troops.txt``, one varied article per
request so that nothing can be cached). It reports throughput, latency percentiles,
failures (any answer but 200 with the contract's shape) and the server's resident memory
at start, middle and end (the server process and its worker process together), then
stops the server. The run is bounded: it stops after
``--max-seconds`` (default 900) whatever has been sent.

    python benchmarks/bench_web.py                      # 2,000 requests, 8 clients
    python benchmarks/bench_web.py --requests 200 --clients 4
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from _common import revision

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "korea_troops.txt"
HOST = "127.0.0.1"  # loopback only


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def rss_mib(pid: int) -> float:
    """Resident memory in MiB (Linux /proc) of process ``pid`` and all its descendants
    (the server and its worker process, which holds the models)."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
        todo += _children(current)
    return total / 1024


def articles(count: int) -> list[bytes]:
    """``count`` distinct JSON request bodies: the example's sentences, rotated."""
    text = EXAMPLE.read_text(encoding="utf-8").split("\n", 1)[1]
    sentences = [s.strip() + "." for s in " ".join(text.split()).split(". ") if s.strip()]
    bodies = []
    for i in range(count):
        k = i % len(sentences)
        chosen = sentences[k:] + sentences[:k]
        body = f"Report {i}. " + " ".join(chosen[: 3 + i % 4])
        bodies.append(json.dumps({"text": body, "dct": "2025-12-13"}).encode())
    return bodies


def wait_ready(port: int, server: subprocess.Popen, limit: float = 180) -> float:
    started = time.monotonic()
    while time.monotonic() - started < limit:
        if server.poll() is not None:
            raise SystemExit("bench_web: the server exited during start-up")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            conn.request("GET", "/api/health")
            reply = conn.getresponse()
            if reply.status == 200 and json.loads(reply.read())["models_loaded"]:
                return time.monotonic() - started
        except (OSError, ValueError, KeyError):
            pass
        time.sleep(0.2)
    raise SystemExit("bench_web: the server did not start")


class Load:
    """The clients: they share a queue of request bodies and record what came back."""

    def __init__(self, port: int, bodies: list[bytes], deadline: float) -> None:
        self.port = port
        self.bodies = bodies
        self.deadline = deadline
        self.next = 0
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.failures: list[str] = []
        self.done = 0
        self.halfway = threading.Event()

    def _take(self) -> bytes | None:
        with self.lock:
            if self.next >= len(self.bodies) or time.monotonic() > self.deadline:
                return None
            self.next += 1
            return self.bodies[self.next - 1]

    def _record(self, latency: float | None, failure: str | None) -> None:
        with self.lock:
            self.done += 1
            if failure:
                self.failures.append(failure)
            else:
                self.latencies.append(latency)
            if self.done >= len(self.bodies) // 2:
                self.halfway.set()

    def client(self) -> None:
        conn = http.client.HTTPConnection(HOST, self.port, timeout=120)
        while (body := self._take()) is not None:
            started = time.perf_counter()
            try:
                conn.request("POST", "/api/tag", body=body,
                             headers={"content-type": "application/json"})
                reply = conn.getresponse()
                data = reply.read()
                latency = time.perf_counter() - started
                if reply.status != 200:
                    self._record(None, f"HTTP {reply.status}: {data[:200]!r}")
                elif not json.loads(data)["documents"][0]["timexes"]:
                    self._record(None, "no timexes in the answer")
                else:
                    self._record(latency, None)
            except (OSError, http.client.HTTPException, ValueError, KeyError) as err:
                self._record(None, f"{type(err).__name__}: {err}")
                conn.close()
                conn = http.client.HTTPConnection(HOST, self.port, timeout=120)
        conn.close()


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--max-seconds", type=float, default=900)
    args = parser.parse_args(argv)
    if not 1 <= args.clients <= 64 or not 1 <= args.requests <= 100_000:
        raise SystemExit("bench_web: 1-64 clients and 1-100,000 requests")

    port = _free_port()
    command = [sys.executable, "-c", "import sys; from newsline.cli import main; "
               "sys.exit(main(sys.argv[1:]))", "serve", "--host", HOST, "--port", str(port)]
    server = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, env={**os.environ})
    try:
        startup = wait_ready(port, server)
        bodies = articles(args.requests)
        tokens = sum(len(json.loads(b)["text"].split()) for b in bodies)
        rss = {"start": rss_mib(server.pid)}
        load = Load(port, bodies, time.monotonic() + args.max_seconds)
        threads = [threading.Thread(target=load.client) for _ in range(args.clients)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        load.halfway.wait(args.max_seconds)
        rss["middle"] = rss_mib(server.pid)
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        rss["end"] = rss_mib(server.pid)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()

    ok = len(load.latencies)
    print(f"newsline web load: {platform.node()} {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, commit {revision()}")
    print(f"server start-up (models loaded) {startup:.1f} s; {args.clients} clients, "
          f"{load.done} requests sent of {args.requests}, ~{tokens / len(bodies):.0f} "
          "tokens each")
    print()
    print("| requests | clients | ok | failed | seconds | requests/s | p50 ms | p90 ms | "
          "p99 ms | max ms | RSS start MiB | RSS middle MiB | RSS end MiB |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    ms = [x * 1000 for x in load.latencies]
    print(f"| {load.done:,} | {args.clients} | {ok:,} | {len(load.failures)} | "
          f"{elapsed:.1f} | {ok / elapsed:.1f} | {statistics.median(ms) if ms else 0:.0f} | "
          f"{_percentile(ms, 0.90):.0f} | {_percentile(ms, 0.99):.0f} | "
          f"{max(ms) if ms else 0:.0f} | {rss['start']:.0f} | {rss['middle']:.0f} | "
          f"{rss['end']:.0f} |")
    for failure in load.failures[:5]:
        print(f"failure: {failure}")
    return 1 if load.failures or load.done < args.requests else 0


if __name__ == "__main__":
    sys.exit(main())
