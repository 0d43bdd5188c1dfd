"""No outbound connection from documents or data sent to the server; inert HTML; the update token kept secret."""

from __future__ import annotations

import inspect
import logging
import time
from pathlib import Path

import pytest

from lmskg.build import build
from lmskg.settings import Settings
from lmskg.store import current_build

ROOT = Path(__file__).resolve().parents[2]
PUBMED = ROOT / "tests" / "data" / "documents" / "08_pubmed-lumbar-tes-and-review.xml"
TOKEN = "s3cret-token-7f1c2a"


def _pubmed_with(prolog: str, entity_use: str) -> str:
    text = PUBMED.read_text(encoding="utf-8")
    start = text.index("<PubmedArticleSet>")
    body = text[start:].replace("<ArticleTitle>", f"<ArticleTitle>{entity_use}", 1)
    return f'<?xml version="1.0"?>\n{prolog}\n{body}'


def _settings(tmp_path: Path, sources: Path) -> Settings:
    return Settings(home=tmp_path / "home", sources=sources, ontology=ROOT / "ontology" / "lmskg.ttl")


def test_pubmed_xml_with_external_entities_and_dtd_makes_no_connection(tmp_path: Path, listener) -> None:  # type: ignore[no-untyped-def]
    docs = tmp_path / "docs"
    docs.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-FILE-CONTENT", encoding="utf-8")
    variants = {
        "remote-entity": (f'<!DOCTYPE PubmedArticleSet [<!ENTITY x SYSTEM "{listener.url}/xxe">]>', "&x;"),
        "file-entity": (f'<!DOCTYPE PubmedArticleSet [<!ENTITY x SYSTEM "file://{secret}">]>', "&x;"),
        "remote-dtd": (f'<!DOCTYPE PubmedArticleSet SYSTEM "{listener.url}/pubmed.dtd">', ""),
        "parameter-entity": (f'<!DOCTYPE PubmedArticleSet [<!ENTITY % p SYSTEM "{listener.url}/p.dtd"> %p;]>', ""),
        "billion-laughs": ('<!DOCTYPE PubmedArticleSet [<!ENTITY a "aaaaaaaaaa">'
                           + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
                           + "]>", "&i;"),
    }
    for name, (prolog, use) in variants.items():
        (docs / f"{name}.xml").write_text(_pubmed_with(prolog, use), encoding="utf-8")
    reported: list[str] = []
    started = time.monotonic()
    try:
        build([docs], _settings(tmp_path, docs), progress=False, report=reported.append)
    except Exception as exc:  # every document refused is fine: each must still be named
        reported.append(str(exc))
    assert time.monotonic() - started < 60
    time.sleep(0.3)
    assert listener.connections == 0
    graph = (current_build(tmp_path / "home") / "graph.nq").read_text(encoding="utf-8") \
        if (tmp_path / "home" / "current").exists() else ""
    assert "TOP-SECRET-FILE-CONTENT" not in graph
    assert "a" * 100 not in graph
    refused = {name for name in variants for line in reported if f"{name}.xml line" in line}
    assert refused == {"remote-entity", "file-entity", "billion-laughs"}, reported  # each named, with its line
    assert "graph/remote-dtd>" in graph and "graph/parameter-entity>" in graph  # built, the DTD never fetched


def test_jats_and_journal_pages_make_no_connection_and_read_no_local_file(tmp_path: Path, listener) -> None:  # type: ignore[no-untyped-def]
    docs = tmp_path / "docs"
    docs.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-FILE-CONTENT", encoding="utf-8")
    (tmp_path / "local.dtd").write_text(f'<!ENTITY y SYSTEM "file://{secret}">', encoding="utf-8")
    article = ("<article><front><article-meta><title-group><article-title>Spinal leiomyosarcoma {use}"
               "</article-title></title-group></article-meta></front><body><sec><title>Case presentation</title>"
               "<p>A 52-year-old woman had a leiomyosarcoma at T7 {use}.</p></sec></body></article>")
    variants = {
        "remote-entity": (f'<!DOCTYPE article [<!ENTITY x SYSTEM "{listener.url}/xxe">]>', "&x;"),
        "file-entity": (f'<!DOCTYPE article [<!ENTITY x SYSTEM "file://{secret}">]>', "&x;"),
        "remote-dtd": (f'<!DOCTYPE article SYSTEM "{listener.url}/jats.dtd">', ""),
        "parameter-entity": (f'<!DOCTYPE article [<!ENTITY % p SYSTEM "{listener.url}/p.dtd"> %p;]>', ""),
        "local-parameter-entity": (f'<!DOCTYPE article [<!ENTITY % p SYSTEM "file://{tmp_path}/local.dtd"> %p;]>',
                                   "&y;"),
        "billion-laughs": ('<!DOCTYPE article [<!ENTITY a "aaaaaaaaaa">'
                           + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
                           + "]>", "&i;"),
    }
    for name, (prolog, use) in variants.items():
        (docs / f"{name}.xml").write_text(f'<?xml version="1.0"?>\n{prolog}\n{article.format(use=use)}\n',
                                          encoding="utf-8")
    (docs / "page.html").write_text(
        f'<!DOCTYPE html><html><head><link rel="stylesheet" href="{listener.url}/s.css">'
        f'<script src="{listener.url}/s.js"></script><meta name="citation_title" content="Spinal leiomyosarcoma">'
        f'<meta http-equiv="refresh" content="0; url={listener.url}/r"></head><body>'
        f'<img src="{listener.url}/i.png"><iframe src="{listener.url}/f"></iframe>'
        "<p>A 52-year-old woman had a leiomyosarcoma at T7 and underwent a corpectomy.</p></body></html>",
        encoding="utf-8")
    reported: list[str] = []
    started = time.monotonic()
    build([docs], _settings(tmp_path, docs), progress=False, report=reported.append)
    assert time.monotonic() - started < 60
    time.sleep(0.3)
    assert listener.connections == 0
    graph = (current_build(tmp_path / "home") / "graph.nq").read_text(encoding="utf-8")
    assert "TOP-SECRET-FILE-CONTENT" not in graph
    assert "a" * 100 not in graph
    assert len(reported) == 1 and "billion-laughs.xml line" in reported[0], reported    # refused by libxml2
    for name in [*variants, "page"]:
        if name != "billion-laughs":
            assert f"graph/{name}>" in graph                  # built, nothing fetched or expanded


@pytest.fixture
def app_config(app_config):  # type: ignore[no-untyped-def]
    return {**app_config, "UPDATE_TOKEN": TOKEN}


def test_rdf_sent_to_the_graph_store_never_reaches_out(client, listener) -> None:  # type: ignore[no-untyped-def]
    auth = {"Authorization": f"Bearer {TOKEN}"}
    bodies = {
        "application/rdf+xml": (
            f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "{listener.url}/xxe">]>'
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
            '<rdf:Description rdf:about="http://e/s"><rdf:value>&x;</rdf:value></rdf:Description></rdf:RDF>'),
        "application/ld+json": f'{{"@context": "{listener.url}/ctx.jsonld", "@id": "http://e/s", "name": "x"}}',
        "text/turtle": f'@prefix x: <{listener.url}/> . <http://e/s> <http://e/p> x:o .',
    }
    for media_type, body in bodies.items():
        response = client.put("/sparql?graph=http://e/g", data=body, content_type=media_type, headers=auth)
        assert response.status_code < 500, (media_type, response.data)
        if response.status_code >= 400:
            assert response.get_data().strip()
    for update in (f"LOAD <{listener.url}/g>", f"LOAD SILENT <{listener.url}/g> INTO GRAPH <http://e/g>"):
        assert client.post("/sparql", data={"update": update}, headers=auth).status_code == 400
    for query in (f"SELECT * {{ SERVICE <{listener.url}/sparql> {{ ?s ?p ?o }} }}",
                  f"SELECT * FROM <{listener.url}/g> {{ ?s ?p ?o }}"):
        assert client.get("/sparql", query_string={"query": query}).status_code == 400
    time.sleep(0.3)
    assert listener.connections == 0


def test_the_update_token_is_never_logged(client, caplog) -> None:  # type: ignore[no-untyped-def]
    caplog.set_level(logging.DEBUG)
    for token in (TOKEN, TOKEN + "x", TOKEN[:-1], "wrong"):
        response = client.post("/sparql", data={"update": "INSERT DATA { <http://e/s> <http://e/p> 1 }"},
                               headers={"Authorization": f"Bearer {token}"})
        assert response.status_code in (204, 403)
        assert TOKEN.encode() not in response.get_data()
    assert TOKEN not in caplog.text
    assert all(TOKEN not in str(record.args) for record in caplog.records)


def test_the_update_token_is_compared_in_constant_time() -> None:
    from lmskg.web import sparql

    source = inspect.getsource(sparql.authorize_write)
    assert "hmac.compare_digest" in source
    assert "== token" not in source and "token ==" not in source and "!= token" not in source


HTML_PAGES = ["/", "/sparql", "/download/", "/term/Leiomyosarcoma", "/data/case/doc-1", "/lookup?id=NCIT:C3158",
              "/lookup?id=NOPE:1", "/ontology", "/graph/ontology", "/term/Leiomyosarcoma.html"]


@pytest.mark.parametrize("path", HTML_PAGES)
def test_every_html_response_carries_the_security_headers(client, path: str) -> None:  # type: ignore[no-untyped-def]
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.mimetype == "text/html", (path, response.status_code, response.mimetype)
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "object-src 'none'" in csp and "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"


@pytest.mark.parametrize("path", ["/sparql?query=SELECT", "/term/Nope", "/download/nope", "/nothing-here"])
def test_error_answers_are_plain_text_and_not_sniffed(client, path: str) -> None:  # type: ignore[no-untyped-def]
    response = client.get(path, headers={"Accept": "text/html"})
    assert 400 <= response.status_code < 500
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    if response.mimetype == "text/html":
        assert "Content-Security-Policy" in response.headers
    else:
        assert response.mimetype == "text/plain"
