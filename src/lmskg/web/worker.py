"""One query worker: a process that holds the graph and evaluates SPARQL sent over a socket.

Run as ``python -m lmskg.web.worker FD`` by :mod:`lmskg.web.pool`; it needs neither Flask nor the app.
A worker serves a build from its read-only on-disk store at once and, when asked to, loads an in-memory copy
in a background thread (scans are several times faster in memory) and switches to it when complete.

:func:`evaluate` is the whole query path after the HTTP layer; the W3C test runner calls it directly.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import re
import socket
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox

from lmskg import statistics
from lmskg.web import negotiation
from lmskg.web.sparqlscan import forbidden_keyword, has_from

GRAPH_FILE = "graph.nq"
STORE_DIR = "store"
STACK_SIZE = 256 << 20  # bytes of stack for the thread that evaluates queries

RESULT_FORMATS = {f.name: f.oxigraph for f in negotiation.RESULT_FORMATS}
GRAPH_FORMATS = {f.name: f.oxigraph for f in negotiation.GRAPH_FORMATS}


@dataclass(frozen=True, slots=True)
class QueryJob:
    """Everything needed to evaluate one query; picklable, no Flask objects."""

    sparql: str
    default_graph: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    base_iri: str | None = None
    result_format: str | None = "json"  # for SELECT and ASK; None = the client accepts none
    graph_format: str | None = "turtle"  # for CONSTRUCT and DESCRIBE
    max_rows: int = 100_000
    max_bytes: int = 64 << 20
    prefixes: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Outcome:
    """A finished evaluation: ``kind`` is "results", "boolean" or "graph" on success, else an error kind.

    Error kinds: "syntax" (400), "refused" (400: SERVICE, LOAD or an invalid dataset IRI), "not-acceptable"
    (406), "too-large" (the row or byte cap), "unavailable" (503: the store cannot be read), "failed" (the
    engine refused the query while evaluating it).
    """

    kind: str
    format: str | None = None
    body: bytes = b""
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.kind in ("results", "boolean", "graph")


class _CappedBuffer:
    """A binary sink that refuses to grow past ``limit`` bytes."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.parts: list[bytes] = []
        self.size = 0

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.size > self.limit:
            raise _TooLarge(f"the response would exceed {self.limit} bytes")
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def getvalue(self) -> bytes:
        return b"".join(self.parts)


class _TooLarge(Exception):
    pass


def evaluate(store: ox.Store, job: QueryJob, counts: statistics.Statistics | None = None) -> Outcome:
    """Run ``job`` on ``store`` and serialize its result, enforcing the row and byte caps.

    ``counts``, the statistics of the build ``store`` holds, answer a whole-graph ``COUNT(*)`` without a scan.
    """
    word = forbidden_keyword(job.sparql)
    if word is not None:  # defence in depth: the HTTP layer refuses these first
        return Outcome("refused", message=f"{word} is not allowed: this endpoint never makes outbound requests")
    if counts is not None and job.default_graph is None and job.named_graphs is None:
        constant = statistics.count_query(job.sparql, counts)
        if constant is not None:
            job = replace(job, sparql=constant)
    options: dict[str, object] = {}
    try:
        if job.default_graph is not None:
            options["default_graph"] = [_graph_name(g) for g in job.default_graph]
        elif not has_from(job.sparql):
            # Without a dataset the default graph is the union of all graphs; a query's own FROM / FROM NAMED
            # replaces it (pyoxigraph's union flag would otherwise override the query's dataset).
            options["use_default_graph_as_union"] = True
        if job.named_graphs is not None:
            options["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs]
    except ValueError as exc:
        return Outcome("refused", message=f"invalid graph IRI in default-graph-uri or named-graph-uri: {exc}")
    if job.base_iri:
        options["base_iri"] = job.base_iri
    if job.prefixes:
        options["prefixes"] = dict(job.prefixes)
    try:
        result = store.query(job.sparql, **options)
    except SyntaxError as exc:
        return Outcome("syntax", message=str(exc))
    except OSError as exc:
        return Outcome("unavailable", message=f"cannot read the graph: {exc}")
    except (ValueError, TypeError) as exc:
        return Outcome("failed", message=str(exc))
    sink = _CappedBuffer(job.max_bytes)
    try:
        if isinstance(result, ox.QueryBoolean):
            if job.result_format is None:
                return Outcome("not-acceptable", message=_none_fits("an ASK", RESULT_FORMATS))
            result.serialize(sink, RESULT_FORMATS[job.result_format])
            return Outcome("boolean", job.result_format, sink.getvalue())
        if isinstance(result, ox.QuerySolutions):
            if job.result_format is None:
                return Outcome("not-acceptable", message=_none_fits("a SELECT", RESULT_FORMATS))
            result.serialize(sink, RESULT_FORMATS[job.result_format])
            body = sink.getvalue()
            if count_rows(body, job.result_format, at_most=job.max_rows) > job.max_rows:
                return Outcome("too-large", message=f"the result has more than {job.max_rows} rows; add a LIMIT")
            return Outcome("results", job.result_format, body)
        if job.graph_format is None:
            return Outcome("not-acceptable", message=_none_fits("a CONSTRUCT or DESCRIBE", GRAPH_FORMATS))
        triples = list(itertools.islice(result, job.max_rows + 1))
        if len(triples) > job.max_rows:
            return Outcome("too-large", message=f"the result has more than {job.max_rows} triples; add a LIMIT")
        fmt = GRAPH_FORMATS[job.graph_format]
        data: Sequence[ox.Triple] | Sequence[ox.Quad] = triples
        if fmt.supports_datasets:
            data = [ox.Quad(t.subject, t.predicate, t.object) for t in triples]
        ox.serialize(data, sink, fmt, prefixes=dict(job.prefixes) or None)
        return Outcome("graph", job.graph_format, sink.getvalue())
    except _TooLarge as exc:
        return Outcome("too-large", message=f"{exc}; add a LIMIT or ask for fewer columns")
    except (OSError, ValueError, TypeError, SyntaxError) as exc:
        # pyoxigraph reports a _TooLarge raised inside serialize() as an OSError wrapping it.
        if sink.size > sink.limit:
            return Outcome("too-large", message=f"the response would exceed {sink.limit} bytes; add a LIMIT")
        return Outcome("failed", message=str(exc))


def count_rows(body: bytes, fmt: str, *, at_most: int | None = None) -> int:
    """The number of solutions in a serialized SELECT result (exact for the writer pyoxigraph uses).

    With ``at_most``, a cheap upper bound is returned instead whenever it is already within ``at_most``.
    """
    if fmt == "xml":
        return body.count(b"<result>") + body.count(b"<result/>")
    if fmt == "json":
        bindings = body.find(b'"bindings":[')
        if bindings < 0 or body[bindings + 12: bindings + 13] == b"]":
            return 0
        bound = body.count(b"},{", bindings) + 1  # rows are separated by "},{" (strings may add a few more)
        if at_most is not None and bound <= at_most:
            return bound
        # With string contents blanked, rows are the only objects separated by "},{" (bindings inside a row,
        # and the parts of a quoted triple, are separated by '},"').
        structure = _JSON_STRING.sub(b'""', body[bindings:])
        return structure.count(b"},{") + 1
    if fmt == "tsv":
        return max(body.count(b"\n") - 1 + (not body.endswith(b"\n")), 0)
    # CSV quotes values holding line breaks, so count record separators outside quotes.
    bound = max(body.count(b"\r\n") - 1 + (bool(body) and not body.endswith(b"\r\n")), 0)
    if at_most is not None and bound <= at_most:
        return bound
    return max(_csv_records(body) - 1, 0)


_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"')


def _csv_records(body: bytes) -> int:
    if b'"' not in body:
        return body.count(b"\r\n") + (bool(body) and not body.endswith(b"\r\n"))
    records, quoted = 0, False
    for chunk in body.split(b'"'):
        if not quoted:
            records += chunk.count(b"\r\n")
        quoted = not quoted
    return records + (bool(body) and not body.endswith(b"\r\n"))


def _none_fits(what: str, formats: dict[str, object]) -> str:
    return f"none of the accepted media types fits {what} query; available formats: {', '.join(formats)}"


def _graph_name(iri: str) -> ox.NamedNode | ox.DefaultGraph:
    return ox.DefaultGraph() if iri == "" else ox.NamedNode(iri)


class Holder:
    """The store a worker answers from, switched between builds and from disk to memory."""

    def __init__(self, in_memory: bool) -> None:
        self.in_memory = in_memory
        self.build: str | None = None
        self.store: ox.Store | None = None
        self.counts: statistics.Statistics | None = None
        self.generation = 0
        self.lock = threading.Lock()

    def use(self, build: str) -> ox.Store:
        with self.lock:
            if build != self.build or self.store is None:
                self.generation += 1
                self.build = build
                from lmskg.web.remotequery import RemoteEngine, read_marker

                remote = read_marker(Path(build))
                self.counts = None
                if remote is not None:  # evaluate() needs only query(), which RemoteEngine answers alike
                    self.store = RemoteEngine(remote)  # type: ignore[assignment]
                    return self.store  # type: ignore[return-value]
                self.counts = statistics.read(Path(build))
                self.store = ox.Store.read_only(str(Path(build) / STORE_DIR))
                if self.in_memory:
                    threading.Thread(target=self._load, args=(build, self.generation), daemon=True).start()
            return self.store

    def adopt(self, build: str, store: ox.Store) -> None:
        with self.lock:
            self.generation += 1
            self.build, self.store, self.counts = build, store, statistics.read(Path(build))

    def _load(self, build: str, generation: int) -> None:
        memory = ox.Store()
        try:
            memory.bulk_load(path=str(Path(build) / GRAPH_FILE), format=ox.RdfFormat.N_QUADS)
        except (OSError, SyntaxError, ValueError) as exc:
            print(f"lmskg worker {os.getpid()}: keeping the on-disk store ({exc})", file=sys.stderr)
            return
        with self.lock:
            if self.generation == generation:
                self.store = memory


def apply_update(build: str, sparql: str, base_iri: str | None, output: str) -> int:
    """Apply a SPARQL Update to a fresh in-memory copy of ``build`` and write the result as N-Quads."""
    store = ox.Store()
    store.bulk_load(path=str(Path(build) / GRAPH_FILE), format=ox.RdfFormat.N_QUADS)
    store.update(sparql, base_iri=base_iri)
    store.dump(output, ox.RdfFormat.N_QUADS)
    return len(store)


def serve(conn: Connection, in_memory: bool) -> None:
    """Answer requests from ``conn`` until it closes."""
    holder = Holder(in_memory)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        op = message[0]
        if op == "query":
            _, build, job = message
            try:
                store = holder.use(build)
                outcome = evaluate(store, job, holder.counts)
            except (OSError, RuntimeError) as exc:  # RuntimeError: the store is corrupt
                outcome = Outcome("unavailable", message=f"cannot read the graph: {exc}")
            except Exception as exc:  # a bug must cost one answer, not the worker
                print(f"lmskg worker {os.getpid()}: unexpected {type(exc).__name__}: {exc}", file=sys.stderr)
                outcome = Outcome("failed", message=f"internal error ({type(exc).__name__})")
            conn.send((outcome.kind, outcome.format, outcome.message))
            conn.send_bytes(outcome.body)
        elif op == "update":
            _, home, build, sparql, base_iri, output = message
            try:
                apply_update(build, sparql, base_iri, output)
                # Published here, in a freshly started process: the server processes are forked, and RocksDB
                # (which publish writes with) must not be used in a process forked after it was loaded.
                from lmskg.store import publish

                conn.send(("ok", str(publish(Path(home), Path(output))), ""))
            except SyntaxError as exc:
                conn.send(("syntax", "", str(exc)))
            except (OSError, ValueError) as exc:
                conn.send(("failed", "", str(exc)))
            except Exception as exc:  # a bug must cost one update, not the worker (StoreError included)
                conn.send(("failed", "", f"{type(exc).__name__}: {exc}"))
        elif op == "use":  # start serving a build (and loading it in memory) before the first query
            try:
                holder.use(message[1])
            except (OSError, RuntimeError) as exc:
                print(f"lmskg worker {os.getpid()}: cannot open {message[1]}: {exc}", file=sys.stderr)
        elif op == "ping":
            conn.send(("pong", os.getpid()))


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    fd = int(args[0])
    in_memory = len(args) < 2 or args[1] != "disk"
    sock = socket.socket(fileno=fd)
    conn = Connection(os.dup(sock.fileno()))
    sock.close()
    # The engine parses and evaluates recursively: give it a large stack (reserved, not used, until needed) so
    # that every query the HTTP layer lets through (sparqlscan.check_complexity) is far from overflowing it.
    threading.stack_size(STACK_SIZE)
    thread = threading.Thread(target=serve, args=(conn, in_memory), name="lmskg-worker", daemon=True)
    thread.start()
    with contextlib.suppress(KeyboardInterrupt):
        thread.join()


if __name__ == "__main__":
    main()
