"""Shared fixtures: the repository root and a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


# --- the web app over a small published graph (tests/web/data/graph.nq) --------------------------------------

WEB_GRAPH = Path(__file__).resolve().parent / "web" / "data" / "graph.nq"


@pytest.fixture
def graph_home(tmp_path: Path) -> Path:
    """A home folder whose current build is the small test graph."""
    from lmskg.store import publish

    home = tmp_path / "home"
    publish(home, WEB_GRAPH)
    return home


@pytest.fixture
def app_config(graph_home: Path, tmp_path: Path) -> dict[str, object]:
    """The configuration of the `app` fixture; override it in a test module to change settings."""
    queries = tmp_path / "queries"
    queries.mkdir()
    (queries / "labels.rq").write_text("# Every label\nSELECT ?s ?label WHERE { ?s rdfs:label ?label }\n")
    return {"HOME": str(graph_home), "WORKERS": 1, "QUERY_TIMEOUT": 10, "QUERIES_DIR": str(queries),
            "ONTOLOGY_RELEASE_DIR": str(tmp_path / "release")}


@pytest.fixture
def app(app_config: dict[str, object]):  # type: ignore[no-untyped-def]
    """A fresh app per test, its worker processes stopped afterwards."""
    from lmskg.web import create_app

    application = create_app(app_config)
    yield application
    application.extensions["lmskg"].close()


@pytest.fixture
def client(app):  # type: ignore[no-untyped-def]
    return app.test_client()


# --- a case written for the page tests (tests/web/data/case.trig) over the real ontology ----------------------

CASE_GRAPH = Path(__file__).resolve().parent / "web" / "data" / "case.trig"


@pytest.fixture(scope="session")
def case_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A home folder whose current build is the ontology and the test case of ``case.trig``."""
    import rdflib

    from lmskg.build import ontology_nquads
    from lmskg.store import publish

    folder = tmp_path_factory.mktemp("case")
    dataset = rdflib.Dataset()
    dataset.parse(CASE_GRAPH, format="trig")
    nquads = folder / "graph.nq"
    nquads.write_text("".join(ontology_nquads(ROOT / "ontology" / "lmskg.ttl"))
                      + dataset.serialize(format="nquads"), encoding="utf-8")
    publish(folder / "home", nquads)
    return folder / "home"
