"""Queries that would overflow the engine's stack are refused with 400 before they reach a worker."""

from __future__ import annotations

import pytest

from lmskg.errors import QueryError
from lmskg.web.sparqlscan import MAX_NESTING, MAX_OPERATORS, check_complexity

# Each of these killed a query worker (SIGSEGV: stack overflow in the engine) before the complexity check.
CRASHERS = {
    "nested groups": "SELECT * " + "{" * 3000 + "}" * 3000,
    "nested parentheses": "SELECT * { FILTER(" + "(" * 6000 + "1" + ")" * 6000 + ") }",
    "nested calls": "SELECT (" + "CONCAT(" * 1000 + '"a"' + ")" * 1000 + " AS ?x) {}",
    "chain of unions": "SELECT * { " + " UNION ".join(["{ ?s ?p ?o }"] * 8000) + " }",
    "chain of minus": "SELECT * { ?s ?p ?o " + " ".join(["MINUS { ?s ?p ?o }"] * 3000) + " }",
    "chain of additions": "SELECT (" + "+".join(["1"] * 8000) + " AS ?x) {}",
    "chain of negations": "SELECT * { FILTER(" + "!" * 10000 + "true) }",
    "long path": "SELECT * { ?s " + "/".join(["<http://e/p>"] * 3000) + " ?o }",
}


@pytest.mark.parametrize("name", sorted(CRASHERS))
def test_stack_overflowing_queries_are_refused_with_400_and_keep_the_worker(client, app, name: str) -> None:  # type: ignore[no-untyped-def]
    pool = app.extensions["lmskg"]
    before = {w.pid for w in pool._all}
    response = client.post("/sparql", data=CRASHERS[name], content_type="application/sparql-query")
    assert response.status_code == 400, response.data[:200]
    assert b"at most" in response.data
    assert {w.pid for w in pool._all} == before  # never reached a worker
    assert client.get("/sparql", query_string={"query": "ASK {}"}).status_code == 200


def test_updates_are_checked_too(client) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/sparql", data={"update": "INSERT DATA {" + "{" * 3000 + "}"})
    assert response.status_code in (400, 403)


def test_the_limits_leave_real_queries_alone(root) -> None:  # type: ignore[no-untyped-def]
    for path in sorted((root / "queries").glob("*.rq")):
        check_complexity(path.read_text(encoding="utf-8"))
    # Brackets and operators inside strings, IRIs and comments do not count.
    check_complexity('SELECT * { ?s ?p "' + "{(" * 5000 + '" } # ' + "!" * 5000)
    check_complexity("SELECT * { <http://e/" + "-" * 5000 + "> ?p ?o }")


def test_just_under_the_limits_is_answered(client) -> None:  # type: ignore[no-untyped-def]
    deep = "SELECT * " + "{" * MAX_NESTING + "}" * MAX_NESTING
    assert client.post("/sparql", data=deep, content_type="application/sparql-query").status_code == 200
    chain = "SELECT * { ?s ?p ?o " + " ".join(["MINUS { ?s ?p ?o }"] * (MAX_OPERATORS - 2)) + " }"
    response = client.post("/sparql", data=chain, content_type="application/sparql-query")
    assert response.status_code == 200, response.data[:200]


def test_messages_name_the_limit() -> None:
    with pytest.raises(QueryError, match=f"nests brackets {MAX_NESTING + 1} deep; at most {MAX_NESTING}"):
        check_complexity("ASK " + "{" * (MAX_NESTING + 1) + "}" * (MAX_NESTING + 1))
    with pytest.raises(QueryError, match=f"at most {MAX_OPERATORS} are allowed"):
        check_complexity("ASK { FILTER(" + "!" * (MAX_OPERATORS + 1) + "true) }")
