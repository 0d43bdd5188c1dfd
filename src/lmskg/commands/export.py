"""`lmskg export`: write the whole graph in an RDF format (the same files the server offers at /download/)."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import IO

import click
import pyoxigraph as ox

from lmskg.errors import StoreError
from lmskg.settings import Settings
from lmskg.store import GRAPH_FILE, OxigraphStore, current_build, open_store

# extension → (format, keeps named graphs)
EXPORT_FORMATS: dict[str, tuple[ox.RdfFormat, bool]] = {
    "ttl": (ox.RdfFormat.TURTLE, False),
    "nt": (ox.RdfFormat.N_TRIPLES, False),
    "nq": (ox.RdfFormat.N_QUADS, True),
    "trig": (ox.RdfFormat.TRIG, True),
    "jsonld": (ox.RdfFormat.JSON_LD, True),
    "xml": (ox.RdfFormat.RDF_XML, False),
}
PREFIXES = {
    "lmskg": "https://w3id.org/lmskg/term/",
    "lmskgd": "https://w3id.org/lmskg/data/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "bibo": "http://purl.org/ontology/bibo/",
    "fabio": "http://purl.org/spar/fabio/",
    "prism": "http://prismstandard.org/namespaces/basic/2.0/",
    "oboInOwl": "http://www.geneontology.org/formats/oboInOwl#",
}


def write_export(home: Path, fmt: str, output: IO[bytes] | Path, *, graph: Path | None = None) -> None:
    """Write the current build of ``home`` (or the N-Quads file ``graph``) in format ``fmt`` (a key of
    EXPORT_FORMATS) to ``output``.

    Dataset formats (N-Quads, TriG, JSON-LD) keep the named graphs; triple formats (Turtle, N-Triples,
    RDF/XML) hold the union of all graphs, each triple once. N-Quads is the build's canonical dump as is.
    """
    rdf, datasets = EXPORT_FORMATS[fmt]
    if fmt == "nq":
        source = graph or current_build(home) / GRAPH_FILE
        if isinstance(output, Path):
            shutil.copyfile(source, output)
        else:
            with source.open("rb") as f:
                shutil.copyfileobj(f, output, 1 << 20)
        return
    if graph is None:
        store = open_store(home, in_memory=False)
    else:
        store = OxigraphStore(ox.Store())
        store.native.bulk_load(path=str(graph), format=ox.RdfFormat.N_QUADS)
    if isinstance(output, Path):
        output = str(output)  # type: ignore[assignment]
    try:
        if datasets:
            store.native.dump(output, rdf, prefixes=PREFIXES)
        else:
            triples = store.native.query("CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }",
                                         use_default_graph_as_union=True)
            ox.serialize(triples, output, rdf, prefixes=PREFIXES)
    except OSError as exc:
        raise StoreError(f"cannot write the export: {exc}") from exc


def export_file(home: Path, fmt: str, path: Path, *, graph: Path | None = None) -> Path:
    """Write the export to ``path`` atomically (a temporary file renamed into place)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write_export(home, fmt, tmp, graph=graph)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


@click.command()
@click.option("--format", "fmt", type=click.Choice(list(EXPORT_FORMATS)), default="nq", show_default=True,
              help="ttl, nt and xml hold the union of the graphs; nq, trig and jsonld keep the named graphs.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: standard output).")
@click.pass_obj
def cli(settings: Settings, fmt: str, output: Path | None) -> None:
    """Write the whole graph last built in an RDF format."""
    if output is None:
        write_export(settings.home, fmt, sys.stdout.buffer)
        sys.stdout.buffer.flush()
        return
    try:
        export_file(settings.home, fmt, output)
    except OSError as exc:
        raise click.ClickException(f"cannot write {output}: {exc.strerror or exc}") from exc
    click.echo(f"wrote {output}", err=True)
