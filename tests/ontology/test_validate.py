"""`lmskg validate` on hand-written instance graphs published into a temporary home."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib import URIRef

from lmskg.cli import cli
from lmskg.commands.validate import Report, validate
from lmskg.errors import OntologyError, StoreError
from lmskg.settings import Settings
from lmskg.store import publish

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[2]


def publish_fixture(home: Path, name: str, tmp_path: Path, *, with_ontology: bool = True) -> Path:
    """Publish ``data/<name>.ttl`` (in a document graph) plus the ontology graph as the current build."""
    ds = rdflib.Dataset()
    doc = ds.graph(URIRef(f"https://w3id.org/lmskg/graph/{name}"))
    doc.parse(DATA / f"{name}.ttl", format="turtle")
    if with_ontology:
        onto = ds.graph(URIRef("https://w3id.org/lmskg/graph/ontology"))
        onto.parse(ROOT / "ontology" / "lmskg.ttl", format="turtle")
    nquads = tmp_path / f"{name}.nq"
    ds.serialize(nquads, format="nquads")
    publish(home, nquads)
    return home


@pytest.fixture
def valid_home(tmp_path: Path) -> Path:
    return publish_fixture(tmp_path / "home", "valid-instance", tmp_path)


@pytest.fixture(scope="module")
def invalid_report(tmp_path_factory) -> Report:
    tmp = tmp_path_factory.mktemp("invalid")
    home = publish_fixture(tmp / "home", "invalid-instance", tmp)
    return validate(Settings(home=home))


def test_valid_graph_passes(runner, valid_home):
    result = runner.invoke(cli, ["validate"], env={"LMSKG_HOME": str(valid_home)})
    assert result.exit_code == 0, result.output
    assert "no violations" in result.output
    assert "evidence-offsets-violation" in result.output and "SHACL" in result.output


def test_valid_graph_without_the_ontology_graph_still_checks_classes(tmp_path):
    home = publish_fixture(tmp_path / "home", "valid-instance", tmp_path, with_ontology=False)
    report = validate(Settings(home=home), checks=ROOT / "queries" / "checks")
    # the shapes see the ontology (added by validate); only the undeclared-term check needs it in the store
    assert [v for v in report.violations if v.check == "shacl"] == []


def test_invalid_graph_fails_with_a_readable_report(runner, tmp_path):
    home = publish_fixture(tmp_path / "home", "invalid-instance", tmp_path)
    result = runner.invoke(cli, ["validate"], env={"LMSKG_HOME": str(home)})
    assert result.exit_code == 1
    assert "violation(s)" in result.output
    assert result.output.rstrip().splitlines()[-1].startswith("Error: the graph in ")
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("check", "subject", "fragment"),
    [
        ("shacl", "case/bad-doc-1", "a case cites the publication"),
        ("shacl", "case/bad-doc-1", "primaryHistology: is not a tumor class"),
        ("shacl", "lesion-1", "a lesion has a site or a role"),
        ("shacl", "finding-1", "a duration value is given with its unit"),
        ("shacl", "outcome-1", "a duration outcome"),
        ("shacl", "treatment-1", "is not a procedure class"),
        ("shacl", "30-16#position", "the start offset must be less than the end offset"),
        ("undeclared-term-violation", "treatment-1", "NoSuchProcedure"),
        ("step-order-violation", "case/bad-doc-1", "lastStep=3"),
        ("outcome-dates-violation", "outcome-1", "startDate=2014-03"),
        ("evidence-offsets-violation", "evidence/bad-doc/30-16", "exact=laminectomy"),
        ("statement-violation", "0000000000000002", "o=lmskg:Corpectomy"),
        ("shacl", "history-1", "is not a procedure, condition, tumor or finding class"),
        ("shacl", "journal/nameless", "a journal has its name as written"),
        ("deprecated-term-violation", "history-1", "replacement=lmskg:Laminectomy"),
    ],
)
def test_each_fault_is_reported(invalid_report, check, subject, fragment):
    found = [v for v in invalid_report.violations if v.check == check and subject in v.subject]
    assert any(fragment in v.message for v in found), [str(v) for v in invalid_report.violations]


def test_valid_parts_of_the_invalid_graph_are_not_reported(invalid_report):
    assert not [v for v in invalid_report.violations if "SourceDocument" in v.message]
    assert not [v for v in invalid_report.violations if v.subject.endswith("bad-doc")]


def test_expected_counts(tmp_path, valid_home):
    checks = tmp_path / "checks"
    checks.mkdir()
    (checks / "ok-violation.rq").write_text("SELECT ?x WHERE { ?x ?p ?o } LIMIT 0", encoding="utf-8")
    (checks / "expected-counts.yaml").write_text(
        "fixture-doc: {cases: 1, treatments: 1, statistics: 2, evidence: 1}\n"
        "not-in-this-build: {cases: 5}\n", encoding="utf-8")
    assert validate(Settings(home=valid_home), checks=checks).ok
    (checks / "expected-counts.yaml").write_text("fixture-doc: {cases: 2, lesions: 1}\n", encoding="utf-8")
    report = validate(Settings(home=valid_home), checks=checks)
    assert [str(v) for v in report.violations] == ["[expected-counts] fixture-doc: cases: 1 < 2"]


def test_unknown_count_kind_is_an_error(tmp_path, valid_home):
    checks = tmp_path / "checks"
    checks.mkdir()
    (checks / "ok-violation.rq").write_text("SELECT ?x WHERE { ?x ?p ?o } LIMIT 0", encoding="utf-8")
    (checks / "expected-counts.yaml").write_text("fixture-doc: {widgets: 1}\n", encoding="utf-8")
    with pytest.raises(OntologyError, match="unknown count 'widgets'"):
        validate(Settings(home=valid_home), checks=checks)


def test_no_build_is_a_clear_error(runner, tmp_path):
    result = runner.invoke(cli, ["validate"], env={"LMSKG_HOME": str(tmp_path / "empty")})
    assert result.exit_code == 1
    assert "run `lmskg build` first" in result.output
    with pytest.raises(StoreError):
        validate(Settings(home=tmp_path / "empty"))


def test_broken_check_is_a_clear_error(runner, tmp_path, valid_home):
    checks = tmp_path / "checks"
    checks.mkdir()
    (checks / "broken-violation.rq").write_text("SELECT WHERE {", encoding="utf-8")
    result = runner.invoke(cli, ["validate", "--checks", str(checks)], env={"LMSKG_HOME": str(valid_home)})
    assert result.exit_code == 1
    assert "broken-violation.rq" in result.output
    assert "Traceback" not in result.output


def test_missing_shapes_is_a_clear_error(runner, tmp_path, valid_home):
    result = runner.invoke(cli, ["validate", "--shapes", str(tmp_path / "nope.ttl")],
                           env={"LMSKG_HOME": str(valid_home)})
    assert result.exit_code == 1
    assert "nope.ttl: SHACL shapes file not found" in result.output


@pytest.mark.slow
def test_the_shipped_documents_build_into_a_valid_graph(tmp_path):
    """End to end: `lmskg build` on graph_data/sources, then every shape, check and expected count holds."""
    from lmskg.build import build

    settings = Settings(home=tmp_path / "home", ontology=ROOT / "ontology" / "lmskg.ttl")
    build([ROOT / "graph_data" / "sources"], settings, progress=False)
    report = validate(settings, checks=ROOT / "queries" / "checks")
    assert report.ok, report.text()
    assert "expected-counts.yaml" in report.checks_run
