"""Linked data: IRIs under the base dereference to HTML pages and RDF; lookup by external identifier."""

from __future__ import annotations

import json

import pytest
import rdflib

BASE = "https://w3id.org/lmskg/"
LMS = rdflib.URIRef(BASE + "term/Leiomyosarcoma")


def test_browser_gets_a_page_with_label_types_definition_links_evidence_and_mappings(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/term/Leiomyosarcoma", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert response.status_code == 200 and response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert "<h1>leiomyosarcoma</h1>" in html
    assert 'href="/term/Sarcoma"' in html  # outgoing link, shown by label
    assert ">sarcoma<" in html
    assert 'href="/data/case/doc-1"' in html and "case 1 of doc" in html  # incoming link
    assert 'href="http://purl.obolibrary.org/obo/NCIT_C3158"' in html  # hasDbXref, linked out
    assert 'href="http://purl.obolibrary.org/obo/MONDO_0005058"' in html  # skos:exactMatch
    assert response.headers["Content-Location"] == "/term/Leiomyosarcoma.html"
    assert response.headers["Vary"] == "Accept"
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]


def test_literals_are_escaped_in_html(client) -> None:  # type: ignore[no-untyped-def]
    html = client.get("/term/Leiomyosarcoma.html").get_data(as_text=True)
    assert "<b>malignant</b>" not in html
    assert "&lt;b&gt;malignant&lt;/b&gt;" in html
    evidence = client.get("/data/case/doc-1.html").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in evidence
    assert "&lt;script&gt;" in evidence


def test_evidence_sentence_is_shown_with_the_span_marked(client) -> None:  # type: ignore[no-untyped-def]
    html = client.get("/data/case/doc-1", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "The sentences behind these facts" in html
    assert 'The <mark id="sentence-1">leiomyosarcoma<a class="cite"' in html and "</mark> &lt;script&gt;" in html
    assert 'href="/data/evidence/doc/4-18"' in html
    assert 'href="/data/document/doc"' in html


@pytest.mark.parametrize(("accept", "fmt", "media_type"), [
    ("text/turtle", "turtle", "text/turtle"),
    ("application/ld+json", "json-ld", "application/ld+json"),
    ("application/rdf+xml", "xml", "application/rdf+xml"),
    ("application/n-triples", "nt", "application/n-triples"),
])
def test_clients_get_rdf_by_accept(client, accept: str, fmt: str, media_type: str) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/term/Leiomyosarcoma", headers={"Accept": accept})
    assert response.status_code == 200 and response.mimetype == media_type
    graph = rdflib.Graph().parse(data=response.data, format=fmt)
    assert (LMS, rdflib.RDFS.label, rdflib.Literal("leiomyosarcoma")) in graph
    assert (rdflib.URIRef(BASE + "data/case/doc-1"), None, LMS) in graph  # incoming links are included


@pytest.mark.parametrize(("ext", "fmt", "media_type"), [
    ("ttl", "turtle", "text/turtle"),
    ("jsonld", "json-ld", "application/ld+json"),
    ("rdf", "xml", "application/rdf+xml"),
    ("nt", "nt", "application/n-triples"),
])
def test_clients_get_rdf_by_extension(client, ext: str, fmt: str, media_type: str) -> None:  # type: ignore[no-untyped-def]
    response = client.get(f"/term/Leiomyosarcoma.{ext}", headers={"Accept": "text/html"})
    assert response.status_code == 200 and response.mimetype == media_type
    graph = rdflib.Graph().parse(data=response.data, format=fmt)
    assert (LMS, rdflib.RDF.type, rdflib.OWL.Class) in graph


def test_hash_iris_of_a_resource_travel_with_it(client) -> None:  # type: ignore[no-untyped-def]
    graph = rdflib.Graph().parse(data=client.get("/data/evidence/doc/4-18.ttl").data, format="turtle")
    quote = rdflib.URIRef(BASE + "data/evidence/doc/4-18#quote")
    assert (quote, rdflib.URIRef("http://www.w3.org/ns/oa#exact"), rdflib.Literal("leiomyosarcoma")) in graph


def test_unknown_resources_are_404(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/term/NoSuchThing").status_code == 404
    assert client.get("/term/NoSuchThing.ttl").status_code == 404
    assert client.get("/data/case/unknown", headers={"Accept": "text/html"}).status_code == 404
    assert client.get("/term/Leiomyosarcoma", headers={"Accept": "image/png"}).status_code == 406


def test_named_graph_dereferences_to_its_contents(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/graph/doc", headers={"Accept": "application/n-triples"})
    assert response.status_code == 200
    lines = response.get_data(as_text=True).strip().splitlines()
    assert len(lines) == 17  # the 17 triples of the graph (the one about the graph itself is among them)
    page = client.get("/graph/doc", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "A named graph of 17 triples" in page


def test_ontology_iri_returns_the_ontology(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/ontology", headers={"Accept": "text/turtle"})
    graph = rdflib.Graph().parse(data=response.data, format="turtle")
    assert (rdflib.URIRef(BASE + "ontology"), rdflib.RDF.type, rdflib.OWL.Ontology) in graph
    assert (LMS, rdflib.RDFS.subClassOf, rdflib.URIRef(BASE + "term/Sarcoma")) in graph
    assert (rdflib.URIRef(BASE + "data/case/doc-1"), None, None) not in graph  # instance data is not in it
    assert client.get("/ontology.jsonld").mimetype == "application/ld+json"
    assert client.get("/ontology", headers={"Accept": "text/html"}).mimetype == "text/html"


class TestRedirects:
    @pytest.fixture
    def app_config(self, app_config):  # type: ignore[no-untyped-def]
        return {**app_config, "LINKED_DATA_REDIRECT": True}

    def test_303_to_the_format_url(self, client) -> None:  # type: ignore[no-untyped-def]
        html = client.get("/term/Leiomyosarcoma", headers={"Accept": "text/html"})
        assert html.status_code == 303 and html.headers["Location"].endswith("/term/Leiomyosarcoma.html")
        ttl = client.get("/term/Leiomyosarcoma", headers={"Accept": "text/turtle"})
        assert ttl.status_code == 303 and ttl.headers["Location"].endswith("/term/Leiomyosarcoma.ttl")
        followed = client.get("/term/Leiomyosarcoma", headers={"Accept": "text/turtle"}, follow_redirects=True)
        assert followed.status_code == 200 and followed.mimetype == "text/turtle"


@pytest.mark.parametrize("given", [
    "NCIT:C3158",
    "http://purl.obolibrary.org/obo/NCIT_C3158",
    "MONDO:0005058",
    "http://purl.obolibrary.org/obo/MONDO_0005058",
])
def test_lookup_by_curie_or_iri(client, given: str) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/lookup", query_string={"id": given}, headers={"Accept": "application/json"})
    assert response.status_code == 200
    data = json.loads(response.data)
    assert [m["iri"] for m in data["matches"]] == [str(LMS)]
    html = client.get("/lookup", query_string={"id": given}, headers={"Accept": "text/html"})
    assert 'href="/term/Leiomyosarcoma"' in html.get_data(as_text=True)


def test_lookup_misses_and_odd_input(client) -> None:  # type: ignore[no-untyped-def]
    miss = client.get("/lookup", query_string={"id": "NCIT:C0000"}, headers={"Accept": "application/json"})
    assert miss.status_code == 404 and json.loads(miss.data)["matches"] == []
    odd = client.get("/lookup", query_string={"id": '<script>"x" }'}, headers={"Accept": "text/html"})
    assert odd.status_code in (400, 404) and b"<script>" not in odd.data
    assert client.get("/lookup").status_code == 200  # the form


def test_ontology_page_lists_its_terms(client) -> None:  # type: ignore[no-untyped-def]
    html = client.get("/ontology", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "<h2>Classes (1)</h2>" in html
    assert 'href="/term/Leiomyosarcoma"' in html
