"""The front page (counts and charts of the cases, from the queries shipped in ``web/queries/``) and the list
of cases, filtered by lesion level or primary site, that each bar of the charts links to."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

from flask import Blueprint, current_app, render_template, request

from lmskg.web import spine
from lmskg.web.charts import Bar, bar_chart
from lmskg.web.common import iri, select
from lmskg.web.links import href_for

bp = Blueprint("overview", __name__)

QUERIES = Path(__file__).parent / "queries"
FILTERS = {"lesion": "a lesion at", "primary": "the primary tumor at"}


def shipped_query(name: str) -> str:
    return (QUERIES / f"{name}.rq").read_text(encoding="utf-8")


def _count(row: dict[str, dict[str, str]], name: str) -> int:
    return int(row.get(name, {}).get("value", "0"))


def level_bars(term_base: str) -> list[Bar]:
    """One bar per vertebra in column order, from C1 to the coccyx, counting the cases with a lesion there."""
    counts = {r["level"]["value"]: _count(r, "cases") for r in select(shipped_query("overview-cases-by-level"))}
    return [Bar(v.name, counts.get(v.iri, 0), "/cases?" + urlencode({"lesion": v.iri}))
            for v in spine.column(term_base)]


def site_bars() -> list[Bar]:
    return [Bar(r["label"]["value"], _count(r, "cases"), "/cases?" + urlencode({"primary": r["site"]["value"]}))
            for r in select(shipped_query("overview-cases-by-primary-site"))]


@bp.route("/", methods=["GET", "HEAD"])
def index() -> str:
    terms = current_app.config["BASE"] + "term/"
    rows = select(shipped_query("overview-counts"))
    counts = {k: _count(rows[0], k) if rows else 0 for k in ("documents", "publications", "cases", "figures")}
    levels, sites = level_bars(terms), site_bars()
    return render_template(
        "overview.html", counts=counts,
        levels=bar_chart(levels, "Cases by vertebral level of their lesions") if any(b.value for b in levels)
        else None,
        sites=bar_chart(sites, "Cases by primary site") if sites else None,
        queries=[(name, shipped_query(name)) for name in
                 ("overview-counts", "overview-cases-by-level", "overview-cases-by-primary-site")])


@bp.route("/cases", methods=["GET", "HEAD"])
def cases() -> str:
    """Every case, or those with a lesion at ``lesion=IRI`` or the primary tumor at ``primary=IRI``."""
    terms = current_app.config["BASE"] + "term/"
    clause, described = "", ""
    for name, words in FILTERS.items():
        value = request.args.get(name)
        if value is not None:
            target = iri(value.strip())  # a value that is no IRI is a 400 naming it
            clause += (f"?case lmskg:hasLesion/lmskg:site {target} . " if name == "lesion"
                       else f"?case lmskg:primarySite {target} . ")
            label = select(f"SELECT ?l WHERE {{ {target} <http://www.w3.org/2000/01/rdf-schema#label> ?l }} LIMIT 1")
            described = f"with {words} {label[0]['l']['value'] if label else value}"
    rows = select(
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX dcterms: <http://purl.org/dc/terms/> "
        f"PREFIX lmskg: <{terms}> "
        "SELECT ?case (SAMPLE(?a) AS ?age) (SAMPLE(?sx) AS ?sex) (SAMPLE(?h) AS ?histology) "
        "(SAMPLE(?ps) AS ?primary) (GROUP_CONCAT(DISTINCT ?ls; separator=', ') AS ?lesions) "
        "(SAMPLE(?pub) AS ?publication) (SAMPLE(?t) AS ?title) WHERE { ?case a lmskg:PatientCase . "
        f"{clause}"
        "OPTIONAL { ?case lmskg:hasPatient ?p . OPTIONAL { ?p lmskg:age ?a } "
        "OPTIONAL { ?p lmskg:sex ?s . ?s rdfs:label ?sx } } "
        "OPTIONAL { ?case lmskg:primaryHistology ?hx . ?hx rdfs:label ?h } "
        "OPTIONAL { ?case lmskg:primarySite ?px . ?px rdfs:label ?ps } "
        "OPTIONAL { ?case lmskg:hasLesion/lmskg:site ?lx . ?lx rdfs:label ?ls } "
        "OPTIONAL { ?case lmskg:describedIn ?pub OPTIONAL { ?pub dcterms:title ?t } } "
        "} GROUP BY ?case ORDER BY ?case LIMIT 5000")
    listed = [{k: r.get(k, {}).get("value", "") for k in
               ("case", "age", "sex", "histology", "primary", "lesions", "publication", "title")} for r in rows]
    for row in listed:
        row["href"], row["publication_href"] = href_for(row["case"]), href_for(row["publication"] or "")
        row["name"] = row["case"].rsplit("/", 1)[-1]
    return render_template("cases.html", cases=listed, described=described)
