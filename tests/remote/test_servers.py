"""Build into real Virtuoso and Oxigraph servers: every shipped query gives the embedded store's rows; a load
killed half-way, or whose server goes away, is completed by a rerun that loses and duplicates nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from stores import ROOT, Server, oxigraph_server, peers

from benchmarks import generate
from benchmarks.stores import comparable_rows, embedded_rows
from lmskg.cli import cli
from lmskg.remote import STAGING_SUFFIX, RemoteStore

pytestmark = pytest.mark.slow

QUERIES = sorted((ROOT / "queries").glob("*.rq"))
SOURCES: list[str] = []  # the documents every test builds: set by the `embedded` fixture


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped documents and twelve generated ones (benchmarks/generate.py, more cases and statistics)
    built into the embedded store; its N-Quads file."""
    folder = tmp_path_factory.mktemp("embedded")
    SOURCES[:] = [str(ROOT / "graph_data" / "sources"), str(generate.write_corpus(folder / "generated",
                                                                                    generate.corpus(7, 12)))]
    result = CliRunner().invoke(cli, ["build", "--no-progress", *SOURCES], env={"LMSKG_HOME": str(folder / "home")})
    assert result.exit_code == 0, result.output
    return (folder / "home" / "current" / "graph.nq").resolve()


def lmskg(server: Server, *args: str, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [str(Path(sys.executable).parent / "lmskg"), *args, "--store", server.url, "--store-update", server.update_url],
        cwd=ROOT, env={**os.environ, **server.env, **env}, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def build(server: Server, **env: str) -> subprocess.CompletedProcess[str]:
    proc = lmskg(server, "build", "--no-progress", *SOURCES, **env)
    out, err = proc.communicate(timeout=600)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def remote(server: Server) -> RemoteStore:
    os.environ.update(server.env)
    try:
        return RemoteStore(server.url, update_url=server.update_url)
    finally:
        for name in server.env:
            os.environ.pop(name)


def summary(bindings: list[dict[str, dict[str, str]]]) -> tuple[int, list[str]]:
    """A graph's triple count and its triples without blank nodes, sorted (blank node labels differ)."""
    named = [b for b in bindings if all(term["type"] != "bnode" for term in b.values())]
    return len(bindings), sorted(map(repr, comparable_rows(named, ["s", "p", "o"], "")))


def quads_by_graph(store: RemoteStore, graphs: list[str]) -> dict[str, tuple[int, list[str]]]:
    """Per graph: its triple count and its triples without blank nodes, sorted."""
    out = {}
    for graph in graphs:
        bindings = store.select(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        out[graph] = summary(bindings)
    return out


def expected_by_graph(nquads: Path) -> dict[str, tuple[int, list[str]]]:
    store = ox.Store()
    store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    out = {}
    for graph in sorted(g.value for g in store.named_graphs()):
        bindings = json.loads(store.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
                              .serialize(format=ox.QueryResultsFormat.JSON))["results"]["bindings"]
        out[graph] = summary(bindings)
    return out


def assert_complete(server: Server, nquads: Path) -> None:
    store = remote(server)
    expected = expected_by_graph(nquads)
    assert sorted(store.loaded()) == sorted(expected)
    assert quads_by_graph(store, sorted(expected)) == expected
    staging = store.select(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                           f"FILTER(STRENDS(STR(?g), \"{STAGING_SUFFIX}\")) }}")
    assert staging == []


def wait_for_loaded_graphs(server: Server, proc: subprocess.Popen[str], at_least: int) -> None:
    store = remote(server)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        if len(store.loaded()) >= at_least:
            return
        time.sleep(0.01)
    pytest.fail(f"the load ended (exit {proc.returncode}) before {at_least} graph(s) were loaded")


def test_every_shipped_query_gives_the_embedded_rows(server: Server, embedded: Path) -> None:
    done = build(server)
    assert done.returncode == 0, done.stderr
    assert "Built 14 documents" in done.stdout
    store, local = remote(server), ox.Store()
    local.bulk_load(path=str(embedded), format=ox.RdfFormat.N_QUADS)
    assert len(QUERIES) >= 13
    for path in QUERIES:
        sparql = path.read_text(encoding="utf-8")
        names, want = embedded_rows(local, sparql)
        got = comparable_rows(store.select(sparql), names, sparql)
        assert want, f"{path.name} returns no rows on the embedded store: the comparison would prove nothing"
        assert got == want, f"{path.name} on {server.name}"


def test_a_rerun_loads_nothing_again(server: Server, embedded: Path) -> None:
    assert build(server).returncode == 0
    store = remote(server)
    before = store.loaded()
    again = build(server)
    assert again.returncode == 0, again.stderr
    assert store.loaded() == before
    assert_complete(server, embedded)


def test_a_load_killed_half_way_is_completed_by_a_rerun(server: Server, embedded: Path) -> None:
    proc = lmskg(server, "build", "--no-progress", *SOURCES, LMSKG_STORE_CHUNK="20")
    wait_for_loaded_graphs(server, proc, 1)
    proc.kill()
    proc.wait(30)
    assert len(remote(server).loaded()) < 15, "the load finished before it could be killed"
    rerun = build(server)
    assert rerun.returncode == 0, rerun.stderr
    assert_complete(server, embedded)


def test_a_server_gone_mid_load_is_a_clear_error_and_a_rerun_completes(tmp_path: Path, embedded: Path) -> None:
    peer = oxigraph_server(tmp_path)
    peer.start(30)
    server = Server("oxigraph", peer, f"http://127.0.0.1:{peer.port}/update", {})
    try:
        proc = lmskg(server, "build", "--no-progress", *SOURCES, LMSKG_STORE_CHUNK="20", LMSKG_STORE_ATTEMPTS="3",
                     LMSKG_STORE_BACKOFF="0.1")
        wait_for_loaded_graphs(server, proc, 1)
        peer.stop()
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 1
        assert "Traceback" not in err
        message = err.strip().splitlines()
        assert len(message) == 1 and message[0].startswith("Error: cannot reach the store at "), err
        assert "rerun to resume" in message[0]
        peer.start(30)
        rerun = build(server)
        assert rerun.returncode == 0, rerun.stderr
        assert_complete(server, embedded)
    finally:
        peer.stop()


def test_serve_store_keeps_the_rules_in_front_of_the_store(server: Server, embedded: Path, tmp_path: Path) -> None:
    assert build(server).returncode == 0
    lmskg_bin = str(Path(sys.executable).parent / "lmskg")
    front = peers.Peer("lmskg", [lmskg_bin, "serve", "--host", "127.0.0.1", "--port", "{port}", "--timeout", "3",
                                 "--processes", "1", "--workers", "1", "--store", server.url,
                                 "--store-update", server.update_url],
                       env={**server.env, "LMSKG_HOME": str(tmp_path / "home"), "LMSKG_MAX_ROWS": "20000"},
                       log=tmp_path / "serve.log")
    front.start(60)
    base = f"http://127.0.0.1:{front.port}"
    try:
        local = ox.Store()
        local.bulk_load(path=str(embedded), format=ox.RdfFormat.N_QUADS)
        for path in QUERIES:
            sparql = path.read_text(encoding="utf-8")
            names, want = embedded_rows(local, sparql)
            status, body = http(f"{base}/sparql", {"query": sparql})
            assert status == 200, f"{path.name}: {body[:300]!r}"
            assert comparable_rows(json.loads(body)["results"]["bindings"], names, sparql) == want, path.name

        service = "SELECT * WHERE { SERVICE <http://example.org/s> { ?s ?p ?o } }"
        status, body = http(f"{base}/sparql", {"query": service})
        assert status == 400 and b"SERVICE" in body
        status, body = http(f"{base}/sparql", {"update": "INSERT DATA { <http://a.example/s> <http://a.example/p> 1 }"})
        assert status == 403 and b"read-only" in body
        status, body = http(f"{base}/sparql", {"query": "SELECT * WHERE { ?a a ?b . ?c a ?d } LIMIT 20001"})
        assert status == 503 and b"more than 20000 rows" in body
        started = time.monotonic()
        cross = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
        status, body = http(f"{base}/sparql", {"query": cross})
        assert status == 503 and b"did not finish within 3 seconds" in body
        assert time.monotonic() - started < 20

        status, body = http(f"{base}/data/case/ojmn-2013-maimone-abstract-1", accept="text/html")
        assert status == 200 and b"patient case" in b" ".join(body.split()) and b"decompressive laminectomy" in body
        status, body = http(f"{base}/lookup?id=NCIT:C3158", accept="application/json")
        assert status == 200 and "https://w3id.org/lmskg/term/Leiomyosarcoma" in body.decode()
        status, body = http(f"{base}/download/lmskg.nq")
        assert status == 200
        assert len(body.splitlines()) == len(embedded.read_bytes().splitlines())
    finally:
        front.stop()


def http(url: str, form: dict[str, str] | None = None, accept: str = "application/sparql-results+json",
         ) -> tuple[int, bytes]:
    data = urllib.parse.urlencode(form).encode() if form else None
    request = urllib.request.Request(url, data=data, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()
