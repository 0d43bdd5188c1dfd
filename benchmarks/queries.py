"""The query mix: the nine typical queries timed for the sum of medians, more shapes, and queries/*.rq.

Templates take ``{pmid}``, ``{case}`` and ``{pub}``, chosen once per graph from its own data (so every peer
answers the same question). Every query reads the union of the named graphs (no FROM, no GRAPH).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PREFIXES = """PREFIX lmskg: <https://w3id.org/lmskg/term/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX bibo: <http://purl.org/ontology/bibo/>
PREFIX fabio: <http://purl.org/spar/fabio/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
"""


@dataclass(frozen=True)
class Query:
    name: str
    text: str
    core: bool = False   # one of the nine summed for the headline figure

    @property
    def is_graph(self) -> bool:
        head = self.text.upper().split("WHERE")[0]
        return "CONSTRUCT" in head or "DESCRIBE" in head


TEMPLATES: list[tuple[str, str, bool]] = [
    ("lookup_pmid", """SELECT ?pub ?title ?year WHERE {
  ?pub bibo:pmid "{pmid}" .
  OPTIONAL { ?pub dcterms:title ?title } OPTIONAL { ?pub fabio:hasPublicationYear ?year } }""", True),
    ("subclass_closure", """SELECT DISTINCT ?case ?site WHERE {
  ?case lmskg:hasLesion ?lesion . ?lesion lmskg:site ?site .
  ?site rdfs:subClassOf* lmskg:ThoracicVertebra }""", True),
    ("group_concat", """SELECT ?pub (GROUP_CONCAT(?name; separator="; ") AS ?authors) WHERE {
  ?pub lmskg:hasAuthorship ?a . ?a lmskg:author ?person . ?person rdfs:label ?name } GROUP BY ?pub""", True),
    ("avg_by_group", """SELECT ?group (AVG(?value) AS ?mean) (COUNT(?s) AS ?n) WHERE {
  ?s a lmskg:CohortStatistic ; lmskg:measure ?measure ; lmskg:value ?value .
  OPTIONAL { ?s lmskg:group ?group } } GROUP BY ?group""", True),
    ("contains", """SELECT ?pub ?title WHERE {
  ?pub dcterms:title ?title . FILTER(CONTAINS(LCASE(STR(?title)), "radiosurgery")) }""", True),
    ("optional_heavy", """SELECT ?case ?age ?sex ?histology ?site ?pub ?title ?year WHERE {
  ?case a lmskg:PatientCase .
  OPTIONAL { ?case lmskg:hasPatient ?patient .
             OPTIONAL { ?patient lmskg:age ?age } OPTIONAL { ?patient lmskg:sex ?sex } }
  OPTIONAL { ?case lmskg:primaryHistology ?histology }
  OPTIONAL { ?case lmskg:primarySite ?site }
  OPTIONAL { ?case lmskg:describedIn ?pub .
             OPTIONAL { ?pub dcterms:title ?title } OPTIONAL { ?pub fabio:hasPublicationYear ?year } } }""", True),
    ("construct", """CONSTRUCT { ?case lmskg:site ?site } WHERE {
  ?case lmskg:hasLesion ?lesion . ?lesion lmskg:site ?site }""", True),
    ("count_star", """SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }""", True),
    ("order_offset", """SELECT ?pub ?year ?title WHERE {
  ?pub fabio:hasPublicationYear ?year ; dcterms:title ?title }
ORDER BY DESC(?year) ?title LIMIT 20 OFFSET 200""", True),
    ("lookup_iri", """SELECT ?p ?o WHERE { <{case}> ?p ?o }""", False),
    ("partof_closure", """SELECT ?region (COUNT(DISTINCT ?step) AS ?steps) WHERE {
  ?step lmskg:site ?site .
  ?site rdfs:subClassOf* ?r . ?r owl:onProperty lmskg:partOf ; owl:someValuesFrom ?region }
GROUP BY ?region""", False),
    ("describe_case", """DESCRIBE <{case}>""", False),
    ("evidence", """SELECT ?p ?o ?start ?end ?sentence WHERE {
  ?st rdf:subject <{pub}> ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?ev .
  OPTIONAL { ?ev oa:hasSelector ?sel . ?sel oa:start ?start ; oa:end ?end }
  OPTIONAL { ?ev lmskg:sentence ?sentence } }""", False),
]

PMIDS_QUERY = PREFIXES + """SELECT ?pmid ?pub WHERE { ?pub bibo:pmid ?pmid } ORDER BY ?pmid"""
CASES_QUERY = PREFIXES + """SELECT ?case WHERE { ?case a lmskg:PatientCase } ORDER BY ?case"""


def build(params: dict[str, str], shipped: Path | None = None) -> list[Query]:
    """The query mix with its parameters filled in; ``shipped`` adds the project's queries/*.rq."""
    out = []
    for name, template, core in TEMPLATES:
        text = template
        for key, value in params.items():
            text = text.replace("{" + key + "}", value)
        out.append(Query(name, PREFIXES + text, core))
    if shipped is not None and shipped.is_dir():
        for path in sorted(shipped.glob("*.rq")):
            out.append(Query(f"rq:{path.stem}", path.read_text(encoding="utf-8")))
    return out
