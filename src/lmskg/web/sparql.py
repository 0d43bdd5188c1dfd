"""The SPARQL 1.1 Protocol at /sparql: queries, updates, the Graph Store Protocol and the Service Description.

* GET ``?query=``, POST ``application/x-www-form-urlencoded`` (``query=`` or ``update=``) and POST
  ``application/sparql-query`` / ``application/sparql-update``; ``default-graph-uri`` / ``named-graph-uri``
  (and ``using-graph-uri`` / ``using-named-graph-uri`` for updates).
* Graph Store Protocol on the same path with ``?graph=IRI`` or ``?default``.
* No query: the Service Description (or the query page for a browser).

Writes (Update, Graph Store PUT/POST/DELETE) need ``Authorization: Bearer <token>`` and are refused with 403
when no token is configured.
"""

from __future__ import annotations

import functools
import hmac
import logging
from collections.abc import Callable, Mapping
from typing import Any

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, request
from werkzeug.datastructures import MultiDict

from lmskg.errors import QueryError, StoreError
from lmskg.web import negotiation as neg
from lmskg.web import service
from lmskg.web.common import job, pool
from lmskg.web.errors import (
    BadRequest,
    Forbidden,
    NotAcceptable,
    NotFound,
    Unauthorized,
    Unavailable,
    UnsupportedMediaType,
)
from lmskg.web.pool import WorkerPool
from lmskg.web.sparqlscan import add_using, check_allowed, dataset_iris, has_dataset_clause, has_from
from lmskg.web.worker import Outcome, QueryJob

bp = Blueprint("sparql", __name__)
log = logging.getLogger(__name__)

FORM = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"


@bp.route("/sparql/", methods=["GET", "HEAD", "POST", "PUT", "DELETE"])
@bp.route("/sparql", methods=["GET", "HEAD", "POST", "PUT", "DELETE"])
def endpoint() -> Response:
    args = request.args
    if "graph" in args or "default" in args:
        return graph_store(args)
    if request.method in ("PUT", "DELETE"):
        raise BadRequest(f"{request.method} on /sparql needs ?graph=IRI or ?default (Graph Store Protocol); "
                         "queries use GET or POST")
    if request.method in ("GET", "HEAD"):
        if "update" in args:
            raise BadRequest("updates must be sent with POST")
        if "query" not in args:
            return service_description()
        return run_query(_single(args, "query"), args)
    # POST
    mimetype = request.mimetype
    if mimetype == FORM:
        form = request.form
        params = MultiDict([*args.items(multi=True), *form.items(multi=True)])
        if "query" in form and "update" in form:
            raise BadRequest("send either query= or update=, not both")
        if "query" in form:
            return run_query(_single(form, "query"), params)
        if "update" in form:
            return run_update(_single(form, "update"), params)
        raise BadRequest("the form has neither a query= nor an update= field")
    if mimetype in (QUERY_TYPE, UPDATE_TYPE):
        text = _body_text()
        if mimetype == QUERY_TYPE:
            return run_query(text, args)
        return run_update(text, args)
    shown = mimetype or "none"
    raise UnsupportedMediaType(
        f"unsupported request media type {shown}: POST {FORM}, {QUERY_TYPE} or {UPDATE_TYPE}",
        headers={"Accept-Post": f"{FORM}, {QUERY_TYPE}, {UPDATE_TYPE}"},
    )


def _single(params: MultiDict[str, str], name: str) -> str:
    values = params.getlist(name)
    if len(values) != 1:
        raise BadRequest(f"exactly one {name}= parameter is allowed, {len(values)} were sent")
    return values[0]


def _body_text() -> str:
    charset = request.mimetype_params.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise UnsupportedMediaType(f"the request body must be UTF-8, not {charset}")
    try:
        return request.get_data(cache=False).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadRequest(f"the request body is not valid UTF-8 ({exc.reason} at byte {exc.start})") from exc


# --- queries -----------------------------------------------------------------------------------------------


def run_query(text: str, params: MultiDict[str, str]) -> Response:
    outcome = answer(current_app.extensions["lmskg"], current_app.config, text, params,
                     request.headers.get("Accept"), request.base_url, service.graph_names)
    content_type, body = checked(outcome)
    response = Response(body, status=200, content_type=content_type)
    response.headers["Vary"] = "Accept"
    return response


def answer(pool: WorkerPool, config: Mapping[str, Any], text: str, params: MultiDict[str, str],
           accept: str | None, base_iri: str, graph_names: Callable[[], list[str]]) -> Outcome:
    """Evaluate a protocol query request; raise the LmskgError that names what is wrong with it.

    No Flask here, so the WSGI fast path (:mod:`lmskg.web.fastpath`) and the view share every rule.
    """
    check_allowed(text)
    default_graph = params.getlist("default-graph-uri") or None
    named_graphs = params.getlist("named-graph-uri") or None
    if default_graph is None and named_graphs is None:
        unknown = dataset_iris(text, base_iri) - set(graph_names() if has_from(text) else ())
        if unknown:
            listed = ", ".join(f"<{i}>" for i in sorted(unknown))
            raise QueryError(f"FROM / FROM NAMED may only name graphs of this store; unknown: {listed}")
    format_param = params.get("format") or params.get("output")
    result_format, graph_format = formats_for(accept, format_param)
    return pool.query(QueryJob(
        text,
        default_graph=tuple(default_graph) if default_graph is not None else None,
        named_graphs=tuple(named_graphs) if named_graphs is not None else None,
        base_iri=base_iri,
        result_format=result_format,
        graph_format=graph_format,
        max_rows=int(config["MAX_ROWS"]),
        max_bytes=int(config["MAX_RESPONSE_BYTES"]),
    ))


@functools.lru_cache(maxsize=512)
def formats_for(accept: str | None, format_param: str | None) -> tuple[str, str]:
    """(results format, graph format) for a request; NotAcceptable when it accepts neither kind."""
    result_format = neg.negotiate(accept, neg.RESULT_FORMATS, format_param=format_param)
    graph_format = neg.negotiate(accept, neg.GRAPH_FORMATS, format_param=format_param)
    if result_format is None and graph_format is None:
        offered = ", ".join(neg.media_types((*neg.RESULT_FORMATS, *neg.GRAPH_FORMATS)))
        wanted = f"format={format_param}" if format_param else f"Accept: {accept}"
        raise NotAcceptable(f"cannot answer with {wanted}; available: {offered}", headers={"Vary": "Accept"})
    # A client that accepts only one kind (e.g. rdflib's SPARQLStore asks for SPARQL JSON even for CONSTRUCT)
    # gets the other kind's default, as other stores do: it named a SPARQL format, just not for this query form.
    return (result_format or neg.RESULT_FORMATS[0]).name, (graph_format or neg.GRAPH_FORMATS[0]).name


def checked(outcome: Outcome) -> tuple[str, bytes]:
    """(Content-Type, body) of a successful outcome; the matching HttpError or QueryError otherwise."""
    if outcome.kind == "syntax":
        raise QueryError(f"malformed query: {outcome.message}")
    if outcome.kind == "refused":
        raise QueryError(outcome.message)
    if outcome.kind == "not-acceptable":
        raise NotAcceptable(outcome.message, headers={"Vary": "Accept"})
    if outcome.kind == "too-large":
        raise Unavailable(f"result too large: {outcome.message}")
    if outcome.kind == "unavailable":
        raise StoreError(outcome.message)
    if not outcome.ok:
        raise QueryError(f"the query failed: {outcome.message}")
    offers = neg.GRAPH_FORMATS if outcome.kind == "graph" else neg.RESULT_FORMATS
    fmt = neg.by_name(outcome.format or "", offers)
    assert fmt is not None
    return fmt.content_type, outcome.body


def respond(outcome: Outcome) -> Response:
    """The HTTP response for a worker's outcome (errors become the matching status codes)."""
    content_type, body = checked(outcome)
    response = Response(body, status=200, content_type=content_type)
    response.headers["Vary"] = "Accept"
    return response


# --- updates -----------------------------------------------------------------------------------------------


def authorize_write() -> None:
    """Refuse a write unless an update token is configured and the request bears it."""
    if current_app.config.get("STORE"):
        raise Forbidden("this endpoint serves a remote store read-only; load it with `lmskg build --store` "
                        "or `lmskg add --store`")
    token = current_app.config.get("UPDATE_TOKEN")
    if not token:
        raise Forbidden("updates are disabled on this endpoint (no update token is configured)")
    header = request.headers.get("Authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise Unauthorized("updates need an 'Authorization: Bearer <token>' header",
                           headers={"WWW-Authenticate": 'Bearer realm="lmskg"'})
    if not hmac.compare_digest(given.strip().encode("utf-8"), token.encode("utf-8")):
        raise Forbidden("the update token is not valid")


def run_update(text: str, params: MultiDict[str, str]) -> Response:
    authorize_write()
    check_allowed(text)
    using = params.getlist("using-graph-uri")
    using_named = params.getlist("using-named-graph-uri")
    if (using or using_named) and has_dataset_clause(text):
        raise BadRequest("using-graph-uri / using-named-graph-uri cannot be combined with USING or WITH")
    apply_update(add_using(text, using, using_named))
    return Response(status=204)


def apply_update(text: str) -> None:
    try:
        folder = pool().update(text, base_iri=request.base_url)
    except QueryError as exc:
        raise QueryError(f"malformed update: {exc}") from exc
    log.info("update applied; the graph is now the build %s", folder.name)
    service.forget()


# --- Graph Store Protocol --------------------------------------------------------------------------------


def graph_store(args: MultiDict[str, str]) -> Response:
    if "graph" in args and "default" in args:
        raise BadRequest("send either ?graph=IRI or ?default, not both")
    graph = _single(args, "graph") if "graph" in args else None
    target = f"GRAPH <{_checked_iri(graph)}>" if graph else "DEFAULT"
    if request.method in ("GET", "HEAD"):
        if graph is not None and graph not in service.graph_names():
            raise NotFound(f"no graph <{graph}> in this store")
        fmt = neg.negotiate(request.headers.get("Accept"), neg.GRAPH_FORMATS, format_param=args.get("format"))
        if fmt is None:
            raise NotAcceptable("none of the accepted media types is an RDF format this server writes")
        outcome = pool().query(job(
            "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
            default_graph=(graph or "",), graph_format=fmt.name,
        ))
        return respond(outcome)
    authorize_write()
    if request.method == "DELETE":
        if graph is not None and graph not in service.graph_names():
            raise NotFound(f"no graph <{graph}> in this store")
        apply_update(f"DROP {target}" if graph else "CLEAR DEFAULT")
        return Response(status=204)
    rdf_format = ox.RdfFormat.from_media_type(request.mimetype) if request.mimetype else None
    if rdf_format is None:
        raise UnsupportedMediaType(f"cannot read RDF sent as {request.mimetype or 'no media type'}")
    try:
        triples = [q.triple if isinstance(q, ox.Quad) else q for q in
                   ox.parse(request.get_data(cache=False), rdf_format, base_iri=graph or request.base_url)]
    except (SyntaxError, ValueError) as exc:
        raise BadRequest(f"the RDF sent is malformed: {exc}") from exc
    body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    existed = graph is None or graph in service.graph_names()
    insert = f"INSERT DATA {{ GRAPH <{graph}> {{ {body} }} }}" if graph else f"INSERT DATA {{ {body} }}"
    if request.method == "PUT":
        clear = f"DROP SILENT GRAPH <{graph}>" if graph else "CLEAR DEFAULT"
        apply_update(f"{clear} ; {insert}")
    else:
        apply_update(insert)
    return Response(status=204 if existed else 201)


def _checked_iri(value: str) -> str:
    if not value or any(c in value for c in '<>"{}|^`\\') or any(ord(c) <= 0x20 for c in value):
        raise BadRequest(f"not a valid graph IRI: {value!r}")
    return value


# --- Service Description ---------------------------------------------------------------------------------


def service_description() -> Response:
    offers = (*neg.GRAPH_FORMATS, neg.HTML)
    fmt = neg.negotiate(request.headers.get("Accept"), offers, format_param=request.args.get("format"))
    if fmt is None:
        raise NotAcceptable("the service description is available as RDF or HTML",
                            headers={"Vary": "Accept"})
    if fmt is neg.HTML:
        from lmskg.web.ui import page

        response = page()
    else:
        data = service.description(request.base_url, writable=bool(current_app.config.get("UPDATE_TOKEN")))
        response = Response(service.serialize(data, fmt), content_type=fmt.content_type)
    response.headers["Vary"] = "Accept"
    return response


@bp.route("/.well-known/void", methods=["GET", "HEAD"])
def void() -> Response:
    fmt = neg.negotiate(request.headers.get("Accept"), neg.GRAPH_FORMATS, format_param=request.args.get("format"))
    if fmt is None:
        raise NotAcceptable("the VoID description is available as " + ", ".join(neg.media_types(neg.GRAPH_FORMATS)))
    endpoint = request.url_root.rstrip("/") + "/sparql"
    response = Response(service.serialize(service.void(endpoint), fmt), content_type=fmt.content_type)
    response.headers["Vary"] = "Accept"
    return response
