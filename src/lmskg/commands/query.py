"""`lmskg query FILE`: run a SPARQL query file against the graph last built."""

from __future__ import annotations

import sys
from pathlib import Path

import click
import pyoxigraph as ox

from lmskg.errors import QueryError
from lmskg.settings import Settings
from lmskg.store import open_store

RESULT_FORMATS = {
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
}
GRAPH_FORMATS = {"csv": ox.RdfFormat.N_TRIPLES, "tsv": ox.RdfFormat.N_TRIPLES, "json": ox.RdfFormat.JSON_LD,
                 "xml": ox.RdfFormat.RDF_XML, "table": ox.RdfFormat.TURTLE}


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice([*RESULT_FORMATS, "table"]), default="table", show_default=True,
              help="Output format (CONSTRUCT and DESCRIBE results are written as RDF).")
@click.pass_obj
def cli(settings: Settings, file: Path, fmt: str) -> None:
    """Run the SPARQL query in FILE against the graph last built in this folder."""
    try:
        sparql = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise click.ClickException(f"{file}: cannot read the query ({exc})") from exc
    store = open_store(settings.home, in_memory=False)
    try:
        results = store.query(sparql)
    except QueryError as exc:
        raise click.ClickException(f"{file}: {exc}") from exc
    out = sys.stdout.buffer
    if isinstance(results, ox.QueryBoolean):
        click.echo("true" if bool(results) else "false")
    elif isinstance(results, ox.QueryTriples):
        results.serialize(out, GRAPH_FORMATS[fmt])
    elif fmt == "table":
        click.echo(render_table(results))
    else:
        results.serialize(out, RESULT_FORMATS[fmt])


def render_table(solutions: ox.QuerySolutions) -> str:
    """A plain-text table of SELECT results, one line per solution, values as their lexical forms."""
    names = [v.value for v in solutions.variables]
    rows = [[_plain(solution[name]) for name in names] for solution in solutions]
    widths = [max([len(name), *(len(row[i]) for row in rows)]) for i, name in enumerate(names)]
    line = "  ".join(name.ljust(w) for name, w in zip(names, widths, strict=True))
    rule = "  ".join("-" * w for w in widths)
    body = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    return "\n".join([line, rule, *body, f"({len(rows)} rows)"])


def _plain(term: object) -> str:
    if term is None:
        return ""
    return term.value if hasattr(term, "value") else str(term)
