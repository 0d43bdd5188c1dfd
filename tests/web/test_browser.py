"""The query page in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from live import chromium_page, live_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]



@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:  # type: ignore[no-untyped-def]
    from lmskg.store import publish

    home = tmp_path_factory.mktemp("browser") / "home"
    publish(home, Path(__file__).parent / "data" / "graph.nq")
    queries = tmp_path_factory.mktemp("queries")
    (queries / "uterus.rq").write_text(
        "# Everything about the uterus\nSELECT ?p ?o WHERE { <https://w3id.org/lmskg/term/Uterus> ?p ?o }\n")
    with live_server(home, env={"LMSKG_QUERIES_DIR": str(queries)}) as url:
        yield url


@pytest.fixture(scope="module")
def page(server: str):  # type: ignore[no-untyped-def]
    with chromium_page() as page:
        yield page


def test_query_page_runs_a_query_and_shows_its_results(server: str, page) -> None:  # type: ignore[no-untyped-def]
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(f"{server}/query", timeout=15_000)
    page.wait_for_selector(".CodeMirror", timeout=10_000)  # the bundled editor loaded, offline
    page.click("button.example", timeout=5_000)  # the example query from QUERIES_DIR
    assert "Uterus" in page.evaluate("document.querySelector('.CodeMirror').CodeMirror.getValue()")
    page.click("#run")
    page.wait_for_selector("table.results tbody tr", timeout=15_000)
    cells = page.locator("table.results td").all_inner_texts()
    assert "uterus" in cells and "UBERON:0000995" in cells
    assert "rows in" in page.inner_text("#status")
    assert errors == []


def test_query_errors_are_shown_as_text(server: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server}/query", timeout=15_000)
    page.wait_for_selector(".CodeMirror", timeout=10_000)
    page.evaluate("document.querySelector('.CodeMirror').CodeMirror.setValue('SELECT * WHERE { <x> ?p }')")
    page.click("#run")
    page.wait_for_selector("pre.error", timeout=15_000)
    assert "error at 1:" in page.inner_text("pre.error")
    assert page.inner_text("#status") == "Error 400"


def test_resource_page_renders_with_escaped_literals(server: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server}/data/case/doc-1", timeout=15_000)
    assert page.inner_text("h1") == "case 1 of doc"
    blockquote = page.inner_text("ol.sentences blockquote")
    assert "<script>alert(1)</script>" in blockquote  # shown as text, not run
    assert page.inner_text("ol.sentences mark") == "leiomyosarcoma"


def test_download_button_asks_for_the_chosen_format(server: str, page) -> None:  # type: ignore[no-untyped-def]
    from urllib.parse import parse_qs, urlsplit

    seen: list[str] = []

    def capture(route) -> None:  # type: ignore[no-untyped-def]
        seen.append(route.request.url)
        route.fulfill(status=200, content_type="text/plain", body="captured")

    page.context.route("**/sparql?*", capture)
    try:
        page.goto(f"{server}/query", timeout=15_000)
        page.wait_for_selector(".CodeMirror", timeout=10_000)
        page.evaluate("document.querySelector('.CodeMirror').CodeMirror.setValue('ASK { ?s ?p ?o }')")
        page.select_option("#format", "csv")
        with page.context.expect_page(timeout=15_000) as opened:
            page.click("#download")
        opened.value.wait_for_load_state(timeout=15_000)
        params = parse_qs(urlsplit(seen[-1]).query)
        assert params["format"] == ["csv"] and params["query"] == ["ASK { ?s ?p ?o }"]
        opened.value.close()
    finally:
        page.context.unroute("**/sparql?*")
