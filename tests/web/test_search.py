"""Search by label, synonym, CURIE, PMID or DOI, as HTML and as JSON."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from lmskg.web.search import needle


@pytest.fixture(scope="module")
def pages(case_home: Path) -> Iterator[object]:
    from lmskg.web import create_app

    app = create_app({"HOME": str(case_home), "WORKERS": 1, "QUERY_TIMEOUT": 20})
    yield app.test_client()
    app.extensions["lmskg"].close()


def found(pages, q: str) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    response = pages.get("/search", query_string={"q": q}, headers={"Accept": "application/json"})
    assert response.status_code == 200 and response.mimetype == "application/json"
    data = response.get_json()
    assert data["q"] == q
    return [(hit["href"], hit["kind"], hit["via"]) for hit in data["results"]]


@pytest.mark.parametrize(("q", "first"), [
    ("thoracic vertebra 11", ("/term/ThoracicVertebra11", "class", "label")),
    ("T11", ("/term/ThoracicVertebra11", "class", "synonym")),
    ("UBERON:0004626", ("/term/ThoracicVertebra1", "class", "CURIE")),
    ("leiomyosarcoma", ("/term/Leiomyosarcoma", "class", "label")),
    ("PMID:1", ("/data/publication/pmid-1", "publication", "PMID")),
    ("https://doi.org/10.1000/spine.1", ("/data/publication/pmid-1", "publication", "DOI")),
    ("spine-1", ("/data/case/spine-1", "case", "identifier")),
])
def test_the_best_match_comes_first(pages, q: str, first: tuple[str, str, str]) -> None:  # type: ignore[no-untyped-def]
    assert found(pages, q)[0] == first


def test_a_case_is_found_by_the_identifiers_of_its_publication(pages) -> None:  # type: ignore[no-untyped-def]
    assert ("/data/case/spine-1", "case", "DOI") in found(pages, "10.1000/spine.1")


def test_short_or_unknown_text_finds_nothing(pages) -> None:  # type: ignore[no-untyped-def]
    assert found(pages, "x") == [] and found(pages, "zzqqxx") == []


def test_the_html_page_lists_the_hits_and_escapes_the_query(pages) -> None:  # type: ignore[no-untyped-def]
    page = pages.get("/search", query_string={"q": "T11"}).get_data(as_text=True)
    assert 'href="/term/ThoracicVertebra11"' in page
    empty = pages.get("/search", query_string={"q": "<script>x</script>"}).get_data(as_text=True)
    assert "<script>x</script>" not in empty and "Nothing matches" in empty


def test_every_page_has_the_search_box(pages) -> None:  # type: ignore[no-untyped-def]
    for path in ("/", "/cases", "/query", "/data/case/spine-1", "/term/Uterus"):
        page = pages.get(path, headers={"Accept": "text/html"}).get_data(as_text=True)
        assert 'id="search-box"' in page and "search.js" in page, path


def test_overlong_text_is_a_400_naming_the_parameter(pages) -> None:  # type: ignore[no-untyped-def]
    response = pages.get("/search", query_string={"q": "a" * 201})
    assert response.status_code == 400 and "(q)" in response.get_data(as_text=True)


def test_needle_drops_identifier_prefixes() -> None:
    assert needle("PMID: 26360144") == "26360144"
    assert needle("doi:10.4236/OJMN.2013.34018") == "10.4236/ojmn.2013.34018"
    assert needle("https://pubmed.ncbi.nlm.nih.gov/26360144/") == "26360144"
    assert needle("  Thoracic   vertebra ") == "thoracic vertebra"
