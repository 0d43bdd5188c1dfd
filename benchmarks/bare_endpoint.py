"""The reference peer: the smallest Flask + waitress + in-memory pyoxigraph SPARQL endpoint.

    python -m benchmarks.bare_endpoint GRAPH.nq --port 8101 [--threads 8]

Loads the N-Quads into an in-memory store, answers GET/POST ``/sparql`` over the union of the named graphs,
SELECT/ASK as SPARQL JSON, CONSTRUCT/DESCRIBE as N-Triples. No cache, no worker processes, no timeout.
"""

from __future__ import annotations

import argparse

import pyoxigraph as ox
from flask import Flask, Response, request
from waitress import serve


def create_app(path: str) -> Flask:
    store = ox.Store()
    store.bulk_load(path=path, format=ox.RdfFormat.N_QUADS)
    app = Flask(__name__)

    @app.route("/sparql", methods=["GET", "POST"])
    def sparql() -> Response:
        query = request.values.get("query")
        if not query:
            return Response("missing query\n", 400, mimetype="text/plain")
        try:
            results = store.query(query, use_default_graph_as_union=True)
        except SyntaxError as exc:
            return Response(f"{exc}\n", 400, mimetype="text/plain")
        if isinstance(results, ox.QueryTriples):
            return Response(results.serialize(format=ox.RdfFormat.N_TRIPLES), mimetype="application/n-triples")
        return Response(results.serialize(format=ox.QueryResultsFormat.JSON),
                        mimetype="application/sparql-results+json")

    return app


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("graph")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8101)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    serve(create_app(args.graph), host=args.host, port=args.port, threads=args.threads, ident=None)


if __name__ == "__main__":
    main()
