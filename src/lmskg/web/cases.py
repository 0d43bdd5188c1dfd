"""A case as a clinician reads it: patient, tumor, lesions, presentation, treatments in order, outcomes, history.

One query reads the case and its parts (``<case>/patient``, ``/lesion-k``, ...) with the evidence of every fact;
each fact of the summary carries the numbers of the sentences it was read from, listed under the summary with
the exact characters marked (the span's offsets within its sentence).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from lmskg.web.common import iri, literal, select
from lmskg.web.links import Passage, Quote, href_for, passages, quote_from
from lmskg.web.spine import level_ranges

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


@dataclass
class Fact:
    text: str
    iri: str | None = None
    href: str | None = None
    quotes: list[int] = field(default_factory=list)


@dataclass
class Sites:
    """Where a lesion or procedure is: vertebrae written as runs ("T1–T4"), other sites by name."""

    levels: Fact | None
    level_iris: list[str]
    others: list[Fact]


@dataclass
class Lesion:
    role: Fact | None
    sites: Sites


@dataclass
class Procedure:
    procedure: Fact
    sites: Sites
    agents: list[Fact]


@dataclass
class Step:
    number: int | None
    procedures: list[Procedure]


@dataclass
class Timed:
    """A finding, outcome or past event with the time the text gives for it."""

    what: Fact
    time: Fact | None = None


@dataclass
class CaseSummary:
    patient: list[Fact] = field(default_factory=list)
    histology: list[Fact] = field(default_factory=list)
    primary_site: list[Fact] = field(default_factory=list)
    lesions: list[Lesion] = field(default_factory=list)
    findings: list[Timed] = field(default_factory=list)
    conditions: list[Fact] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    outcomes: list[Timed] = field(default_factory=list)
    history: list[Timed] = field(default_factory=list)
    publication: str | None = None
    quotes: list[Quote] = field(default_factory=list)

    def passages(self) -> list[Passage]:
        return passages(self.quotes)

    def documents(self) -> list[tuple[str, str | None]]:
        """(name, link) of the documents the quotes come from, in order of first use."""
        seen = dict.fromkeys((q.document, q.document_href) for q in self.quotes if q.document)
        return [(document.rsplit("/", 1)[-1], href) for document, href in seen]

    def heading(self) -> str:
        """"Case: 52 year old, female, leiomyosarcoma" from what is known."""
        known = [f.text for f in (*self.patient, *self.histology)]
        return "Case: " + ", ".join(known) if known else "Case"

    def lesion_levels(self) -> set[str]:
        return {v for lesion in self.lesions for v in lesion.sites.level_iris}

    def treated_levels(self) -> list[tuple[str, str, list[str]]]:
        """(step number, step and procedure, the vertebrae it acted on) for every procedure that names levels."""
        return [(str(step.number or "?"), f"step {step.number or '?'}: {p.procedure.text}", p.sites.level_iris)
                for step in self.steps for p in step.procedures if p.sites.level_iris]

    def other_sites(self) -> list[tuple[str, str]]:
        """(site, role) of the lesions outside the vertebral column, for naming beside the picture."""
        return [(site.text, lesion.role.text if lesion.role else "lesion")
                for lesion in self.lesions for site in lesion.sites.others]


class _Facts:
    """The rows of the case query, by subject and predicate, with every quote of a shown fact numbered in text
    order (the link to the publication is shown as its citation, with no quote)."""

    def __init__(self, rows: list[dict[str, dict[str, str]]], unquoted: frozenset[str]) -> None:
        seen: set[tuple[str, str, str]] = set()
        self.values: dict[str, dict[str, list[Fact]]] = defaultdict(lambda: defaultdict(list))
        quotes: dict[str, Quote] = {}
        cited: dict[tuple[str, str, str], set[str]] = defaultdict(set)
        for row in rows:
            s, p, o = row["s"]["value"], row["p"]["value"], row["o"]
            key = (s, p, o["value"])
            if "ev" in row and p not in unquoted:
                quote = quote_from(row)
                if quote is not None:
                    quotes.setdefault(quote.evidence, quote)
                    cited[key].add(quote.evidence)
            if key not in seen:
                seen.add(key)
                text = row.get("olabel", {}).get("value") or o["value"]
                is_iri = o["type"] == "uri"
                self.values[s][p].append(Fact(text, o["value"] if is_iri else None,
                                              href_for(o["value"]) if is_iri else None))
        ordered = sorted(quotes.values(), key=lambda q: (q.document or "", q.start or 0, q.end or 0))
        self.quotes = [q.numbered(n) for n, q in enumerate(ordered, 1)]
        number = {q.evidence: q.number for q in self.quotes}
        for s, by_predicate in self.values.items():
            for p, facts in by_predicate.items():
                for fact in facts:
                    fact.quotes = sorted(number[e] for e in cited[(s, p, fact.iri or fact.text)])

    def of(self, subject: str, predicate: str) -> list[Fact]:
        return self.values.get(subject, {}).get(predicate, [])

    def one(self, subject: str, predicate: str) -> Fact | None:
        found = self.of(subject, predicate)
        return found[0] if found else None

    def parts(self, case: str, predicate: str) -> list[str]:
        return sorted((f.iri for f in self.of(case, predicate) if f.iri), key=_part_order)


def _part_order(part: str) -> tuple[str, int]:
    stem, _, number = part.rpartition("-")
    return (stem, int(number)) if number.isdigit() else (part, 0)


def _sites(sites: list[Fact], vertebrae: list[tuple[str, str]]) -> Sites:
    column = {v for v, _ in vertebrae}
    levels = [s for s in sites if s.iri in column]
    text = level_ranges([s.iri for s in levels], vertebrae)
    fact = Fact(text, quotes=sorted({n for s in levels for n in s.quotes})) if text else None
    return Sites(fact, [s.iri for s in levels if s.iri], [s for s in sites if s.iri not in column])


def _amount(value: Fact | None, unit: Fact | None) -> Fact | None:
    """"8 weeks": the unit's label in the plural unless the value is one."""
    if value is not None and unit is not None and value.text != "1" and unit.text.isalpha():
        unit = Fact(unit.text + "s", unit.iri, unit.href, unit.quotes)
    return _joined(value, unit)


def _joined(*facts: Fact | None, sep: str = " ") -> Fact | None:
    present = [f for f in facts if f is not None]
    if not present:
        return None
    return Fact(sep.join(f.text for f in present), quotes=sorted({n for f in present for n in f.quotes}))


def case_summary(case: str, term_base: str, vertebrae: list[tuple[str, str]]) -> CaseSummary:
    """The summary of ``case``; ``vertebrae`` is the column order as (IRI, short name) pairs."""
    t = term_base
    facts = _Facts(_rows(case, t), frozenset({t + "describedIn"}))
    summary = CaseSummary(quotes=facts.quotes)
    patient = facts.one(case, t + "hasPatient")
    if patient and patient.iri:
        age = facts.one(patient.iri, t + "age")
        unit = facts.one(patient.iri, t + "ageUnit")
        age_text = _joined(age, unit)
        if age_text:
            age_text.text = f"{age_text.text} old" if unit else f"{age_text.text} years old"
            summary.patient.append(age_text)
        summary.patient += facts.of(patient.iri, t + "sex")
    summary.histology = facts.of(case, t + "primaryHistology")
    summary.primary_site = facts.of(case, t + "primarySite")
    by_role: dict[str, tuple[Fact | None, list[Fact]]] = {}
    for lesion in facts.parts(case, t + "hasLesion"):
        role = facts.one(lesion, t + "lesionRole")
        kept = by_role.setdefault(role.text if role else "", (role, []))
        if role and kept[0]:
            kept[0].quotes = sorted({*kept[0].quotes, *role.quotes})
        kept[1].extend(facts.of(lesion, t + "site"))
    summary.lesions = [Lesion(role, _sites(sites, vertebrae)) for role, sites in by_role.values()]
    for finding in facts.parts(case, t + "hasFinding"):
        what = facts.one(finding, t + "finding")
        if what:
            summary.findings.append(Timed(what, _amount(facts.one(finding, t + "durationValue"),
                                                        facts.one(finding, t + "durationUnit"))))
    summary.conditions = facts.of(case, t + "hasCondition")
    summary.steps = _steps(facts, case, t, vertebrae)
    for outcome in facts.parts(case, t + "hasOutcome"):
        what = facts.one(outcome, t + "outcome")
        if what:
            dates = _joined(facts.one(outcome, t + "startDate"), facts.one(outcome, t + "endDate"), sep=" to ")
            time = _amount(facts.one(outcome, t + "value"), facts.one(outcome, t + "unit"))
            summary.outcomes.append(Timed(what, _joined(time, dates, sep=", ") if dates else time))
    for event in facts.parts(case, t + "hasHistory"):
        what = facts.one(event, t + "event")
        if what:
            years = facts.one(event, t + "yearsBefore")
            if years:
                years = Fact(f"{years.text} years before", quotes=years.quotes)
            summary.history.append(Timed(what, years))
    publication = facts.one(case, t + "describedIn")
    summary.publication = publication.iri if publication else None
    return summary


def _steps(facts: _Facts, case: str, t: str, vertebrae: list[tuple[str, str]]) -> list[Step]:
    steps: dict[int | None, list[Procedure]] = defaultdict(list)
    for part in facts.parts(case, t + "hasTreatment"):
        procedure = facts.one(part, t + "procedure")
        if procedure is None:
            continue
        number = facts.one(part, t + "stepNumber")
        steps[int(number.text) if number and number.text.isdigit() else None].append(Procedure(
            procedure, _sites(facts.of(part, t + "site"), vertebrae), facts.of(part, t + "agent")))
    return [Step(n, steps[n]) for n in sorted(steps, key=lambda n: (n is None, n or 0))]


def _rows(case: str, t: str) -> list[dict[str, dict[str, str]]]:
    ref = iri(case)
    return select(
        "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> PREFIX prov: <http://www.w3.org/ns/prov#> "
        f"PREFIX oa: <http://www.w3.org/ns/oa#> PREFIX lmskg: <{t}> "
        "SELECT ?s ?p ?o (SAMPLE(?l) AS ?olabel) ?ev (SAMPLE(?sent) AS ?sentence) (SAMPLE(?ss) AS ?sentenceStart) "
        "(SAMPLE(?b) AS ?start) (SAMPLE(?e) AS ?end) (SAMPLE(?x) AS ?exact) (SAMPLE(?d) AS ?doc) WHERE { "
        f"{{ BIND({ref} AS ?s) }} UNION {{ {ref} ?link ?s FILTER(STRSTARTS(STR(?s), {literal(case + '/')})) }} "
        f"?s ?p ?o FILTER(?p != rdf:type) OPTIONAL {{ ?o <{RDFS_LABEL}> ?l }} "
        "OPTIONAL { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?ev . "
        "OPTIONAL { ?ev lmskg:sentence ?sent } OPTIONAL { ?ev lmskg:sentenceStart ?ss } "
        "OPTIONAL { ?ev oa:hasSource ?d } "
        "OPTIONAL { ?ev oa:hasSelector ?sel . ?sel oa:start ?b ; oa:end ?e } "
        "OPTIONAL { ?ev oa:hasSelector ?q . ?q oa:exact ?x } } "
        "} GROUP BY ?s ?p ?o ?ev LIMIT 5000")


@dataclass
class CaseAt:
    """A case involving a site: how (lesion role or procedure) and at which site below the one asked about."""

    case: str
    href: str | None
    label: str
    how: str
    site: str


def cases_at(area: str, term_base: str) -> list[CaseAt]:
    """The cases whose lesions, treatments or primary site lie in ``area``, through subclass and part-of."""
    ref = iri(area)
    rows = select(
        f"PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX owl: <http://www.w3.org/2002/07/owl#> "
        f"PREFIX lmskg: <{term_base}> "
        "SELECT ?case (SAMPLE(?cl) AS ?label) ?how ?siteLabel WHERE { "
        "{ ?case lmskg:hasLesion ?x . ?x lmskg:site ?s ; lmskg:lesionRole ?r . ?r rdfs:label ?how } "
        "UNION { ?case lmskg:hasTreatment ?x . ?x lmskg:site ?s ; lmskg:procedure ?pr . ?pr rdfs:label ?how } "
        "UNION { ?case lmskg:primarySite ?s BIND(\"primary site\" AS ?how) } "
        f"?s (rdfs:subClassOf|rdfs:subClassOf/owl:someValuesFrom)* {ref} . ?s rdfs:label ?siteLabel "
        "OPTIONAL { ?case rdfs:label ?cl } } GROUP BY ?case ?how ?siteLabel ORDER BY ?case ?how ?siteLabel LIMIT 2000")
    return [CaseAt(r["case"]["value"], href_for(r["case"]["value"]),
                   r.get("label", {}).get("value", r["case"]["value"].rsplit("/", 1)[-1]),
                   r["how"]["value"], r["siteLabel"]["value"]) for r in rows]
