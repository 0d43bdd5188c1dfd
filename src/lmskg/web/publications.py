"""Publications on the pages: a citation in the NLM style, and what a publication's page lists (its cases, the
cohort figures it reports and its reference list)."""

from __future__ import annotations

from dataclasses import dataclass, field

from lmskg.web.common import iri, select
from lmskg.web.links import href_for

PREFIXES = (
    "PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX bibo: <http://purl.org/ontology/bibo/> "
    "PREFIX fabio: <http://purl.org/spar/fabio/> PREFIX prism: <http://prismstandard.org/namespaces/basic/2.0/> "
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX cito: <http://purl.org/spar/cito/> "
)


@dataclass
class Citation:
    iri: str
    href: str | None
    authors: str = ""
    title: str = ""
    source: str = ""  # "Journal. 2013;3(4):98-103."
    doi: str | None = None
    pmid: str | None = None


@dataclass
class Item:
    text: str
    href: str | None
    note: str = ""


@dataclass
class PublicationLists:
    cases: list[Item] = field(default_factory=list)
    figures: list[Item] = field(default_factory=list)
    references: list[Citation] = field(default_factory=list)


def _value(row: dict[str, dict[str, str]], name: str) -> str:
    return row.get(name, {}).get("value", "")


def citations(publications: list[str], term_base: str) -> dict[str, Citation]:
    """The citation of each of ``publications`` (IRIs), from the fields the graph holds."""
    if not publications:
        return {}
    values = " ".join(iri(p) for p in publications)
    rows = select(
        PREFIXES + f"PREFIX lmskg: <{term_base}> "
        "SELECT ?pub (SAMPLE(?t) AS ?title) (SAMPLE(?y) AS ?year) (SAMPLE(?j) AS ?journal) (SAMPLE(?v) AS ?volume) "
        "(SAMPLE(?i) AS ?issue) (SAMPLE(?pg) AS ?pages) (SAMPLE(?d) AS ?doi) (SAMPLE(?pm) AS ?pmid) "
        "(SAMPLE(?tr) AS ?truncated) "
        "(GROUP_CONCAT(?author; separator='|') AS ?authors) WHERE { "
        f"VALUES ?pub {{ {values} }} "
        "OPTIONAL { ?pub dcterms:title ?t } OPTIONAL { ?pub fabio:hasPublicationYear ?y } "
        "OPTIONAL { ?pub dcterms:isPartOf ?jo . ?jo dcterms:title ?j } OPTIONAL { ?pub prism:volume ?v } "
        "OPTIONAL { ?pub prism:issueIdentifier ?i } OPTIONAL { ?pub prism:pageRange ?pg } "
        "OPTIONAL { ?pub bibo:doi ?d } OPTIONAL { ?pub bibo:pmid ?pm } "
        "OPTIONAL { ?pub lmskg:authorListTruncated ?tr } "
        "OPTIONAL { SELECT ?pub ?author WHERE { ?pub lmskg:hasAuthorship ?a . ?a lmskg:authorPosition ?n ; "
        "lmskg:author ?person . ?person rdfs:label ?name BIND(CONCAT(STR(10000 + ?n), ?name) AS ?author) } } "
        "} GROUP BY ?pub")
    found: dict[str, Citation] = {}
    for row in rows:
        pub = _value(row, "pub")
        names = [a[5:] for a in sorted(_value(row, "authors").split("|")) if a]
        authors = ", ".join(names[:6]) + (", et al." if len(names) > 6 or _value(row, "truncated") == "true"
                                          else "")
        found[pub] = Citation(pub, href_for(pub), authors, _value(row, "title"),
                              _source(_value(row, "journal"), _value(row, "year"), _value(row, "volume"),
                                      _value(row, "issue"), _value(row, "pages")),
                              _value(row, "doi") or None, _value(row, "pmid") or None)
    return found


def _source(journal: str, year: str, volume: str, issue: str, pages: str) -> str:
    """``Journal. 2013;3(4):98-103.`` with whatever parts are known."""
    text = journal
    detail = year + (f";{volume}" if volume else "") + (f"({issue})" if issue else "") + (f":{pages}" if pages else "")
    if detail:
        text = f"{text}. {detail}" if text else detail
    return f"{text}." if text else ""


def publication_lists(publication: str, term_base: str) -> PublicationLists:
    """The cases a publication describes, the cohort figures it reports and the publications it cites."""
    ref = iri(publication)
    lists = PublicationLists()
    for row in select(PREFIXES + f"PREFIX lmskg: <{term_base}> SELECT ?case (SAMPLE(?l) AS ?label) "
                      f"(SAMPLE(?h) AS ?histology) WHERE {{ ?case lmskg:describedIn {ref} "
                      "OPTIONAL { ?case rdfs:label ?l } OPTIONAL { ?case lmskg:primaryHistology ?x . "
                      "?x rdfs:label ?h } } GROUP BY ?case ORDER BY ?case"):
        case = _value(row, "case")
        lists.cases.append(Item(_value(row, "label") or case.rsplit("/", 1)[-1], href_for(case),
                                _value(row, "histology")))
    for row in select(PREFIXES + f"PREFIX lmskg: <{term_base}> SELECT ?stat (SAMPLE(?m) AS ?measure) "
                      "(SAMPLE(?v) AS ?value) (SAMPLE(?vt) AS ?valueText) (SAMPLE(?u) AS ?unit) "
                      "(SAMPLE(?g) AS ?group) (SAMPLE(?p) AS ?population) WHERE { "
                      f"?stat lmskg:reportedIn {ref} OPTIONAL {{ ?stat lmskg:measure ?mx . ?mx rdfs:label ?m }} "
                      "OPTIONAL { ?stat lmskg:value ?v } OPTIONAL { ?stat lmskg:valueText ?vt } "
                      "OPTIONAL { ?stat lmskg:unit ?ux . ?ux rdfs:label ?u } "
                      "OPTIONAL { ?stat lmskg:group ?gx . ?gx rdfs:label ?g } "
                      "OPTIONAL { ?stat lmskg:population ?px . ?px rdfs:label ?p } } GROUP BY ?stat ORDER BY ?stat"):
        amount, unit = _value(row, "value") or _value(row, "valueText"), _value(row, "unit")
        if unit.isalpha() and amount != "1":
            unit += "s"  # "32 months"
        value = " ".join(v for v in (amount, unit) if v)
        whom = ", ".join(v for v in (_value(row, "group"), _value(row, "population")) if v)
        lists.figures.append(Item(f"{_value(row, 'measure') or 'figure'}: {value}".rstrip(": "),
                                  href_for(_value(row, "stat")), whom))
    cited = [_value(r, "c") for r in select(PREFIXES + f"SELECT DISTINCT ?c WHERE {{ {ref} cito:cites ?c "
                                            "FILTER(isIRI(?c)) } ORDER BY ?c LIMIT 1000")]
    by_iri = citations(cited, term_base)
    lists.references = [by_iri.get(c, Citation(c, href_for(c))) for c in cited]
    return lists
