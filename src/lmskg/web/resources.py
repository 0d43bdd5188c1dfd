"""Linked data: every IRI under the configured base dereferences to an HTML page or an RDF description.

Request paths map to IRIs under ``BASE``: ``/term/X``, ``/data/...``, ``/graph/...`` and ``/ontology``.
A known file extension (``.ttl``, ``.jsonld``, ``.rdf``, ``.nt``, ``.html``, ...) picks the format; otherwise
the Accept header does. With ``LINKED_DATA_REDIRECT`` the extension-less IRI answers 303 See Other to the
format's URL; otherwise 200 with ``Content-Location``. ``/lookup?id=CURIE-or-IRI`` lists our resources
mapped to an external identifier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from flask import Blueprint, Response, current_app, redirect, render_template, request, url_for

from lmskg.web import negotiation as neg
from lmskg.web.common import ask, iri, job, literal, pool, select
from lmskg.web.errors import BadRequest, NotAcceptable, NotFound
from lmskg.web.links import href_for, split_sentence
from lmskg.web.pages import extras
from lmskg.web.sparql import respond

bp = Blueprint("resources", __name__)

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
OBOINOWL = "http://www.geneontology.org/formats/oboInOwl#"
OBO = "http://purl.obolibrary.org/obo/"
DCTERMS = "http://purl.org/dc/terms/"
LABELS = (RDFS + "label", SKOS + "prefLabel", DCTERMS + "title", "http://xmlns.com/foaf/0.1/name")
DEFINITIONS = (SKOS + "definition", OBO + "IAO_0000115", RDFS + "comment", DCTERMS + "description")
MAPPINGS = (SKOS + "exactMatch", SKOS + "closeMatch", SKOS + "broadMatch", SKOS + "narrowMatch",
            SKOS + "relatedMatch", OWL + "equivalentClass", OWL + "sameAs", RDFS + "seeAlso")
PAGE_FORMATS = (neg.HTML, *neg.GRAPH_FORMATS)
# CURIE prefixes whose IRIs do not follow the OBO pattern http://purl.obolibrary.org/obo/PREFIX_LOCAL.
NON_OBO = {
    "MESH": "http://id.nlm.nih.gov/mesh/",
    "SNOMEDCT": "http://snomed.info/id/",
    "ORDO": "http://www.orpha.net/ORDO/Orphanet_",
    "Orphanet": "http://www.orpha.net/ORDO/Orphanet_",
    "ICD10CM": "http://purl.bioontology.org/ontology/ICD10CM/",
    "UMLS": "http://linkedlifedata.com/resource/umls/id/",
    "DOI": "https://doi.org/",
    "PMID": "https://pubmed.ncbi.nlm.nih.gov/",
    "wikidata": "http://www.wikidata.org/entity/",
}


def base() -> str:
    return current_app.config["BASE"]


# --- path ↔ IRI ----------------------------------------------------------------------------------------------


def _split_extension(path: str) -> tuple[str, neg.Format | None]:
    stem, dot, ext = path.rpartition(".")
    if not dot or "/" in ext:
        return path, None
    fmt = neg.HTML if ext.lower() in ("html", "htm") else neg.by_extension(ext, neg.GRAPH_FORMATS)
    return (stem, fmt) if fmt else (path, None)


def _exists(resource: str) -> bool:
    ref = iri(resource)
    return ask(f"ASK {{ {{ {ref} ?p ?o }} UNION {{ ?s ?p {ref} }} UNION {{ GRAPH {ref} {{ ?a ?b ?c }} }} }}")


def _dereference(path: str) -> Response:
    full = base() + path
    stem, ext_format = _split_extension(path)
    if ext_format is not None and not _exists(full):
        if not _exists(base() + stem):
            raise NotFound(f"nothing is known about <{base() + stem}>")
        return _answer(stem, base() + stem, ext_format)
    if not _exists(full):
        raise NotFound(f"nothing is known about <{full}>")
    return _answer(path, full, None)


def _answer(path: str, resource: str, fmt: neg.Format | None) -> Response:
    if fmt is None:
        fmt = neg.negotiate(request.headers.get("Accept"), PAGE_FORMATS, format_param=request.args.get("format"))
        if fmt is None:
            raise NotAcceptable("available: " + ", ".join(neg.media_types(PAGE_FORMATS)), headers={"Vary": "Accept"})
        located = f"/{path}.{'html' if fmt is neg.HTML else fmt.extension}"
        if current_app.config["LINKED_DATA_REDIRECT"]:
            response = redirect(located, code=303)
            response.headers["Vary"] = "Accept"
            return response
        response = _representation(resource, fmt)
        response.headers["Content-Location"] = located
        response.headers["Vary"] = "Accept"
        return response
    return _representation(resource, fmt)


def _representation(resource: str, fmt: neg.Format) -> Response:
    if fmt is neg.HTML:
        page = describe(resource)
        html = render_template("resource.html", page=page, **extras(resource, {t.iri for t in page.types if t.iri},
                                                                  page.label != compact(resource)))
        return Response(html, mimetype="text/html")
    graph = _graph_iri(resource)
    if graph is not None:
        sparql = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {{ GRAPH {iri(graph)} {{ ?s ?p ?o }} }} UNION {{ " \
                 f"BIND({iri(resource)} AS ?s) {iri(resource)} ?p ?o }} }}"
    else:
        ref = iri(resource)
        sparql = (
            f"CONSTRUCT {{ {ref} ?p ?o . ?o ?p2 ?o2 . ?s ?q {ref} }} WHERE {{ "
            f"{{ {ref} ?p ?o OPTIONAL {{ ?o ?p2 ?o2 FILTER(isBlank(?o) || STRSTARTS(STR(?o), "
            f"{literal(resource + '#')})) }} }} UNION {{ SELECT ?s ?q WHERE {{ ?s ?q {ref} }} LIMIT 2000 }} }}"
        )
    from lmskg.commands.export import PREFIXES

    outcome = pool().query(job(sparql, graph_format=fmt.name, result_format=None,
                               prefixes=tuple(PREFIXES.items())))
    return respond(outcome)


def _graph_iri(resource: str) -> str | None:
    """The named graph whose contents represent ``resource``: itself for graphs, the ontology graph for /ontology."""
    if resource == base() + "ontology":
        ontology_graph = base() + "graph/ontology"
        return ontology_graph if ask(f"ASK {{ GRAPH {iri(ontology_graph)} {{ ?s ?p ?o }} }}") else None
    if resource.startswith(base() + "graph/") and ask(f"ASK {{ GRAPH {iri(resource)} {{ ?s ?p ?o }} }}"):
        return resource
    return None


@bp.route("/term/<path:rest>", methods=["GET", "HEAD"])
def term(rest: str) -> Response:
    return _dereference(f"term/{rest}")


@bp.route("/data/<path:rest>", methods=["GET", "HEAD"])
def data(rest: str) -> Response:
    return _dereference(f"data/{rest}")


@bp.route("/graph/<path:rest>", methods=["GET", "HEAD"])
def graph(rest: str) -> Response:
    return _dereference(f"graph/{rest}")


@bp.route("/ontology", methods=["GET", "HEAD"])
@bp.route("/ontology.<ext>", methods=["GET", "HEAD"])
def ontology(ext: str | None = None) -> Response:
    resource = base() + "ontology"
    if ext is None:
        return _answer("ontology", resource, None)
    fmt = neg.HTML if ext in ("html", "htm") else neg.by_extension(ext, neg.GRAPH_FORMATS)
    if fmt is None:
        raise NotFound(f"no format with the extension .{ext}")
    return _representation(resource, fmt)


# --- the HTML page -----------------------------------------------------------------------------------------


@dataclass
class Link:
    iri: str | None
    text: str
    href: str | None = None
    datatype: str | None = None
    lang: str | None = None


@dataclass
class Page:
    iri: str
    label: str
    types: list[Link] = field(default_factory=list)
    definitions: list[str] = field(default_factory=list)
    outgoing: list[tuple[Link, Link]] = field(default_factory=list)
    incoming: list[tuple[Link, Link]] = field(default_factory=list)
    evidence: list[dict[str, object]] = field(default_factory=list)
    mappings: list[Link] = field(default_factory=list)
    graph_size: int | None = None
    formats: list[tuple[str, str]] = field(default_factory=list)
    more_incoming: bool = False
    terms: list[tuple[str, list[Link]]] = field(default_factory=list)  # for the ontology: its terms by kind


def _term(binding: dict[str, str] | None, label: dict[str, str] | None = None) -> Link:
    if binding is None:
        return Link(None, "")
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        text = label["value"] if label else compact(value)
        return Link(value, text, href_for(value))
    if kind == "bnode":
        return Link(None, f"_:{value}")
    return Link(None, value, datatype=binding.get("datatype"), lang=binding.get("xml:lang"))


def compact(value: str) -> str:
    from lmskg.commands.export import PREFIXES

    best = max((ns for ns in PREFIXES.values() if value.startswith(ns)), key=len, default=None)
    if best is None:
        return value
    prefix = next(p for p, ns in PREFIXES.items() if ns == best)
    return f"{prefix}:{value[len(best):]}"


def describe(resource: str) -> Page:
    ref = iri(resource)
    out_rows = select(
        f"SELECT ?p ?o (SAMPLE(?pl) AS ?plabel) (SAMPLE(?ol) AS ?olabel) WHERE {{ {ref} ?p ?o "
        f"OPTIONAL {{ ?p <{RDFS}label> ?pl }} OPTIONAL {{ ?o <{RDFS}label> ?ol }} }} GROUP BY ?p ?o "
        "ORDER BY ?p ?o LIMIT 2000")
    in_rows = select(
        f"SELECT ?s ?p (SAMPLE(?sl) AS ?slabel) (SAMPLE(?pl) AS ?plabel) WHERE {{ ?s ?p {ref} "
        f"OPTIONAL {{ ?s <{RDFS}label> ?sl }} OPTIONAL {{ ?p <{RDFS}label> ?pl }} }} GROUP BY ?s ?p "
        "ORDER BY ?p ?s LIMIT 501")
    ev_rows = select(
        "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> PREFIX prov: <http://www.w3.org/ns/prov#> "
        "PREFIX oa: <http://www.w3.org/ns/oa#> "
        f"SELECT ?p ?o (SAMPLE(?pl) AS ?plabel) (SAMPLE(?ol) AS ?olabel) ?ev (SAMPLE(?sent) AS ?sentence) "
        "(SAMPLE(?ex) AS ?exact) (SAMPLE(?d) AS ?doc) (SAMPLE(?ss) AS ?sentenceStart) (SAMPLE(?b) AS ?start) "
        "(SAMPLE(?e) AS ?end) WHERE { "
        f"?st rdf:subject {ref} ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?ev . "
        f"OPTIONAL {{ ?ev <{base()}term/sentence> ?sent }} OPTIONAL {{ ?ev oa:hasSource ?d }} "
        "OPTIONAL { ?ev oa:hasSelector ?sel . ?sel oa:exact ?ex } OPTIONAL { ?ev oa:hasSelector ?pos . "
        f"?pos oa:start ?b ; oa:end ?e }} OPTIONAL {{ ?ev <{base()}term/sentenceStart> ?ss }} "
        f"OPTIONAL {{ ?p <{RDFS}label> ?pl }} OPTIONAL {{ ?o <{RDFS}label> ?ol }} }} GROUP BY ?p ?o ?ev "
        "ORDER BY ?p ?o ?ev LIMIT 300")
    page = Page(resource, compact(resource))
    for row in out_rows:
        p, o = row["p"]["value"], row["o"]
        if p in LABELS and o["type"] == "literal" and page.label == compact(resource):
            page.label = o["value"]
        if p == RDF + "type":
            page.types.append(_term(o, row.get("olabel")))
        elif p in DEFINITIONS and o["type"] == "literal":
            page.definitions.append(o["value"])
        if p == OBOINOWL + "hasDbXref" and o["type"] == "literal":
            expanded = expand(o["value"])
            page.mappings.append(Link(expanded, o["value"], expanded))
        elif p in MAPPINGS and o["type"] == "uri" and not o["value"].startswith(base()):
            page.mappings.append(Link(o["value"], compact_external(o["value"]), o["value"]))
        page.outgoing.append((_term(row["p"], row.get("plabel")), _term(o, row.get("olabel"))))
    page.more_incoming = len(in_rows) > 500
    for row in in_rows[:500]:
        page.incoming.append((_term(row["s"], row.get("slabel")), _term(row["p"], row.get("plabel"))))
    for row in ev_rows:
        sentence = row.get("sentence", {}).get("value", "")
        exact = row.get("exact", {}).get("value", "")
        offset, start, end = (int(row[k]["value"]) if k in row else None for k in ("sentenceStart", "start", "end"))
        known = start is not None and end is not None
        before, mark, after = split_sentence(sentence, offset if known else None, start or 0, end or 0, exact)
        if exact and not mark:
            before, mark, after = "", exact, ""
        page.evidence.append({
            "predicate": _term(row["p"], row.get("plabel")), "object": _term(row["o"], row.get("olabel")),
            "evidence": _term(row["ev"]), "document": _term(row.get("doc")),
            "before": before, "mark": mark, "after": after,
        })
    graph_name = _graph_iri(resource)
    if graph_name is not None:
        count = select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {iri(graph_name)} {{ ?s ?p ?o }} }}")
        page.graph_size = int(count[0]["n"]["value"]) if count else 0
    if resource == base() + "ontology" and graph_name is not None:
        page.terms = ontology_terms(graph_name)
    path = href_for(resource) or ""
    page.formats = [(f.name, f"{path}.{f.extension}") for f in neg.GRAPH_FORMATS if f.name != "nquads"]
    return page


TERM_KINDS = (("Classes", OWL + "Class"), ("Object properties", OWL + "ObjectProperty"),
              ("Data properties", OWL + "DatatypeProperty"), ("Named individuals", OWL + "NamedIndividual"))


def ontology_terms(graph_name: str) -> list[tuple[str, list[Link]]]:
    """Our terms in the ontology graph, by kind, with their labels."""
    rows = select(
        f"SELECT ?t ?kind (SAMPLE(?l) AS ?label) WHERE {{ GRAPH {iri(graph_name)} {{ ?t a ?kind "
        f"FILTER(STRSTARTS(STR(?t), {literal(base() + 'term/')})) OPTIONAL {{ ?t <{RDFS}label> ?l }} }} }} "
        "GROUP BY ?t ?kind ORDER BY LCASE(STR(?label)) LIMIT 5000")
    groups: dict[str, list[Link]] = {kind: [] for _, kind in TERM_KINDS}
    for row in rows:
        kind = row["kind"]["value"]
        if kind in groups:
            groups[kind].append(_term(row["t"], row.get("label")))
    return [(title, groups[kind]) for title, kind in TERM_KINDS if groups[kind]]


# --- lookup by external identifier ---------------------------------------------------------------------------


_OBO_IRI = re.compile(r"^https?://purl\.obolibrary\.org/obo/([A-Za-z][A-Za-z0-9]*)_([A-Za-z0-9_.\-]+)$")
_CURIE = re.compile(r"^([A-Za-z][A-Za-z0-9_.\-]*):(\S+)$")


def expand(curie: str) -> str | None:
    """The IRI of a CURIE such as ``NCIT:C3158`` (OBO pattern unless the prefix is known to differ)."""
    m = _CURIE.match(curie.strip())
    if not m or m.group(2).startswith("//"):
        return None
    prefix, local = m.groups()
    for known, namespace in NON_OBO.items():
        if known.lower() == prefix.lower():
            return namespace + local
    return f"{OBO}{prefix.upper() if prefix.isupper() or prefix.islower() else prefix}_{local}"


def compact_external(value: str) -> str:
    m = _OBO_IRI.match(value)
    if m:
        return f"{m.group(1)}:{m.group(2)}"
    for prefix, namespace in NON_OBO.items():
        if value.startswith(namespace) and len(value) > len(namespace):
            return f"{prefix}:{value[len(namespace):]}"
    return value


def identifier_forms(value: str) -> tuple[str, str | None]:
    """(CURIE or the IRI itself, IRI) for a CURIE or a full IRI."""
    value = value.strip()
    if re.match(r"^https?://", value):
        return compact_external(value), value
    return value, expand(value)


@bp.route("/lookup", methods=["GET", "HEAD"])
def lookup() -> Response:
    given = request.args.get("id", "").strip()
    fmt = neg.negotiate(request.headers.get("Accept"), (neg.HTML, neg.RESULT_FORMATS[0]),
                        format_param=request.args.get("format"))
    if fmt is None:
        raise NotAcceptable("the lookup answers text/html or application/json")
    matches: list[dict[str, str]] = []
    curie, target = identifier_forms(given) if given else ("", None)
    if given:
        if len(given) > 500:
            raise BadRequest("the identifier is too long")
        curies = {curie, given}
        mapping_props = " ".join(f"<{p}>" for p in MAPPINGS)
        target_clause = (f"UNION {{ VALUES ?m {{ {mapping_props} }} ?r ?m {iri(target)} "
                         "BIND(STR(?m) AS ?via) }") if target else ""
        rows = select(
            f"SELECT ?r ?via (SAMPLE(?l) AS ?label) WHERE {{ "
            f"{{ ?r <{OBOINOWL}hasDbXref> ?x FILTER(STR(?x) IN ({', '.join(literal(c) for c in curies)})) "
            f"BIND(\"{OBOINOWL}hasDbXref\" AS ?via) }} {target_clause} "
            f"OPTIONAL {{ ?r <{RDFS}label> ?l }} FILTER(isIRI(?r)) }} GROUP BY ?r ?via ORDER BY ?r LIMIT 1000")
        by_resource: dict[str, dict[str, str]] = {}
        for row in rows:
            resource = row["r"]["value"]
            via = compact(row["via"]["value"])
            if resource in by_resource:
                by_resource[resource]["via"] += f", {via}"
                continue
            by_resource[resource] = {
                "iri": resource, "label": row.get("label", {}).get("value", compact(resource)),
                "via": via, "href": href_for(resource) or resource,
            }
        matches = list(by_resource.values())
    if fmt is neg.HTML:
        html = render_template("lookup.html", given=given, curie=curie, target=target, matches=matches)
        response = Response(html, mimetype="text/html")
    else:
        response = current_app.json.response({"id": given, "curie": curie, "iri": target, "matches": [
            {k: m[k] for k in ("iri", "label", "via")} for m in matches]})
    response.headers["Vary"] = "Accept"
    if given and not matches:
        response.status_code = 404
    return response


@bp.route("/resource", methods=["GET"])
def resource_by_iri() -> Response:
    """``/resource?iri=...``: the page of any IRI in the graph, ours or not."""
    target = request.args.get("iri", "")
    if target.startswith(base()):
        return redirect(url_for("overview.index") if target == base() else "/" + target[len(base()):], code=303)
    if not target or not _exists(target):
        raise NotFound(f"nothing is known about <{target}>")
    return _answer("resource", target, neg.HTML)
