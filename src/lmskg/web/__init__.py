"""The web server: SPARQL endpoint, linked-data pages, downloads and the query page.

``create_app`` is imported lazily so that the worker processes (``lmskg.web.worker``), which need no Flask,
never load it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Mapping

    from flask import Flask

__all__ = ["create_app"]


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the Flask app; see :func:`lmskg.web.app.create_app`."""
    from lmskg.web.app import create_app as factory

    return factory(config)
