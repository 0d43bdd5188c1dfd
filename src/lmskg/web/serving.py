"""Running the app under waitress, the production WSGI server (never Flask's development server).

With ``processes`` > 1 a supervising process binds the listening socket and forks that many server
processes, each running waitress over the shared socket with its own app and pool of query workers, so HTTP
handling uses every core too. The supervisor restarts a server
process that dies and stops them all on SIGTERM or Ctrl-C. Settings reach the children as ``LMSKG_*``
variables, which ``create_app`` reads.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import signal
import socket
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

log = logging.getLogger("lmskg.web")

ENV_KEYS = {"HOME": "LMSKG_HOME", "BASE": "LMSKG_BASE", "QUERY_TIMEOUT": "LMSKG_QUERY_TIMEOUT",
            "WORKERS": "LMSKG_WORKERS", "STORE": "LMSKG_STORE", "STORE_UPDATE": "LMSKG_STORE_UPDATE"}


def default_threads(workers: int) -> int:
    """Enough request threads to keep every query worker busy while others wait on the network."""
    return max(8, 4 * workers)


def serve_app(app: Any, *, host: str | None = None, port: int | None = None, sock: socket.socket | None = None,
              threads: int | None = None) -> None:
    """Serve ``app`` with waitress on ``host:port`` or an already bound ``sock`` until stopped."""
    import waitress

    pool = app.extensions["lmskg"]

    def stop(signum: int, frame: object) -> None:
        pool.close()
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    where: dict[str, Any] = {"sockets": [sock]} if sock is not None else {"host": host, "port": port}
    try:
        waitress.serve(
            app,
            **where,
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


def run(config: Mapping[str, Any] | None, *, host: str, port: int, processes: int = 1,
        threads: int | None = None) -> None:
    """Serve the graph: one process, or a supervisor over ``processes`` server processes sharing one socket.

    Raises :class:`lmskg.errors.StoreError` when there is no graph, OSError when the port cannot be bound.
    """
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if processes <= 1:
        _prestart(config)
        from lmskg.web import create_app

        app = create_app(config)
        pool = app.extensions["lmskg"]
        _announce(host, port, 1, pool.size, pool.timeout)
        serve_app(app, host=host, port=port, threads=threads)
        return
    # Fail fast, in the foreground, when there is no graph: the same check create_app makes.
    from lmskg.settings import Settings
    from lmskg.store import check_store, current_build

    env = dict(os.environ)
    for key, value in (config or {}).items():
        if key in ENV_KEYS and value is not None:
            env[ENV_KEYS[key]] = str(value)
    if env.get("LMSKG_STORE"):
        from lmskg.remote import RemoteStore

        RemoteStore.from_environment(env["LMSKG_STORE"], env.get("LMSKG_STORE_UPDATE") or None).loaded()
    else:
        check_store(current_build(Path(env.get("LMSKG_HOME", str(Settings().home)))))
    listener = socket.create_server((host, port), backlog=2048)
    _supervise(listener, env, processes, threads, host, port)


def _announce(host: str, port: int, processes: int, workers: int, timeout: float) -> None:
    print(f"lmskg: serving http://{host}:{port}/ (SPARQL endpoint at /sparql; {processes} server process(es), "
          f"{workers} query workers each, timeout {timeout:g} s)", file=sys.stderr, flush=True)


def _spawn_child(listener: socket.socket, threads: int | None) -> int:
    """Fork a server process (the supervisor runs no thread, so forking is safe); return its pid."""
    pid = os.fork()
    if pid == 0:
        status = 1
        try:
            _child(listener, threads)
            status = 0
        except SystemExit as exc:
            status = exc.code if isinstance(exc.code, int) else 1
        except BaseException:
            log.exception("server process failed")
        finally:
            os._exit(status)
    return pid


def _supervise(listener: socket.socket, env: Mapping[str, str], processes: int, threads: int | None,
               host: str, port: int) -> None:
    stopping = False

    def stop(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True

    os.environ.update(env)
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    # The first server process starts alone, so that it answers as soon as it can; the others follow one a
    # second, when they no longer compete with it for the CPU.
    children = [_spawn_child(listener, threads)]
    started = time.monotonic()
    _announce(host, port, processes, int(env.get("LMSKG_WORKERS") or os.cpu_count() or 2),
              float(env.get("LMSKG_QUERY_TIMEOUT") or 30))
    restarts: list[float] = []
    try:
        while not stopping:
            time.sleep(0.2)
            if len(children) < processes and time.monotonic() - started > len(children):
                children.append(_spawn_child(listener, threads))
            for i, pid in enumerate(children):
                try:
                    done, status = os.waitpid(pid, os.WNOHANG)
                except ChildProcessError:
                    done, status = pid, -1
                if done == 0 or stopping:
                    continue
                now = time.monotonic()
                restarts = [t for t in restarts if now - t < 60] + [now]
                if len(restarts) > 10:
                    log.error("server processes keep exiting (last status %s); stopping", status)
                    stopping = True
                    break
                log.warning("server process %d exited with status %s; starting another", pid, status)
                children[i] = _spawn_child(listener, threads)
    finally:
        for pid in children:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        for pid in children:
            while time.monotonic() < deadline:
                try:
                    if os.waitpid(pid, os.WNOHANG)[0] != 0:
                        break
                except ChildProcessError:
                    break
                time.sleep(0.05)
            else:
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
                with contextlib.suppress(ChildProcessError):
                    os.waitpid(pid, 0)
        listener.close()


def _prestart(config: Mapping[str, Any] | None) -> None:
    """Start the query workers before Flask is imported, so both start-ups overlap."""
    from lmskg.web.pool import prestart

    config = config or {}
    workers = config.get("WORKERS") or os.environ.get("LMSKG_WORKERS") or os.cpu_count() or 2
    in_memory = str(config.get("IN_MEMORY", os.environ.get("LMSKG_IN_MEMORY", "true"))).lower()
    prestart(int(workers), in_memory=in_memory not in ("0", "false", "no", "off", ""))


def _exit_with_parent() -> None:
    """Stop this server process (and so its workers) if the supervisor disappears without stopping it."""
    import threading

    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)  # the workers see their socket close and exit too

    threading.Thread(target=watch, name="lmskg-parent-watch", daemon=True).start()


def _child(listener: socket.socket, threads: int | None) -> None:
    from lmskg.errors import LmskgError

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the supervisor decides when to stop
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _prestart(None)
    _exit_with_parent()
    from lmskg.web import create_app

    try:
        app = create_app()
    except LmskgError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        raise SystemExit(1) from exc
    serve_app(app, sock=listener, threads=threads)


def parse_args(argv: Sequence[str] | None = None) -> tuple[dict[str, Any], argparse.Namespace]:
    """Options of ``python server.py``; the same names as ``lmskg serve``."""
    parser = argparse.ArgumentParser(prog="server.py", description="Serve the lmskg graph with waitress.")
    parser.add_argument("--host", default=os.environ.get("LMSKG_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("LMSKG_PORT", "8000")))
    parser.add_argument("--timeout", type=float, default=None,
                        help="seconds a query may run (default: LMSKG_QUERY_TIMEOUT or 30)")
    parser.add_argument("--workers", type=int, default=None,
                        help="query worker processes per server process (default: CPU count)")
    parser.add_argument("--processes", type=int, default=int(os.environ.get("LMSKG_PROCESSES", "0") or 0),
                        help="server processes sharing the port (default: CPU count)")
    parser.add_argument("--threads", type=int, default=None, help="request threads per server process")
    args = parser.parse_args(argv)
    config: dict[str, Any] = {}
    if args.timeout is not None:
        config["QUERY_TIMEOUT"] = args.timeout
    if args.workers is not None:
        config["WORKERS"] = args.workers
    return config, args


def main(argv: Sequence[str] | None = None) -> int:
    """``python server.py``: serve until interrupted; 1 with a one-line message on failure."""
    from lmskg.errors import LmskgError

    config, args = parse_args(argv)
    try:
        run(config, host=args.host, port=args.port, processes=args.processes or os.cpu_count() or 1,
            threads=args.threads)
    except LmskgError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"Error: cannot serve on {args.host}:{args.port}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass
    return 0
