"""N-Quads written straight from the generator's facts, in the shape of docs/data-model.md.

A stand-in for ``lmskg build`` (``--graph-from synthetic``): it lets the harness run where the real pipeline
is not available, and gives a second, extractor-independent graph of the same documents. The real build
(``--graph-from build``, the default) is what the published figures use. The ontology graph carries the
vertebra hierarchy (subclass and part-of axioms) the closure queries walk.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

from benchmarks.generate import LEVELS, Doc

BASE = "https://w3id.org/lmskg/"
T = BASE + "term/"
D = BASE + "data/"
G = BASE + "graph/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCT = "http://purl.org/dc/terms/"
BIBO = "http://purl.org/ontology/bibo/"
FABIO = "http://purl.org/spar/fabio/"
PRISM = "http://prismstandard.org/namespaces/basic/2.0/"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
FOAF = "http://xmlns.com/foaf/0.1/"
PART_OF = T + "partOf"
REGION_CLASS = {"C": "CervicalVertebra", "T": "ThoracicVertebra", "L": "LumbarVertebra", "S": "SacralVertebra"}
REGION_SPINE = {"C": "CervicalSpine", "T": "ThoracicSpine", "L": "LumbarSpine", "S": "SacralSpine"}


def camel(label: str) -> str:
    return "".join(w[:1].upper() + w[1:] for w in re.split(r"[^A-Za-z0-9]+", label) if w)


def vertebra(level: str) -> str:
    return f"{T}{REGION_CLASS[level[0]]}{level[1:]}"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def iri(value: str) -> str:
    return f"<{value}>"


def lit(value: object, datatype: str | None = None) -> str:
    if isinstance(value, bool):
        raise TypeError(value)
    if isinstance(value, int) and datatype is None:
        return f'"{value}"^^<{XSD}integer>'
    if isinstance(value, float) and datatype is None:
        return f'"{value}"^^<{XSD}decimal>'
    text = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{text}"' + (f"^^<{datatype}>" if datatype else "")


def ontology_quads() -> Iterator[str]:
    """The vertebra hierarchy: Vertebra ⊒ ThoracicVertebra ⊒ ThoracicVertebra3, each part of its spine region."""
    g = iri(G + "ontology")

    def q(s: str, p: str, o: str) -> str:
        return f"{s} {p} {o} {g} .\n"

    yield q(iri(T + "Vertebra"), iri(RDF + "type"), iri(OWL + "Class"))
    yield q(iri(T + "Vertebra"), iri(RDFS + "label"), lit("vertebra"))
    for k, region in REGION_CLASS.items():
        spine = REGION_SPINE[k]
        yield q(iri(T + region), iri(RDFS + "subClassOf"), iri(T + "Vertebra"))
        yield q(iri(T + spine), iri(RDFS + "subClassOf"), iri(T + "VertebralColumn"))
        yield q(iri(T + region), iri(RDFS + "label"), lit(f"{spine[:-5].lower()} vertebra"))
        yield q(iri(T + spine), iri(RDFS + "label"), lit(f"{spine[:-5].lower()} spine"))
    for level in LEVELS:
        node = iri(vertebra(level))
        restriction = f"_:partof{level}"
        yield q(node, iri(RDF + "type"), iri(OWL + "Class"))
        yield q(node, iri(RDFS + "label"), lit(f"{level} vertebra"))
        yield q(node, iri(RDFS + "subClassOf"), iri(T + REGION_CLASS[level[0]]))
        yield q(node, iri(RDFS + "subClassOf"), restriction)
        yield q(restriction, iri(RDF + "type"), iri(OWL + "Restriction"))
        yield q(restriction, iri(OWL + "onProperty"), iri(PART_OF))
        yield q(restriction, iri(OWL + "someValuesFrom"), iri(T + REGION_SPINE[level[0]]))


class _Writer:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.graph = iri(G + doc.id)
        self.lines: list[str] = []
        self.cursor = 0

    def add(self, s: str, p: str, o: str) -> None:
        self.lines.append(f"{s} {p} {o} {self.graph} .\n")

    def fact(self, s: str, p: str, o: str, phrase: str) -> None:
        """A fact triple with its statement and evidence, the span found at or after the last one."""
        self.add(s, p, o)
        text = self.doc.text
        start = text.find(phrase, self.cursor)
        if start < 0:
            start = max(text.find(phrase), 0)
        end = start + len(phrase)
        self.cursor = start
        sent_start = text.rfind(". ", 0, start) + 2 if text.rfind(". ", 0, start) >= 0 else 0
        sent_end = text.find(". ", end)
        sent_end = len(text) if sent_end < 0 else sent_end + 1
        ev = iri(f"{D}evidence/{self.doc.id}/{start}-{end}")
        st = iri(f"{D}statement/{self.doc.id}/{hashlib.sha1(f'{s} {p} {o}'.encode()).hexdigest()[:16]}")
        self.add(st, iri(RDF + "type"), iri(RDF + "Statement"))
        self.add(st, iri(RDF + "subject"), s)
        self.add(st, iri(RDF + "predicate"), p)
        self.add(st, iri(RDF + "object"), o)
        self.add(st, iri(PROV + "wasDerivedFrom"), ev)
        pos = iri(f"{D}evidence/{self.doc.id}/{start}-{end}#position")
        quote = iri(f"{D}evidence/{self.doc.id}/{start}-{end}#quote")
        self.add(ev, iri(RDF + "type"), iri(T + "Evidence"))
        self.add(ev, iri(RDF + "type"), iri(OA + "SpecificResource"))
        self.add(ev, iri(OA + "hasSource"), iri(f"{D}document/{self.doc.id}"))
        self.add(ev, iri(OA + "hasSelector"), pos)
        self.add(ev, iri(OA + "hasSelector"), quote)
        self.add(pos, iri(RDF + "type"), iri(OA + "TextPositionSelector"))
        self.add(pos, iri(OA + "start"), lit(start))
        self.add(pos, iri(OA + "end"), lit(end))
        self.add(quote, iri(RDF + "type"), iri(OA + "TextQuoteSelector"))
        self.add(quote, iri(OA + "exact"), lit(text[start:end]))
        self.add(ev, iri(T + "sentence"), lit(text[sent_start:sent_end]))
        self.add(ev, iri(T + "sentenceStart"), lit(sent_start))
        self.add(ev, iri(T + "sentenceEnd"), lit(sent_end))


def document_quads(doc: Doc) -> list[str]:
    w = _Writer(doc)
    a = iri(RDF + "type")
    docnode = iri(f"{D}document/{doc.id}")
    w.add(w.graph, iri(PROV + "wasDerivedFrom"), docnode)
    w.add(docnode, a, iri(T + "SourceDocument"))
    w.add(docnode, iri(DCT + "identifier"), lit(doc.id))
    w.add(docnode, iri(T + "fileName"), lit(f"{doc.id}.txt"))
    w.add(docnode, iri(T + "documentKind"), lit(doc.kind))
    w.add(docnode, iri(T + "text"), lit(doc.text))
    pubs = []
    for n, pub in enumerate(doc.pubs, start=1):
        if pub.pmid:
            node = iri(f"{D}publication/pmid-{pub.pmid}")
        elif pub.doi:
            node = iri(f"{D}publication/doi-{re.sub(r'[^a-z0-9._-]', '_', pub.doi.lower())}")
        else:
            node = iri(f"{D}publication/{doc.id}-{n}")
        pubs.append(node)
        w.add(node, a, iri(FABIO + "JournalArticle"))
        w.add(node, iri(T + "readFrom"), docnode)
        w.fact(node, iri(DCT + "title"), lit(pub.title), pub.title)
        w.fact(node, iri(FABIO + "hasPublicationYear"), lit(str(pub.year), XSD + "gYear"), str(pub.year))
        w.fact(node, iri(PRISM + "volume"), lit(str(pub.volume)), str(pub.volume))
        w.fact(node, iri(PRISM + "issueIdentifier"), lit(str(pub.issue)), str(pub.issue))
        w.fact(node, iri(PRISM + "pageRange"), lit(pub.pages), pub.pages)
        if pub.doi:
            w.fact(node, iri(BIBO + "doi"), lit(pub.doi), pub.doi)
        if pub.pmid:
            w.fact(node, iri(BIBO + "pmid"), lit(pub.pmid), pub.pmid)
        kind = {"case report": "CaseReportKind", "case series": "CaseSeriesKind"}.get(pub.kind, "ReviewKind")
        w.fact(node, iri(T + "publicationKind"), iri(T + kind), pub.kind.split()[-1])
        journal = iri(f"{D}journal/{slug(pub.journal[0])}")
        w.fact(node, iri(DCT + "isPartOf"), journal, pub.journal[1])
        w.add(journal, a, iri(FABIO + "Journal"))
        w.add(journal, iri(DCT + "title"), lit(pub.journal[0]))
        for k, (family, initials) in enumerate(pub.authors, start=1):
            person = iri(f"{D}person/{slug(family)}-{initials.lower()}")
            ship = iri(f"{node[1:-1]}/authorship-{k}")
            w.add(node, iri(T + "hasAuthorship"), ship)
            w.add(ship, iri(T + "authorPosition"), lit(k))
            w.fact(ship, iri(T + "author"), person, family)
            w.add(person, a, iri(FOAF + "Person"))
            w.add(person, iri(FOAF + "familyName"), lit(family))
            w.add(person, iri(T + "initials"), lit(initials))
            w.add(person, iri(RDFS + "label"), lit(f"{family} {initials}"))
    for n, case in enumerate(doc.cases, start=1):
        c = f"{D}case/{doc.id}-{n}"
        node = iri(c)
        w.add(node, a, iri(T + "PatientCase"))
        w.add(node, iri(T + "describedIn"), pubs[case.pub])
        w.add(node, iri(T + "readFrom"), docnode)
        w.add(node, iri(T + "ordinal"), lit(n))
        patient = iri(c + "/patient")
        w.add(node, iri(T + "hasPatient"), patient)
        w.add(patient, a, iri(T + "Patient"))
        w.fact(patient, iri(T + "age"), lit(case.age), f"{case.age}-year-old")
        w.fact(patient, iri(T + "ageUnit"), iri(T + "Year"), "year")
        if case.sex:
            w.fact(patient, iri(T + "sex"), iri(T + case.sex.title()), "-old")
        w.fact(node, iri(T + "primaryHistology"), iri(T + "Leiomyosarcoma"), "eiomyosarcoma")
        if case.primary_site:
            w.fact(node, iri(T + "primarySite"), iri(T + camel(case.primary_site)), case.primary_site)
        if case.condition:
            w.fact(node, iri(T + "hasCondition"), iri(T + camel(case.condition)), case.condition)
        lesion = iri(c + "/lesion-1")
        w.add(node, iri(T + "hasLesion"), lesion)
        w.add(lesion, a, iri(T + "Lesion"))
        w.fact(lesion, iri(T + "lesionRole"), iri(T + "MetastasisRole"), "metasta")
        w.fact(lesion, iri(T + "histology"), iri(T + "Leiomyosarcoma"), "eiomyosarcoma")
        for level in case.levels:
            w.fact(lesion, iri(T + "site"), iri(vertebra(level)), level)
        for k, (finding, value, unit) in enumerate(case.findings, start=1):
            f = iri(f"{c}/finding-{k}")
            w.add(node, iri(T + "hasFinding"), f)
            w.add(f, a, iri(T + "FindingRecord"))
            w.fact(f, iri(T + "finding"), iri(T + camel(finding)), finding)
            if value:
                w.fact(f, iri(T + "durationValue"), lit(value), f"{value} ")
                w.fact(f, iri(T + "durationUnit"), iri(T + unit.title()), unit)
        k = 0
        for step_no, step in enumerate(case.steps, start=1):
            for procedure, levels, agents in step:
                k += 1
                t = iri(f"{c}/treatment-{k}")
                w.add(node, iri(T + "hasTreatment"), t)
                w.add(t, a, iri(T + "TreatmentStep"))
                w.add(t, iri(T + "stepNumber"), lit(step_no))
                w.fact(t, iri(T + "procedure"), iri(T + camel(procedure)), procedure)
                for level in levels:
                    w.fact(t, iri(T + "site"), iri(vertebra(level)), level)
                for agent in agents:
                    w.fact(t, iri(T + "agent"), iri(T + camel(agent)), agent)
        if case.outcome:
            label, value, unit = case.outcome
            o = iri(c + "/outcome-1")
            w.add(node, iri(T + "hasOutcome"), o)
            w.add(o, a, iri(T + "OutcomeRecord"))
            w.fact(o, iri(T + "outcome"), iri(T + camel(label)), label.split("-")[0])
            w.fact(o, iri(T + "value"), lit(value), f"{value} {unit}")
            w.fact(o, iri(T + "unit"), iri(T + unit.title()), unit)
    for n, stat in enumerate(doc.stats, start=1):
        s = iri(f"{D}statistic/{doc.id}-{n}")
        w.add(s, a, iri(T + "CohortStatistic"))
        w.add(s, iri(T + "reportedIn"), pubs[stat.pub])
        w.add(s, iri(T + "readFrom"), docnode)
        population = "CaseSeriesPopulation" if stat.population == "case series" else "SeriesAndLiteraturePopulation"
        w.fact(s, iri(T + "population"), iri(T + population), "series")
        if stat.group:
            w.fact(s, iri(T + "group"), iri(T + camel(stat.group)), stat.group)
        w.fact(s, iri(T + "measure"), iri(T + "OverallSurvival"), "survival")
        w.fact(s, iri(T + "value"), lit(stat.value), f"{stat.value:g}")
        if stat.unit:
            w.fact(s, iri(T + "unit"), iri(T + stat.unit.title()), stat.unit)
    return w.lines


def write_nquads(path: Path, docs: list[Doc]) -> int:
    """Write the ontology graph and one graph per document to ``path``; returns the number of quads."""
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for line in ontology_quads():
            out.write(line)
            count += 1
        for doc in docs:
            lines = document_quads(doc)
            out.writelines(lines)
            count += len(lines)
    return count
