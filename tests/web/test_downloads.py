"""Whole-graph dumps at /download/ and `lmskg export`, which writes the same files."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib

from lmskg.cli import cli

GRAPH = Path(__file__).parent / "data" / "graph.nq"
QUADS = len(GRAPH.read_text().strip().splitlines())
TRIPLES = len({line.rsplit(" ", 2)[0] for line in GRAPH.read_text().strip().splitlines()})


def parse(data: bytes, fmt: str) -> rdflib.Dataset | rdflib.Graph:
    if fmt in ("nquads", "trig", "json-ld"):
        ds = rdflib.Dataset()
        ds.parse(data=data, format=fmt)
        return ds
    return rdflib.Graph().parse(data=data, format=fmt)


def test_index_lists_dumps_and_release_files(client, app_config) -> None:  # type: ignore[no-untyped-def]
    release = Path(app_config["ONTOLOGY_RELEASE_DIR"])
    release.mkdir()
    (release / "lmskg.owl").write_text("<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'/>")
    html = client.get("/download/").get_data(as_text=True)
    for name in ("lmskg.ttl", "lmskg.nq", "lmskg.trig", "lmskg.jsonld"):
        assert f'href="/download/{name}"' in html
    assert 'href="/download/ontology/lmskg.owl"' in html
    owl = client.get("/download/ontology/lmskg.owl")
    assert owl.status_code == 200 and owl.mimetype == "application/rdf+xml"
    assert client.get("/download/ontology/../../etc/passwd").status_code == 404
    assert client.get("/download/ontology/missing.ttl").status_code == 404


@pytest.mark.parametrize(("name", "fmt", "media_type", "graphs"), [
    ("lmskg.nq", "nquads", "application/n-quads", True),
    ("lmskg.trig", "trig", "application/trig", True),
    ("lmskg.jsonld", "json-ld", "application/ld+json", True),
    ("lmskg.ttl", "turtle", "text/turtle", False),
    ("lmskg.nt", "nt", "application/n-triples", False),
    ("lmskg.rdf", "xml", "application/rdf+xml", False),
])
def test_dumps_hold_the_whole_graph(client, name: str, fmt: str, media_type: str, graphs: bool) -> None:  # type: ignore[no-untyped-def]
    response = client.get(f"/download/{name}")
    assert response.status_code == 200 and response.mimetype == media_type
    parsed = parse(response.data, fmt)
    if graphs:
        assert isinstance(parsed, rdflib.Dataset)
        names = {str(g.identifier) for g in parsed.graphs() if len(g)}
        assert names == {"https://w3id.org/lmskg/graph/doc", "https://w3id.org/lmskg/graph/ontology"}
        assert sum(len(g) for g in parsed.graphs()) == QUADS
    else:
        assert len(parsed) == TRIPLES
    again = client.get(f"/download/{name}")  # the second request is served from the cached file
    assert again.data == response.data
    assert client.get("/download/lmskg.pdf").status_code == 404


@pytest.mark.parametrize("fmt", ["ttl", "nt", "nq", "trig", "jsonld", "xml"])
def test_export_writes_the_same_files(runner, graph_home: Path, tmp_path: Path, client, fmt: str) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / f"out.{fmt}"
    result = runner.invoke(cli, ["export", "--format", fmt, "--output", str(out)], env={"LMSKG_HOME": str(graph_home)})
    assert result.exit_code == 0, result.output
    served = {"ttl": "lmskg.ttl", "nt": "lmskg.nt", "nq": "lmskg.nq", "trig": "lmskg.trig", "jsonld": "lmskg.jsonld",
              "xml": "lmskg.rdf"}[fmt]
    assert out.read_bytes() == client.get(f"/download/{served}").data


def test_export_to_stdout_and_without_a_graph(runner, graph_home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(cli, ["export", "--format", "nq"], env={"LMSKG_HOME": str(graph_home)})
    assert result.exit_code == 0
    assert result.stdout_bytes == GRAPH.read_bytes()
    missing = runner.invoke(cli, ["export", "--format", "ttl"], env={"LMSKG_HOME": str(tmp_path / "none")})
    assert missing.exit_code == 1 and "lmskg build" in missing.output and "Traceback" not in missing.output
    bad = runner.invoke(cli, ["export", "--format", "yaml"], env={"LMSKG_HOME": str(graph_home)})
    assert bad.exit_code == 2
