"""`lmskg add FILE`: add or replace one document's named graph in the current graph."""

from __future__ import annotations

from pathlib import Path

import click

from lmskg.commands.store_options import store_options
from lmskg.settings import Settings


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@store_options
@click.pass_obj
def cli(settings: Settings, file: Path, store: str | None, store_update: str | None) -> None:
    """Add FILE's named graph to the graph last built, replacing the graph of a document with the same id.

    With --store, the named graph goes into that triplestore instead.
    """
    if store:
        from lmskg.build import add_into
        from lmskg.remote import RemoteStore

        remote = RemoteStore.from_environment(store, store_update)
        result = add_into(remote, file, settings)
        click.echo(f"Loaded {file} ({result.triples} triples): {remote.url}")
        return
    from lmskg.build import add

    result = add(file, settings)
    click.echo(f"Graph has {result.documents} document{'s' if result.documents != 1 else ''}, "
               f"{result.triples} triples: {result.path}")
