"""The negotiation table and function, alone."""

from __future__ import annotations

import pytest

from lmskg.web import negotiation as neg


def name(accept: str | None, offers=neg.RESULT_FORMATS, **kw) -> str | None:  # type: ignore[no-untyped-def]
    chosen = neg.negotiate(accept, offers, **kw)
    return chosen.name if chosen else None


@pytest.mark.parametrize(("accept", "expected"), [
    (None, "json"),
    ("", "json"),
    ("*/*", "json"),
    ("application/sparql-results+json", "json"),
    ("application/sparql-results+xml", "xml"),
    ("text/csv", "csv"),
    ("text/tab-separated-values", "tsv"),
    ("application/json", "json"),
    ("application/xml", "xml"),
    ("text/*", "xml"),  # text/xml is an alias of SPARQL XML, first in server order
    ("text/csv;q=0.5, text/tab-separated-values", "tsv"),
    ("text/csv;q=0.5, text/tab-separated-values;q=0.4", "csv"),
    ("application/sparql-results+xml, application/sparql-results+json", "xml"),  # client order breaks ties
    ("*/*;q=0.1, text/csv;q=0.2", "csv"),
    ("text/html, */*;q=0.01", "json"),
    ("image/png", None),
    ("text/csv;q=0", None),
    ("*/*, application/sparql-results+json;q=0", "xml"),  # the specific range's q wins over */*
    ("garbage, text/csv", "csv"),
    ("text/csv;q=abc, text/tab-separated-values;q=0.1", "tsv"),
])
def test_results_by_accept(accept: str | None, expected: str | None) -> None:
    assert name(accept) == expected


@pytest.mark.parametrize(("accept", "expected"), [
    (None, "turtle"),
    ("text/turtle", "turtle"),
    ("application/n-triples", "ntriples"),
    ("text/plain", "ntriples"),
    ("application/n-quads", "nquads"),
    ("application/trig", "trig"),
    ("application/ld+json", "jsonld"),
    ("application/rdf+xml", "rdfxml"),
    ("application/rdf+xml;q=0.9, text/turtle;q=0.8", "rdfxml"),
    ("application/sparql-results+json", None),
])
def test_graphs_by_accept(accept: str | None, expected: str | None) -> None:
    assert name(accept, neg.GRAPH_FORMATS) == expected


@pytest.mark.parametrize(("value", "offers", "expected"), [
    ("json", neg.RESULT_FORMATS, "json"),
    ("CSV", neg.RESULT_FORMATS, "csv"),
    ("text/tab-separated-values", neg.RESULT_FORMATS, "tsv"),
    ("srx", neg.RESULT_FORMATS, "xml"),
    ("ttl", neg.GRAPH_FORMATS, "turtle"),
    ("json-ld", neg.GRAPH_FORMATS, "jsonld"),
    ("xml", neg.GRAPH_FORMATS, "rdfxml"),
    ("nt", neg.GRAPH_FORMATS, "ntriples"),
    ("yaml", neg.GRAPH_FORMATS, None),
])
def test_format_parameter_overrides_accept(value: str, offers, expected: str | None) -> None:  # type: ignore[no-untyped-def]
    assert name("text/csv", offers, format_param=value) == expected


def test_extensions() -> None:
    assert neg.by_extension(".ttl", neg.GRAPH_FORMATS).name == "turtle"  # type: ignore[union-attr]
    assert neg.by_extension("rdf", neg.GRAPH_FORMATS).name == "rdfxml"  # type: ignore[union-attr]
    assert neg.by_extension("jsonld", neg.GRAPH_FORMATS).name == "jsonld"  # type: ignore[union-attr]
    assert neg.by_extension("pdf", neg.GRAPH_FORMATS) is None


def test_every_format_has_an_engine_format_and_a_charset() -> None:
    for fmt in (*neg.RESULT_FORMATS, *neg.GRAPH_FORMATS):
        assert fmt.oxigraph is not None
        assert fmt.content_type == f"{fmt.media_type}; charset=utf-8"


def test_parse_accept_clamps_and_skips() -> None:
    ranges = neg.parse_accept("text/csv;q=7, nonsense, */json, application/json;q=-1")
    assert [(r.type, r.subtype, r.q) for r in ranges] == [("text", "csv", 1.0), ("application", "json", 0.0)]
