"""The lexical scan that refuses SERVICE and LOAD, finds FROM graphs and applies using-graph-uri."""

from __future__ import annotations

import pytest

from lmskg.errors import QueryError
from lmskg.web.sparqlscan import add_using, check_allowed, dataset_iris, forbidden_keyword, has_dataset_clause


@pytest.mark.parametrize("text", [
    "SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "select * { service silent <http://x/> { } }",
    "LOAD <http://example.org/data.ttl>",
    "load silent <http://x> into graph <http://g>",
    "INSERT { ?s ?p ?o } WHERE { SERVICE <http://x> { ?s ?p ?o } }",
    "SELECT * {\n# comment\n SeRvIcE ?svc { } }",
])
def test_outbound_keywords_are_found(text: str) -> None:
    assert forbidden_keyword(text) in ("SERVICE", "LOAD")
    with pytest.raises(QueryError, match="not allowed"):
        check_allowed(text)


@pytest.mark.parametrize("text", [
    'SELECT * { ?s ?p "SERVICE <http://x>" }',
    "SELECT * { ?s ?p '''LOAD <x>''' }",
    "SELECT ?service { ?service a <http://x/LOAD> }",
    "PREFIX ex: <http://e/> SELECT * { ex:SERVICE ex:load ?o }",
    "SELECT * { ?s ?p ?o } # SERVICE <http://x> in a comment",
])
def test_keywords_inside_strings_iris_names_and_comments_are_fine(text: str) -> None:
    assert forbidden_keyword(text) is None
    check_allowed(text)


def test_dataset_iris_resolve_prefixes_and_base() -> None:
    text = "BASE <http://b/dir/> PREFIX e: <http://e/> SELECT * FROM <g1> FROM NAMED e:g2 FROM NAMED <http://abs> {}"
    assert dataset_iris(text) == {"http://b/dir/g1", "http://e/g2", "http://abs"}
    assert dataset_iris("SELECT * { ?from ?p 'FROM <x>' }") == set()


def test_add_using_goes_before_each_top_level_where() -> None:
    update = ("INSERT DATA { <a> <b> <c> } ; DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o "
              "FILTER NOT EXISTS { SELECT * WHERE { ?x ?y ?z } } } ; DELETE WHERE { ?a ?b ?c }")
    rewritten = add_using(update, ["http://g1"], ["http://g2"])
    assert rewritten.count("USING <http://g1> USING NAMED <http://g2> WHERE") == 1
    assert "DELETE WHERE" in rewritten
    assert add_using(update, [], []) == update


def test_dataset_clause_detection() -> None:
    assert has_dataset_clause("WITH <g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert has_dataset_clause("DELETE { ?s ?p ?o } USING <g> WHERE { ?s ?p ?o }")
    assert not has_dataset_clause("INSERT DATA { <a> <b> 'WITH' }")
