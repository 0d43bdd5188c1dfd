"""Profile where a request's time goes, in process, with pyinstrument (``pip install pyinstrument``).

    python -m benchmarks.profile benchmarks/work/home-1m [--requests 2000] [--query lookup_pmid]

Three profiles of the same query repeated, written to ``benchmarks/work/profile-*.txt``:

* ``serve``: lmskg's WSGI app (the fast path) in this process with one query worker, no HTTP server —
  the server-side Python per request; time inside the worker shows up as waiting on its connection;
* ``worker``: the worker's own ``evaluate`` on an in-memory store — engine, serialization, row counting;
* ``bare``: the bare Flask + pyoxigraph app, for comparison.
"""

from __future__ import annotations

import argparse
import io
import time
from pathlib import Path
from urllib.parse import urlencode

import pyoxigraph as ox
from pyinstrument import Profiler

from benchmarks import queries
from benchmarks.run import WORK, pick_params


def _environ(text: str) -> dict:
    return {"REQUEST_METHOD": "GET", "PATH_INFO": "/sparql", "QUERY_STRING": urlencode({"query": text}),
            "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80", "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(),
            "HTTP_ACCEPT": "application/sparql-results+json", "SERVER_PROTOCOL": "HTTP/1.1"}


def _drive(app, text: str, n: int) -> float:  # type: ignore[no-untyped-def]
    def start_response(status: str, headers: list, exc_info: object = None) -> None:
        if not status.startswith("200"):
            raise RuntimeError(status)

    t0 = time.perf_counter()
    for _ in range(n):
        b"".join(app(_environ(text), start_response))
    return (time.perf_counter() - t0) / n * 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("home", type=Path)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--query", default="lookup_pmid")
    args = parser.parse_args()
    graph = (args.home / "current").resolve() / "graph.nq"
    store = ox.Store()
    store.bulk_load(path=str(graph), format=ox.RdfFormat.N_QUADS)
    params, _ = pick_params(store)
    query = next(q for q in queries.build(params) if q.name == args.query)
    n = args.requests
    summary = []

    from lmskg.web import create_app
    from lmskg.web.worker import QueryJob, evaluate

    app = create_app({"HOME": str(args.home), "WORKERS": 1})
    time.sleep(3 + graph.stat().st_size / 100e6)  # let the worker finish its in-memory load
    _drive(app.wsgi_app, query.text, 50)
    with Profiler(interval=0.0002) as p:
        per = _drive(app.wsgi_app, query.text, n)
    (WORK / "profile-serve.txt").write_text(p.output_text(unicode=True, show_all=False))
    summary.append(f"serve (WSGI app, 1 worker, no HTTP): {per:.0f} µs per request")
    app.extensions["lmskg"].close()

    job = QueryJob(query.text)
    with Profiler(interval=0.0002) as p:
        t0 = time.perf_counter()
        for _ in range(n):
            evaluate(store, job)
        per = (time.perf_counter() - t0) / n * 1e6
    (WORK / "profile-worker.txt").write_text(p.output_text(unicode=True, show_all=False))
    t0 = time.perf_counter()
    for _ in range(n):
        store.query(query.text, use_default_graph_as_union=True).serialize(format=ox.QueryResultsFormat.JSON)
    raw = (time.perf_counter() - t0) / n * 1e6
    summary.append(f"worker evaluate(): {per:.0f} µs per query; bare store.query + serialize: {raw:.0f} µs")

    from benchmarks.bare_endpoint import create_app as bare_app

    bare = bare_app(str(graph))
    _drive(bare.wsgi_app, query.text, 50)
    with Profiler(interval=0.0002) as p:
        per = _drive(bare.wsgi_app, query.text, n)
    (WORK / "profile-bare.txt").write_text(p.output_text(unicode=True, show_all=False))
    summary.append(f"bare (Flask app, no HTTP): {per:.0f} µs per request")
    (WORK / "profile-summary.txt").write_text("\n".join(summary) + "\n")
    print("\n".join(summary))


if __name__ == "__main__":
    main()
