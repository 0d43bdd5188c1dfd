"""One module per `lmskg` command, each exposing a Click command named `cli`."""

import click

from lmskg.errors import UnavailableError


def unavailable(name: str, help_text: str) -> click.Command:
    """A command this version does not provide yet: it says so and exits with 1."""

    @click.command(name=name, help=f"{help_text} (Not available in this version.)")
    def command() -> None:
        raise click.ClickException(str(UnavailableError(f"`lmskg {name}` is not available in this version")))

    return command
