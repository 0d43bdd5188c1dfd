"""Literal text from documents is shown inert: a document holding markup is built, served and opened in Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from live import chromium_page, live_server

from lmskg.build import build
from lmskg.settings import Settings

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
PAYLOADS = [
    "<script>window.__pwned = 'script'; document.title = 'pwned'</script>",
    "<img src=x onerror=\"window.__pwned = 'img'\">",
    "<svg onload=\"window.__pwned = 'svg'\"></svg>",
    "\"><script>window.__pwned = 'attr'</script>",
    "<a href=\"javascript:window.__pwned='link'\">click</a>",
    "<iframe srcdoc=\"<script>parent.__pwned='iframe'</script>\"></iframe>",
]
TEXT = (
    "Metastatic leiomyosarcoma of the thoracic spine: a case report.\n\n"
    "A 52-year-old woman with uterine leiomyosarcoma presented with a T3 metastasis. "
    + " ".join(PAYLOADS)
    + " She underwent a T2-T4 decompressive laminectomy and was alive 12 months later.\n"
)


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:  # type: ignore[no-untyped-def]
    docs = tmp_path_factory.mktemp("docs")
    (docs / "markup-case.txt").write_text(TEXT, encoding="utf-8")
    home = tmp_path_factory.mktemp("inert") / "home"
    result = build([docs], Settings(home=home, sources=docs, ontology=ROOT / "ontology" / "lmskg.ttl"),
                   progress=False)
    assert result.documents == 1
    with live_server(home) as url:
        yield url


@pytest.fixture(scope="module")
def browser_page(server: str):  # type: ignore[no-untyped-def]
    with chromium_page() as page:
        yield page


def test_markup_in_a_document_never_runs(server: str, browser_page) -> None:  # type: ignore[no-untyped-def]
    page = browser_page
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    pages = [f"{server}/data/document/markup-case", f"{server}/graph/markup-case"]
    evidence = page.request.get(
        f"{server}/sparql", params={"query": "SELECT ?e WHERE { ?e a <http://www.w3.org/ns/oa#SpecificResource> } "
                                              "LIMIT 3", "format": "json"}).json()
    pages += [b["e"]["value"].replace("https://w3id.org/lmskg", server) for b in evidence["results"]["bindings"]]
    assert len(pages) >= 3
    for url in pages:
        response = page.goto(url, timeout=15_000)
        assert response is not None and response.status == 200, url
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_timeout(300)
        assert page.evaluate("window.__pwned") is None, url
        assert page.title() != "pwned"
        assert page.locator("script:not([src])").count() == 0  # no inline script element made it into the DOM
        assert page.locator("img[src=x], svg[onload], iframe[srcdoc]").count() == 0
        assert page.locator("a[href^='javascript:']").count() == 0
    page.goto(pages[0], timeout=15_000)
    shown = page.inner_text("body")
    assert "<script>window.__pwned = 'script'" in shown  # the text is shown literally
    assert "<img src=x onerror=" in shown
    assert dialogs == []
