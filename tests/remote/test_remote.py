"""lmskg.remote without a real triplestore: chunking, URLs and credentials, retries, and staged, resumable
loading against a small in-process SPARQL 1.1 Protocol server over an embedded Oxigraph store."""

from __future__ import annotations

import base64
import http.server
import threading
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from lmskg.cli import cli
from lmskg.errors import StoreError
from lmskg.remote import STATE_GRAPH, RemoteStore, StoreRefusal, by_graph, chunks, load

G1, G2 = "https://w3id.org/lmskg/graph/one", "https://w3id.org/lmskg/graph/two"


@dataclass
class Endpoint:
    """A SPARQL endpoint over an in-memory store; ``failures`` answers 503 to that many requests first."""

    store: ox.Store = field(default_factory=ox.Store)
    failures: int = 0
    requests: list[str] = field(default_factory=list)
    password: str | None = None
    url: str = ""


@pytest.fixture
def endpoint() -> Iterator[Endpoint]:
    state = Endpoint()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            form = urllib.parse.parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
            state.requests.append(next(iter(form)))
            if state.password is not None:
                expected = "Basic " + base64.b64encode(f"lmskg:{state.password}".encode()).decode()
                if self.headers.get("Authorization") != expected:
                    return self.answer(401, b"", {"WWW-Authenticate": 'Basic realm="store"'})
            if state.failures > 0:
                state.failures -= 1
                return self.answer(503, b"busy")
            try:
                if "update" in form:
                    state.store.update(form["update"][0])
                    return self.answer(204, b"")
                result = state.store.query(form["query"][0], use_default_graph_as_union=True)
                return self.answer(200, result.serialize(format=ox.QueryResultsFormat.JSON))
            except SyntaxError as exc:
                return self.answer(400, f"syntax error: {exc}\nmore".encode())

        def answer(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/sparql"
    yield state
    server.shutdown()
    server.server_close()


def quads(graph: str, *triples: str) -> list[str]:
    return [f"{t} <{graph}> .\n" for t in triples]


DOC1 = quads(G1, "<http://a.example/s> <http://a.example/p> \"one\"", "_:b1 <http://a.example/p> _:b2",
             "_:b2 <http://a.example/q> \"x\"@en")
DOC2 = quads(G2, "<http://a.example/s> <http://a.example/p> \"2\"^^<http://www.w3.org/2001/XMLSchema#integer>")


def test_triples_sharing_a_blank_node_stay_in_one_chunk() -> None:
    b = [ox.BlankNode(f"b{i}") for i in range(4)]
    p = ox.NamedNode("http://a.example/p")
    named = [ox.Triple(ox.NamedNode(f"http://a.example/{i}"), p, ox.Literal(str(i))) for i in range(5)]
    linked = [ox.Triple(b[0], p, b[1]), ox.Triple(b[1], p, b[2]), ox.Triple(b[2], p, b[3])]
    parts = chunks([named[0], linked[0], named[1], linked[1], named[2], linked[2], named[3], named[4]], 2)
    assert sorted(len(c) for c in parts) == [1, 2, 2, 3]
    assert any(set(c) == set(linked) for c in parts)
    assert sorted(map(str, (t for c in parts for t in c))) == sorted(map(str, named + linked))


def test_quads_are_grouped_by_graph_without_duplicates() -> None:
    groups = by_graph(DOC1 + DOC2 + DOC1[:1])
    assert sorted(groups) == [G1, G2]
    assert [len(groups[G1]), len(groups[G2])] == [3, 1]
    with pytest.raises(StoreError, match="outside every named graph"):
        by_graph(["<http://a.example/s> <http://a.example/p> <http://a.example/o> .\n"])


def test_urls() -> None:
    assert RemoteStore("http://127.0.0.1:7878/query").update_url == "http://127.0.0.1:7878/update"
    assert RemoteStore("http://h.example/sparql").update_url == "http://h.example/sparql"
    assert RemoteStore("http://h.example/q", update_url="http://h.example/u").update_url == "http://h.example/u"
    with pytest.raises(StoreError, match="--store: expected an http"):
        RemoteStore("ftp://h.example/sparql")
    with pytest.raises(StoreError, match="LMSKG_STORE_USER") as caught:
        RemoteStore("http://dba:secret@h.example/sparql")
    assert "secret" not in str(caught.value)


def test_the_cli_refuses_credentials_in_the_url_without_echoing_them(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["build", "--store", "http://dba:secret@h.example/sparql"])
    assert result.exit_code == 1
    assert "Error: --store: put credentials in LMSKG_STORE_USER" in result.output
    assert "secret" not in result.output


def test_busy_answers_are_retried(endpoint: Endpoint) -> None:
    endpoint.failures = 2
    store = RemoteStore(endpoint.url, backoff=0.01)
    assert store.select("SELECT (1 AS ?one) WHERE {}") == [{"one": {
        "type": "literal", "value": "1", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]
    assert len(endpoint.requests) == 3


def test_a_refusal_is_not_retried_and_is_one_line(endpoint: Endpoint) -> None:
    with pytest.raises(StoreRefusal) as caught:
        RemoteStore(endpoint.url, backoff=0.01).select("SELECT nonsense")
    assert len(endpoint.requests) == 1
    assert "answered 400: syntax error" in str(caught.value) and "\n" not in str(caught.value)


def test_an_unreachable_store_is_a_clear_error_after_the_attempts() -> None:
    with pytest.raises(StoreError, match=r"cannot reach the store at http://127.0.0.1:9/sparql .* after 2 "
                                         "attempts; rerun to resume"):
        RemoteStore("http://127.0.0.1:9/sparql", attempts=2, backoff=0.01).select("ASK {}")


def test_credentials_come_from_the_environment(endpoint: Endpoint, monkeypatch: pytest.MonkeyPatch) -> None:
    endpoint.password = "s3cret"
    with pytest.raises(StoreRefusal, match="answered 401"):
        RemoteStore(endpoint.url).select("ASK {}")
    monkeypatch.setenv("LMSKG_STORE_USER", "lmskg")
    monkeypatch.setenv("LMSKG_STORE_PASSWORD", "s3cret")
    assert RemoteStore(endpoint.url).select("SELECT * WHERE {}") == [{}]


def test_load_stages_counts_and_records_each_graph(endpoint: Endpoint) -> None:
    store = RemoteStore(endpoint.url, chunk=1)
    result = load(store, DOC1 + DOC2, replace_all=True)
    assert (result.loaded, result.skipped, result.removed, result.triples) == (2, 0, 0, 4)
    assert sorted(store.loaded()) == [G1, G2]
    assert store.count(G1) == 3 and store.count(G2) == 1
    assert store.count(G1 + "#staging") == 0
    # chunks of one triple, yet the two triples sharing _:b2 came in one request, so they still join
    assert bool(endpoint.store.query(
        f"ASK {{ GRAPH <{G1}> {{ ?a <http://a.example/p> ?b . ?b <http://a.example/q> ?c }} }}"))


def test_a_rerun_skips_unchanged_graphs_and_replaces_changed_ones(endpoint: Endpoint) -> None:
    store = RemoteStore(endpoint.url)
    load(store, DOC1 + DOC2, replace_all=True)
    updates = endpoint.requests.count("update")
    assert load(store, DOC1 + DOC2, replace_all=True).skipped == 2
    assert endpoint.requests.count("update") == updates
    changed = quads(G2, "<http://a.example/s> <http://a.example/p> \"changed\"")
    again = load(store, DOC1 + changed, replace_all=True)
    assert (again.loaded, again.skipped) == (1, 1)
    assert [str(q.object) for q in endpoint.store.quads_for_pattern(None, None, None, ox.NamedNode(G2))] \
        == ['"changed"']


def test_a_whole_build_drops_graphs_no_longer_built_and_add_keeps_them(endpoint: Endpoint) -> None:
    store = RemoteStore(endpoint.url)
    load(store, DOC1 + DOC2, replace_all=True)
    assert load(store, DOC1, replace_all=False).removed == 0
    assert sorted(store.loaded()) == [G1, G2]
    assert load(store, DOC1, replace_all=True).removed == 1
    assert sorted(store.loaded()) == [G1]
    assert store.count(G2) == 0
    assert len(list(endpoint.store.quads_for_pattern(None, None, None, ox.NamedNode(STATE_GRAPH)))) == 1


def test_a_staged_graph_that_came_out_short_is_never_moved_over_the_graph(endpoint: Endpoint,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    store = RemoteStore(endpoint.url)
    load(store, DOC2, replace_all=False)
    real = store.update

    def lossy(sparql: str) -> None:  # a store that keeps all but the first triple of each insert
        lines = sparql.splitlines()
        real("\n".join(lines[:1] + lines[2:]) if sparql.startswith("INSERT") else sparql)

    monkeypatch.setattr(store, "update", lossy)
    with pytest.raises(StoreError, match=r"holds 2 of the 3 triples staged for <https://w3id\.org/lmskg/graph/one>"):
        load(store, DOC1, replace_all=False)
    assert sorted(store.loaded()) == [G2]
    assert store.count(G1) == 0
