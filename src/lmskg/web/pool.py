"""A pool of query worker processes that can be killed when a query runs past its time.

pyoxigraph cannot cancel a running query, so each query is handed to a worker process
(:mod:`lmskg.web.worker`) holding the graph. The calling thread waits for the answer; when the time is up it
kills that worker, starts a fresh one in its place and reports :class:`QueryTimeout`. Workers are separate
processes, so queries run on every core, outside the web server's GIL.

Workers are started with ``python -m lmskg.web.worker`` (never fork of a threaded server, never a re-import
of the server's main module) and answer from the build's on-disk store at once while an in-memory copy loads.

No Flask here: the pool is usable from any Python code.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import queue
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from multiprocessing.connection import Connection
from pathlib import Path

from lmskg.errors import LmskgError, QueryError, StoreError
from lmskg.remote import RemoteStore
from lmskg.store import GRAPH_FILE, check_store, current_build
from lmskg.web.worker import Outcome, QueryJob

log = logging.getLogger(__name__)


STARTUP_TIMEOUT = 60.0  # seconds a new query worker may take to start and open the graph
REMOTE_STATE_TTL = 2.0  # seconds a remote store's list of loaded graphs is trusted before it is asked again


class QueryTimeout(LmskgError):
    """A query ran past its time limit; its worker was stopped."""


class Busy(LmskgError):
    """Every worker stayed busy for longer than a request may wait."""


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """An exclusive lock across processes (several server processes may serve one home)."""
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class _Worker:
    def __init__(self, in_memory: bool) -> None:
        self.in_memory = in_memory
        self.ready = False  # has answered once: its start-up is over
        parent, child = socket.socketpair()
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "lmskg.web.worker", str(child.fileno()), "memory" if in_memory else "disk"],
                pass_fds=(child.fileno(),),
                stdin=subprocess.DEVNULL,
                env={**os.environ, "PYTHONUNBUFFERED": "1"},
            )
        finally:
            child.close()
        self.conn = Connection(os.dup(parent.fileno()))
        parent.close()

    def kill(self, *, wait: bool = True) -> None:
        """Stop the process; without ``wait`` it is reaped in the background (a worker holding gigabytes can
        take a second to exit, which must not delay the answer to the query that timed out)."""
        with contextlib.suppress(OSError):
            self.conn.close()
        with contextlib.suppress(OSError):
            self.process.kill()
        if wait:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=5)
        else:
            threading.Thread(target=self._reap, name=f"lmskg-reap-{self.pid}", daemon=True).start()

    def _reap(self) -> None:
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=60)

    @property
    def pid(self) -> int:
        return self.process.pid


_prestarted: list[_Worker] = []


def prestart(count: int, *, in_memory: bool = True) -> None:
    """Start ``count`` workers now, for the next WorkerPool of this process to adopt.

    The server calls this before importing Flask, so the workers' start-up overlaps the app's.
    """
    _prestarted.extend(_Worker(in_memory) for _ in range(max(0, count)))


class WorkerPool:
    """``size`` worker processes over the current build in ``home``.

    :param home: the folder whose ``current`` build is served; a new build there is picked up at once.
    :param size: number of worker processes (at least 1).
    :param timeout: default seconds a query may run before its worker is killed.
    :param in_memory: load an in-memory copy of the graph in each worker (faster scans).
    :param store: serve this remote store instead of the builds in ``home``; a "build" is then a folder under
        ``home/remote/`` named after the store and the content hashes of its graphs, which caches its dumps.
    """

    def __init__(self, home: Path, *, size: int = 2, timeout: float = 30.0, in_memory: bool = True,
                 store: RemoteStore | None = None) -> None:
        self.home = Path(home)
        self.remote = store
        self._remote_seen = (0.0, "")
        self.size = max(1, int(size))
        self.timeout = float(timeout)
        self.in_memory = in_memory
        self._idle: queue.LifoQueue[_Worker] = queue.LifoQueue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._update_lock = threading.Lock()
        self._build: str | None = None
        self._build_target: str | None = None
        self._link = self.home / "current"
        self._closed = False
        if store is None:
            check_store(Path(self.build))  # fail fast with a StoreError when there is no graph or it is corrupt
        else:
            self._remote_build()  # fail fast with a StoreError when the store cannot be reached
        while _prestarted and len(self._all) < self.size:
            worker = _prestarted.pop(0)
            if worker.in_memory != in_memory or worker.process.poll() is not None:
                worker.kill()
                continue
            self._all.add(worker)
            self._warm(worker)
            self._idle.put(worker)
        for _ in range(self.size - len(self._all)):
            self._spawn()

    @property
    def build(self) -> str:
        """The folder of the build being served, re-read from ``home/current`` on every call (one readlink).

        Every server process sees a new build (from ``lmskg build`` or an update in any process) at once.
        """
        if self.remote is not None:
            return self._remote_build()
        try:
            target = os.readlink(self._link)
        except OSError:
            target = None
        if self._build is None or target != self._build_target:
            self._build = str(current_build(self.home))
            self._build_target = target
        return self._build

    def _remote_build(self) -> str:
        from lmskg.web.remotequery import write_marker

        assert self.remote is not None
        checked, folder = self._remote_seen
        if time.monotonic() - checked > REMOTE_STATE_TTL:
            state = sorted(self.remote.loaded().items())
            key = hashlib.sha256(json.dumps([self.remote.url, state]).encode()).hexdigest()[:16]
            folder = str(self.home / "remote" / key)
            write_marker(Path(folder), self.remote)
            self._remote_seen = (time.monotonic(), folder)
        return folder

    def graph_file(self) -> Path:
        """The N-Quads file of the graph served; for a remote store, dumped from it on first use."""
        target = Path(self.build) / GRAPH_FILE
        if self.remote is not None and not target.is_file():
            from lmskg.web.remotequery import dump

            with self._lock:
                if not target.is_file():
                    dump(self.remote, target)
        return target

    def _spawn(self) -> None:
        worker = _Worker(self.in_memory)
        with self._lock:
            self._all.add(worker)
        self._warm(worker)
        self._idle.put(worker)

    def _warm(self, worker: _Worker) -> None:
        """Have a new worker open the current build (and start loading it in memory) right away."""
        with contextlib.suppress(OSError, StoreError):
            worker.conn.send(("use", self.build))

    def _retire(self, worker: _Worker) -> None:
        worker.kill(wait=False)
        with self._lock:
            self._all.discard(worker)
        if not self._closed:
            self._spawn()

    def _await_start(self, worker: _Worker) -> None:
        """Wait until a new worker answers (it may take seconds to start on a busy machine), so that its
        start-up is not counted against the first query it is given; replace it if it never starts."""
        try:
            worker.conn.send(("ping",))
            if worker.conn.poll(STARTUP_TIMEOUT):
                worker.conn.recv()
                worker.ready = True
                return
        except (EOFError, OSError):
            pass
        log.error("query worker %d did not start within %g s", worker.pid, STARTUP_TIMEOUT)
        self._retire(worker)
        raise StoreError("a query worker did not start; it has been replaced, try again shortly")

    def _acquire(self, wait: float) -> _Worker:
        if self._closed:
            raise StoreError("the server is shutting down")
        try:
            return self._idle.get(timeout=wait)
        except queue.Empty:
            raise Busy(f"all {self.size} query workers stayed busy for {wait:g} s; try again shortly") from None

    def query(self, job: QueryJob, *, timeout: float | None = None) -> Outcome:
        """Evaluate ``job`` in a worker; raise QueryTimeout when it runs past ``timeout`` seconds."""
        limit = self.timeout if timeout is None else timeout
        started = time.monotonic()
        worker = self._acquire(limit)
        if not worker.ready:
            self._await_start(worker)
            started = time.monotonic()  # a new worker's start-up is not the query's time
        remaining = max(limit - (time.monotonic() - started), 0.001)
        try:
            worker.conn.send(("query", self.build, job))
            if not worker.conn.poll(remaining):
                log.warning("query timed out after %.1f s; stopping worker %d", limit, worker.pid)
                self._retire(worker)
                raise QueryTimeout(
                    f"the query did not finish within {limit:g} seconds and was stopped; "
                    "narrow it (LIMIT, more specific patterns) and try again"
                )
            kind, fmt, message = worker.conn.recv()
            body = worker.conn.recv_bytes()
        except (EOFError, OSError) as exc:
            log.error("query worker %d failed: %s", worker.pid, exc)
            self._retire(worker)
            raise StoreError("the query stopped its worker unexpectedly; it has been replaced") from exc
        self._idle.put(worker)
        return Outcome(kind, fmt, body, message)

    def update(self, sparql: str, *, base_iri: str | None = None, timeout: float | None = None) -> Path:
        """Apply a SPARQL Update and publish the result as the new current build; return its folder.

        Updates are serialized, across server processes too. The update runs on a fresh in-memory copy of the
        current build in a worker, which publishes the result through :func:`lmskg.store.publish` (a new build
        folder swapped in by one atomic rename), so a failed update leaves the served graph untouched. An update
        may take at least five minutes (publishing writes the whole graph to disk).
        """
        limit = max(self.timeout, 300.0) if timeout is None else timeout
        with self._update_lock, _file_lock(self.home / ".update.lock"):
            started = time.monotonic()
            worker = self._acquire(limit)
            handle, name = tempfile.mkstemp(prefix=".update-", suffix=".nq", dir=self.home)
            os.close(handle)
            output = Path(name)
            try:
                build = str(current_build(self.home))
                worker.conn.send(("update", str(self.home), build, sparql, base_iri, str(output)))
                remaining = max(limit - (time.monotonic() - started), 0.001)
                if not worker.conn.poll(remaining):
                    self._retire(worker)
                    raise QueryTimeout(f"the update did not finish within {limit:g} seconds and was not applied")
                status, published, message = worker.conn.recv()
                self._idle.put(worker)
                if status == "syntax":
                    raise QueryError(message)
                if status != "ok":
                    raise StoreError(f"the update could not be applied: {message}")
                folder = Path(published)
            except (EOFError, OSError) as exc:
                self._retire(worker)
                raise StoreError("the update stopped its worker unexpectedly; nothing was changed") from exc
            finally:
                output.unlink(missing_ok=True)
            return folder

    def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.kill()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
