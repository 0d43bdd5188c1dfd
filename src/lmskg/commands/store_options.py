"""The options that point a command at a remote triplestore instead of the embedded one."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import click

F = TypeVar("F", bound=Callable[..., object])


def store_options(command: F) -> F:
    """``--store URL`` (``LMSKG_STORE``) and ``--store-update URL`` (``LMSKG_STORE_UPDATE``)."""
    command = click.option(
        "--store-update", "store_update", envvar="LMSKG_STORE_UPDATE", show_envvar=True, metavar="URL",
        help="The store's SPARQL Update endpoint (default: --store, or its /query replaced by /update).")(command)
    return click.option(
        "--store", "store", envvar="LMSKG_STORE", show_envvar=True, metavar="URL",
        help="A SPARQL 1.1 endpoint to use instead of the embedded store; credentials from "
             "LMSKG_STORE_USER and LMSKG_STORE_PASSWORD.")(command)
