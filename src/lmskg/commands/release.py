"""`lmskg release`: write the ontology release files, all generated from ontology/lmskg.ttl.

Files written (never edit them by hand):

* ``ontology/release/lmskg.owl``: RDF/XML, for Protégé, ROBOT, OLS and ``owl:imports``;
* ``ontology/release/lmskg.ttl``: Turtle;
* ``ontology/release/lmskg.jsonld``: JSON-LD with the prefix map as its context;
* ``ontology/release/lmskg.prefixes.json``: the CURIE prefix map (prefix -> IRI namespace);
* ``ontology/lmskg.sssom.tsv``: the cross-references as an SSSOM mapping set;
* ``ontology/catalog-v001.xml``: an XML catalog mapping the ontology and version IRIs to the release file.

Every file is a pure function of the source, so rebuilding gives identical bytes and a test can compare.
"""

from __future__ import annotations

import csv
import json
import warnings
from pathlib import Path

import click
import rdflib
from rdflib import OWL, RDF, RDFS, SKOS, URIRef
from rdflib.compare import isomorphic, to_canonical_graph

from lmskg.errors import OntologyError
from lmskg.ontology import ONTOLOGY_IRI, TERM_NS, default_path, parse_graph
from lmskg.settings import DEFAULT_BASE

RELEASE_DIR = "release"
SSSOM_FILE = "lmskg.sssom.tsv"
CATALOG_FILE = "catalog-v001.xml"

#: The CURIE prefixes of lmskg and of every ontology it maps to (IRI patterns as in reference/README.md).
PREFIXES: dict[str, str] = {
    "lmskg": TERM_NS,
    "lmskgd": DEFAULT_BASE + "data/",
    "MONDO": "http://purl.obolibrary.org/obo/MONDO_",
    "NCIT": "http://purl.obolibrary.org/obo/NCIT_",
    "DOID": "http://purl.obolibrary.org/obo/DOID_",
    "UBERON": "http://purl.obolibrary.org/obo/UBERON_",
    "HP": "http://purl.obolibrary.org/obo/HP_",
    "MAXO": "http://purl.obolibrary.org/obo/MAXO_",
    "IAO": "http://purl.obolibrary.org/obo/IAO_",
    "fabio": "http://purl.org/spar/fabio/",
    "obo": "http://purl.obolibrary.org/obo/",
    "oboInOwl": "http://www.geneontology.org/formats/oboInOwl#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "bibo": "http://purl.org/ontology/bibo/",
    "prism": "http://prismstandard.org/namespaces/basic/2.0/",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "semapv": "https://w3id.org/semapv/vocab/",
}

#: Prefixes whose CURIEs appear as mapping objects; longest namespace first so MONDO_ wins over obo:.
_MAPPING_PREFIXES = ("MONDO", "NCIT", "DOID", "UBERON", "HP", "MAXO", "IAO", "fabio")
_MATCHES = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch)


def curie(iri: str) -> str:
    """The CURIE of an external mapping target; OntologyError if no mapping prefix covers it."""
    for prefix in _MAPPING_PREFIXES:
        ns = PREFIXES[prefix]
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns):]}"
    raise OntologyError(f"no CURIE prefix for the mapping target {iri}")


def version_of(graph: rdflib.Graph) -> str:
    value = graph.value(URIRef(ONTOLOGY_IRI), OWL.versionInfo)
    if value is None:
        raise OntologyError(f"the ontology header <{ONTOLOGY_IRI}> has no owl:versionInfo")
    return str(value)


def _bind(graph: rdflib.Graph) -> rdflib.Graph:
    for prefix in ("lmskg", "obo", "oboInOwl", "owl", "rdf", "rdfs", "xsd", "skos", "dcterms", "fabio", "foaf"):
        graph.bind(prefix, PREFIXES[prefix], replace=True)
    graph.bind("xml", "http://www.w3.org/XML/1998/namespace", replace=True)   # xml:lang of language-tagged synonyms
    return graph


def _canonical(source: rdflib.Graph) -> rdflib.Graph:
    graph = _bind(rdflib.Graph(bind_namespaces="none"))
    for triple in sorted(to_canonical_graph(source)):  # insertion order fixes the serialisers' output order
        graph.add(triple)
    return graph


def _jsonld(graph: rdflib.Graph) -> str:
    context = {p: PREFIXES[p] for p in ("lmskg", "obo", "oboInOwl", "owl", "rdf", "rdfs", "xsd", "skos", "dcterms",
                                        "fabio", "foaf")}
    doc = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    nodes = doc.get("@graph", [doc])
    for node in nodes:
        for key, value in node.items():
            if isinstance(value, list):
                node[key] = sorted(value, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    nodes.sort(key=lambda n: str(n.get("@id", "")))
    return json.dumps({"@context": context, "@graph": nodes}, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _rdfxml(graph: rdflib.Graph) -> str:
    with warnings.catch_warnings():
        # rdflib warns that it writes collections nested; the output round-trips (checked below)
        warnings.simplefilter("ignore", UserWarning)
        text = graph.serialize(format="pretty-xml")
    text = _sort_xmlns(text)
    if not isomorphic(graph, rdflib.Graph().parse(data=text, format="xml")):
        raise OntologyError("the RDF/XML serialisation does not round-trip; the release was not written")
    return text


def _sort_xmlns(text: str) -> str:
    """rdflib writes the xmlns declarations in hash order; sort them so the file is byte-stable."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.lstrip().startswith("xmlns:"))
    end = start
    while end < len(lines) and lines[end].lstrip().startswith("xmlns:") and not lines[end].endswith(">"):
        end += 1
    block = sorted(lines[start:end])
    return "\n".join([*lines[:start], *block, *lines[end:]])


def object_labels(terms_tsv: Path) -> dict[str, str]:
    """CURIE -> label in the external ontology, from the verified reference table (empty if it is absent)."""
    if not terms_tsv.is_file():
        return {}
    with terms_tsv.open(encoding="utf-8", newline="") as f:
        return {row["curie"]: row["label_in_source"] for row in csv.DictReader(f, delimiter="\t")}


def sssom_table(graph: rdflib.Graph, labels: dict[str, str] | None = None) -> str:
    """The skos mappings of the ontology as an SSSOM/TSV mapping set with its YAML metadata block."""
    version = version_of(graph)
    labels = labels or {}
    rows = []
    for predicate in _MATCHES:
        for subject, obj in graph.subject_objects(predicate):
            if not str(subject).startswith(TERM_NS):
                continue
            label = graph.value(subject, RDFS.label)
            rows.append((
                "lmskg:" + str(subject)[len(TERM_NS):],
                "" if label is None else str(label),
                "skos:" + str(predicate).rsplit("#", 1)[1],
                curie(str(obj)),
                labels.get(curie(str(obj)), ""),
                "semapv:ManualMappingCuration",
            ))
    rows.sort()
    used = sorted({r[3].split(":", 1)[0] for r in rows})
    meta = [
        "#mapping_set_description: generated from ontology/lmskg.ttl by lmskg release, do not edit",
        "#curie_map:",
        *[f"#  {p}: {PREFIXES[p]}" for p in ["lmskg", *used, "semapv", "skos"]],
        f"#mapping_set_id: {DEFAULT_BASE}releases/{version}/lmskg.sssom.tsv",
        f"#mapping_set_version: {version}",
        "#mapping_set_title: lmskg ontology mappings to MONDO, NCIt, DOID, UBERON, HP, MAxO, IAO and FaBiO",
        "#license: https://creativecommons.org/licenses/by/4.0/",
        f"#subject_source: {ONTOLOGY_IRI}",
        "#subject_source_version: " + f"{DEFAULT_BASE}releases/{version}/lmskg.owl",
    ]
    header = "subject_id\tsubject_label\tpredicate_id\tobject_id\tobject_label\tmapping_justification"
    return "\n".join([*meta, header, *["\t".join(r) for r in rows]]) + "\n"


def catalog(version: str) -> str:
    """An XML catalog (as Protégé and ROBOT read it) resolving the ontology and version IRIs to the release file."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
        "<!-- generated from ontology/lmskg.ttl by `lmskg release`; do not edit -->\n"
        '<catalog prefer="public" xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">\n'
        f'    <uri name="{ONTOLOGY_IRI}" uri="{RELEASE_DIR}/lmskg.owl"/>\n'
        f'    <uri name="{DEFAULT_BASE}releases/{version}/lmskg.owl" uri="{RELEASE_DIR}/lmskg.owl"/>\n'
        "</catalog>\n"
    )


def release_files(source: Path) -> dict[str, str]:
    """Relative path (under ontology/) -> content of every generated file."""
    graph = parse_graph(source)
    if graph.value(URIRef(ONTOLOGY_IRI), RDF.type) != OWL.Ontology:
        raise OntologyError(f"{source}: no owl:Ontology header <{ONTOLOGY_IRI}>")
    version = version_of(graph)
    expected = URIRef(f"{DEFAULT_BASE}releases/{version}/lmskg.owl")
    if graph.value(URIRef(ONTOLOGY_IRI), OWL.versionIRI) != expected:
        raise OntologyError(f"{source}: owl:versionIRI must be <{expected}> for owl:versionInfo {version!r}")
    canonical = _canonical(graph)
    return {
        f"{RELEASE_DIR}/lmskg.owl": _rdfxml(canonical),
        f"{RELEASE_DIR}/lmskg.ttl": canonical.serialize(format="turtle"),
        f"{RELEASE_DIR}/lmskg.jsonld": _jsonld(canonical),
        f"{RELEASE_DIR}/lmskg.prefixes.json": json.dumps(PREFIXES, indent=2) + "\n",
        SSSOM_FILE: sssom_table(graph, object_labels(source.parent / "reference" / "terms.tsv")),
        CATALOG_FILE: catalog(version),
    }


def is_current(path: Path, text: str) -> bool:
    """Whether ``path`` already holds ``text``; for RDF/XML, whether it holds the same graph.

    rdflib writes RDF/XML elements in hash order, so that one file is compared as a graph, and left
    untouched when the graph is unchanged (no spurious diffs).
    """
    if not path.is_file():
        return False
    existing = path.read_text(encoding="utf-8")
    if existing == text:
        return True
    if path.suffix != ".owl":
        return False
    try:
        old = rdflib.Graph().parse(data=existing, format="xml")
        return isomorphic(old, rdflib.Graph().parse(data=text, format="xml"))
    except Exception:  # a damaged file is simply not current
        return False


def write_release(source: Path, out: Path | None = None) -> list[Path]:
    """Write every release file under ``out`` (default: the folder of ``source``) and return their paths."""
    folder = out or source.parent
    written = []
    for rel, text in release_files(source).items():
        path = folder / rel
        if is_current(path, text):
            written.append(path)
            continue
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.tmp")
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(path)
        except OSError as exc:
            raise OntologyError(f"cannot write {path}: {exc.strerror or exc}") from exc
        written.append(path)
    return written


@click.command(name="release")
@click.option("--ontology", "source", type=click.Path(path_type=Path), default=None,
              help="The ontology source (default: ontology/lmskg.ttl).")
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Folder to write into (default: the source's folder; release files go in its release/).")
def cli(source: Path | None, out: Path | None) -> None:
    """Write the ontology release files (RDF/XML, Turtle, JSON-LD, prefix map, SSSOM) from ontology/lmskg.ttl."""
    source = source or default_path()
    for path in write_release(source, out):
        click.echo(f"wrote {path}")
