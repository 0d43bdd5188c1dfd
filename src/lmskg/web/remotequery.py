"""Evaluation on a remote store for the query workers: the same interface as ``pyoxigraph.Store.query``, so
:func:`lmskg.web.worker.evaluate` applies its rules (no SERVICE, the row and byte caps, the formats) to a remote
store as to the embedded one. No Flask here.

A query is first parsed by an empty embedded store, which refuses what is not SPARQL 1.1 and tells the query
form; it is then sent with the SPARQL 1.1 Protocol and its answer parsed back into pyoxigraph's result types.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from pathlib import Path

import pyoxigraph as ox

from lmskg.errors import StoreError
from lmskg.remote import RemoteStore, StoreRefusal

MARKER = "store.json"  # in a remote build's folder: the store's URLs (never credentials)
RESULTS = "application/sparql-results+json"
TRIPLES = "application/n-triples"


def write_marker(folder: Path, store: RemoteStore) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    marker = folder / MARKER
    if not marker.is_file():
        tmp = folder / f".{MARKER}.tmp"
        tmp.write_text(json.dumps({"url": store.url, "update_url": store.update_url}), encoding="utf-8")
        tmp.replace(marker)


def read_marker(folder: Path) -> RemoteStore | None:
    """The remote store a build folder stands for, or None for an embedded build."""
    marker = folder / MARKER
    if not marker.is_file():
        return None
    urls = json.loads(marker.read_text(encoding="utf-8"))
    return RemoteStore.from_environment(urls["url"], urls["update_url"])


class RemoteEngine:
    """Answers ``query`` like ``pyoxigraph.Store.query``, from a remote store."""

    def __init__(self, store: RemoteStore) -> None:
        self.store = store
        self._parser = ox.Store()

    def query(self, sparql: str, *, default_graph: Sequence[ox.NamedNode | ox.DefaultGraph] | None = None,
              named_graphs: Sequence[ox.NamedNode] | None = None, use_default_graph_as_union: bool = False,
              base_iri: str | None = None, prefixes: Mapping[str, str] | None = None) -> object:
        """Raises SyntaxError for what is not SPARQL 1.1, OSError when the store cannot be reached, ValueError
        when it refuses the query. The store's default graph is the union of its graphs already."""
        text = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in (prefixes or {}).items()) + sparql
        if base_iri:
            text = f"BASE <{base_iri}>\n{text}"
        form = self._parser.query(text)  # on an empty store: parses, checks and tells the form at once
        graph = isinstance(form, ox.QueryTriples)
        params: dict[str, str | list[str]] = {"query": text}
        if default_graph is not None:
            params["default-graph-uri"] = [g.value for g in default_graph if isinstance(g, ox.NamedNode)]
        if named_graphs is not None:
            params["named-graph-uri"] = [g.value for g in named_graphs]
        try:
            body = self.store.request(self.store.url, params, TRIPLES if graph else RESULTS)
        except StoreRefusal as exc:
            raise ValueError(str(exc)) from None
        except StoreError as exc:
            raise OSError(str(exc)) from None
        if graph:
            return [quad.triple for quad in ox.parse(input=body, format=ox.RdfFormat.N_TRIPLES)]
        if b'"bnode"' in body:
            body = _portable_blank_nodes(body)
        return ox.parse_query_results(input=body, format=ox.QueryResultsFormat.JSON)


def _portable_blank_nodes(body: bytes) -> bytes:
    """SPARQL JSON results with blank node labels made valid (Virtuoso writes ``nodeID://b10001``)."""
    results = json.loads(body)
    for row in results.get("results", {}).get("bindings", []):
        for term in row.values():
            if term.get("type") == "bnode":
                term["value"] = "b" + hashlib.sha256(term["value"].encode()).hexdigest()[:24]
    return json.dumps(results).encode()


def dump(store: RemoteStore, target: Path) -> None:
    """Write every graph lmskg loaded into ``store`` as N-Quads to ``target`` (atomically)."""
    tmp = target.with_name(f".{target.name}.tmp")
    with tmp.open("wb") as out:
        for graph in sorted(store.loaded()):
            body = store.request(store.url, {"query": f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> "
                                                          "{ ?s ?p ?o } }"}, TRIPLES)
            quads = [ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(graph))
                     for q in ox.parse(input=body, format=ox.RdfFormat.N_TRIPLES)]
            ox.serialize(quads, out, ox.RdfFormat.N_QUADS)
    tmp.replace(target)
