"""The bundled YASGUI is the release pinned in scripts/build-yasgui.sh, and the query page loads it from here."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "src" / "lmskg" / "web" / "static" / "yasgui"


def test_the_committed_bundle_is_the_pinned_release() -> None:
    script = (ROOT / "scripts" / "build-yasgui.sh").read_text()
    package = re.search(r"^package=(\S+)$", script, re.M).group(1)
    version = re.search(r"^version=(\S+)$", script, re.M).group(1)
    integrity = re.search(r"^integrity=(\S+)$", script, re.M).group(1)
    assert (BUNDLE / "VERSION").read_text().splitlines()[0] == f"{package}@{version} {integrity}"
    assert (BUNDLE / "yasgui.min.js").stat().st_size > 500_000 and (BUNDLE / "yasgui.min.css").is_file()


def test_query_page_loads_yasgui_from_this_server_with_its_endpoint(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/query")
    page = response.get_data(as_text=True)
    assert '<script src="/static/yasgui/yasgui.min.js" defer></script>' in page
    assert '"endpoint": "http://localhost/sparql"' in page
    assert re.findall(r'(?:src|href)="(https?://[^"]+)"', page) == []  # nothing is loaded from elsewhere
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self';" in csp and "unsafe" not in csp and csp.count("'sha256-") == 2


def test_a_query_given_in_the_url_is_handed_to_the_page(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/query", query_string={"query": "ASK { ?s ?p ?o }"}).get_data(as_text=True)
    assert '"query": "ASK { ?s ?p ?o }"' in page


def test_the_example_menu_offers_the_queries_and_the_overview_queries(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/query").get_data(as_text=True)
    assert '<option value="labels">labels: Every label</option>' in page
    assert '<option value="overview-cases-by-level">' in page
