"""The WSGI fast path answers exactly as the Flask view does, and hands everything else to Flask."""

from __future__ import annotations

import pytest
from werkzeug.test import Client
from werkzeug.wrappers import Response

from lmskg.web.fastpath import FastPath

LABELS = "SELECT ?s ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } ORDER BY ?l"
HEADERS = ("Content-Type", "Vary", "Access-Control-Allow-Origin", "X-Content-Type-Options", "Referrer-Policy")


@pytest.mark.parametrize(("method", "kwargs"), [
    ("GET", {"query_string": {"query": LABELS}}),
    ("GET", {"query_string": {"query": LABELS, "format": "csv"}}),
    ("GET", {"query_string": {"query": LABELS}, "headers": {"Accept": "application/sparql-results+xml"}}),
    ("GET", {"query_string": {"query": "CONSTRUCT WHERE { ?s a ?t }"}, "headers": {"Accept": "text/turtle"}}),
    ("GET", {"query_string": {"query": LABELS,
                              "default-graph-uri": "https://w3id.org/lmskg/graph/doc"}}),
    ("GET", {"query_string": {"query": "SELECT * WHERE { ?s ?p }"}}),
    ("GET", {"query_string": {"query": LABELS}, "headers": {"Accept": "image/png"}}),
    ("POST", {"data": LABELS, "content_type": "application/sparql-query"}),
    ("POST", {"data": "ASK {", "content_type": "application/sparql-query"}),
    ("POST", {"data": {"query": LABELS}}),
    ("POST", {"data": {"query": LABELS, "format": "tsv"}}),
    ("POST", {"data": {"query": 'SELECT ?x { BIND("a+b %25 c" AS ?x) }'}}),
    ("POST", {"data": {"query": LABELS}, "query_string": {"default-graph-uri": "https://w3id.org/lmskg/graph/doc"}}),
])
def test_fast_path_and_view_agree(app, method: str, kwargs: dict) -> None:  # type: ignore[no-untyped-def, type-arg]
    assert isinstance(app.wsgi_app, FastPath)
    fast = Client(app.wsgi_app, Response).open("/sparql", method=method, **kwargs)
    view = Client(app.wsgi_app.next, Response).open("/sparql", method=method, **kwargs)
    assert fast.status_code == view.status_code
    assert sorted(fast.data.splitlines()) == sorted(view.data.splitlines())  # CONSTRUCT order may vary
    for name in HEADERS:
        assert fast.headers.get(name) == view.headers.get(name), name


def test_other_requests_go_to_flask(app, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    answered: list[str] = []
    inner = app.wsgi_app.next

    def spy(environ, start_response):  # type: ignore[no-untyped-def]
        answered.append(environ["PATH_INFO"] + "?" + environ.get("QUERY_STRING", ""))
        return inner(environ, start_response)

    monkeypatch.setattr(app.wsgi_app, "next", spy)
    client = Client(app.wsgi_app, Response)
    assert client.get("/sparql", query_string={"query": LABELS}).status_code == 200
    assert client.post("/sparql", data={"query": LABELS}).status_code == 200
    assert answered == []  # served by the fast path, form POSTs too
    client.get("/sparql")  # the service description
    client.get("/sparql", query_string={"query": "SELECT * FROM <http://x> { ?s ?p ?o }"})
    client.get("/sparql", query_string={"query": LABELS, "update": "x"})
    client.post("/sparql", data={"query": LABELS, "extra": "1"})
    direct = client.post("/sparql", data="SELECT * { SERVICE <http://x> {} }", content_type="application/sparql-query")
    assert direct.status_code == 400 and b"SERVICE" in direct.data  # Flask still reads the body
    client.get("/term/Leiomyosarcoma")
    assert len(answered) == 6
