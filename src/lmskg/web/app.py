"""The application factory: configuration in one place, the worker pool, blueprints and error handlers."""

from __future__ import annotations

import atexit
import logging
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException

from lmskg.errors import LmskgError, QueryError, StoreError
from lmskg.settings import DEFAULT_BASE
from lmskg.web.errors import HttpError
from lmskg.web.pool import Busy, QueryTimeout, WorkerPool

log = logging.getLogger(__name__)

# Every setting and its default; each can be overridden by LMSKG_<NAME> in the environment or a test mapping.
DEFAULTS: dict[str, Any] = {
    "HOME": ".lmskg",  # the folder holding the built graph (`current` build)
    "BASE": DEFAULT_BASE,  # IRIs under this base dereference here
    "QUERY_TIMEOUT": 30.0,  # seconds before a query's worker is killed (503)
    "WORKERS": os.cpu_count() or 2,  # query worker processes
    "IN_MEMORY": True,  # workers load an in-memory copy of the graph (faster scans)
    "MAX_ROWS": 100_000,  # result rows (or triples) one query may return
    "MAX_RESPONSE_BYTES": 64 << 20,  # serialized result size one query may return
    "MAX_CONTENT_LENGTH": 1 << 20,  # request body size (Flask enforces it: 413)
    "MAX_FORM_MEMORY_SIZE": 1 << 20,
    "UPDATE_TOKEN": None,  # SPARQL Update and Graph Store writes need `Authorization: Bearer <token>`
    "LINKED_DATA_REDIRECT": False,  # True: 303 See Other to a format-specific URL; False: 200 + Content-Location
    "QUERIES_DIR": "queries",  # example queries offered on the query page
    "ONTOLOGY_RELEASE_DIR": "ontology/release",  # release files offered for download when present
    "EXPORT_DIR": None,  # where whole-graph dumps are cached (default: HOME/exports)
    "STORE": None,  # a remote SPARQL 1.1 store to serve instead of HOME's builds (read-only)
    "STORE_UPDATE": None,  # its update endpoint, for the URL shown by lmskg (default: derived from STORE)
}


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: defaults, then ``LMSKG_*`` variables, then ``config``; open the graph once.

    Raises :class:`lmskg.errors.StoreError` when no graph has been built in ``HOME``.
    """
    app = Flask("lmskg.web", static_folder="static", template_folder="templates")
    app.config.from_mapping(DEFAULTS)
    app.config.from_prefixed_env("LMSKG")
    if config:
        app.config.from_mapping(config)
    token = app.config.get("UPDATE_TOKEN")
    app.config["UPDATE_TOKEN"] = str(token) if token not in (None, "") else None
    app.config["BASE"] = str(app.config["BASE"])
    app.config["QUERY_TIMEOUT"] = float(app.config["QUERY_TIMEOUT"])
    app.config["DEBUG"] = False
    app.config["PROPAGATE_EXCEPTIONS"] = False
    app.json.sort_keys = False  # type: ignore[attr-defined]

    home = Path(app.config["HOME"])
    store = None
    if app.config.get("STORE"):
        from lmskg.remote import RemoteStore

        store = RemoteStore.from_environment(str(app.config["STORE"]), app.config.get("STORE_UPDATE") or None)
    pool = WorkerPool(
        home,
        size=int(app.config["WORKERS"]),
        timeout=app.config["QUERY_TIMEOUT"],
        in_memory=_flag(app.config["IN_MEMORY"]),
        store=store,
    )
    atexit.register(pool.close)
    app.extensions["lmskg"] = pool

    from lmskg.web import downloads, overview, resources, search, sparql, ui

    for module in (sparql, resources, downloads, ui, overview, search):
        app.register_blueprint(module.bp)
    register_error_handlers(app)
    app.after_request(_common_headers)
    from lmskg.web.fastpath import FastPath

    app.wsgi_app = FastPath(app, app.wsgi_app)  # type: ignore[method-assign]
    return app


def _flag(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().lower() not in ("0", "false", "no", "off", "")
    return bool(value)


CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


# The query page alone may hold two inline <style> elements, by hash: the ones YASGUI's column resizer adds
# (its table CSS, and the cursor while a column is dragged). A new YASGUI release is checked by the browser test.
YASGUI_STYLES = ("'sha256-zCK2EVMoPc04mRF/g5CotUvxbJPWS+8V0b+s9ptqQIk='",
                 "'sha256-c0O6TmFAkgpNbHxKAa1BrveWHHopjEtC47i0PzMudxg='")
QUERY_PAGE_CSP = CSP.replace("style-src 'self'", "style-src 'self' " + " ".join(YASGUI_STYLES))


COMMON_HEADERS = (
    ("Access-Control-Allow-Origin", "*"),
    ("Access-Control-Expose-Headers", "Content-Location, Link"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
)


def _common_headers(response: Response) -> Response:
    headers = response.headers
    for name, value in COMMON_HEADERS:
        headers[name] = value
    if request.method == "OPTIONS":
        headers["Access-Control-Allow-Methods"] = "GET, HEAD, POST, PUT, DELETE, OPTIONS"
        headers["Access-Control-Allow-Headers"] = "Accept, Content-Type, Authorization"
        headers["Access-Control-Max-Age"] = "600"
    if response.mimetype in ("text/html", "application/xhtml+xml"):
        headers.setdefault("Content-Security-Policy", CSP)
        headers["X-Frame-Options"] = "DENY"
    return response


# LmskgError subclass → HTTP status; the most specific class in an exception's MRO wins.
STATUS: dict[type[Exception], int] = {
    QueryError: 400,
    QueryTimeout: 503,
    Busy: 503,
    StoreError: 503,
}


def error_parts(exc: LmskgError) -> tuple[int, str, dict[str, str]]:
    """(status, message, extra headers) for one of lmskg's errors; shared by the views and the fast path."""
    status = exc.status if isinstance(exc, HttpError) else next(
        (STATUS[cls] for cls in type(exc).__mro__ if cls in STATUS), 500)
    if status >= 500 and status != 503:
        log.error("error answering a request: %s", exc)
    headers = dict(exc.headers) if isinstance(exc, HttpError) else {}
    if isinstance(exc, (QueryTimeout, Busy)):
        headers["Retry-After"] = "5"
    return status, str(exc).rstrip() + "\n", headers


def register_error_handlers(app: Flask) -> None:
    """Map lmskg's errors to status codes with a plain message; anything unexpected is a logged 500."""

    def lmskg_error(exc: LmskgError) -> Response:
        status, message, headers = error_parts(exc)
        response = _plain(message, status)
        response.headers.extend(headers)
        return response

    def http_error(exc: HTTPException) -> Response:
        response = _plain(f"{exc.name}: {exc.description}" if exc.description else exc.name, exc.code or 500)
        for name, value in exc.get_headers():
            if name.lower() not in ("content-type", "content-length"):
                response.headers[name] = value
        return response

    def unexpected(exc: Exception) -> Response:
        log.exception("unexpected error answering %s %s", request.method, request.path)
        return _plain("internal server error: the problem has been logged", 500)

    app.register_error_handler(LmskgError, lmskg_error)
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(Exception, unexpected)


def _plain(message: str, status: int) -> Response:
    return Response(message.rstrip() + "\n", status=status, mimetype="text/plain")
