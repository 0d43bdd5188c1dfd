"""The `lmskg` command line: a root group whose commands live in lmskg.commands and load on first use."""

from __future__ import annotations

import importlib
import sys

import click

from lmskg.errors import LmskgError
from lmskg.settings import Settings

COMMANDS = {
    "build": "Build the graph from source documents (default: graph_data/sources).",
    "add": "Add or replace one document's named graph in the current graph.",
    "query": "Run a SPARQL query file against the graph last built.",
    "serve": "Serve the graph: SPARQL endpoint, linked-data pages and downloads.",
    "export": "Write the whole graph in an RDF format.",
    "validate": "Check the graph against the SHACL shapes and the quality checks.",
    "release": "Write the ontology release files from ontology/lmskg.ttl.",
}


class LazyGroup(click.Group):
    """Imports a command's module only when that command runs, so `lmskg --help` stays instant."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        return importlib.import_module(f"lmskg.commands.{name}").cli

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl(list(COMMANDS.items()))

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except LmskgError as exc:
            raise click.ClickException(str(exc)) from exc


@click.group(cls=LazyGroup, context_settings={"auto_envvar_prefix": "LMSKG", "help_option_names": ["-h", "--help"]})
@click.version_option(package_name="lmskg")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """lmskg: a knowledge graph of the leiomyosarcoma literature, built from documents and served over SPARQL.

    Exit codes: 0 success, 1 failure, 2 usage error.
    """
    ctx.obj = Settings()


def main() -> None:
    try:
        cli(prog_name="lmskg")
    except KeyboardInterrupt:
        click.echo("Error: interrupted", err=True)
        sys.exit(1)
