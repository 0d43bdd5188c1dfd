"""`lmskg build [PATHS...]`: build the graph from source documents and publish it atomically."""

from __future__ import annotations

from pathlib import Path

import click

from lmskg.settings import Settings


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--progress/--no-progress", default=None, help="Show a progress bar (default: on a terminal).")
@click.pass_obj
def cli(settings: Settings, paths: tuple[Path, ...], progress: bool | None) -> None:
    """Build the graph from the documents in PATHS (files or folders; default: graph_data/sources).

    A document that cannot be read is reported on one line and left out; the others are built, and the exit
    code is then 1. The previous graph stays current until the new one is complete.
    """
    from lmskg.build import build

    def report(message: str) -> None:
        click.echo(f"Error: {message}", err=True)

    result = build(list(paths) or [settings.sources], settings, progress=progress, report=report)
    click.echo(f"Built {result.documents} document{'s' if result.documents != 1 else ''}, "
               f"{result.triples} triples: {result.path}")
    if result.failures:
        raise click.exceptions.Exit(1)
