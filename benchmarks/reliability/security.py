"""Security on a live server with an update token: no outbound connection, headers, the token kept secret.

* Every way a request could make the server reach out (SERVICE, LOAD with the token, FROM, FROM NAMED, the
  dataset parameters, RDF/XML with external entities, JSON-LD with a remote context, Turtle naming the
  listener) and a PubMed document with external entities built meanwhile: the loopback listener sees nothing.
* Every HTML page carries Content-Security-Policy, X-Content-Type-Options and Referrer-Policy.
* The token never appears in the server's output; wrong tokens sharing no prefix or all but the last
  character with the right one take the same time to refuse (hmac.compare_digest).
"""

from __future__ import annotations

import http.client
import statistics
import time
import urllib.parse
from pathlib import Path

from benchmarks.reliability.harness import ROOT, Listener, build, get, query_target, request, save, serve

TOKEN = "reliability-" + "k" * 40


def _outbound(server, listener: Listener) -> dict[str, int]:  # type: ignore[no-untyped-def]
    url = listener.url
    auth = {"Authorization": f"Bearer {TOKEN}"}
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    answers: dict[str, int] = {}
    queries = {
        "SERVICE": f"SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
        "SERVICE SILENT": f"SELECT * WHERE {{ SERVICE SILENT <{url}/sparql> {{ ?s ?p ?o }} }}",
        "FROM": f"SELECT * FROM <{url}/g> WHERE {{ ?s ?p ?o }}",
        "FROM NAMED": f"SELECT * FROM NAMED <{url}/g> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        "IRI() of a remote": f'SELECT * WHERE {{ BIND(IRI("{url}/x") AS ?x) GRAPH ?x {{ ?s ?p ?o }} }}',
    }
    for name, text in queries.items():
        answers[name] = get(server, query_target(text))[0]
    answers["default-graph-uri"] = get(server, query_target("ASK { ?s ?p ?o }", **{"default-graph-uri": url}))[0]
    answers["named-graph-uri"] = get(server, query_target("ASK { GRAPH ?g { ?s ?p ?o } }",
                                                          **{"named-graph-uri": url}))[0]
    for name, text in {"LOAD": f"LOAD <{url}/g>", "LOAD SILENT INTO": f"LOAD SILENT <{url}/g> INTO GRAPH <http://e/g>",
                       "INSERT with SERVICE": f"INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}/s> {{ ?s ?p ?o }} }}"
                       }.items():
        body = urllib.parse.urlencode({"update": text}).encode()
        answers[name] = request(server, "POST", "/sparql", {**auth, **form}, body)[0]
    bodies = {
        "RDF/XML external entity": ("application/rdf+xml",
                                    f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "{url}/xxe">]>'
                                    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
                                    '<rdf:Description rdf:about="http://e/s"><rdf:value>&x;</rdf:value>'
                                    '</rdf:Description></rdf:RDF>'),
        "RDF/XML external DTD": ("application/rdf+xml",
                                 f'<?xml version="1.0"?><!DOCTYPE rdf:RDF SYSTEM "{url}/rdf.dtd">'
                                 '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>'),
        "JSON-LD remote context": ("application/ld+json",
                                   f'{{"@context": "{url}/ctx.jsonld", "@id": "http://e/s", "name": "x"}}'),
        "JSON-LD remote @import": ("application/ld+json",
                                   f'{{"@context": {{"@import": "{url}/ctx.jsonld"}}, "@id": "http://e/s"}}'),
        "Turtle naming the listener": ("text/turtle", f"<http://e/s> <http://e/p> <{url}/o> ."),
    }
    for name, (media_type, body_text) in bodies.items():
        answers[name] = request(server, "PUT", "/sparql?graph=http://e/g", {**auth, "Content-Type": media_type},
                                body_text.encode())[0]
    return answers


def _pubmed_build(work: Path, listener: Listener) -> dict[str, object]:
    docs = work / "xxe-docs"
    docs.mkdir(parents=True, exist_ok=True)
    source = (ROOT / "tests" / "data" / "documents" / "08_pubmed-lumbar-tes-and-review.xml").read_text()
    body = source[source.index("<PubmedArticleSet>"):]
    variants = {
        "entity": f'<!DOCTYPE PubmedArticleSet [<!ENTITY x SYSTEM "{listener.url}/xxe">]>',
        "dtd": f'<!DOCTYPE PubmedArticleSet SYSTEM "{listener.url}/pubmed.dtd">',
        "parameter": f'<!DOCTYPE PubmedArticleSet [<!ENTITY % p SYSTEM "{listener.url}/p.dtd"> %p;]>',
    }
    for name, prolog in variants.items():
        text = body.replace("<ArticleTitle>", "<ArticleTitle>&x;", 1) if name == "entity" else body
        (docs / f"xxe-{name}.xml").write_text(f'<?xml version="1.0"?>\n{prolog}\n{text}', encoding="utf-8")
    done = build(work / "xxe-home", docs, check=False)
    return {"rc": done.returncode, "stdout": done.stdout.strip(), "errors": done.stderr.strip().splitlines()}


def _headers(server) -> dict[str, object]:  # type: ignore[no-untyped-def]
    pages = ["/", "/sparql", "/download/", "/term/Leiomyosarcoma", "/ontology", "/graph/ontology",
             "/data/document/ojmn-2013-maimone-abstract", "/lookup?id=NCIT:C3158", "/term/Leiomyosarcoma.html"]
    found: dict[str, object] = {}
    for page in pages:
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        connection.request("GET", page, headers={"Accept": "text/html"})
        response = connection.getresponse()
        response.read()
        headers = {k.lower(): v for k, v in response.getheaders()}
        connection.close()
        found[page] = {
            "status": response.status, "type": headers.get("content-type", "").split(";")[0],
            "csp": "script-src 'self'" in headers.get("content-security-policy", ""),
            "nosniff": headers.get("x-content-type-options") == "nosniff",
            "referrer": headers.get("referrer-policy") == "no-referrer",
        }
    return found


def _token_timing(server, rounds: int = 300) -> dict[str, float]:  # type: ignore[no-untyped-def]
    body = urllib.parse.urlencode({"update": "CLEAR GRAPH <http://e/none>"}).encode()
    wrong = {"no common prefix": "x" * len(TOKEN), "all but the last character": TOKEN[:-1] + "x"}
    times: dict[str, list[float]] = {k: [] for k in wrong}
    for _ in range(rounds):
        for name, token in wrong.items():
            headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/x-www-form-urlencoded"}
            status, _, _, took = request(server, "POST", "/sparql", headers, body)
            assert status == 403
            times[name].append(took)
    return {f"{k} median_ms": round(1000 * statistics.median(v), 3) for k, v in times.items()}


def run(home: Path) -> dict[str, object]:
    listener = Listener()
    work = home.parent / "security"
    work.mkdir(parents=True, exist_ok=True)
    # a copy of the served graph: the Graph Store writes above must not change the home other checks use
    copy = work / "home"
    build(copy, ROOT / "graph_data" / "sources")
    with serve(copy, env={"LMSKG_UPDATE_TOKEN": TOKEN}, name="security-server") as server:
        answers = _outbound(server, listener)
        pubmed = _pubmed_build(work, listener)
        headers = _headers(server)
        timing = _token_timing(server)
        time.sleep(1.0)
        log = server.log.read_text(errors="replace")
    listener.close()
    headers_ok = all(h["csp"] and h["nosniff"] and h["referrer"] and h["type"] == "text/html"  # type: ignore[index]
                     for h in headers.values())
    figures = {
        "outbound_attempts": answers, "pubmed_build": pubmed, "outbound_connections": listener.connections,
        "html_pages": headers, "html_headers_ok": headers_ok, "token_in_server_output": log.count(TOKEN),
        "token_refusal_timing": timing,
        "passed": listener.connections == 0 and headers_ok and log.count(TOKEN) == 0
        and all(s < 500 for s in answers.values()),
    }
    save("security", figures)
    return figures
