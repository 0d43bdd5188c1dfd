"""The front page: counts and charts from the shipped queries, every bar a link to the cases it counts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

T11 = "https://w3id.org/lmskg/term/ThoracicVertebra11"


@pytest.fixture(scope="module")
def pages(case_home: Path) -> Iterator[object]:
    from lmskg.web import create_app

    app = create_app({"HOME": str(case_home), "WORKERS": 1, "QUERY_TIMEOUT": 20})
    yield app.test_client()
    app.extensions["lmskg"].close()


def test_front_page_counts_what_the_graph_holds(pages) -> None:  # type: ignore[no-untyped-def]
    page = pages.get("/").get_data(as_text=True)
    counts = dict((kind, int(n)) for n, kind in re.findall(r"<strong>(\d+)</strong> ([a-z ]+)", page))
    assert counts == {"documents": 1, "publications": 1, "cases": 1, "cohort figures": 1}


def test_level_chart_has_every_vertebra_in_column_order_and_links_its_bars(pages) -> None:  # type: ignore[no-untyped-def]
    page = pages.get("/").get_data(as_text=True)
    chart = page[page.index('aria-label="Cases by vertebral level'):]
    chart = chart[:chart.index("</svg>")]
    labels = re.findall(r'<text class="label"[^>]*>([^<]+)</text>', chart)
    assert labels[:3] == ["C1", "C2", "C3"] and labels[-1] == "coccyx" and len(labels) == 30
    linked = re.findall(r'<a class="bar" href="([^"]+)"><text class="label"[^>]*>([^<]+)<', chart)
    assert [label for _, label in linked] == ["T11", "T12"]  # only bars with cases are links
    assert linked[0][0] == "/cases?lesion=" + quote(T11, safe="")


def test_primary_site_chart(pages) -> None:  # type: ignore[no-untyped-def]
    page = pages.get("/").get_data(as_text=True)
    assert re.search(r'href="/cases\?primary=https%3A%2F%2Fw3id.org%2Flmskg%2Fterm%2FUterus">'
                     r'<text class="label"[^>]*>uterus</text>', page)


def test_a_bar_opens_the_cases_behind_it(pages) -> None:  # type: ignore[no-untyped-def]
    page = pages.get("/cases", query_string={"lesion": T11}).get_data(as_text=True)
    assert "Cases with a lesion at thoracic vertebra 11 (1)" in page
    assert 'href="/data/case/spine-1"' in page and "Leiomyosarcoma of the spine: a case" in page
    none = pages.get("/cases", query_string={"lesion": "https://w3id.org/lmskg/term/CervicalVertebra1"})
    assert "(0)" in none.get_data(as_text=True) and "No case matches." in none.get_data(as_text=True)
    assert "Cases (1)" in pages.get("/cases").get_data(as_text=True)


def test_a_filter_that_is_no_iri_is_a_one_line_400(pages) -> None:  # type: ignore[no-untyped-def]
    response = pages.get("/cases", query_string={"primary": "<bad> iri"})
    assert response.status_code == 400 and response.mimetype == "text/plain"
    assert response.get_data(as_text=True).count("\n") == 1 and "not a valid IRI" in response.get_data(as_text=True)


def test_the_shipped_queries_are_shown_and_open_in_the_query_page(pages) -> None:  # type: ignore[no-untyped-def]
    page = pages.get("/").get_data(as_text=True)
    assert "overview-cases-by-level.rq" in page and 'href="/query?query=' in page
