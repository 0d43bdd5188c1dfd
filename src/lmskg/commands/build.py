"""`lmskg build [PATHS...]`: build the graph from source documents and publish it atomically."""

from __future__ import annotations

from pathlib import Path

import click

from lmskg.commands.store_options import store_options
from lmskg.settings import Settings


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--progress/--no-progress", default=None, help="Show a progress bar (default: on a terminal).")
@store_options
@click.pass_obj
def cli(settings: Settings, paths: tuple[Path, ...], progress: bool | None, store: str | None,
        store_update: str | None) -> None:
    """Build the graph from the documents in PATHS (files or folders; default: graph_data/sources).

    A document that cannot be read is reported on one line and left out; the others are built, and the exit
    code is then 1. The previous graph stays current until the new one is complete.

    With --store, the graph goes into that triplestore instead, one named graph at a time; a rerun skips the
    graphs already loaded with the same content, and graphs of documents no longer built are removed.
    """
    from lmskg.build import build, build_into

    def report(message: str) -> None:
        click.echo(f"Error: {message}", err=True)

    sources = list(paths) or [settings.sources]
    if store:
        from lmskg.remote import RemoteStore

        remote = RemoteStore.from_environment(store, store_update)
        result = build_into(remote, sources, settings, progress=progress, report=report)
        where = remote.url
    else:
        result = build(sources, settings, progress=progress, report=report)
        where = str(result.path)
    click.echo(f"Built {result.documents} document{'s' if result.documents != 1 else ''}, "
               f"{result.triples} triples: {where}")
    if result.failures:
        raise click.exceptions.Exit(1)
