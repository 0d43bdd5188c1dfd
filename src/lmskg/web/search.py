"""Search: classes, cases and publications by label, synonym, external CURIE, PMID or DOI (``/search?q=``).

HTML for browsers, JSON (``Accept: application/json`` or ``format=json``) for the suggestions the search box
shows as one types. Matches are ranked: the whole text first, then a word that starts with the text, then any
part of it; within each, classes before publications before cases, and shorter labels first.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from flask import Blueprint, Response, current_app, render_template, request

from lmskg.web import negotiation as neg
from lmskg.web.common import literal, select
from lmskg.web.errors import BadRequest, NotAcceptable
from lmskg.web.links import href_for

bp = Blueprint("search", __name__)

LONGEST, SHOWN = 200, 20
KINDS = ("class", "individual", "publication", "case", "property")  # the order of equally good matches
OBO_SYNONYMS = "http://www.geneontology.org/formats/oboInOwl#"
_IDENTIFIER = re.compile(r"^(?:pmid:?\s*|doi:\s*|https?://(?:dx\.)?doi\.org/|https?://pubmed\.ncbi\.nlm\.nih\.gov/)",
                         re.IGNORECASE)


@dataclass(frozen=True)
class Hit:
    iri: str
    label: str
    kind: str  # class, individual, property, case, publication
    matched: str  # the text that matched
    via: str  # label, synonym, CURIE, title, PMID, DOI, identifier
    href: str | None


def needle(query: str) -> str:
    """What to look for: the text without a ``PMID:``, ``doi:`` or resolver prefix, lower case."""
    return _IDENTIFIER.sub("", " ".join(query.split())).rstrip("/").lower()


def rank(hit: Hit, wanted: str) -> tuple[int, int, int, str]:
    text = hit.matched.lower()
    place = 0 if text == wanted else 1 if re.search(rf"(^|\W){re.escape(wanted)}", text) else 2
    return place, KINDS.index(hit.kind), len(hit.label), hit.label.lower()


def find(query: str) -> list[Hit]:
    """The best matches for ``query`` (at most SHOWN); none for a text shorter than two characters, unless it
    follows an identifier prefix ("PMID:1")."""
    wanted = needle(query)
    if len(wanted) < (1 if _IDENTIFIER.match(query.strip()) else 2):
        return []
    base = current_app.config["BASE"]
    text = literal(wanted)
    rows = select(
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX owl: <http://www.w3.org/2002/07/owl#> "
        "PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX bibo: <http://purl.org/ontology/bibo/> "
        f"PREFIX oio: <{OBO_SYNONYMS}> PREFIX lmskg: <{base}term/> "
        "SELECT ?r ?kind ?via ?matched (SAMPLE(?l) AS ?label) WHERE { "
        "{ VALUES (?p ?via) { (rdfs:label 'label') (oio:hasExactSynonym 'synonym') (oio:hasRelatedSynonym 'synonym') "
        "(oio:hasDbXref 'CURIE') } ?r ?p ?matched "
        f"FILTER(STRSTARTS(STR(?r), {literal(base + 'term/')})) "
        "OPTIONAL { ?r a ?type FILTER(?type IN (owl:Class, owl:NamedIndividual, owl:ObjectProperty, "
        "owl:DatatypeProperty, owl:AnnotationProperty)) } "
        "BIND(IF(?type = owl:Class, 'class', IF(?type = owl:NamedIndividual, 'individual', 'property')) AS ?kind) } "
        "UNION { VALUES (?p ?via) { (dcterms:title 'title') (bibo:pmid 'PMID') (bibo:doi 'DOI') } "
        f"?r ?p ?matched FILTER(STRSTARTS(STR(?r), {literal(base + 'data/publication/')})) "
        "BIND('publication' AS ?kind) } "
        "UNION { VALUES (?p ?via) { (dcterms:title 'title') (bibo:pmid 'PMID') (bibo:doi 'DOI') } "
        "?r a lmskg:PatientCase ; lmskg:describedIn ?pub . ?pub ?p ?matched BIND('case' AS ?kind) } "
        "UNION { ?r a lmskg:PatientCase BIND(STRAFTER(STR(?r), '/data/case/') AS ?matched) "
        "BIND('identifier' AS ?via) BIND('case' AS ?kind) } "
        f"FILTER(isLiteral(?matched) && CONTAINS(LCASE(STR(?matched)), {text})) "
        "OPTIONAL { ?r rdfs:label|dcterms:title ?l } "
        "} GROUP BY ?r ?kind ?via ?matched LIMIT 2000")
    hits: dict[str, Hit] = {}
    for row in rows:
        resource = row["r"]["value"]
        label = row.get("label", {}).get("value") or resource.rsplit("/", 1)[-1]
        hit = Hit(resource, label, row["kind"]["value"], row["matched"]["value"], row["via"]["value"],
                  href_for(resource))
        if resource not in hits or rank(hit, wanted) < rank(hits[resource], wanted):
            hits[resource] = hit
    return sorted(hits.values(), key=lambda h: rank(h, wanted))[:SHOWN]


@bp.route("/search", methods=["GET", "HEAD"])
def search() -> Response:
    query = request.args.get("q", "")
    if len(query) > LONGEST:
        raise BadRequest(f"the search text (q) is longer than {LONGEST} characters")
    fmt = neg.negotiate(request.headers.get("Accept"), (neg.HTML, neg.RESULT_FORMATS[0]),
                        format_param=request.args.get("format"))
    if fmt is None:
        raise NotAcceptable("the search answers text/html or application/json")
    hits = find(query)
    if fmt is neg.HTML:
        response = Response(render_template("search.html", q=query, hits=hits), mimetype="text/html")
    else:
        response = current_app.json.response({"q": query, "results": [asdict(h) for h in hits]})
    response.headers["Vary"] = "Accept"
    return response
