"""The SPARQL 1.1 Protocol at /sparql through Flask's test client: requests, formats, errors, limits, updates."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import ClassVar

import pyoxigraph as ox
import pytest
import rdflib

from lmskg.web import create_app

LABELS = "SELECT ?s ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?label"
CONSTRUCT = ("CONSTRUCT { ?s <http://example.org/label> ?l } "
             "WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l }")
SRX = "{http://www.w3.org/2005/sparql-results#}"
WHOLE_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
NAMED_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
GRAPH_LINES = Path(__file__).parent.joinpath("data/graph.nq").read_text().strip().splitlines()


def labels(body: bytes) -> list[str]:
    return [b["label"]["value"] for b in json.loads(body)["results"]["bindings"]]


def test_get_form_post_and_direct_post_give_the_same_answer(client) -> None:  # type: ignore[no-untyped-def]
    get = client.get("/sparql", query_string={"query": LABELS})
    form = client.post("/sparql", data={"query": LABELS})
    direct = client.post("/sparql", data=LABELS.encode(), content_type="application/sparql-query")
    assert get.status_code == form.status_code == direct.status_code == 200
    assert labels(get.data) == labels(form.data) == labels(direct.data)
    assert labels(get.data) == ["case 1 of doc", "leiomyosarcoma", "sarcoma", "uterus"]
    assert get.headers["Content-Type"].startswith("application/sparql-results+json")
    assert get.headers["Vary"] == "Accept"


def test_query_with_percent_sign_is_decoded_once(client) -> None:  # type: ignore[no-untyped-def]
    query = 'SELECT ?x WHERE { BIND("100%25 sure" AS ?x) }'
    response = client.post("/sparql", data={"query": query})
    assert json.loads(response.data)["results"]["bindings"][0]["x"]["value"] == "100%25 sure"


def test_default_graph_is_the_union_and_dataset_parameters_restrict_it(client) -> None:  # type: ignore[no-untyped-def]
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l }"

    def n(**params: object) -> int:
        response = client.get("/sparql", query_string={"query": count, **params})
        assert response.status_code == 200, response.data
        return int(json.loads(response.data)["results"]["bindings"][0]["n"]["value"])

    assert n() == 4
    assert n(**{"default-graph-uri": "https://w3id.org/lmskg/graph/ontology"}) == 3
    assert n(**{"default-graph-uri": "https://w3id.org/lmskg/graph/doc"}) == 1
    assert n(**{"default-graph-uri": ["https://w3id.org/lmskg/graph/doc",
                                      "https://w3id.org/lmskg/graph/ontology"]}) == 4
    named = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    response = client.get("/sparql", query_string={"query": named,
                                                    "named-graph-uri": "https://w3id.org/lmskg/graph/doc"})
    graphs = [b["g"]["value"] for b in json.loads(response.data)["results"]["bindings"]]
    assert graphs == ["https://w3id.org/lmskg/graph/doc"]


@pytest.mark.parametrize(("accept", "media_type"), [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
])
def test_select_in_every_result_format(client, accept: str, media_type: str) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/sparql", query_string={"query": LABELS}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.mimetype == media_type
    if media_type == "text/csv":  # pyoxigraph does not parse CSV results (lossy), so read it as CSV
        values = sorted(row["label"] for row in csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    else:
        parsed = ox.parse_query_results(response.data, ox.QueryResultsFormat.from_media_type(media_type))
        values = sorted(s["label"].value for s in parsed)
    assert values == ["case 1 of doc", "leiomyosarcoma", "sarcoma", "uterus"]


def test_csv_and_xml_are_well_formed(client) -> None:  # type: ignore[no-untyped-def]
    rows = list(csv.reader(io.StringIO(client.get("/sparql", query_string={"query": LABELS, "format": "csv"})
                                       .get_data(as_text=True))))
    assert rows[0] == ["s", "label"] and len(rows) == 5
    root = ET.fromstring(client.get("/sparql", query_string={"query": LABELS, "format": "xml"}).data)
    assert len(root.findall(f"{SRX}results/{SRX}result")) == 4


@pytest.mark.parametrize("accept", ["application/sparql-results+json", "application/sparql-results+xml"])
def test_ask(client, accept: str) -> None:  # type: ignore[no-untyped-def]
    yes = client.get("/sparql", query_string={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": accept})
    no = client.get("/sparql", query_string={"query": "ASK { <http://nope> ?p ?o }"}, headers={"Accept": accept})
    fmt = ox.QueryResultsFormat.from_media_type(accept)
    assert bool(ox.parse_query_results(yes.data, fmt)) is True
    assert bool(ox.parse_query_results(no.data, fmt)) is False


@pytest.mark.parametrize(("accept", "rdflib_format"), [
    ("text/turtle", "turtle"),
    ("application/n-triples", "nt"),
    ("application/n-quads", "nquads"),
    ("application/trig", "trig"),
    ("application/ld+json", "json-ld"),
    ("application/rdf+xml", "xml"),
])
def test_construct_and_describe_in_every_graph_format(client, accept: str, rdflib_format: str) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/sparql", query_string={"query": CONSTRUCT}, headers={"Accept": accept})
    assert response.status_code == 200, response.data
    assert response.mimetype == accept
    graph = rdflib.Dataset() if rdflib_format in ("nquads", "trig") else rdflib.Graph()
    graph.parse(data=response.data, format=rdflib_format)
    assert len(graph) == 4
    described = client.get("/sparql", query_string={"query": "DESCRIBE <https://w3id.org/lmskg/term/Uterus>"},
                           headers={"Accept": accept})
    assert described.status_code == 200
    assert b"UBERON:0000995" in described.data


def test_format_parameter_overrides_accept(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/sparql", query_string={"query": LABELS, "format": "tsv"},
                          headers={"Accept": "application/sparql-results+json"})
    assert response.mimetype == "text/tab-separated-values"
    graph = client.get("/sparql", query_string={"query": CONSTRUCT, "format": "nt"})
    assert graph.mimetype == "application/n-triples"


def test_406_when_nothing_fits(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/sparql", query_string={"query": LABELS}, headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert b"available" in response.data
    # A SPARQL client asking for a results format gets the graph default for a CONSTRUCT (and vice versa).
    construct_as_csv = client.get("/sparql", query_string={"query": CONSTRUCT}, headers={"Accept": "text/csv"})
    assert construct_as_csv.status_code == 200 and construct_as_csv.mimetype == "text/turtle"
    select_as_turtle = client.get("/sparql", query_string={"query": LABELS}, headers={"Accept": "text/turtle"})
    assert select_as_turtle.status_code == 200
    assert select_as_turtle.mimetype == "application/sparql-results+json"
    unknown_format = client.get("/sparql", query_string={"query": LABELS, "format": "pdf"})
    assert unknown_format.status_code == 406


def test_malformed_query_is_400_with_position(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p }"})
    assert response.status_code == 400
    assert response.mimetype == "text/plain"
    assert b"error at 1:" in response.data
    assert b"Traceback" not in response.data


@pytest.mark.parametrize(("content_type", "status"), [
    ("text/plain", 415),
    ("application/json", 415),
    (None, 415),
    ("application/sparql-query; charset=UTF-16", 415),
])
def test_unsupported_request_media_types(client, content_type: str | None, status: int) -> None:  # type: ignore[no-untyped-def]
    headers = {"Content-Type": content_type} if content_type else {}
    response = client.post("/sparql", data=b"ASK {}", headers=headers)
    assert response.status_code == status


def test_bad_requests(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/sparql?query=ASK%7B%7D&query=ASK%7B%7D").status_code == 400
    assert client.get("/sparql?update=CLEAR%20ALL").status_code == 400
    assert client.post("/sparql", data={"nothing": "here"}).status_code == 400
    assert client.put("/sparql?query=ASK%7B%7D").status_code == 400
    assert client.post("/sparql", data=b"\xff\xfe", content_type="application/sparql-query").status_code == 400
    assert client.patch("/sparql").status_code == 405


def test_outbound_and_foreign_dataset_are_refused(client) -> None:  # type: ignore[no-untyped-def]
    service = client.get("/sparql", query_string={"query": "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"})
    assert service.status_code == 400 and b"SERVICE" in service.data
    foreign = client.get("/sparql", query_string={"query": "SELECT * FROM <http://example.org/x.ttl> { ?s ?p ?o }"})
    assert foreign.status_code == 400 and b"http://example.org/x.ttl" in foreign.data
    ours = client.get("/sparql", query_string={
        "query": "SELECT (COUNT(*) AS ?n) FROM <https://w3id.org/lmskg/graph/doc> { ?s ?p ?o }"})
    assert ours.status_code == 200


def test_updates_are_refused_without_a_token(client) -> None:  # type: ignore[no-untyped-def]
    update = "INSERT DATA { <http://a> <http://b> <http://c> }"
    for response in (
        client.post("/sparql", data={"update": update}),
        client.post("/sparql", data=update, content_type="application/sparql-update"),
        client.post("/sparql", data=update, content_type="application/sparql-update",
                    headers={"Authorization": "Bearer guess"}),
        client.put("/sparql?graph=http://g", data="<http://a> <http://b> <http://c> .",
                   content_type="application/n-triples"),
        client.delete("/sparql?graph=https://w3id.org/lmskg/graph/doc"),
    ):
        assert response.status_code == 403
        assert b"disabled" in response.data
    assert client.get("/sparql", query_string={"query": "ASK { <http://a> ?p ?o }"}).data.endswith(b"false}")


class TestWithAToken:
    @pytest.fixture
    def app_config(self, app_config):  # type: ignore[no-untyped-def]
        return {**app_config, "UPDATE_TOKEN": "s3cret-token"}

    AUTH: ClassVar[dict[str, str]] = {"Authorization": "Bearer s3cret-token"}

    def test_token_is_required_and_checked(self, client) -> None:  # type: ignore[no-untyped-def]
        update = "INSERT DATA { <http://a> <http://b> <http://c> }"
        missing = client.post("/sparql", data=update, content_type="application/sparql-update")
        assert missing.status_code == 401 and "Bearer" in missing.headers["WWW-Authenticate"]
        wrong = client.post("/sparql", data=update, content_type="application/sparql-update",
                            headers={"Authorization": "Bearer s3cret-tokem"})
        assert wrong.status_code == 403
        assert b"s3cret" not in wrong.data

    def test_update_is_applied_persisted_and_published(self, client, app, graph_home: Path) -> None:  # type: ignore[no-untyped-def]
        before = (graph_home / "current").resolve()
        update = "INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/a> <http://example.org/b> 1 } }"
        response = client.post("/sparql", data=update, content_type="application/sparql-update", headers=self.AUTH)
        assert response.status_code == 204
        after = (graph_home / "current").resolve()
        assert after != before and (after / "graph.nq").read_text().count("http://example.org/a") == 1
        ask = client.get("/sparql", query_string={"query": "ASK { <http://example.org/a> ?p 1 }"})
        assert ask.data.endswith(b"true}")
        # A fresh server over the same home sees the update: it was persisted as a build.
        other = create_app({"HOME": str(graph_home), "WORKERS": 1})
        try:
            again = other.test_client().get("/sparql", query_string={"query": "ASK { <http://example.org/a> ?p 1 }"})
            assert again.data.endswith(b"true}")
        finally:
            other.extensions["lmskg"].close()

    def test_a_whole_graph_count_follows_an_update(self, client, graph_home: Path) -> None:  # type: ignore[no-untyped-def]
        def counts() -> tuple[str, str]:
            found = []
            for query in (WHOLE_COUNT, NAMED_COUNT):
                response = client.get("/sparql", query_string={"query": query}, headers={"Accept": "text/csv"})
                assert response.status_code == 200, response.data
                found.append(response.data.decode())
            return found[0], found[1]

        before = len(GRAPH_LINES)
        assert counts() == (f"n\r\n{before}\r\n", f"n\r\n{before}\r\n")
        update = ("INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/a> <http://example.org/b> 1, 2 } "
                  "<http://example.org/a> <http://example.org/b> 3 }")
        response = client.post("/sparql", data=update, content_type="application/sparql-update", headers=self.AUTH)
        assert response.status_code == 204
        store = ox.Store()
        store.bulk_load(path=str((graph_home / "current").resolve() / "graph.nq"), format=ox.RdfFormat.N_QUADS)
        expected = tuple(f"n\r\n{next(iter(store.query(q, use_default_graph_as_union=True)))['n'].value}\r\n"
                         for q in (WHOLE_COUNT, NAMED_COUNT))
        assert expected == (f"n\r\n{before + 3}\r\n", f"n\r\n{before + 2}\r\n")
        assert counts() == expected

    def test_malformed_update_changes_nothing(self, client, graph_home: Path) -> None:  # type: ignore[no-untyped-def]
        before = (graph_home / "current").resolve()
        response = client.post("/sparql", data={"update": "CLEAR XYZ"}, headers=self.AUTH)
        assert response.status_code == 400 and b"error at" in response.data
        assert (graph_home / "current").resolve() == before

    def test_using_graph_uri_and_conflicts(self, client) -> None:  # type: ignore[no-untyped-def]
        update = ("INSERT { GRAPH <http://example.org/out> { ?s a <http://example.org/Labelled> } } "
                  "WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l }")
        response = client.post("/sparql?using-graph-uri=https://w3id.org/lmskg/graph/doc", data=update,
                               content_type="application/sparql-update", headers=self.AUTH)
        assert response.status_code == 204
        count = client.get("/sparql", query_string={
            "query": "SELECT (COUNT(*) AS ?n) { GRAPH <http://example.org/out> { ?s ?p ?o } }"})
        assert json.loads(count.data)["results"]["bindings"][0]["n"]["value"] == "1"
        conflict = client.post("/sparql?using-graph-uri=http://g", data="WITH <http://g> " + update,
                               content_type="application/sparql-update", headers=self.AUTH)
        assert conflict.status_code == 400

    def test_load_is_refused_even_with_a_token(self, client) -> None:  # type: ignore[no-untyped-def]
        response = client.post("/sparql", data={"update": "LOAD <http://127.0.0.1:9/x.ttl>"}, headers=self.AUTH)
        assert response.status_code == 400 and b"LOAD" in response.data

    def test_graph_store_protocol(self, client) -> None:  # type: ignore[no-untyped-def]
        target = "/sparql?graph=http://example.org/gsp"
        assert client.get(target).status_code == 404
        put = client.put(target, data="<http://example.org/s> <http://example.org/p> 'v' .",
                         content_type="text/turtle", headers=self.AUTH)
        assert put.status_code == 201
        got = client.get(target, headers={"Accept": "application/n-triples"})
        assert got.status_code == 200 and b"<http://example.org/s>" in got.data
        post = client.post(target, data='<http://example.org/s2> <http://example.org/p> "w" .',
                           content_type="application/n-triples", headers=self.AUTH)
        assert post.status_code == 204
        assert client.get(target, headers={"Accept": "application/n-triples"}).data.count(b"\n") == 2
        bad = client.put(target, data="this is not turtle", content_type="text/turtle", headers=self.AUTH)
        assert bad.status_code == 400
        assert client.delete(target, headers=self.AUTH).status_code == 204
        assert client.get(target).status_code == 404


def test_service_description(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/sparql", headers={"Accept": "text/turtle"}, base_url="http://sparql.example:8123")
    assert response.status_code == 200 and response.mimetype == "text/turtle"
    graph = rdflib.Graph().parse(data=response.data, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    endpoints = list(graph.objects(None, sd.endpoint))
    assert endpoints == [rdflib.URIRef("http://sparql.example:8123/sparql")]
    formats = {str(o) for o in graph.objects(None, sd.resultFormat)}
    assert "http://www.w3.org/ns/formats/SPARQL_Results_CSV" in formats and len(formats) == 10
    names = {str(o) for o in graph.objects(None, sd.name)}
    assert names == {"https://w3id.org/lmskg/graph/doc", "https://w3id.org/lmskg/graph/ontology"}
    assert (None, sd.supportedLanguage, sd.SPARQL11Update) not in graph
    void = rdflib.Namespace("http://rdfs.org/ns/void#")
    default = graph.value(next(graph.objects(None, sd.defaultDataset)), sd.defaultGraph)
    assert int(graph.value(default, void.triples)) == len(GRAPH_LINES)
    per_graph = {str(graph.value(named, sd.name)): int(graph.value(graph.value(named, sd.graph), void.triples))
                 for named in graph.subjects(rdflib.RDF.type, sd.NamedGraph)}
    assert per_graph == {"https://w3id.org/lmskg/graph/doc": sum("/graph/doc>" in line for line in GRAPH_LINES),
                         "https://w3id.org/lmskg/graph/ontology": sum("/graph/ontology>" in line
                                                                      for line in GRAPH_LINES)}
    html = client.get("/sparql", headers={"Accept": "text/html"})
    assert html.mimetype == "text/html" and b"SPARQL query" in html.data


def test_void(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/.well-known/void", headers={"Accept": "text/turtle"})
    graph = rdflib.Graph().parse(data=response.data, format="turtle")
    void = rdflib.Namespace("http://rdfs.org/ns/void#")
    dataset = rdflib.URIRef("https://w3id.org/lmskg/dataset")
    assert int(graph.value(dataset, void.triples)) == len(Path(__file__).parent.joinpath("data/graph.nq")
                                                          .read_text().strip().splitlines())
    assert int(graph.value(dataset, void.distinctSubjects)) > 5
    dumps = {str(o) for o in graph.objects(dataset, void.dataDump)}
    assert "http://localhost/download/lmskg.nq" in dumps and len(dumps) == 4
    sd_name = rdflib.URIRef("http://www.w3.org/ns/sparql-service-description#name")
    subsets = {str(graph.value(sub, sd_name)): int(graph.value(sub, void.triples))
               for sub in graph.objects(dataset, void.subset)}
    assert subsets == {"https://w3id.org/lmskg/graph/doc": sum("/graph/doc>" in line for line in GRAPH_LINES),
                       "https://w3id.org/lmskg/graph/ontology": sum("/graph/ontology>" in line
                                                                    for line in GRAPH_LINES)}
    assert str(graph.value(dataset, void.sparqlEndpoint)) == "http://localhost/sparql"


def test_cors_and_security_headers(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/sparql", query_string={"query": "ASK {}"}, headers={"Origin": "http://elsewhere"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response.headers
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    preflight = client.options("/sparql", headers={"Origin": "http://elsewhere",
                                                   "Access-Control-Request-Method": "POST"})
    assert preflight.status_code == 200 and "POST" in preflight.headers["Access-Control-Allow-Methods"]
    page = client.get("/")
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    assert page.headers["Referrer-Policy"] == "no-referrer"


class TestLimits:
    @pytest.fixture
    def app_config(self, app_config):  # type: ignore[no-untyped-def]
        return {**app_config, "MAX_ROWS": 3, "MAX_RESPONSE_BYTES": 2000, "MAX_CONTENT_LENGTH": 5000}

    def test_row_cap(self, client) -> None:  # type: ignore[no-untyped-def]
        for fmt in ("json", "xml", "csv", "tsv"):
            response = client.get("/sparql", query_string={"query": LABELS, "format": fmt})
            assert response.status_code == 503, fmt
            assert b"more than 3 rows" in response.data
            ok = client.get("/sparql", query_string={"query": LABELS + " LIMIT 3", "format": fmt})
            assert ok.status_code == 200, fmt
        triples = client.get("/sparql", query_string={"query": CONSTRUCT})
        assert triples.status_code == 503 and b"triples" in triples.data

    def test_byte_cap(self, client) -> None:  # type: ignore[no-untyped-def]
        big = 'SELECT ?x WHERE { VALUES ?x { "' + "y" * 2100 + '" } }'
        response = client.get("/sparql", query_string={"query": big})
        assert response.status_code == 503 and b"2000 bytes" in response.data

    def test_request_size_limit(self, client) -> None:  # type: ignore[no-untyped-def]
        huge = "ASK {} #" + "x" * 6000
        assert client.post("/sparql", data=huge, content_type="application/sparql-query").status_code == 413
        assert client.post("/sparql", data={"query": huge}).status_code == 413


class TestTimeout:
    @pytest.fixture
    def app_config(self, app_config):  # type: ignore[no-untyped-def]
        return {**app_config, "QUERY_TIMEOUT": 1}

    def test_slow_query_is_stopped_with_503_and_the_endpoint_recovers(self, client, app) -> None:  # type: ignore[no-untyped-def]
        pool = app.extensions["lmskg"]
        pid_before = {w.pid for w in pool._all}
        slow = "SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(f"?a{i} ?b{i} ?c{i} ." for i in range(12)) + " }"
        response = client.get("/sparql", query_string={"query": slow})
        assert response.status_code == 503
        assert b"did not finish within 1 seconds" in response.data
        assert response.headers["Retry-After"]
        pid_after = {w.pid for w in pool._all}
        assert pid_before.isdisjoint(pid_after)  # the busy worker was killed and replaced
        assert client.get("/sparql", query_string={"query": "ASK {}"}).status_code == 200


def test_no_debug_pages_and_plain_500(app, client) -> None:  # type: ignore[no-untyped-def]
    @app.route("/boom")
    def boom() -> str:
        raise RuntimeError("internal detail")

    response = client.get("/boom")
    assert response.status_code == 500
    assert b"internal detail" not in response.data and b"Traceback" not in response.data
    assert client.get("/nothing-here").status_code == 404


def test_factory_reads_prefixed_environment(monkeypatch, graph_home: Path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("LMSKG_HOME", str(graph_home))
    monkeypatch.setenv("LMSKG_QUERY_TIMEOUT", "7")
    monkeypatch.setenv("LMSKG_UPDATE_TOKEN", "12345")
    app = create_app({"WORKERS": 1})
    try:
        assert app.config["QUERY_TIMEOUT"] == 7.0
        assert app.config["UPDATE_TOKEN"] == "12345"
        assert app.extensions["lmskg"].timeout == 7.0
        assert not app.debug
    finally:
        app.extensions["lmskg"].close()


def test_factory_without_a_graph_says_how_to_make_one(tmp_path: Path) -> None:
    from lmskg.errors import StoreError

    with pytest.raises(StoreError, match="lmskg build"):
        create_app({"HOME": str(tmp_path / "empty")})


def test_a_query_dataset_replaces_the_union_default_graph(client) -> None:  # type: ignore[no-untyped-def]
    count = "SELECT (COUNT(*) AS ?n) {} WHERE {{ ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l }}"

    def n(dataset: str) -> int:
        response = client.get("/sparql", query_string={"query": count.format(dataset)})
        assert response.status_code == 200, response.data
        return int(json.loads(response.data)["results"]["bindings"][0]["n"]["value"])

    assert n("") == 4
    assert n("FROM <https://w3id.org/lmskg/graph/ontology>") == 3
    assert n("FROM <https://w3id.org/lmskg/graph/doc>") == 1
    assert n("FROM NAMED <https://w3id.org/lmskg/graph/doc>") == 0  # FROM NAMED alone: an empty default graph


def test_invalid_dataset_iris_are_400_and_cost_no_worker(client, app) -> None:  # type: ignore[no-untyped-def]
    pool = app.extensions["lmskg"]
    before = {w.pid for w in pool._all}
    for name in ("default-graph-uri", "named-graph-uri"):
        response = client.get("/sparql", query_string={"query": "ASK {}", name: "not an iri"})
        assert response.status_code == 400 and b"invalid graph IRI" in response.data
    assert {w.pid for w in pool._all} == before
    assert client.get("/sparql?graph=not%20an%20iri").status_code == 400
