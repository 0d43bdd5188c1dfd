"""A WSGI fast path for the commonest request, a SPARQL query by GET, form POST or direct POST to /sparql.

It applies the same rules as the Flask view (:func:`lmskg.web.sparql.answer`) without Flask's request and
routing machinery, which costs more than a small query itself. Anything unusual (another path or method, an
update, a query naming FROM, SERVICE or LOAD, an odd body or parameter) goes to the Flask app unchanged.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qsl, quote

from flask import Flask
from werkzeug.datastructures import MultiDict

from lmskg.errors import LmskgError
from lmskg.web.app import COMMON_HEADERS, error_parts
from lmskg.web.sparql import FORM, QUERY_TYPE, answer, checked

PATHS = ("/sparql", "/sparql/")
PARAMS = frozenset(("query", "default-graph-uri", "named-graph-uri", "format", "output"))
RARE = ("from", "service", "load")

StartResponse = Callable[..., Any]


class FastPath:
    def __init__(self, app: Flask, wsgi_app: Callable[[dict[str, Any], StartResponse], Iterable[bytes]]) -> None:
        self.app = app
        self.next = wsgi_app
        self.pool = app.extensions["lmskg"]
        self.config = app.config
        self.max_body = int(app.config["MAX_CONTENT_LENGTH"])

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        request = self._simple_query(environ)
        if request is None:
            return self.next(environ, start_response)
        text, pairs = request
        if any(word in text.lower() for word in RARE):
            return self.next(environ, start_response)
        base_iri = _base_url(environ)
        try:
            outcome = answer(self.pool, self.config, text, MultiDict(pairs), environ.get("HTTP_ACCEPT"), base_iri,
                             list)
            content_type, body = checked(outcome)
            status, extra = 200, [("Content-Type", content_type), ("Vary", "Accept")]
        except LmskgError as exc:
            status, message, more = error_parts(exc)
            body = message.encode("utf-8")
            extra = [("Content-Type", "text/plain; charset=utf-8"), *more.items()]
        headers = [*extra, ("Content-Length", str(len(body))), *COMMON_HEADERS]
        start_response(f"{status} {HTTPStatus(status).phrase}", headers)
        return [body]

    def _simple_query(self, environ: dict[str, Any]) -> tuple[str, list[tuple[str, str]]] | None:
        if environ.get("PATH_INFO") not in PATHS:
            return None
        method = environ.get("REQUEST_METHOD")
        pairs = parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        if any(key not in PARAMS for key, _ in pairs):
            return None
        if method == "GET":
            queries = [value for key, value in pairs if key == "query"]
            return (queries[0], pairs) if len(queries) == 1 else None
        if method != "POST" or any(key == "query" for key, _ in pairs):
            return None
        media_type, _, parameters = environ.get("CONTENT_TYPE", "").partition(";")
        media_type = media_type.strip().lower()
        charset = parameters.strip().lower()
        if media_type not in (QUERY_TYPE, FORM) or charset not in ("", "charset=utf-8", "charset=utf8"):
            return None
        data = self._body(environ)
        if data is None:
            return None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return None
        if media_type == QUERY_TYPE:
            return text, pairs
        form = parse_qsl(text, keep_blank_values=True)
        if any(key not in PARAMS for key, _ in form):
            return None
        queries = [value for key, value in form if key == "query"]
        return (queries[0], [*pairs, *form]) if len(queries) == 1 else None

    def _body(self, environ: dict[str, Any]) -> bytes | None:
        """The request body when its length is declared and allowed; kept readable for whoever answers."""
        try:
            length = int(environ.get("CONTENT_LENGTH") or -1)
        except ValueError:
            return None
        if length < 0 or length > self.max_body:
            return None
        data = environ["wsgi.input"].read(length)
        environ["wsgi.input"] = io.BytesIO(data)
        return data if len(data) == length else None


def _base_url(environ: dict[str, Any]) -> str:
    host = environ.get("HTTP_HOST") or f"{environ.get('SERVER_NAME', 'localhost')}:{environ.get('SERVER_PORT', '80')}"
    path = quote(environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", ""), safe="/")
    return f"{environ.get('wsgi.url_scheme', 'http')}://{host}{path}"
