"""The real server (waitress, worker processes) with real clients: curl, SPARQLWrapper and rdflib's SPARQLStore."""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib
from live import Listener, live_server
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, TSV, TURTLE, XML, SPARQLWrapper

pytestmark = pytest.mark.slow

LABELS = ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
          "SELECT ?s ?label WHERE { ?s rdfs:label ?label } ORDER BY ?label")


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:  # type: ignore[no-untyped-def]
    from lmskg.store import publish

    home = tmp_path_factory.mktemp("live") / "home"
    publish(home, Path(__file__).parent / "data" / "graph.nq")
    with live_server(home, args=("--timeout", "2")) as url:
        yield url


CURL = shutil.which("curl")


@pytest.mark.skipif(CURL is None, reason="curl is not installed on this machine")
@pytest.mark.parametrize(("accept", "expected"), [
    ("application/sparql-results+json", b'"bindings"'),
    ("application/sparql-results+xml", b"<sparql"),
    ("text/csv", b"s,label\r\n"),
    ("text/tab-separated-values", b"?s\t?label\n"),
])
def test_curl_every_result_format(server: str, accept: str, expected: bytes) -> None:
    out = subprocess.run([CURL, "-sS", "--max-time", "10", "-H", f"Accept: {accept}", "--data-urlencode",
                          f"query={LABELS}", f"{server}/sparql"], capture_output=True, check=True, timeout=20)
    assert expected in out.stdout
    assert b"leiomyosarcoma" in out.stdout


@pytest.mark.skipif(CURL is None, reason="curl is not installed on this machine")
def test_curl_construct_and_a_page(server: str) -> None:
    out = subprocess.run([CURL, "-sS", "--max-time", "10", "-H", "Accept: application/n-triples", "--data-urlencode",
                          "query=CONSTRUCT WHERE { ?s a ?t }", f"{server}/sparql"],
                         capture_output=True, check=True, timeout=20)
    assert b"<https://w3id.org/lmskg/term/PatientCase> ." in out.stdout
    page = subprocess.run([CURL, "-sS", "--max-time", "10", "-i", "-H", "Accept: text/turtle",
                           f"{server}/term/Leiomyosarcoma"], capture_output=True, check=True, timeout=20)
    assert b"200 OK" in page.stdout and b"Content-Type: text/turtle" in page.stdout


@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_sparqlwrapper_select(server: str, fmt: str) -> None:
    client = SPARQLWrapper(f"{server}/sparql")
    client.setQuery(LABELS)
    client.setReturnFormat(fmt)
    client.setTimeout(10)
    result = client.query().convert()
    if fmt == JSON:
        values = [b["label"]["value"] for b in result["results"]["bindings"]]
    elif fmt == XML:
        values = [n.firstChild.data for n in result.getElementsByTagName("literal")]
    else:
        text = result.decode() if isinstance(result, bytes) else result
        values = [line.split("," if fmt == CSV else "\t")[-1].strip('"') for line in text.strip().splitlines()[1:]]
    assert values == ["case 1 of doc", "leiomyosarcoma", "sarcoma", "uterus"]


def test_sparqlwrapper_post_ask_and_construct(server: str) -> None:
    client = SPARQLWrapper(f"{server}/sparql")
    client.setMethod("POST")
    client.setQuery("ASK { <https://w3id.org/lmskg/term/Leiomyosarcoma> ?p ?o }")
    client.setReturnFormat(JSON)
    assert client.query().convert()["boolean"] is True
    client.setQuery("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o . FILTER(isIRI(?o)) } LIMIT 5")
    client.setReturnFormat(TURTLE)
    graph = rdflib.Graph().parse(data=client.query().convert(), format="turtle")
    assert len(graph) == 5


def test_sparqlwrapper_sees_errors(server: str) -> None:
    from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

    client = SPARQLWrapper(f"{server}/sparql")
    client.setQuery("SELECT * WHERE { ?s ?p }")
    client.setReturnFormat(JSON)
    with pytest.raises(QueryBadFormed, match="error at 1:"):
        client.query()


def test_rdflib_sparqlstore(server: str) -> None:
    store = SPARQLStore(f"{server}/sparql", returnFormat="json")
    graph = rdflib.Graph(store=store)
    rows = list(graph.query(LABELS))
    assert [str(r.label) for r in rows] == ["case 1 of doc", "leiomyosarcoma", "sarcoma", "uterus"]
    assert graph.query("ASK { ?s ?p ?o }").askAnswer is True
    lms = rdflib.URIRef("https://w3id.org/lmskg/term/Leiomyosarcoma")
    assert rdflib.Literal("leiomyosarcoma") in set(graph.objects(lms, rdflib.RDFS.label))
    constructed = graph.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3")
    assert len(constructed.graph) == 3


def test_no_outbound_request_is_ever_made(server: str) -> None:
    listener = Listener()
    try:
        target = f"http://127.0.0.1:{listener.port}/sparql"
        attempts = [
            ("query", f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}"),
            ("query", f"SELECT * WHERE {{ SERVICE SILENT <{target}> {{ ?s ?p ?o }} }}"),
            ("query", f"SELECT * FROM <{target}> WHERE {{ ?s ?p ?o }}"),
            ("query", f"SELECT * FROM NAMED <{target}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"),
            ("query", f"PREFIX x: <http://127.0.0.1:{listener.port}/> SELECT * {{ SERVICE x:sparql {{ ?s ?p ?o }} }}"),
            ("update", f"LOAD <{target}>"),
            ("update", f"LOAD SILENT <{target}> INTO GRAPH <http://g>"),
        ]
        for field, text in attempts:
            data = urllib.parse.urlencode({field: text}).encode()
            request = urllib.request.Request(f"{server}/sparql", data=data)
            with pytest.raises(urllib.error.HTTPError) as caught:
                urllib.request.urlopen(request, timeout=10)
            assert caught.value.code in (400, 403), text
        default_graph = f"{server}/sparql?query=ASK%7B?s%20?p%20?o%7D&default-graph-uri={target}"
        with urllib.request.urlopen(default_graph, timeout=10) as response:
            assert json.loads(response.read())["boolean"] is False  # an unknown graph is empty, never fetched
        time.sleep(0.5)
        assert listener.connections == 0
    finally:
        listener.close()


def test_timeout_stops_the_query_and_the_server_keeps_answering(server: str) -> None:
    slow = "SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(f"?a{i} ?b{i} ?c{i} ." for i in range(12)) + " }"
    started = time.monotonic()
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(f"{server}/sparql?" + urllib.parse.urlencode({"query": slow}), timeout=30)
    elapsed = time.monotonic() - started
    assert caught.value.code == 503
    assert b"did not finish within 2 seconds" in caught.value.read()
    assert elapsed < 6
    for _ in range(5):
        with urllib.request.urlopen(f"{server}/sparql?query=ASK%7B%7D", timeout=10) as response:
            assert response.status == 200


def test_concurrent_clients(server: str) -> None:
    errors: list[Exception] = []

    def hammer() -> None:
        for _ in range(25):
            try:
                with urllib.request.urlopen(f"{server}/sparql?" + urllib.parse.urlencode({"query": LABELS}),
                                            timeout=10) as response:
                    assert len(json.loads(response.read())["results"]["bindings"]) == 4
            except Exception as exc:
                errors.append(exc)

    threads = [threading.Thread(target=hammer) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []


def test_a_larger_graph_is_answered_soon_after_start(tmp_path: Path) -> None:
    """A 400 000-quad graph is answered promptly after start: the server opens the build's on-disk store and
    never parses RDF before answering (the switch from disk to memory is tested in test_pool.py). The 1-second
    target on an idle machine is measured by the benchmarks, not asserted here, where other jobs share the CPU.
    """
    from lmskg.store import publish

    source = tmp_path / "big.nq"
    with source.open("w") as f:
        for i in range(400_000):
            f.write(f'<https://w3id.org/lmskg/data/x/{i // 20}> <https://w3id.org/lmskg/term/p{i % 20}> "{i}" '
                    f"<https://w3id.org/lmskg/graph/g{i // 10000}> .\n")
    home = tmp_path / "home"
    publish(home, source)
    started = time.monotonic()
    with live_server(home, ready_within=30) as url:
        elapsed = time.monotonic() - started
        query = "SELECT ?o WHERE { <https://w3id.org/lmskg/data/x/7> <https://w3id.org/lmskg/term/p3> ?o }"
        with urllib.request.urlopen(f"{url}/sparql?" + urllib.parse.urlencode({"query": query}), timeout=10) as r:
            assert json.loads(r.read())["results"]["bindings"][0]["o"]["value"] == "143"
    assert elapsed < 10.0, f"first answer after {elapsed:.2f} s"


def test_server_processes_stop_when_the_supervisor_is_killed(tmp_path: Path) -> None:
    import os
    import signal
    import subprocess

    from lmskg.store import publish

    home = tmp_path / "home"
    publish(home, Path(__file__).parent / "data" / "graph.nq")
    with live_server(home, args=("--processes", "2")) as url:
        port = url.rsplit(":", 1)[1]
        supervisor = int(subprocess.run(["pgrep", "-f", f"server.py --host 127.0.0.1 --port {port}", "-o"],
                                        capture_output=True, text=True, check=True).stdout.split()[0])
        time.sleep(1.5)  # the second server process starts a second after the first
        children = subprocess.run(["pgrep", "-P", str(supervisor)], capture_output=True, text=True).stdout.split()
        assert len(children) == 2
        os.kill(supervisor, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() for pid in children):
            time.sleep(0.2)
        alive = [pid for pid in children if Path(f"/proc/{pid}/status").exists()
                 and "zombie" not in Path(f"/proc/{pid}/status").read_text()]
        assert alive == []


def test_lmskg_serve_runs_the_same_server(tmp_path: Path) -> None:
    import sys

    from lmskg.store import publish

    home = tmp_path / "home"
    publish(home, Path(__file__).parent / "data" / "graph.nq")
    lmskg = (sys.executable, "-c", "from lmskg.cli import main; main()", "serve")
    args = ("--timeout", "5", "--processes", "1", "--workers", "1")
    with live_server(home, command=lmskg, args=args) as url, \
            urllib.request.urlopen(f"{url}/sparql?query=ASK%7B%7D", timeout=10) as response:
        assert response.headers["Server"] == "lmskg"  # waitress, never Flask's development server
        assert json.loads(response.read())["boolean"] is True


def test_serve_without_a_graph_is_one_clear_line(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from lmskg.cli import cli

    result = runner.invoke(cli, ["serve", "--port", "0"], env={"LMSKG_HOME": str(tmp_path / "none")})
    assert result.exit_code == 1
    assert "lmskg build" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize(("path", "expected"), [
    ("/download/lmskg.ttl", b"lmskg:Leiomyosarcoma"),
    ("/download/lmskg.trig", b"<https://w3id.org/lmskg/graph/doc>"),
    ("/.well-known/void", b"void:triples"),
    ("/sparql?format=turtle", b"sd:namedGraph"),
    ("/term/Leiomyosarcoma.jsonld", b"leiomyosarcoma"),
])
def test_dumps_and_descriptions_from_the_server_processes(server: str, path: str, expected: bytes) -> None:
    with urllib.request.urlopen(f"{server}{path}", timeout=30) as response:
        assert response.status == 200
        assert expected in response.read()
