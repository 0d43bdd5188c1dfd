"""`lmskg add FILE`: add or replace one document's named graph in the current graph."""

from __future__ import annotations

from pathlib import Path

import click

from lmskg.settings import Settings


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_obj
def cli(settings: Settings, file: Path) -> None:
    """Add FILE's named graph to the graph last built, replacing the graph of a document with the same id."""
    from lmskg.build import add

    result = add(file, settings)
    click.echo(f"Graph has {result.documents} document{'s' if result.documents != 1 else ''}, "
               f"{result.triples} triples: {result.path}")
