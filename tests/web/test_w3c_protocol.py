"""The W3C SPARQL 1.1 Protocol tests (shared/w3c-sparql11/.../protocol/manifest.ttl) against the live server.

With an update token configured every one of the 34 tests must pass. Without one, every query test must pass
and every update request must be refused with 403.
"""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pyoxigraph as ox
import pytest
import rdflib
from live import live_server
from rdflib.namespace import RDF, RDFS

pytestmark = pytest.mark.slow

SHARED = Path(__file__).resolve().parents[3] / "shared"
PROTOCOL = SHARED / "w3c-sparql11" / "sparql" / "sparql11" / "protocol"
MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = rdflib.Namespace("http://www.w3.org/2011/http#")
CNT = rdflib.Namespace("http://www.w3.org/2011/content#")
UT = rdflib.Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
HTS = "http://www.w3.org/2011/http-statusCodes#StatusCode"
TOKEN = "w3c-protocol-token"
RESULT_TYPES = {"application/sparql-results+xml", "application/sparql-results+json", "text/csv",
                "text/tab-separated-values"}
BOOLEAN_TYPES = {"application/sparql-results+xml", "application/sparql-results+json"}
RDF_TYPES = {"application/rdf+xml", "text/turtle", "application/n-triples", "application/ld+json",
             "application/n-quads", "application/trig"}


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    statuses: set[str]
    expected_boolean: bool | None
    expected_format: str | None

    @property
    def is_update(self) -> bool:
        text = (self.body or b"").decode("utf-8", "replace")
        content_type = self.headers.get("content-type", "")
        return ("update=" in self.path or text.startswith("update=") or "sparql-update" in content_type
                or (self.method == "POST" and "query=" not in text and "query" not in content_type
                    and "update" in self.path))


@dataclass
class ProtocolTest:
    name: str
    title: str
    graph_data: dict[str, Path]
    requests: list[Request] = field(default_factory=list)

    @property
    def updates(self) -> bool:
        return any(r.is_update or "update" in self.name for r in self.requests[:1])


def _list(graph: rdflib.Graph, head: rdflib.term.Node) -> Iterator[rdflib.term.Node]:
    yield from rdflib.collection.Collection(graph, head)


def load_tests() -> list[ProtocolTest]:
    source = PROTOCOL / "manifest.ttl"
    graph = rdflib.Graph().parse(source, format="turtle", publicID=source.as_uri())
    manifest = next(graph.subjects(RDF.type, MF.Manifest))
    tests: list[ProtocolTest] = []
    for entry in _list(graph, graph.value(manifest, MF.entries)):
        name = str(entry).rsplit("#", 1)[-1]
        data = {}
        for gd in graph.objects(entry, UT.graphData):
            data[str(graph.value(gd, RDFS.label))] = Path(urlsplit(str(graph.value(gd, UT.graph))).path)
        test = ProtocolTest(name, str(graph.value(entry, MF.name)), data)
        action = graph.value(entry, MF.action)
        for req in _list(graph, graph.value(action, HT.requests)):
            headers = {}
            header_list = graph.value(req, HT.headers)
            if header_list is not None:
                for h in _list(graph, header_list):
                    headers[str(graph.value(h, HT.fieldName)).lower()] = str(graph.value(h, HT.fieldValue))
            body_node = graph.value(req, HT.body)
            body = None
            if body_node is not None:
                encoding = str(graph.value(body_node, CNT.characterEncoding) or "UTF-8")
                charset = headers.get("content-type", "").partition("charset=")[2] or encoding
                body = str(graph.value(body_node, CNT.chars)).encode(charset)
            resp = graph.value(req, HT.resp)
            statuses = {str(s).removeprefix(HTS) for s in graph.objects(resp, MF.expectedStatus)}
            boolean = graph.value(resp, MF.expectedBoolean)
            fmt = graph.value(resp, MF.expectedFormat)
            test.requests.append(Request(
                str(graph.value(req, HT.methodName)), str(graph.value(req, HT.absolutePath)), headers, body,
                statuses, None if boolean is None else bool(boolean.toPython()), None if fmt is None else str(fmt),
            ))
        tests.append(test)
    return tests


TESTS = load_tests() if PROTOCOL.is_dir() else []
ALL_GRAPHS = {label: path for t in TESTS for label, path in t.graph_data.items()}


def nquads(graphs: dict[str, Path]) -> str:
    lines = []
    for label, path in sorted(graphs.items()):
        for line in path.read_text().splitlines():
            if line.strip():
                lines.append(f"{line.strip().removesuffix('.').rstrip()} <{label}> .")
    return "\n".join(lines) + "\n"


def send(url: str, request: Request, *, token: str | None) -> tuple[int, str, bytes]:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=20)
    headers = dict(request.headers)
    if token:
        headers["authorization"] = f"Bearer {token}"
    try:
        conn.request(request.method, request.path, body=request.body, headers=headers)
        response = conn.getresponse()
        return response.status, response.getheader("Content-Type", ""), response.read()
    finally:
        conn.close()


def check(request: Request, status: int, content_type: str, body: bytes) -> None:
    assert f"{status // 100}xx" in request.statuses, f"status {status}: {body[:300]!r}"
    media_type = content_type.split(";")[0].strip()
    if request.expected_format == "boolean":
        assert media_type in BOOLEAN_TYPES, media_type
    elif request.expected_format == "tabular":
        assert media_type in RESULT_TYPES, media_type
    elif request.expected_format == "RDF":
        assert media_type in RDF_TYPES, media_type
        ox.parse(body, ox.RdfFormat.from_media_type(media_type))
    if request.expected_boolean is not None:
        if media_type == "application/sparql-results+json":
            assert json.loads(body)["boolean"] is request.expected_boolean
        else:
            assert bool(ox.parse_query_results(body, ox.QueryResultsFormat.from_media_type(media_type))) \
                is request.expected_boolean


def _home(tmp_path_factory, name: str) -> Path:  # type: ignore[no-untyped-def]
    from lmskg.store import publish

    folder = tmp_path_factory.mktemp(name)
    source = folder / "data.nq"
    source.write_text(nquads(ALL_GRAPHS))
    publish(folder / "home", source)
    return folder / "home"


@pytest.fixture(scope="module")
def writable_server(tmp_path_factory) -> Iterator[str]:  # type: ignore[no-untyped-def]
    with live_server(_home(tmp_path_factory, "w3c-rw"), env={"LMSKG_UPDATE_TOKEN": TOKEN}) as url:
        yield url


@pytest.fixture(scope="module")
def read_only_server(tmp_path_factory) -> Iterator[str]:  # type: ignore[no-untyped-def]
    with live_server(_home(tmp_path_factory, "w3c-ro")) as url:
        yield url


def test_the_manifest_has_34_tests() -> None:
    if not PROTOCOL.is_dir():
        pytest.skip(f"the W3C test data is not at {PROTOCOL}")
    assert len(TESTS) == 34


@pytest.mark.parametrize("test", TESTS, ids=[t.name for t in TESTS])
def test_with_update_token(writable_server: str, test: ProtocolTest) -> None:
    # Each test starts from its own data (the update tests clear everything).
    reset = f"DROP ALL ; INSERT DATA {{ {nquads_as_update(test.graph_data or ALL_GRAPHS)} }}"
    status, _, body = send(writable_server, Request("POST", "/sparql", {"content-type": "application/sparql-update"},
                                                    reset.encode(), {"2xx"}, None, None), token=TOKEN)
    assert status == 204, body
    for request in test.requests:
        check(request, *send(writable_server, request, token=TOKEN))


@pytest.mark.parametrize("test", TESTS, ids=[t.name for t in TESTS])
def test_without_update_token(read_only_server: str, test: ProtocolTest) -> None:
    first = test.requests[0]
    status, content_type, body = send(read_only_server, first, token=None)
    if first.is_update:
        # A well-formed update is refused with 403; a malformed one may be refused for that first (400, 415).
        expected = {403} if "2xx" in first.statuses else {400, 403, 415}
        assert status in expected, f"an update was not refused: {status} {body[:200]!r}"
        return
    check(first, status, content_type, body)
    for request in test.requests[1:]:
        check(request, *send(read_only_server, request, token=None))


def nquads_as_update(graphs: dict[str, Path]) -> str:
    parts = []
    for label, path in sorted(graphs.items()):
        parts.append(f"GRAPH <{label}> {{ {path.read_text()} }}")
    return " ".join(parts)
