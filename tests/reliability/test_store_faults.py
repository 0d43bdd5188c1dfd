"""A damaged graph store is reported at start with the command that rebuilds it, never a traceback."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from lmskg.cli import cli
from lmskg.errors import StoreError
from lmskg.store import current_build, publish

GRAPH = Path(__file__).resolve().parents[1] / "web" / "data" / "graph.nq"


def _garble(build: Path) -> None:
    for path in (build / "store").rglob("*"):
        if path.is_file():
            path.write_bytes(b"\x00garbage\xff" * 64)


DAMAGE = {
    "store files overwritten": _garble,
    "store folder removed": lambda build: shutil.rmtree(build / "store"),
    "graph file removed": lambda build: (build / "graph.nq").unlink(),
}


@pytest.fixture
def damaged(tmp_path: Path, request) -> Path:  # type: ignore[no-untyped-def]
    home = tmp_path / "home"
    publish(home, GRAPH)
    DAMAGE[request.param](current_build(home))
    return home


@pytest.mark.parametrize("damaged", sorted(DAMAGE), indirect=True)
def test_the_app_refuses_to_start_on_a_damaged_store(damaged: Path) -> None:
    from lmskg.web import create_app

    with pytest.raises(StoreError, match="run `lmskg build` to rebuild it"):
        create_app({"HOME": str(damaged), "WORKERS": 1})


@pytest.mark.parametrize("damaged", sorted(DAMAGE), indirect=True)
@pytest.mark.parametrize("command", [["export", "--format", "nt"], ["serve", "--port", "0"]])
def test_commands_name_the_rebuild_command(runner, damaged: Path, command: list[str]) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(cli, command, env={"LMSKG_HOME": str(damaged)})
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    last = result.output.strip().splitlines()[-1]
    assert last.startswith("Error: ") and last.endswith("run `lmskg build` to rebuild it"), last


def test_a_store_damaged_while_serving_answers_503_and_keeps_the_worker(tmp_path: Path) -> None:
    from lmskg.web import create_app

    home = tmp_path / "home"
    publish(home, GRAPH)
    app = create_app({"HOME": str(home), "WORKERS": 1, "IN_MEMORY": False})
    try:
        client = app.test_client()
        assert client.get("/sparql", query_string={"query": "ASK {}"}).status_code == 200
        # a second build appears, then is damaged before any worker opens it
        other = tmp_path / "other.nq"
        other.write_text(GRAPH.read_text(encoding="utf-8") + "<http://e/s> <http://e/p> <http://e/o> .\n")
        build = publish(home, other)
        _garble(build)
        os.utime(home / "current", follow_symlinks=False)
        pids = {w.pid for w in app.extensions["lmskg"]._all}
        response = client.get("/sparql", query_string={"query": "ASK { ?s ?p ?o }"})
        assert response.status_code == 503, response.data
        assert b"cannot read the graph" in response.data
        assert {w.pid for w in app.extensions["lmskg"]._all} == pids  # the worker survived
    finally:
        app.extensions["lmskg"].close()
