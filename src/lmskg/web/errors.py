"""Errors of the HTTP layer, each carrying its status code (the library's own errors map in app.py)."""

from __future__ import annotations

from lmskg.errors import LmskgError


class HttpError(LmskgError):
    """An error the client caused, answered with ``status`` and the message."""

    status = 400

    def __init__(self, message: str, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.headers = headers or {}


class BadRequest(HttpError):
    status = 400


class Unauthorized(HttpError):
    status = 401


class Forbidden(HttpError):
    status = 403


class NotFound(HttpError):
    status = 404


class MethodNotAllowed(HttpError):
    status = 405


class NotAcceptable(HttpError):
    status = 406


class UnsupportedMediaType(HttpError):
    status = 415


class Unavailable(HttpError):
    status = 503
