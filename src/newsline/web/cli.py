"""``newsline serve``: the web app and JSON API on uvicorn."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from newsline.errors import NewslineError

INSTALL_HINT = "pip install 'newsline[web]'"


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """Register ``serve`` on the ``newsline`` command's subparsers."""
    serve = sub.add_parser("serve", help="the web app and JSON API (http://127.0.0.1:8000)")
    serve.add_argument("--db", metavar="D", help="a newsline store to browse (opened read-only)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default 127.0.0.1: this machine only)")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--max-body", type=float, default=5.0, metavar="MB",
                       help="largest request body in MB (default 5)")
    serve.add_argument("--timeout", type=float, default=60.0, metavar="S",
                       help="seconds a request may take (default 60)")
    serve.set_defaults(func=cmd_serve)
    return serve


def cmd_serve(args: argparse.Namespace) -> int:
    """Load the models, then serve until interrupted."""
    try:
        import uvicorn

        from newsline.web.app import create_app
    except ImportError as err:
        raise NewslineError(f"the web app needs its extra ({err.name} is missing): "
                            f"{INSTALL_HINT}") from None
    if args.db:
        from pathlib import Path

        if not Path(args.db).exists():
            raise NewslineError(f"{args.db}: no such store")
    app = create_app(args.db, max_body=int(args.max_body * 1024 * 1024), timeout=args.timeout)
    print(f"newsline: loading models, then serving on http://{args.host}:{args.port}/",
          file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="info",
                timeout_graceful_shutdown=5)
    return 0
