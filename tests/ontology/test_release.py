"""`lmskg release`: every release file is generated from the source and the committed ones are current."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import isomorphic

from lmskg.cli import cli
from lmskg.commands.release import PREFIXES, is_current, release_files, sssom_table, write_release
from lmskg.errors import OntologyError

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "ontology" / "lmskg.ttl"


@pytest.fixture(scope="module")
def files() -> dict[str, str]:
    return release_files(SOURCE)


def test_committed_release_files_are_up_to_date(files):
    stale = [rel for rel, text in files.items() if not is_current(ROOT / "ontology" / rel, text)]
    assert stale == [], "run `lmskg release` (or `make release`) and commit ontology/release/"


def test_every_format_holds_the_source_graph(files):
    source = rdflib.Graph().parse(SOURCE)
    formats = {"release/lmskg.owl": "xml", "release/lmskg.ttl": "turtle", "release/lmskg.jsonld": "json-ld"}
    for rel, fmt in formats.items():
        assert isomorphic(source, rdflib.Graph().parse(data=files[rel], format=fmt)), rel


def test_prefix_map(files):
    prefixes = json.loads(files["release/lmskg.prefixes.json"])
    assert prefixes["lmskg"] == "https://w3id.org/lmskg/term/"
    assert prefixes["MONDO"] == "http://purl.obolibrary.org/obo/MONDO_"
    assert prefixes == PREFIXES


def test_sssom_rows_are_the_skos_mappings(files):
    lines = [line for line in files["lmskg.sssom.tsv"].splitlines() if not line.startswith("#")]
    header, rows = lines[0].split("\t"), [line.split("\t") for line in lines[1:]]
    assert header == ["subject_id", "subject_label", "predicate_id", "object_id", "object_label",
                      "mapping_justification"]
    source = rdflib.Graph().parse(SOURCE)
    skos = sum(1 for p in ("exactMatch", "closeMatch", "broadMatch", "narrowMatch")
               for _ in source.subject_objects(rdflib.SKOS[p]))
    assert len(rows) == skos
    assert ["lmskg:Leiomyosarcoma", "leiomyosarcoma", "skos:exactMatch", "MONDO:0005058", "leiomyosarcoma",
            "semapv:ManualMappingCuration"] in rows
    assert ["lmskg:ConfluenceOfSinuses", "confluence of sinuses", "skos:broadMatch", "UBERON:0005486",
            "venous dural sinus", "semapv:ManualMappingCuration"] in rows
    assert all(row[4] for row in rows), "every mapped CURIE has its label in ontology/reference/terms.tsv"


@pytest.mark.slow
def test_sssom_file_validates():
    from sssom.io import validate_file

    validate_file(input_path=str(ROOT / "ontology" / "lmskg.sssom.tsv"), validation_types=None)


@pytest.mark.slow
def test_sssom_validation_can_fail(tmp_path):
    from sssom.io import validate_file

    bad = tmp_path / "bad.sssom.tsv"
    text = (ROOT / "ontology" / "lmskg.sssom.tsv").read_text(encoding="utf-8")
    bad.write_text(text.replace("semapv:ManualMappingCuration", "semapv:NoSuchJustification"), encoding="utf-8")
    with pytest.raises(Exception, match="validation error"):
        validate_file(input_path=str(bad), validation_types=None)


def test_release_command_writes_every_file(runner, tmp_path):
    result = runner.invoke(cli, ["release", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    for name in ("release/lmskg.owl", "release/lmskg.ttl", "release/lmskg.jsonld", "release/lmskg.prefixes.json",
                 "lmskg.sssom.tsv", "catalog-v001.xml"):
        assert (tmp_path / name).is_file(), name
    assert (tmp_path / "release/lmskg.ttl").read_bytes() == (ROOT / "ontology/release/lmskg.ttl").read_bytes()


def test_release_is_deterministic(files):
    """Byte-identical on every run, except RDF/XML whose element order rdflib leaves to hashing."""
    second = release_files(SOURCE)
    for rel in files:
        if not rel.endswith(".owl"):
            assert second[rel] == files[rel], rel


def test_release_refuses_a_broken_source(runner, tmp_path):
    bad = tmp_path / "lmskg.ttl"
    bad.write_text("@prefix owl: <http://www.w3.org/2002/07/owl#> .\n<x> a owl:Class", encoding="utf-8")
    result = runner.invoke(cli, ["release", "--ontology", str(bad), "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "lmskg.ttl: cannot parse" in result.output
    assert "Traceback" not in result.output


def test_release_checks_the_version_iri(tmp_path):
    text = SOURCE.read_text(encoding="utf-8").replace('owl:versionInfo "0.1.0"', 'owl:versionInfo "0.2.0"')
    changed = tmp_path / "lmskg.ttl"
    changed.write_text(text, encoding="utf-8")
    with pytest.raises(OntologyError, match="versionIRI"):
        write_release(changed, tmp_path)


def test_sssom_needs_a_version():
    with pytest.raises(OntologyError, match="versionInfo"):
        sssom_table(rdflib.Graph())


def test_catalog_resolves_the_version_iri_to_the_release_file(files):
    import xml.etree.ElementTree as ET

    root = ET.fromstring(files["catalog-v001.xml"])
    uris = {e.get("name"): e.get("uri") for e in root}
    assert uris["https://w3id.org/lmskg/releases/0.1.0/lmskg.owl"] == "release/lmskg.owl"
    assert (ROOT / "ontology" / uris["https://w3id.org/lmskg/ontology"]).is_file()
