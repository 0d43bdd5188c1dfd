"""Running the app under waitress, the production WSGI server (never Flask's development server)."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
from collections.abc import Sequence
from typing import Any

from flask import Flask

log = logging.getLogger("lmskg.web")


def default_threads(workers: int) -> int:
    """Enough request threads to keep every query worker busy while others wait on the network."""
    return max(8, 4 * workers)


def run(app: Flask, *, host: str, port: int, threads: int | None = None) -> None:
    """Serve ``app`` on ``host:port`` with waitress until interrupted or terminated."""
    import waitress

    pool = app.extensions["lmskg"]
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    def stop(signum: int, frame: object) -> None:
        pool.close()
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    print(f"lmskg: serving http://{host}:{port}/ (SPARQL endpoint at /sparql; "
          f"{pool.size} query workers, timeout {pool.timeout:g} s)", file=sys.stderr, flush=True)
    try:
        waitress.serve(
            app,
            host=host,
            port=port,
            threads=threads or default_threads(pool.size),
            ident="lmskg",
            expose_tracebacks=False,
            max_request_body_size=int(app.config["MAX_CONTENT_LENGTH"]) + 4096,
            channel_timeout=max(int(pool.timeout) + 30, 60),
            connection_limit=1000,
            backlog=2048,
            _quiet=True,
        )
    finally:
        pool.close()


def parse_args(argv: Sequence[str] | None = None) -> tuple[dict[str, Any], argparse.Namespace]:
    """Options of ``python server.py``; the same names as ``lmskg serve``."""
    parser = argparse.ArgumentParser(prog="server.py", description="Serve the lmskg graph with waitress.")
    parser.add_argument("--host", default=os.environ.get("LMSKG_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("LMSKG_PORT", "8000")))
    parser.add_argument("--timeout", type=float, default=None,
                        help="seconds a query may run (default: LMSKG_QUERY_TIMEOUT or 30)")
    parser.add_argument("--workers", type=int, default=None, help="query worker processes (default: CPU count)")
    parser.add_argument("--threads", type=int, default=None, help="request threads (default: 4 per worker)")
    args = parser.parse_args(argv)
    config: dict[str, Any] = {}
    if args.timeout is not None:
        config["QUERY_TIMEOUT"] = args.timeout
    if args.workers is not None:
        config["WORKERS"] = args.workers
    return config, args
