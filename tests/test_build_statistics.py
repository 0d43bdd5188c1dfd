"""The counts a build is published with, and the whole-graph COUNT(*) answered from them."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from lmskg import statistics
from lmskg.store import publish
from lmskg.web.worker import QueryJob, evaluate

XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
WEB_GRAPH = Path(__file__).resolve().parent / "web" / "data" / "graph.nq"
UNION = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
NAMED = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
# The same triple in two graphs and in the default graph, and a triple only in the default graph.
OVERLAPPING = (b"<http://a.example/s> <http://a.example/p> <http://a.example/o> <http://a.example/g1> .\n"
               b"<http://a.example/s> <http://a.example/p> <http://a.example/o> <http://a.example/g2> .\n"
               b"<http://a.example/s> <http://a.example/p> <http://a.example/o> .\n"
               b"<http://a.example/t> <http://a.example/p> \"x\" .\n")

RECOGNISED = [
    UNION,
    NAMED,
    "select (count(*) as ?n) { ?s ?p ?o . }",
    "SELECT(COUNT(*)AS $total)WHERE{$a $b $c}",
    "# how big?\nPREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\nPREFIX : <http://a.example/>\n"
    "BASE <http://b.example/>\nSELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o . } . }\n",
]
NOT_RECOGNISED = [
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?s ?o }",                       # a join: the subject is the predicate
    "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?s { ?s ?p ?o } }",
    "SELECT (COUNT(*) AS ?s) WHERE { ?s ?p ?o }",                       # an error the engine must report
    "SELECT (COUNT(DISTINCT *) AS ?n) WHERE { ?s ?p ?o }",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o } LIMIT 0",
    "SELECT (COUNT(*) AS ?n) FROM <http://a.example/g> WHERE { ?s ?p ?o }",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s a ?o }",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o . ?o ?q ?r }",
    "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <http://a.example/g> { ?s ?p ?o } }",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o } # a comment after it",
]


@pytest.fixture(params=["web", "overlapping"])
def build(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    if request.param == "web":
        return publish(tmp_path / "home", WEB_GRAPH)
    graph = tmp_path / "overlapping.nq"
    graph.write_bytes(WEB_GRAPH.read_bytes() + OVERLAPPING)
    return publish(tmp_path / "home", graph)


def loaded(build: Path) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(build / "graph.nq"), format=ox.RdfFormat.N_QUADS)
    return store


def engine_answer(store: ox.Store, sparql: str) -> list[list[ox.Literal]]:
    solutions = store.query(sparql, use_default_graph_as_union=True)
    return [[row[v] for v in solutions.variables] for row in solutions]  # type: ignore[union-attr]


def test_publish_writes_what_the_engine_answers(build: Path) -> None:
    counts = statistics.read(build)
    assert counts is not None
    store = loaded(build)
    assert [[ox.Literal(str(counts.triples), datatype=XSD_INTEGER)]] == engine_answer(store, UNION)
    assert [[ox.Literal(str(counts.quads), datatype=XSD_INTEGER)]] == engine_answer(store, NAMED)
    lines = (build / "graph.nq").read_text(encoding="utf-8").strip().splitlines()
    assert counts.triples == len(lines)
    assert counts.graphs["https://w3id.org/lmskg/graph/doc"] == sum("/graph/doc>" in line for line in lines)
    assert counts.graphs["https://w3id.org/lmskg/graph/ontology"] == sum("/graph/ontology>" in line
                                                                         for line in lines)
    assert sum(counts.graphs.values()) == counts.quads


@pytest.mark.parametrize("sparql", RECOGNISED)
def test_a_whole_graph_count_gets_the_rows_of_evaluating_it(build: Path, sparql: str) -> None:
    counts = statistics.read(build)
    assert counts is not None
    constant = statistics.count_query(sparql, counts)
    assert constant is not None
    store = loaded(build)
    assert engine_answer(store, constant) == engine_answer(store, sparql)
    assert store.query(constant).variables == store.query(sparql).variables  # type: ignore[union-attr]


@pytest.mark.parametrize("sparql", NOT_RECOGNISED)
def test_any_other_query_is_evaluated(build: Path, sparql: str) -> None:
    counts = statistics.read(build)
    assert counts is not None
    assert statistics.count_query(sparql, counts) is None


def test_the_worker_answers_from_the_counts_it_is_given_and_only_without_a_dataset(build: Path) -> None:
    store = loaded(build)
    marked = statistics.Statistics(triples=123456, quads=654321, graph_bytes=0)
    union = evaluate(store, QueryJob(UNION, result_format="csv"), marked)
    named = evaluate(store, QueryJob(NAMED, result_format="csv"), marked)
    assert (union.body, named.body) == (b"n\r\n123456\r\n", b"n\r\n654321\r\n")
    restricted = evaluate(store, QueryJob(UNION, result_format="csv",
                                          default_graph=("https://w3id.org/lmskg/graph/doc",)), marked)
    assert restricted.body != b"n\r\n123456\r\n"
    assert restricted.body == evaluate(store, QueryJob(UNION, result_format="csv",
                                                       default_graph=("https://w3id.org/lmskg/graph/doc",))).body


def test_counts_of_another_graph_are_not_trusted(build: Path) -> None:
    (build / "graph.nq").write_bytes((build / "graph.nq").read_bytes() + b"<http://a.example/s> "
                                     b"<http://a.example/p> <http://a.example/o> <http://a.example/g> .\n")
    assert statistics.read(build) is None


@pytest.mark.parametrize("content", ["", "{", '{"triples": 1}', '[1, 2]', '{"triples": "x", "quads": 1, '
                                     '"graph_bytes": 1, "graphs": {}}'])
def test_an_unreadable_statistics_file_means_no_counts(build: Path, content: str) -> None:
    (build / statistics.STATISTICS_FILE).write_text(content, encoding="utf-8")
    assert statistics.read(build) is None
