"""The pages in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright), offline.

Every page is opened with all requests outside the test server refused and recorded, and with every console
error, page error and dialog recorded: each test ends by checking that there were none.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from live import chromium_page, live_server
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CASE = "/data/case/spine-1"


@pytest.fixture(scope="module")
def server(case_home: Path) -> Iterator[str]:
    with live_server(case_home) as url:  # the example queries are the shipped queries/
        yield url


@pytest.fixture(scope="module")
def hostile_server(graph_home_module: Path) -> Iterator[str]:
    with live_server(graph_home_module) as url:
        yield url


@pytest.fixture(scope="module")
def graph_home_module(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small graph whose texts hold markup (a <script> in a sentence, <b> in a definition)."""
    from lmskg.store import publish

    home = tmp_path_factory.mktemp("hostile") / "home"
    publish(home, Path(__file__).parent / "data" / "graph.nq")
    return home


class Watched:
    """A page whose outside requests are refused, and whose console errors, page errors and dialogs are kept."""

    def __init__(self, page, server: str) -> None:  # type: ignore[no-untyped-def]
        self.page, self.problems = page, []

        def route(route) -> None:  # type: ignore[no-untyped-def]
            url = route.request.url
            if url.startswith(server) or url.startswith("data:"):
                route.continue_()
            else:
                self.problems.append(f"request outside the server: {url}")
                route.abort()

        page.route("**/*", route)
        page.on("console", lambda m: self.problems.append(f"console: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda exc: self.problems.append(f"page error: {exc}"))

        def dialog(d) -> None:  # type: ignore[no-untyped-def]
            self.problems.append(f"dialog: {d.message}")
            d.dismiss()

        page.on("dialog", dialog)


@pytest.fixture
def watched(server: str) -> Iterator[Watched]:
    with chromium_page() as page:
        page.set_viewport_size({"width": 1280, "height": 900})
        w = Watched(page, server)
        yield w
        assert w.problems == []


def test_from_the_front_page_to_the_sentence_behind_a_treatment(server: str, watched: Watched) -> None:
    page = watched.page
    page.goto(f"{server}/", timeout=15_000)
    page.click('svg.chart a.bar:has(text.label:text-is("T11"))')  # the bar of T11 on the level chart
    page.wait_for_url(re.compile(r"/cases\?lesion="), timeout=10_000)
    assert "Cases with a lesion at thoracic vertebra 11 (1)" in page.inner_text("h1")
    page.click(f'a[href="{CASE}"]')
    page.wait_for_url(f"**{CASE}", timeout=10_000)
    assert page.inner_text("h1") == "Case: 61 year old, male, leiomyosarcoma"
    step = page.locator("ol.steps > li").first
    assert "laminectomy" in step.inner_text() and "T10–L1" in step.inner_text()
    step.locator("a.cite").first.click()  # the sentence behind the laminectomy
    target = page.locator("ul.sentences mark:target")
    assert re.fullmatch(r"laminectomy\s*\d+", target.inner_text())  # the span, with its number
    assert target.is_visible() and "He underwent a T10-L1" in page.locator("blockquote:has(mark:target)").inner_text()


def test_case_page_draws_the_spine(server: str, watched: Watched) -> None:
    page = watched.page
    page.goto(f"{server}{CASE}", timeout=15_000)
    spine = page.locator("svg.spine")
    assert spine.is_visible() and spine.bounding_box()["height"] > 300
    assert page.locator("svg.spine rect.vertebra.lesion").count() == 2 + 1  # T11, T12 and the legend
    page.click('svg.spine a:has(text.level:text-is("T12"))')
    page.wait_for_url("**/term/ThoracicVertebra12", timeout=10_000)
    assert "Cases involving thoracic vertebra 12 (1)" in page.inner_text("main")


def test_search_box_suggests_as_one_types(server: str, watched: Watched) -> None:
    page = watched.page
    page.goto(f"{server}/cases", timeout=15_000)
    page.fill("#search-box", "UBERON:00046")  # part of a CURIE: every thoracic vertebra with one
    page.wait_for_selector("#suggestions li", timeout=10_000)
    page.fill("#search-box", "thoracic vertebra 11")
    first = page.locator("#suggestions li a").first
    first.wait_for(timeout=10_000)
    expect(first).to_have_text(re.compile(r"^thoracic vertebra 11 class"), timeout=10_000)
    first.click()
    page.wait_for_url("**/term/ThoracicVertebra11", timeout=10_000)


def _run(page, example: str) -> None:  # type: ignore[no-untyped-def]
    page.select_option("#examples", example)
    page.locator(".yasqe_queryButton:visible").click()
    page.wait_for_selector(".yasr:visible table.dataTable tbody tr", timeout=15_000)


def _until(done, seconds: float = 5.0) -> None:
    """Wait for the page to redraw (a sort re-renders the table after the click returns)."""
    deadline = time.monotonic() + seconds
    while not done() and time.monotonic() < deadline:
        time.sleep(0.05)


def test_yasgui_runs_an_example_and_links_our_iris(server: str, watched: Watched) -> None:
    page = watched.page
    page.goto(f"{server}/query", timeout=15_000)
    page.wait_for_selector(".yasqe .CodeMirror >> visible=true", timeout=15_000)  # the bundled YASGUI, offline
    assert page.locator("input.autocomplete:visible").input_value() == f"{server}/sparql"  # this endpoint
    _run(page, "case-treatments")
    rows = page.locator(".yasr:visible table.dataTable tbody tr")
    assert rows.count() == 6  # laminectomy at four levels, the fixation, the chemotherapy with its agent
    assert "6 results" in page.inner_text(".yasr:visible .yasr_response_chip")
    procedures = page.locator(".yasr:visible table.dataTable tbody tr td:nth-child(4)").all_inner_texts()
    column = ".yasr:visible table.dataTable tbody tr td:nth-child(4)"
    page.click(".yasr:visible table.dataTable thead th:nth-child(4)")  # sort by procedure
    _until(lambda: page.locator(column).all_inner_texts() == sorted(procedures))
    page.click(".yasr:visible table.dataTable thead th:nth-child(4)")  # and the other way
    _until(lambda: page.locator(column).all_inner_texts() == sorted(procedures, reverse=True))
    resorted = page.locator(column).all_inner_texts()
    assert resorted == sorted(procedures, reverse=True) and resorted != procedures
    link = page.locator(f'.yasr:visible a[href="{CASE}"]').first
    link.click(position={"x": 12, "y": 6})  # on its visible start: the cell cuts the long IRI short
    page.wait_for_url(f"**{CASE}", timeout=10_000)
    assert page.inner_text("h1").startswith("Case:")


def test_an_overview_query_opens_in_the_query_page(server: str, watched: Watched) -> None:
    page = watched.page
    page.goto(f"{server}/", timeout=15_000)
    page.locator("details.queries summary").click()
    page.locator('details.queries a:has-text("open in the query page")').nth(1).click()
    page.wait_for_selector(".yasqe .CodeMirror >> visible=true", timeout=15_000)
    page.locator(".yasqe_queryButton:visible").click()
    page.wait_for_selector(".yasr:visible table.dataTable tbody tr", timeout=15_000)
    assert page.locator(".yasr:visible table.dataTable tbody tr").count() == 2  # T11 and T12


@pytest.mark.parametrize("path", ["/", "/cases", "/query", CASE, "/term/ThoracicSpine", "/data/publication/pmid-1",
                                  "/search?q=spine", "/ontology", "/download/"])
def test_every_page_loads_offline_without_errors(server: str, watched: Watched, path: str) -> None:
    response = watched.page.goto(f"{server}{path}", timeout=15_000)
    assert response is not None and response.status == 200
    watched.page.wait_for_load_state("networkidle", timeout=15_000)


def test_document_text_stays_inert(hostile_server: str) -> None:
    with chromium_page() as page:
        w = Watched(page, hostile_server)
        page.goto(f"{hostile_server}/data/case/doc-1", timeout=15_000)
        assert "<script>alert(1)</script>" in page.inner_text("ul.sentences blockquote")  # shown as text
        assert re.fullmatch(r"leiomyosarcoma\s*1", page.inner_text("ul.sentences mark"))
        page.goto(f"{hostile_server}/term/Leiomyosarcoma", timeout=15_000)
        assert "A <b>malignant</b> smooth muscle tumor" in page.inner_text(".definition")
        page.goto(f"{hostile_server}/query", timeout=15_000)
        page.wait_for_selector(".yasqe .CodeMirror >> visible=true", timeout=15_000)
        page.evaluate("window.lmskgYasgui.getTab().getYasqe().setValue("
                      "'SELECT ?text WHERE { BIND(\"<img src=x onerror=alert(2)>\" AS ?text) }')")
        page.locator(".yasqe_queryButton:visible").click()
        page.wait_for_selector(".yasr:visible table.dataTable tbody tr", timeout=15_000)
        assert "<img src=x onerror=alert(2)>" in page.inner_text(".yasr:visible table.dataTable tbody")
        assert page.locator(".yasr img").count() == 0
        # YASGUI passes each value through DOMPurify, which parses it in a detached document: Chromium reports the
        # inline handler it meets there as refused by the page's script-src. Nothing ran, nothing else is allowed.
        refused = "console: Executing inline event handler violates the following Content Security Policy directive " \
                  "'script-src 'self''"
        assert [p for p in w.problems if not p.startswith(refused)] == []
