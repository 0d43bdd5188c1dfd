"""What the server says about itself: the SPARQL Service Description and the VoID description of the dataset.

Both are built as lists of pyoxigraph triples and serialized in the negotiated format. The triple counts of
the whole graph and of each named graph are those the build was published with (:mod:`lmskg.statistics`); the
other counts, and all of them for a remote store, come from the graph through the worker pool, cached per build.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pyoxigraph as ox
from flask import current_app, url_for

from lmskg.remote import LOADED_QUERY
from lmskg.statistics import Statistics
from lmskg.statistics import read as read_statistics
from lmskg.web import negotiation as neg
from lmskg.web.common import pool, select

SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
FORMATS = "http://www.w3.org/ns/formats/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
DCTERMS = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
PREFIXES = {
    "sd": SD, "void": VOID, "formats": FORMATS, "dcterms": DCTERMS, "xsd": "http://www.w3.org/2001/XMLSchema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
}
FORMAT_IRIS = {
    "json": "SPARQL_Results_JSON", "xml": "SPARQL_Results_XML", "csv": "SPARQL_Results_CSV",
    "tsv": "SPARQL_Results_TSV", "turtle": "Turtle", "ntriples": "N-Triples", "nquads": "N-Quads",
    "trig": "TriG", "jsonld": "JSON-LD", "rdfxml": "RDF_XML",
}

_cache: dict[tuple[str, str], object] = {}
_cache_lock = threading.Lock()


def forget() -> None:
    """Drop the cached counts and graph names (after an update)."""
    with _cache_lock:
        _cache.clear()


def cached(name: str, compute):  # type: ignore[no-untyped-def]
    key = (pool().build, name)
    with _cache_lock:
        if key in _cache:
            return _cache[key]
    value = compute()
    with _cache_lock:
        _cache[key] = value
    return value


def graph_names() -> list[str]:
    """The named graphs of the build being served."""

    def compute() -> list[str]:
        # Asked of a worker: server processes are forked and must not open RocksDB stores themselves.
        # A remote store may hold graphs of its own (Virtuoso's system graphs): serve the ones lmskg loaded.
        local = "SELECT ?g WHERE { GRAPH ?g { } } ORDER BY ?g"
        rows = select(LOADED_QUERY if pool().remote is not None else local)
        return [r["g"]["value"] for r in rows if r.get("g", {}).get("type") == "uri"]

    return cached("graphs", compute)


def build_statistics() -> Statistics | None:
    """The counts the build being served was published with; None for a remote store or an older build."""
    if pool().remote is not None:
        return None
    return cached("build-statistics", lambda: read_statistics(Path(pool().build)))  # type: ignore[no-any-return]


def statistics() -> dict[str, object]:
    """Dataset-wide counts and the number of triples in each named graph."""

    def compute() -> dict[str, object]:
        slow = max(float(current_app.config["QUERY_TIMEOUT"]), 120.0)
        known = build_statistics()
        totals = select(
            "SELECT (COUNT(*) AS ?triples) (COUNT(DISTINCT ?s) AS ?subjects) (COUNT(DISTINCT ?o) AS ?objects) "
            "(COUNT(DISTINCT ?p) AS ?properties) WHERE { GRAPH ?g { ?s ?p ?o } }", timeout=slow)
        classes = select("SELECT (COUNT(DISTINCT ?c) AS ?classes) WHERE { ?s a ?c }", timeout=slow)
        row = totals[0] if totals else {}
        stats: dict[str, object] = {k: int(row[k]["value"]) if k in row else 0
                                    for k in ("triples", "subjects", "objects", "properties")}
        stats["classes"] = int(classes[0]["classes"]["value"]) if classes else 0
        if known is not None:
            stats["graphs"] = dict(known.graphs)
        else:
            per_graph = select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
                               timeout=slow)
            stats["graphs"] = {r["g"]["value"]: int(r["n"]["value"]) for r in per_graph if "g" in r}
        return stats

    return cached("statistics", compute)


def _lit(value: object) -> ox.Literal:
    if isinstance(value, bool):
        return ox.Literal(str(value).lower(), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    return ox.Literal(str(value))


def description(endpoint: str, *, writable: bool) -> list[ox.Triple]:
    """The Service Description of the endpoint at ``endpoint`` (the URL the client used)."""
    n = ox.NamedNode
    service = ox.BlankNode()
    dataset = ox.BlankNode()
    default = ox.BlankNode()
    triples = [
        ox.Triple(service, RDF_TYPE, n(SD + "Service")),
        ox.Triple(service, n(SD + "endpoint"), n(endpoint)),
        ox.Triple(service, n(SD + "supportedLanguage"), n(SD + "SPARQL11Query")),
        ox.Triple(service, n(SD + "feature"), n(SD + "UnionDefaultGraph")),
        ox.Triple(service, n(SD + "defaultEntailmentRegime"), n("http://www.w3.org/ns/entailment/Simple")),
        ox.Triple(service, n(SD + "defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE, n(SD + "Dataset")),
        ox.Triple(dataset, n(SD + "defaultGraph"), default),
        ox.Triple(default, RDF_TYPE, n(SD + "Graph")),
        ox.Triple(service, n(DCTERMS + "title"), ox.Literal("lmskg SPARQL endpoint")),
        ox.Triple(service, n(DCTERMS + "description"), ox.Literal(
            "Read-only unless an update token is configured. The default graph is the union of all named "
            "graphs. SERVICE and LOAD are refused; no outbound request is ever made.")),
    ]
    if writable:
        triples.append(ox.Triple(service, n(SD + "supportedLanguage"), n(SD + "SPARQL11Update")))
    for fmt in (*neg.RESULT_FORMATS, *neg.GRAPH_FORMATS):
        triples.append(ox.Triple(service, n(SD + "resultFormat"), n(FORMATS + FORMAT_IRIS[fmt.name])))
    for fmt in (*neg.GRAPH_FORMATS,):
        triples.append(ox.Triple(service, n(SD + "inputFormat"), n(FORMATS + FORMAT_IRIS[fmt.name])))
    counts = build_statistics()
    if counts is not None:
        triples.append(ox.Triple(default, n(VOID + "triples"), _lit(counts.triples)))
    for name in graph_names():
        named = ox.BlankNode()
        triples += [
            ox.Triple(dataset, n(SD + "namedGraph"), named),
            ox.Triple(named, RDF_TYPE, n(SD + "NamedGraph")),
            ox.Triple(named, n(SD + "name"), n(name)),
        ]
        if counts is not None and name in counts.graphs:
            graph = ox.BlankNode()
            triples += [
                ox.Triple(named, n(SD + "graph"), graph),
                ox.Triple(graph, RDF_TYPE, n(SD + "Graph")),
                ox.Triple(graph, n(VOID + "triples"), _lit(counts.graphs[name])),
            ]
    void_url = url_for("sparql.void", _external=True)
    triples.append(ox.Triple(service, n("http://www.w3.org/2000/01/rdf-schema#seeAlso"), n(void_url)))
    return triples


def void(endpoint: str) -> list[ox.Triple]:
    """The VoID description: statistics, the SPARQL endpoint, the URI space and links to every dump."""
    n = ox.NamedNode
    base = current_app.config["BASE"]
    ds = n(base + "dataset")
    stats = statistics()
    triples = [
        ox.Triple(ds, RDF_TYPE, n(VOID + "Dataset")),
        ox.Triple(ds, n(DCTERMS + "title"), ox.Literal("lmskg: a knowledge graph of the leiomyosarcoma literature")),
        ox.Triple(ds, n(DCTERMS + "license"), n("https://www.apache.org/licenses/LICENSE-2.0")),
        ox.Triple(ds, n(VOID + "sparqlEndpoint"), n(endpoint)),
        ox.Triple(ds, n(VOID + "uriSpace"), ox.Literal(base)),
        ox.Triple(ds, n(VOID + "vocabulary"), n(base + "term/")),
        ox.Triple(ds, n(VOID + "triples"), _lit(stats["triples"])),
        ox.Triple(ds, n(VOID + "distinctSubjects"), _lit(stats["subjects"])),
        ox.Triple(ds, n(VOID + "distinctObjects"), _lit(stats["objects"])),
        ox.Triple(ds, n(VOID + "properties"), _lit(stats["properties"])),
        ox.Triple(ds, n(VOID + "classes"), _lit(stats["classes"])),
        ox.Triple(ds, n(VOID + "rootResource"), n(base + "ontology")),
    ]
    for name in ("nq", "trig", "ttl", "jsonld"):
        triples.append(ox.Triple(ds, n(VOID + "dataDump"),
                                 n(url_for("downloads.dump", name=f"lmskg.{name}", _external=True))))
    for fmt in neg.GRAPH_FORMATS:
        triples.append(ox.Triple(ds, n(VOID + "feature"), n(FORMATS + FORMAT_IRIS[fmt.name])))
    graphs: dict[str, int] = stats["graphs"]  # type: ignore[assignment]
    for name, count in graphs.items():
        sub = n(name)
        triples += [
            ox.Triple(ds, n(VOID + "subset"), sub),
            ox.Triple(sub, RDF_TYPE, n(VOID + "Dataset")),
            ox.Triple(sub, n(VOID + "triples"), _lit(count)),
            ox.Triple(sub, n(SD + "name"), n(name)),
        ]
    return triples


def serialize(triples: list[ox.Triple], fmt: neg.Format) -> bytes:
    rdf = fmt.oxigraph
    assert isinstance(rdf, ox.RdfFormat)
    data: list[ox.Triple] | list[ox.Quad] = triples
    if rdf.supports_datasets:
        data = [ox.Quad(t.subject, t.predicate, t.object) for t in triples]
    return ox.serialize(data, format=rdf, prefixes=PREFIXES)


def example_queries() -> list[dict[str, str]]:
    """The example queries in QUERIES_DIR (``*.rq``) and those behind the overview page, each with its name,
    title (first comment) and text."""
    from lmskg.web.overview import QUERIES

    folders = [Path(current_app.config["QUERIES_DIR"]), QUERIES]
    found: list[dict[str, str]] = []
    for path in [p for folder in folders if folder.is_dir() for p in sorted(folder.glob("*.rq"))]:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        title = next((line.lstrip("#").strip() for line in text.splitlines() if line.startswith("#")), path.stem)
        found.append({"name": path.stem, "title": title or path.stem, "query": text})
    return found


def page_context() -> dict[str, object]:
    queries = example_queries()
    return {"queries": queries, "base": current_app.config["BASE"], "query": None}
