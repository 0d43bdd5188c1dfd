"""Helpers the blueprints share: the pool of the current app, and running internal queries through it."""

from __future__ import annotations

import json
from typing import Any

from flask import current_app

from lmskg.errors import QueryError, StoreError
from lmskg.web.pool import WorkerPool
from lmskg.web.worker import Outcome, QueryJob


def pool() -> WorkerPool:
    return current_app.extensions["lmskg"]


def job(sparql: str, **options: Any) -> QueryJob:
    """A QueryJob with this app's caps."""
    options.setdefault("max_rows", int(current_app.config["MAX_ROWS"]))
    options.setdefault("max_bytes", int(current_app.config["MAX_RESPONSE_BYTES"]))
    return QueryJob(sparql, **options)


def run(sparql: str, *, timeout: float | None = None, **options: Any) -> Outcome:
    """Run an internal query (one the server wrote) and fail loudly on anything but success."""
    outcome = pool().query(job(sparql, **options), timeout=timeout)
    if outcome.kind == "syntax":
        raise QueryError(outcome.message)
    if not outcome.ok:
        raise StoreError(outcome.message)
    return outcome


def select(sparql: str, **options: Any) -> list[dict[str, dict[str, str]]]:
    """The bindings of a SELECT as SPARQL JSON objects: ``[{"var": {"type": ..., "value": ...}}, ...]``."""
    outcome = run(sparql, result_format="json", **options)
    return json.loads(outcome.body)["results"]["bindings"]


def ask(sparql: str, **options: Any) -> bool:
    outcome = run(sparql, result_format="json", **options)
    return bool(json.loads(outcome.body)["boolean"])


def iri(value: str) -> str:
    """``value`` as a SPARQL IRI reference, refusing characters an IRI cannot hold."""
    if any(c in value for c in '<>"{}|^`\\') or any(ord(c) <= 0x20 for c in value):
        raise QueryError(f"not a valid IRI: {value!r}")
    return f"<{value}>"


def literal(value: str) -> str:
    """``value`` as a SPARQL string literal."""
    return json.dumps(value, ensure_ascii=False)
