"""`lmskg validate`: check the current built graph against the SHACL shapes and the quality checks.

Three kinds of check, all on the graph `lmskg build` last published (``lmskg.store.open_store``):

* the SHACL shapes of ``ontology/shapes.ttl`` (pyshacl), with the ontology added so that "a value is a tumor
  class" can follow ``rdfs:subClassOf*``;
* every ``queries/checks/*-violation.rq``: any row it returns is a violation;
* ``queries/checks/expected-counts.yaml``: the minimum number of facts each document must yield.

A readable report goes to stdout; any violation makes the command fail (exit 1).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

import click
import pyoxigraph as ox
import rdflib
import yaml
from rdflib import Namespace

from lmskg.errors import LmskgError, OntologyError
from lmskg.ontology import default_path, parse_graph
from lmskg.settings import Settings
from lmskg.store import OxigraphStore, open_store

SH = Namespace("http://www.w3.org/ns/shacl#")
CHECKS_GLOB = "*-violation.rq"
COUNTS_FILE = "expected-counts.yaml"

#: what expected-counts.yaml may count per document: a SPARQL pattern binding ?x for document ?doc
COUNT_PATTERNS = {
    "publications": "?x <https://w3id.org/lmskg/term/readFrom> ?doc . FILTER NOT EXISTS { ?x a ?k . "
                    "VALUES ?k { <https://w3id.org/lmskg/term/PatientCase> "
                    "<https://w3id.org/lmskg/term/CohortStatistic> } }",
    "cases": "?x a <https://w3id.org/lmskg/term/PatientCase> ; <https://w3id.org/lmskg/term/readFrom> ?doc .",
    "statistics": "?x a <https://w3id.org/lmskg/term/CohortStatistic> ; "
                  "<https://w3id.org/lmskg/term/readFrom> ?doc .",
    "lesions": "?c <https://w3id.org/lmskg/term/readFrom> ?doc ; <https://w3id.org/lmskg/term/hasLesion> ?x .",
    "findings": "?c <https://w3id.org/lmskg/term/readFrom> ?doc ; <https://w3id.org/lmskg/term/hasFinding> ?x .",
    "treatments": "?c <https://w3id.org/lmskg/term/readFrom> ?doc ; <https://w3id.org/lmskg/term/hasTreatment> ?x .",
    "outcomes": "?c <https://w3id.org/lmskg/term/readFrom> ?doc ; <https://w3id.org/lmskg/term/hasOutcome> ?x .",
    "evidence": "?x a <https://w3id.org/lmskg/term/Evidence> ; <http://www.w3.org/ns/oa#hasSource> ?doc .",
}


class ValidationFailed(LmskgError):
    """The graph breaks a shape, a quality check or an expected count."""


@dataclass(frozen=True, slots=True)
class Violation:
    check: str        # "shacl", a check file's stem, or "expected-counts"
    subject: str      # focus node, first column, or document id
    message: str

    def __str__(self) -> str:
        return f"[{self.check}] {self.subject}: {self.message}"


@dataclass(slots=True)
class Report:
    violations: list[Violation] = field(default_factory=list)
    checks_run: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.violations

    def text(self) -> str:
        lines = [f"checks run: {', '.join(self.checks_run)}"]
        if self.ok:
            lines.append("no violations")
        else:
            lines.append(f"{len(self.violations)} violation(s):")
            lines += [f"  {v}" for v in self.violations]
        return "\n".join(lines)


# -- locating the checks -----------------------------------------------------------------------------------------

def _checkout() -> Path:
    return Path(__file__).resolve().parents[3]


def default_shapes(settings: Settings) -> Path:
    beside = settings.ontology.parent / "shapes.ttl"
    return beside if beside.is_file() else _checkout() / "ontology" / "shapes.ttl"


def default_checks() -> Path:
    here = Path("queries/checks")
    return here if here.is_dir() else _checkout() / "queries" / "checks"


# -- the graph -----------------------------------------------------------------------------------------------------

def union_graph(store: OxigraphStore) -> rdflib.Graph:
    """Every triple of every named graph (and the default graph) of the store, as one rdflib Graph."""
    buf = io.BytesIO()
    store.dump(buf, ox.RdfFormat.N_QUADS)
    dataset = rdflib.Dataset()
    dataset.parse(data=buf.getvalue(), format="nquads")
    graph = rdflib.Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


# -- the checks ----------------------------------------------------------------------------------------------------

_COMPACT = (("https://w3id.org/lmskg/term/", "lmskg:"), ("https://w3id.org/lmskg/data/", "lmskgd:"),
            ("http://www.w3.org/ns/oa#", "oa:"), ("http://purl.org/dc/terms/", "dcterms:"))


def _short(node: object) -> str:
    """An IRI as a CURIE where lmskg knows the prefix; long literals cut to 100 characters."""
    text = str(node)
    for ns, prefix in _COMPACT:
        if text.startswith(ns):
            return prefix + text[len(ns):]
    return text if len(text) <= 100 else text[:97] + "..."


def shacl_violations(data: rdflib.Graph, shapes_path: Path, ontology: rdflib.Graph) -> list[Violation]:
    import pyshacl

    try:
        shapes = rdflib.Graph().parse(shapes_path, format="turtle")
    except FileNotFoundError:
        raise OntologyError(f"{shapes_path}: SHACL shapes file not found") from None
    except Exception as exc:
        raise OntologyError(f"{shapes_path}: cannot parse the SHACL shapes: {' '.join(str(exc).split())}") from exc
    _, results, _ = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", advanced=True, allow_warnings=True,
    )
    if not isinstance(results, rdflib.Graph):  # pyshacl reports broken shapes as a ValidationFailure
        raise OntologyError(f"{shapes_path}: {' '.join(str(results).split())}")
    violations = []
    for result in results.objects(None, SH.result):  # top-level results; nested ones are their sh:detail
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        details = sorted({str(m) for d in results.objects(result, SH.detail)
                          for m in results.objects(d, SH.resultMessage)})
        messages = details or sorted(str(m) for m in results.objects(result, SH.resultMessage))
        message = "; ".join(messages) or "breaks " + str(results.value(result, SH.sourceConstraintComponent))
        where = f"{_short(path)}: " if isinstance(path, rdflib.URIRef) else ""
        extra = f" (value {_short(value)})" if value is not None and value != focus else ""
        violations.append(Violation("shacl", _short(focus), f"{where}{message}{extra}"))
    return sorted(violations, key=lambda v: (v.subject, v.message))


def _term(value: object) -> str:
    if value is None:
        return "-"
    return _short(getattr(value, "value", value))


def query_violations(store: OxigraphStore, check: Path) -> list[Violation]:
    try:
        sparql = check.read_text(encoding="utf-8")
    except OSError as exc:
        raise OntologyError(f"{check}: cannot read the check: {exc.strerror or exc}") from exc
    try:
        solutions = store.query(sparql)
    except LmskgError as exc:
        raise OntologyError(f"{check}: {exc}") from exc
    if not isinstance(solutions, ox.QuerySolutions):
        raise OntologyError(f"{check}: a check must be a SELECT query")
    names = [v.value for v in solutions.variables]
    violations = []
    for row in solutions:
        cells = [_term(row[name]) for name in names]
        detail = ", ".join(f"{n}={c}" for n, c in zip(names[1:], cells[1:], strict=True))
        violations.append(Violation(check.stem, cells[0] if cells else "-", detail or "row returned"))
    return violations


def count_violations(store: OxigraphStore, counts_file: Path) -> list[Violation]:
    try:
        expected = yaml.safe_load(counts_file.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise OntologyError(f"{counts_file}: cannot read the expected counts: {exc}") from exc
    if not isinstance(expected, dict):
        raise OntologyError(f"{counts_file}: expected a mapping of document id to minimum counts")
    violations = []
    for doc_id, minimums in sorted(expected.items()):
        doc = _document(store, str(doc_id))
        if doc is None:
            continue  # the document is not part of this build
        for kind, minimum in sorted((minimums or {}).items()):
            pattern = COUNT_PATTERNS.get(kind)
            if pattern is None:
                raise OntologyError(f"{counts_file}: unknown count {kind!r} (known: {', '.join(COUNT_PATTERNS)})")
            sparql = f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ BIND(<{doc}> AS ?doc) {pattern} }}"
            found = int(next(iter(store.query(sparql)))["n"].value)
            if found < int(minimum):
                violations.append(Violation("expected-counts", str(doc_id), f"{kind}: {found} < {minimum}"))
    return violations


def _document(store: OxigraphStore, doc_id: str) -> str | None:
    escaped = doc_id.replace("\\", "\\\\").replace('"', '\\"')
    sparql = (
        "SELECT ?d WHERE { ?d a <https://w3id.org/lmskg/term/SourceDocument> ; "
        f'<http://purl.org/dc/terms/identifier> "{escaped}" }} LIMIT 1'
    )
    for row in store.query(sparql):
        return row["d"].value
    return None


def validate(
    settings: Settings, *, shapes: Path | None = None, checks: Path | None = None, ontology: Path | None = None,
) -> Report:
    """Run every check on the current build in ``settings.home`` and return the report."""
    store = open_store(settings.home)
    shapes = shapes or default_shapes(settings)
    checks = checks or default_checks()
    ontology_graph = parse_graph(ontology or (settings.ontology if settings.ontology.is_file() else default_path()))
    report = Report()
    report.violations += shacl_violations(union_graph(store), shapes, ontology_graph)
    report.checks_run.append(f"SHACL ({shapes.name})")
    files = sorted(checks.glob(CHECKS_GLOB)) if checks.is_dir() else []
    if not files:
        raise OntologyError(f"{checks}: no {CHECKS_GLOB} quality checks found")
    for check in files:
        report.violations += query_violations(store, check)
        report.checks_run.append(check.stem)
    counts = checks / COUNTS_FILE
    if counts.is_file():
        report.violations += count_violations(store, counts)
        report.checks_run.append(COUNTS_FILE)
    return report


@click.command(name="validate")
@click.option("--shapes", type=click.Path(path_type=Path), default=None,
              help="SHACL shapes (default: ontology/shapes.ttl).")
@click.option("--checks", type=click.Path(path_type=Path), default=None,
              help="Folder of *-violation.rq checks and expected-counts.yaml (default: queries/checks).")
@click.pass_obj
def cli(settings: Settings, shapes: Path | None, checks: Path | None) -> None:
    """Check the graph against the SHACL shapes and the quality checks; exit 1 on any violation."""
    report = validate(settings, shapes=shapes, checks=checks)
    click.echo(report.text())
    if not report.ok:
        raise ValidationFailed(f"the graph in {settings.home} has {len(report.violations)} violation(s)")
