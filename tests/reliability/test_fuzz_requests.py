"""A fast share of the request fuzzing: a few hundred generated and mutated requests through the app.

The long run (``python -m benchmarks.reliability fuzz``) sends 10,000+ of the same requests to a live server.
Every answer must be a 2xx-4xx with a plain message, or the documented 503 (timeout, busy, result cap); the
workers must all be alive afterwards and the loopback listener that outbound clauses name must see nothing.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from benchmarks.reliability.fuzzgen import Fuzzer, requests, verdict


@pytest.fixture
def app_config(app_config):  # type: ignore[no-untyped-def]
    return {**app_config, "QUERY_TIMEOUT": 2, "WORKERS": 2}


def _send(client, req):  # type: ignore[no-untyped-def]
    response = client.open(req.target, method=req.method, headers=req.headers, data=req.body)
    return response.status_code, response.get_data(), response.headers.get("Content-Type")


def test_generated_requests_never_get_a_server_error(client, app, listener) -> None:  # type: ignore[no-untyped-def]
    pool = app.extensions["lmskg"]
    failures: list[str] = []
    statuses: dict[int, int] = {}
    started = time.monotonic()
    for req in requests(seed=7, count=300, listener=listener.url, huge=False):
        status, body, content_type = _send(client, req)
        statuses[status] = statuses.get(status, 0) + 1
        problem = verdict(status, body, content_type, req.method)
        if problem:
            failures.append(f"{req.describe()} -> {problem}")
        assert time.monotonic() - started < 120, "the fuzz run took too long"
    assert failures == []
    assert sum(n for s, n in statuses.items() if 400 <= s < 500) > 50  # the fuzzing did reach the error paths
    assert statuses.get(200, 0) > 20
    assert len(pool._all) == 2
    for _ in range(4):  # every worker answers
        assert client.get("/sparql", query_string={"query": "ASK {}"}).status_code == 200
    assert listener.connections == 0


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300))
def test_any_text_as_a_query_gets_a_clear_answer(client, text: str) -> None:  # type: ignore[no-untyped-def]
    body = text.encode("utf-8", "surrogatepass")
    response = client.post("/sparql", data=body, content_type="application/sparql-query")
    assert verdict(response.status_code, response.get_data(), response.headers.get("Content-Type")) is None
    if response.status_code == 400:
        assert response.mimetype == "text/plain" and response.get_data().strip()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32), accept=st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=255),
                                                   max_size=80))
def test_mutated_example_queries_with_any_accept_header(client, seed: int, accept: str) -> None:  # type: ignore[no-untyped-def]
    fuzzer = Fuzzer(seed, huge=False)
    query = fuzzer.mutate(fuzzer.rng.choice(fuzzer.queries))
    response = client.get("/sparql", query_string={"query": query}, headers={"Accept": accept})
    assert verdict(response.status_code, response.get_data(), response.headers.get("Content-Type")) is None


@pytest.mark.parametrize("path", [
    "/download/../../../../etc/passwd", "/download/..%2f..%2f..%2fetc%2fpasswd", "/download/%2e%2e/pyproject.toml",
    "/download/..%5c..%5cpyproject.toml", "/download/ontology/..%2f..%2fpyproject.toml",
    "/download/ontology/%2e%2e%2f%2e%2e%2fpyproject.toml", "/download//etc/passwd", "/download/lmskg.nq%00.txt",
    "/term/..%2f..%2f..%2fetc%2fpasswd", "/data/../../../etc/passwd", "/graph/%2e%2e%2f%2e%2e%2fpyproject.toml",
    "/term/..%2f..%2fdownload%2flmskg.nq", "/static/..%2f..%2f..%2fpyproject.toml", "/ontology.%2e%2e%2fx",
])
def test_path_traversal_serves_no_file_outside_the_dumps(client, path: str) -> None:  # type: ignore[no-untyped-def]
    response = client.get(path)
    assert response.status_code in (400, 404), (path, response.status_code)
    data = response.get_data()
    assert b"root:" not in data and b"[project]" not in data and b"> .\n" not in data  # no file, no dump
