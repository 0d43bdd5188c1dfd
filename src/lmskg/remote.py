"""A remote triplestore, spoken to only through the standards: the SPARQL 1.1 Protocol for queries and
SPARQL 1.1 Update for loading, so that Virtuoso, Oxigraph server, Jena Fuseki, GraphDB and Amazon Neptune all
serve. The store's default graph must be the union of its named graphs (Virtuoso, GraphDB and Neptune do this
by themselves; Oxigraph server needs ``--union-default-graph``, Fuseki ``tdb2:unionDefaultGraph true``).

Each document's named graph is loaded in bounded chunks into a staging graph, counted, and only then moved
over the named graph in one update that also records its content hash in the state graph
(:data:`STATE_GRAPH`) of the store itself. A rerun skips graphs whose hash is already recorded, so a load that
was killed or lost its server resumes where it stopped, losing and duplicating nothing. Credentials come from
``LMSKG_STORE_USER`` and ``LMSKG_STORE_PASSWORD`` (HTTP basic or digest), never from the URL.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import pyoxigraph as ox

from lmskg.errors import StoreError

STATE_GRAPH = "https://w3id.org/lmskg/graph/store-state"
CONTENT_HASH = "https://w3id.org/lmskg/store#contentHash"
STAGING_SUFFIX = "#staging"
RETRY_STATUS = frozenset({408, 429, 502, 503, 504})
LOADED_QUERY = f"SELECT ?g ?h WHERE {{ GRAPH <{STATE_GRAPH}> {{ ?g <{CONTENT_HASH}> ?h }} }} ORDER BY ?g"


class StoreRefusal(StoreError):
    """The store answered, with an error status (a query or update it would not run)."""


@dataclass(frozen=True, slots=True)
class LoadResult:
    """What a load did: graphs written, graphs already there with the same content, graphs removed, triples."""

    loaded: int
    skipped: int
    removed: int
    triples: int


class RemoteStore:
    """A SPARQL 1.1 endpoint (``url``) and its update endpoint.

    The update endpoint is ``update_url`` when given, else ``url`` with a final ``/query`` replaced by
    ``/update`` (Oxigraph server, Fuseki), else ``url`` itself (Virtuoso's ``/sparql-auth``, Neptune, GraphDB's
    ``/statements`` are given explicitly or are the same URL). Requests that fail on the network or with 408,
    429, 502, 503 or 504 are retried ``attempts`` times with exponential back-off from ``backoff`` seconds.
    """

    def __init__(self, url: str, *, update_url: str | None = None, timeout: float = 120.0, attempts: int = 5,
                 backoff: float = 0.5, chunk: int = 500) -> None:
        self.url = _checked_url(url, "--store")
        self.update_url = _checked_url(update_url, "--store-update") if update_url else _update_url(self.url)
        self.timeout = timeout
        self.attempts = max(1, attempts)
        self.backoff = backoff
        self.chunk = max(1, chunk)
        self._opener = _opener(self.url, self.update_url)

    @classmethod
    def from_environment(cls, url: str, update_url: str | None = None) -> RemoteStore:
        """A store with the tuning of ``LMSKG_STORE_TIMEOUT``, ``_ATTEMPTS``, ``_BACKOFF`` and ``_CHUNK``."""
        return cls(url, update_url=update_url, timeout=_env_number("LMSKG_STORE_TIMEOUT", 120.0),
                   attempts=int(_env_number("LMSKG_STORE_ATTEMPTS", 5)),
                   backoff=_env_number("LMSKG_STORE_BACKOFF", 0.5), chunk=int(_env_number("LMSKG_STORE_CHUNK", 500)))

    # -- the protocol ---------------------------------------------------------------------------------------

    def request(self, url: str, form: Mapping[str, str | Sequence[str]], accept: str) -> bytes:
        """POST ``form`` to ``url``; the body of the answer, or a one-line StoreError."""
        data = urllib.parse.urlencode(form, doseq=True).encode()
        headers = {"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"}
        attempt = 1
        while True:
            request = urllib.request.Request(url, data=data, headers=headers, method="POST")
            try:
                with self._opener.open(request, timeout=self.timeout) as response:
                    return response.read()
            except urllib.error.HTTPError as exc:
                if exc.code not in RETRY_STATUS or attempt >= self.attempts:
                    raise StoreRefusal(f"the store at {url} answered {exc.code}: {_first_line(exc)}") from None
            except (OSError, http.client.HTTPException) as exc:  # URLError, timeouts, resets, cut-off bodies
                if attempt >= self.attempts:
                    reason = str(getattr(exc, "reason", None) or exc)
                    raise StoreError(f"cannot reach the store at {url} ({reason}) after {self.attempts} attempts; "
                                     "rerun to resume: graphs already loaded are kept") from None
            time.sleep(self.backoff * 2 ** (attempt - 1))
            attempt += 1

    def select(self, sparql: str) -> list[dict[str, dict[str, str]]]:
        """The bindings of a SELECT query, as SPARQL JSON results."""
        body = self.request(self.url, {"query": sparql}, "application/sparql-results+json")
        try:
            return json.loads(body)["results"]["bindings"]
        except (ValueError, KeyError) as exc:
            raise StoreError(f"the store at {self.url} did not answer with SPARQL JSON results ({exc})") from None

    def update(self, sparql: str) -> None:
        self.request(self.update_url, {"update": sparql}, "*/*")

    # -- loading --------------------------------------------------------------------------------------------

    def loaded(self) -> dict[str, str]:
        """Named graph → content hash of every graph lmskg has loaded into the store."""
        rows = self.select(LOADED_QUERY)
        return {row["g"]["value"]: row["h"]["value"] for row in rows if "g" in row and "h" in row}

    def count(self, graph: str) -> int:
        rows = self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        return int(rows[0]["n"]["value"]) if rows and "n" in rows[0] else 0

    def put_graph(self, graph: str, triples: Sequence[ox.Triple], digest: str) -> None:
        """Replace ``graph`` by ``triples``: staged in chunks, counted, then moved over it in one update."""
        staging = graph + STAGING_SUFFIX
        self.update(f"DROP SILENT GRAPH <{staging}>")
        for chunk in chunks(triples, self.chunk):
            body = "\n".join(f"{t.subject} {t.predicate} {t.object} ." for t in chunk)
            if any(isinstance(term, ox.BlankNode) for t in chunk for term in (t.subject, t.object)):
                # INSERT DATA may not hold blank nodes on every store (Virtuoso); a template may
                self.update(f"INSERT {{ GRAPH <{staging}> {{\n{body}\n}} }} WHERE {{}}")
            else:
                self.update(f"INSERT DATA {{ GRAPH <{staging}> {{\n{body}\n}} }}")
        staged = self.count(staging)
        if staged != len(triples):
            raise StoreError(f"the store at {self.url} holds {staged} of the {len(triples)} triples staged for "
                             f"<{graph}>; nothing was replaced, rerun to load it again")
        self.update(f"MOVE SILENT GRAPH <{staging}> TO GRAPH <{graph}> ;\n"
                    f"DELETE WHERE {{ GRAPH <{STATE_GRAPH}> {{ <{graph}> <{CONTENT_HASH}> ?h }} }} ;\n"
                    f"INSERT DATA {{ GRAPH <{STATE_GRAPH}> {{ <{graph}> <{CONTENT_HASH}> \"{digest}\" }} }}")

    def drop_graph(self, graph: str) -> None:
        self.update(f"DROP SILENT GRAPH <{graph}> ;\nDROP SILENT GRAPH <{graph}{STAGING_SUFFIX}> ;\n"
                    f"DELETE WHERE {{ GRAPH <{STATE_GRAPH}> {{ <{graph}> <{CONTENT_HASH}> ?h }} }}")


def load(store: RemoteStore, lines: Iterable[str], *, replace_all: bool,
         report: Callable[[str], None] | None = None) -> LoadResult:
    """Load N-Quads ``lines`` into ``store``, one named graph at a time; skip graphs already there unchanged.

    With ``replace_all`` the lines are the whole graph: graphs lmskg loaded earlier and absent now are dropped.
    """
    graphs = by_graph(lines)
    present = store.loaded()
    done = skipped = triples = 0
    for graph, graph_triples in sorted(graphs.items()):
        digest = content_hash(graph_triples)
        triples += len(graph_triples)
        if present.get(graph) == digest:
            skipped += 1
            continue
        store.put_graph(graph, graph_triples, digest)
        done += 1
        if report:
            report(f"loaded <{graph}> ({len(graph_triples)} triples)")
    removed = 0
    if replace_all:
        for graph in sorted(set(present) - set(graphs)):
            store.drop_graph(graph)
            removed += 1
    return LoadResult(loaded=done, skipped=skipped, removed=removed, triples=triples)


def by_graph(lines: Iterable[str]) -> dict[str, list[ox.Triple]]:
    """The triples of N-Quads ``lines`` per named graph, each group sorted and without duplicates."""
    text = "".join(line if line.endswith("\n") else line + "\n" for line in lines)
    groups: dict[str, set[ox.Triple]] = {}
    try:
        for quad in ox.parse(input=text.encode(), format=ox.RdfFormat.N_QUADS):
            if not isinstance(quad.graph_name, ox.NamedNode):
                raise StoreError(f"a triple outside every named graph cannot be loaded: {quad.triple}")
            groups.setdefault(quad.graph_name.value, set()).add(quad.triple)
    except SyntaxError as exc:
        raise StoreError(f"the graph to load is not valid N-Quads: {exc}") from None
    return {graph: sorted(group, key=str) for graph, group in groups.items()}


def content_hash(triples: Sequence[ox.Triple]) -> str:
    sha = hashlib.sha256()
    for triple in triples:
        sha.update(f"{triple}\n".encode())
    return "sha256:" + sha.hexdigest()


def chunks(triples: Sequence[ox.Triple], size: int) -> list[list[ox.Triple]]:
    """Chunks of about ``size`` triples; triples sharing a blank node stay in one chunk (a blank node label
    means one node only within one update request)."""
    parent: dict[ox.BlankNode, ox.BlankNode] = {}

    def root(node: ox.BlankNode) -> ox.BlankNode:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for t in triples:
        blanks = [term for term in (t.subject, t.object) if isinstance(term, ox.BlankNode)]
        for other in blanks[1:]:
            parent[root(other)] = root(blanks[0])
    groups: dict[object, list[ox.Triple]] = {}
    for i, t in enumerate(triples):
        blank = next((term for term in (t.subject, t.object) if isinstance(term, ox.BlankNode)), None)
        groups.setdefault(root(blank) if blank is not None else i, []).append(t)
    out: list[list[ox.Triple]] = [[]]
    for group in groups.values():
        if out[-1] and len(out[-1]) + len(group) > size:
            out.append([])
        out[-1].extend(group)
    return [c for c in out if c]



def _checked_url(url: str, option: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise StoreError(f"{option}: expected an http:// or https:// SPARQL endpoint URL, got {url!r}")
    if parts.username or parts.password:
        raise StoreError(f"{option}: put credentials in LMSKG_STORE_USER and LMSKG_STORE_PASSWORD, "
                         "never in the URL")
    return url


def _update_url(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.path.endswith("/query"):
        return urllib.parse.urlunsplit(parts._replace(path=parts.path[: -len("query")] + "update"))
    return url


def _opener(*urls: str) -> urllib.request.OpenerDirector:
    user, password = os.environ.get("LMSKG_STORE_USER"), os.environ.get("LMSKG_STORE_PASSWORD")
    if not user:
        return urllib.request.build_opener()
    manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    for url in urls:
        manager.add_password(None, url, user, password or "")
    return urllib.request.build_opener(urllib.request.HTTPBasicAuthHandler(manager),
                                       urllib.request.HTTPDigestAuthHandler(manager))


def _env_number(name: str, default: float) -> float:
    value = os.environ.get(name)
    if value in (None, ""):
        return default
    try:
        return float(value)
    except ValueError:
        raise StoreError(f"{name}: expected a number, got {value!r}") from None


def _first_line(exc: urllib.error.HTTPError) -> str:
    try:
        text = exc.read(2000).decode("utf-8", "replace")
    except OSError:
        text = ""
    return next((line.strip() for line in text.splitlines() if line.strip()), exc.reason or "no message")[:300]
