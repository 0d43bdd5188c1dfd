"""The graph builder: documents → extracted facts → one named graph per document → N-Quads → the store.

Every instance IRI is derived from the document id, an ordinal, an identifier or a content hash, and the
output lines are sorted, so building the same documents twice gives byte-identical N-Quads. Each fact triple
is traced to the characters it was read from (an ``rdf:Statement`` with ``prov:wasDerivedFrom`` an
``oa:SpecificResource`` with text position and quote selectors and the enclosing sentence).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import sys
import unicodedata
import warnings
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import RDF, RDFS, XSD, BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import DCTERMS, FOAF, PROV
from rdflib.term import Node

from lmskg import nquads
from lmskg.documents import READERS, read_document
from lmskg.documents.model import Document
from lmskg.errors import DocumentError, ExtractionError, LmskgError, OntologyError, StoreError
from lmskg.extract.facts import Case, CohortStatistic, Extraction, Found, Publication, Span
from lmskg.extract.sentences import sentences
from lmskg.settings import DEFAULT_BASE, Settings
from lmskg.store import GRAPH_FILE, current_build, publish
from lmskg.vocab import LMSKG

if TYPE_CHECKING:
    from lmskg.remote import RemoteStore

BIBO = Namespace("http://purl.org/ontology/bibo/")
CITO = Namespace("http://purl.org/spar/cito/")
FABIO = Namespace("http://purl.org/spar/fabio/")
PRISM = Namespace("http://prismstandard.org/namespaces/basic/2.0/")
OA = Namespace("http://www.w3.org/ns/oa#")
ONTOLOGY_GRAPH = "graph/ontology"
FABIO_KIND = {"CaseReportKind": FABIO.CaseReport, "ReviewKind": FABIO.ReviewArticle}
SKIPPED_NAMES = re.compile(r"^(?:README|MANIFEST|LICENSE|NOTICE)\b|\.gold\.", re.I)

Extractor = Callable[[Document], Extraction]

# the terms DocumentGraph.fact writes for every fact, looked up once (a DefinedNamespace attribute is slow)
_TYPE, _STATEMENT, _SUBJECT, _PREDICATE, _OBJECT = RDF.type, RDF.Statement, RDF.subject, RDF.predicate, RDF.object
_DERIVED_FROM, _EVIDENCE, _SPECIFIC_RESOURCE = PROV.wasDerivedFrom, LMSKG.Evidence, OA.SpecificResource
_HAS_SOURCE, _HAS_SELECTOR, _START, _END, _EXACT = OA.hasSource, OA.hasSelector, OA.start, OA.end, OA.exact
_POSITION_SELECTOR, _QUOTE_SELECTOR = OA.TextPositionSelector, OA.TextQuoteSelector
_SENTENCE, _SENTENCE_START, _SENTENCE_END = LMSKG.sentence, LMSKG.sentenceStart, LMSKG.sentenceEnd
_ZONE = LMSKG.zone


@dataclass
class BuildResult:
    """What a build did: documents built, quads written, where, and the documents that failed."""

    documents: int = 0
    triples: int = 0
    path: Path | None = None
    failures: list[str] = field(default_factory=list)


# -- extraction ------------------------------------------------------------------------------------------------

def default_extractor(settings: Settings) -> Extractor:
    """Publications from lmskg.extract.bibliography, cases and statistics from lmskg.extract.clinical."""
    from lmskg.extract.bibliography import extract_publications
    from lmskg.extract.zones import zones_for

    try:
        from lmskg.extract import clinical
    except ImportError:                                   # clinical extraction not installed: publications only
        clinical = None
    ontology = _load_ontology(settings)

    def extract(doc: Document) -> Extraction:
        publications = extract_publications(doc, ontology)
        found = zones_for(doc, ontology)
        if clinical is None:
            return Extraction(publications=publications, zones=found)
        return Extraction(
            publications=publications,
            cases=tuple(clinical.extract_cases(doc, ontology, publications)),
            statistics=tuple(clinical.extract_statistics(doc, ontology, publications)),
            zones=found,
        )

    return extract


def _load_ontology(settings: Settings) -> object:
    from lmskg.ontology import load_ontology

    if not settings.ontology.is_file():
        raise OntologyError(f"{settings.ontology}: the ontology source is missing")
    return load_ontology(settings.ontology)


# -- RDF of one document -------------------------------------------------------------------------------------------

class DocumentGraph:
    """Writes one document's named graph, minting IRIs and recording evidence for every fact."""

    def __init__(self, doc: Document, base: str = DEFAULT_BASE, zones: object = None) -> None:
        self.doc = doc
        self.zones = zones
        self.base = base
        self.data = Namespace(f"{base}data/")
        self.iri = URIRef(f"{base}graph/{doc.id}")
        self.g: set[tuple[URIRef, URIRef, Node]] = set()
        self.document = self.data[f"document/{doc.id}"]
        self._sentences = sentences(doc)
        self._starts = [x.start for x in self._sentences]
        self._ends = [x.end for x in self._sentences]
        self._ordered = self._starts == sorted(self._starts) and self._ends == sorted(self._ends)

    # the document, publications, cases, statistics
    def add_document(self) -> None:
        doc, d, g = self.doc, self.document, self.g
        g.add((self.iri, PROV.wasDerivedFrom, d))
        g.add((d, RDF.type, LMSKG.SourceDocument))
        g.add((d, DCTERMS.identifier, Literal(doc.id)))
        g.add((d, LMSKG.fileName, Literal(doc.path.name)))
        g.add((d, LMSKG.documentKind, Literal(doc.kind)))
        if doc.source:
            g.add((d, DCTERMS.source, URIRef(doc.source)))
        g.add((d, LMSKG.text, Literal(doc.text)))

    def add_publications(self, publications: Sequence[Publication]) -> dict[str, URIRef]:
        iris: dict[str, URIRef] = {}
        for n, pub in enumerate(publications, start=1):
            iris[pub.key] = self.add_publication(pub, n)
        own = next((iris[p.key] for p in publications if p.role == "this-document"), None)
        if own is not None:
            for pub in publications:
                if pub.role == "cited-reference":
                    self.fact(own, CITO.cites, iris[pub.key], pub.span)
        return iris

    def add_publication(self, pub: Publication, n: int) -> URIRef:
        g = self.g
        p = publication_iri(self.data, pub, self.doc.id, n)
        g.add((p, RDF.type, FABIO.JournalArticle if pub.journal or pub.journal_abbrev else FABIO.Expression))
        g.add((p, LMSKG.readFrom, self.document))
        if pub.title:
            self.fact(p, DCTERMS.title, Literal(pub.title.value), pub.title.span)
        if pub.year:
            self.fact(p, FABIO.hasPublicationYear, Literal(f"{pub.year.value:04d}", datatype=XSD.gYear), pub.year.span)
        if pub.date:
            self.fact(p, PRISM.publicationDate, date_literal(pub.date.value), pub.date.span)
        for field_name, predicate in (("volume", PRISM.volume), ("issue", PRISM.issueIdentifier),
                                      ("pages", PRISM.pageRange), ("doi", BIBO.doi), ("pmid", BIBO.pmid),
                                      ("pmcid", FABIO.hasPubMedCentralId)):
            found = getattr(pub, field_name)
            if found:
                self.fact(p, predicate, Literal(str(found.value)), found.span)
        for keyword in pub.keywords:
            self.fact(p, PRISM.keyword, Literal(keyword.value), keyword.span)
        journal = pub.journal or pub.journal_abbrev
        if journal:
            j = self.data[f"journal/{slug(journal.value)}"]
            g.add((j, RDF.type, FABIO.Journal))
            self.fact(j, DCTERMS.title, Literal(journal.value), journal.span)
            if pub.journal_abbrev and pub.journal:
                self.fact(j, LMSKG.abbreviation, Literal(pub.journal_abbrev.value), pub.journal_abbrev.span)
            self.fact(p, DCTERMS.isPartOf, j, journal.span)
        for k, author in enumerate(pub.authors, start=1):
            person = self.data[f"person/{slug(author.family)}" + (f"-{author.initials.lower()}" if author.initials
                                                                   else "")]
            g.add((person, RDF.type, FOAF.Person))
            self.fact(person, FOAF.familyName, Literal(author.family), author.span)
            label = f"{author.family} {author.initials}".strip()
            self.fact(person, RDFS.label, Literal(label), author.span)
            if author.initials:
                self.fact(person, LMSKG.initials, Literal(author.initials), author.span)
            a = URIRef(f"{p}/authorship-{k}")
            g.add((p, LMSKG.hasAuthorship, a))
            g.add((a, RDF.type, LMSKG.Authorship))
            g.add((a, LMSKG.authorPosition, Literal(k)))
            self.fact(a, LMSKG.author, person, author.span)
        if pub.authors_truncated and pub.authors:
            first = pub.authors[0].span
            self.fact(p, LMSKG.authorListTruncated, Literal(True), Span(first.start, pub.authors[-1].span.end,
                                                                         self.doc.text[first.start:
                                                                                       pub.authors[-1].span.end]))
        for kind in pub.kinds:
            term = URIRef(kind.value)
            self.fact(p, LMSKG.publicationKind, term, kind.span)
            fabio = FABIO_KIND.get(str(term).rsplit("/", 1)[-1])
            if fabio is not None:
                g.add((p, RDF.type, fabio))
        return p

    def add_case(self, case: Case, publications: dict[str, URIRef]) -> URIRef:
        g = self.g
        c = self.data[f"case/{self.doc.id}-{case.ordinal}"]
        g.add((c, RDF.type, LMSKG.PatientCase))
        g.add((c, LMSKG.readFrom, self.document))
        g.add((c, LMSKG.ordinal, Literal(case.ordinal)))
        if case.publication in publications:
            self.fact(c, LMSKG.describedIn, publications[case.publication], case.span)
        patient = URIRef(f"{c}/patient")
        g.add((c, LMSKG.hasPatient, patient))
        g.add((patient, RDF.type, LMSKG.Patient))
        if case.patient.age:
            self.fact(patient, LMSKG.age, number(case.patient.age.value), case.patient.age.span)
            if case.patient.age_unit:
                self.fact(patient, LMSKG.ageUnit, URIRef(case.patient.age_unit), case.patient.age.span)
        if case.patient.sex:
            self.term(patient, LMSKG.sex, case.patient.sex)
        if case.primary_histology:
            self.term(c, LMSKG.primaryHistology, case.primary_histology)
        if case.primary_site:
            self.term(c, LMSKG.primarySite, case.primary_site)
        for condition in case.conditions:
            self.term(c, LMSKG.hasCondition, condition)
        for k, lesion in enumerate(case.lesions, start=1):
            x = self.part(c, LMSKG.hasLesion, f"lesion-{k}", LMSKG.Lesion)
            self.term(x, LMSKG.lesionRole, lesion.role)
            if lesion.histology:
                self.term(x, LMSKG.histology, lesion.histology)
            for site in lesion.sites:
                self.term(x, LMSKG.site, site)
        for k, finding in enumerate(case.findings, start=1):
            x = self.part(c, LMSKG.hasFinding, f"finding-{k}", LMSKG.FindingRecord)
            self.term(x, LMSKG.finding, finding.finding)
            if finding.duration_value:
                self.fact(x, LMSKG.durationValue, number(finding.duration_value.value), finding.duration_value.span)
                if finding.duration_unit:
                    self.fact(x, LMSKG.durationUnit, URIRef(finding.duration_unit), finding.duration_value.span)
        for k, step in enumerate(case.treatments, start=1):
            x = self.part(c, LMSKG.hasTreatment, f"treatment-{k}", LMSKG.TreatmentStep)
            self.fact(x, LMSKG.stepNumber, Literal(step.step), step.procedure.span)
            self.term(x, LMSKG.procedure, step.procedure)
            for site in step.sites:
                self.term(x, LMSKG.site, site)
            for agent in step.agents:
                self.term(x, LMSKG.agent, agent)
        for k, outcome in enumerate(case.outcomes, start=1):
            x = self.part(c, LMSKG.hasOutcome, f"outcome-{k}", LMSKG.OutcomeRecord)
            self.term(x, LMSKG.outcome, outcome.outcome)
            if outcome.value:
                self.fact(x, LMSKG.value, number(outcome.value.value), outcome.value.span)
                if outcome.unit:
                    self.fact(x, LMSKG.unit, URIRef(outcome.unit), outcome.value.span)
            if outcome.start_date:
                self.fact(x, LMSKG.startDate, date_literal(outcome.start_date.value), outcome.start_date.span)
            if outcome.end_date:
                self.fact(x, LMSKG.endDate, date_literal(outcome.end_date.value), outcome.end_date.span)
        for k, event in enumerate(case.history, start=1):
            x = self.part(c, LMSKG.hasHistory, f"history-{k}", LMSKG.HistoryRecord)
            self.term(x, LMSKG.event, event.event)
            if event.years_before:
                self.fact(x, LMSKG.yearsBefore, number(event.years_before.value), event.years_before.span)
        return c

    def add_statistic(self, stat: CohortStatistic, n: int, publications: dict[str, URIRef]) -> URIRef:
        g = self.g
        s = self.data[f"statistic/{self.doc.id}-{n}"]
        g.add((s, RDF.type, LMSKG.CohortStatistic))
        g.add((s, LMSKG.readFrom, self.document))
        g.add((s, LMSKG.ordinal, Literal(n)))
        if stat.publication in publications:
            self.fact(s, LMSKG.reportedIn, publications[stat.publication], stat.span)
        if stat.population_name is not None:
            pop = self.data[f"population/{self.doc.id}-{slug(stat.population_name.value)}"]
            g.add((pop, RDF.type, LMSKG.StudyPopulation))
            self.fact(pop, RDFS.label, Literal(stat.population_name.value), stat.population_name.span)
            self.term(pop, LMSKG.parentPopulation, stat.population)
            self.fact(s, LMSKG.population, pop, stat.population_name.span)
        else:
            self.term(s, LMSKG.population, stat.population)
        self.term(s, LMSKG.measure, stat.measure)
        if stat.group:
            self.term(s, LMSKG.group, stat.group)
        if isinstance(stat.value.value, str):
            self.fact(s, LMSKG.valueText, Literal(stat.value.value), stat.value.span)
            if stat.concept is not None:
                self.term(s, LMSKG.valueConcept, stat.concept)
        else:
            self.fact(s, LMSKG.value, number(stat.value.value), stat.value.span)
        if stat.unit:
            self.fact(s, LMSKG.unit, URIRef(stat.unit), stat.value.span)
        if stat.bounds is not None:
            self.fact(s, LMSKG.lower, number(stat.bounds[0].value), stat.bounds[0].span)
            self.fact(s, LMSKG.upper, number(stat.bounds[1].value), stat.bounds[1].span)
        if stat.p_value is not None:
            at, comparator = stat.p_value
            self.fact(s, LMSKG.pValue, Literal(at.value, datatype=XSD.decimal), at.span)
            if comparator != "=":
                self.fact(s, LMSKG.pValueComparator, Literal(comparator), at.span)
        if stat.category is not None:
            self.fact(s, LMSKG.category, Literal(stat.category.value), stat.category.span)
        if stat.time_point is not None:
            at, unit = stat.time_point
            self.fact(s, LMSKG.timePoint, number(at.value), at.span)
            self.fact(s, LMSKG.timePointUnit, URIRef(unit), at.span)
        return s

    # helpers
    def part(self, case: URIRef, predicate: URIRef, name: str, cls: URIRef) -> URIRef:
        x = URIRef(f"{case}/{name}")
        self.g.add((case, predicate, x))
        self.g.add((x, RDF.type, cls))
        return x

    def term(self, subject: URIRef, predicate: URIRef, found: Found[str]) -> None:
        self.fact(subject, predicate, URIRef(found.value), found.span)

    def fact(self, s: URIRef, p: URIRef, o: Node, span: Span) -> None:
        """Add ``s p o`` and the statement tying it to the characters of ``span``."""
        g = self.g
        g.add((s, p, o))
        start, end = span.start, span.end
        if not (0 <= start <= end <= len(self.doc.text)) or self.doc.text[start:end] != span.text:
            raise ExtractionError(f"{self.doc.path}: span {start}-{end} does not match the text ({span.text!r})")
        digest = hashlib.sha1(f"{s.n3()} {p.n3()} {o.n3()}".encode()).hexdigest()[:16]
        st = URIRef(f"{self.data}statement/{self.doc.id}/{digest}")
        ev = URIRef(f"{self.data}evidence/{self.doc.id}/{start}-{end}")
        g.add((st, _TYPE, _STATEMENT))
        g.add((st, _SUBJECT, s))
        g.add((st, _PREDICATE, p))
        g.add((st, _OBJECT, o))
        g.add((st, _DERIVED_FROM, ev))
        if (ev, _TYPE, _EVIDENCE) in g:
            return
        position, quote = URIRef(f"{ev}#position"), URIRef(f"{ev}#quote")
        g.add((ev, _TYPE, _EVIDENCE))
        g.add((ev, _TYPE, _SPECIFIC_RESOURCE))
        g.add((ev, _HAS_SOURCE, self.document))
        g.add((ev, _HAS_SELECTOR, position))
        g.add((position, _TYPE, _POSITION_SELECTOR))
        g.add((position, _START, Literal(start)))
        g.add((position, _END, Literal(end)))
        g.add((ev, _HAS_SELECTOR, quote))
        g.add((quote, _TYPE, _QUOTE_SELECTOR))
        g.add((quote, _EXACT, Literal(span.text)))
        zone = self.zones.at(start) if self.zones is not None else None
        if zone is not None:
            g.add((ev, _ZONE, URIRef(zone.individual)))
        s0, s1 = self.context(start, end)
        g.add((ev, _SENTENCE, Literal(self.doc.text[s0:s1])))
        g.add((ev, _SENTENCE_START, Literal(s0)))
        g.add((ev, _SENTENCE_END, Literal(s1)))

    def context(self, start: int, end: int) -> tuple[int, int]:
        """The sentence(s) holding ``[start, end)``; outside any sentence (a heading field), its line."""
        hi = max(end, start + 1)
        if self._ordered:  # those overlapping [start, hi): ending after start, starting before hi
            inside = self._sentences[bisect_right(self._ends, start):bisect_left(self._starts, hi)]
        else:
            inside = [s for s in self._sentences if s.start < hi and start < s.end]
        if inside:
            return min(start, inside[0].start), max(end, inside[-1].end)
        text = self.doc.text
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        return line_start, max(line_end, end)

    def nquads(self) -> list[str]:
        return nquads.lines(self.g, self.iri)


def document_nquads(doc: Document, extraction: Extraction, base: str = DEFAULT_BASE) -> list[str]:
    """The sorted N-Quads lines of one document's named graph."""
    dg = DocumentGraph(doc, base, extraction.zones)
    dg.add_document()
    publications = dg.add_publications(extraction.publications)
    for case in extraction.cases:
        dg.add_case(case, publications)
    for n, stat in enumerate(extraction.statistics, start=1):
        dg.add_statistic(stat, n, publications)
    return dg.nquads()


def ontology_nquads(path: Path, base: str = DEFAULT_BASE) -> list[str]:
    """The ontology in its own named graph, blank nodes labelled canonically so rebuilds are identical.

    The Turtle is parsed once (``load_ontology``, which the extractor then reuses) and the lines are kept per
    file, modification time and base, so repeated builds in one process do not canonicalise it again."""
    from lmskg.ontology import load_ontology

    try:
        key = (path.resolve(), path.stat().st_mtime_ns, base)
    except OSError as exc:
        raise OntologyError(f"{path}: the ontology source is missing") from exc
    lines = _ONTOLOGY_LINES.get(key)
    if lines is None:
        canonical = tree_labelled(load_ontology(path).graph)
        ds = Dataset()
        named = ds.graph(URIRef(f"{base}{ONTOLOGY_GRAPH}"))
        for triple in canonical:
            named.add(triple)
        lines = _ONTOLOGY_LINES[key] = sorted(set(_nquad_lines(ds)))
    return lines


_ONTOLOGY_LINES: dict[tuple[Path, int, str], list[str]] = {}


def tree_labelled(graph: Graph) -> Graph:
    """``graph`` with each blank node named by a digest of where it hangs and what it holds, so the names are the
    same on every run. An OWL ontology's blank nodes (restrictions, lists, axioms) form trees, each used as the
    object of at most one triple; a graph whose blank nodes do not is canonicalised in full instead."""
    into: dict[BNode, list[tuple]] = {}
    out: dict[BNode, list[tuple]] = {}
    for s, p, o in graph:
        if isinstance(o, BNode):
            into.setdefault(o, []).append((s, p))
        if isinstance(s, BNode):
            out.setdefault(s, []).append((p, o))
    if any(len(parents) > 1 for parents in into.values()):
        return to_canonical_graph(graph)
    content: dict[BNode, str] = {}
    visiting: set[BNode] = set()

    def held(b: BNode) -> str:
        if b not in content:
            if b in visiting:
                raise _NotATree
            visiting.add(b)
            content[b] = hashlib.sha1(" ".join(sorted(
                f"{p.n3()} {held(o) if isinstance(o, BNode) else o.n3()}" for p, o in out.get(b, ()))).encode()
            ).hexdigest()
        return content[b]

    names: dict[BNode, BNode] = {}

    def name(b: BNode) -> BNode:
        if b not in names:
            parent = into.get(b, [(None, None)])[0]
            where = "" if parent[0] is None else (
                f"{name(parent[0]).n3() if isinstance(parent[0], BNode) else parent[0].n3()} {parent[1].n3()}")
            names[b] = BNode("c" + hashlib.sha1(f"{where} {held(b)}".encode()).hexdigest()[:24])
        return names[b]

    try:
        labelled = Graph()
        for s, p, o in graph:
            labelled.add((name(s) if isinstance(s, BNode) else s, p, name(o) if isinstance(o, BNode) else o))
    except _NotATree:
        return to_canonical_graph(graph)
    return labelled


class _NotATree(Exception):
    """A blank node reaches itself: not a tree."""


def _nquad_lines(ds: Dataset) -> Iterator[str]:
    with warnings.catch_warnings():          # rdflib's own N-Quads serializer calls its deprecated Dataset.contexts
        warnings.simplefilter("ignore", DeprecationWarning)
        data = ds.serialize(format="nquads", encoding="utf-8").decode("utf-8")
    for line in data.splitlines():
        if line.strip():
            yield line + "\n"


# -- IRIs and literals ---------------------------------------------------------------------------------------------

def slug(text: str) -> str:
    """Lower case, each run of characters outside a-z0-9 as '-', no '-' at either end.

    >>> slug("Open Journal of Modern Neurosurgery")
    'open-journal-of-modern-neurosurgery'
    """
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def publication_iri(data: Namespace, pub: Publication, doc_id: str, n: int) -> URIRef:
    """By PMID, else DOI, else normalised title, else ``<doc>-<n>``: the same article read from two documents is
    one resource."""
    if pub.pmid:
        return data[f"publication/pmid-{pub.pmid.value}"]
    if pub.doi:
        return data["publication/doi-" + re.sub(r"[^a-z0-9._-]", "_", str(pub.doi.value).lower())]
    if pub.title and len(title_key(pub.title.value)) >= 20:
        return data["publication/title-" + hashlib.sha1(title_key(pub.title.value).encode()).hexdigest()[:16]]
    return data[f"publication/{doc_id}-{n}"]


def title_key(title: str) -> str:
    """A title reduced to its letters and digits, lower case: the same title however it is punctuated.

    >>> title_key("Spinal LMS: a case-report.") == title_key("spinal LMS - A case report")
    True
    """
    return re.sub(r"[^a-z0-9]+", "", unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower())


def number(value: Decimal | int | float) -> Literal:
    """``xsd:integer`` for whole numbers, else ``xsd:decimal``."""
    d = Decimal(str(value))
    if d == d.to_integral_value():
        return Literal(int(d), datatype=XSD.integer)
    return Literal(d.normalize(), datatype=XSD.decimal)


def date_literal(value: str) -> Literal:
    """An ISO date as precise as written: xsd:gYear, xsd:gYearMonth or xsd:date."""
    datatype = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}.get(len(value))
    return Literal(value, datatype=datatype) if datatype else Literal(value)


# -- building ---------------------------------------------------------------------------------------------------

def collect(paths: Iterable[Path]) -> list[Path]:
    """The document files under ``paths`` (files as given; folders walked, readable kinds only), sorted."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith(".") or SKIPPED_NAMES.search(name):
                        continue
                    if Path(name).suffix.lower() in READERS:
                        out.append(Path(root) / name)
        else:
            out.append(path)
    return sorted(dict.fromkeys(out), key=lambda p: (p.name, str(p)))


def build_lines(files: Sequence[Path], extract: Extractor, base: str, *, progress: bool = False,
                report: Callable[[str], None] | None = None) -> tuple[dict[str, list[str]], list[str]]:
    """Read and extract every file: the N-Quads lines per document id, and the error lines of those that failed."""
    per_doc: dict[str, list[str]] = {}
    failures: list[str] = []
    bar = _progress(len(files), progress)
    try:
        for path in files:
            try:
                lines, doc_id = _one(path, extract, base)
                if doc_id in per_doc:
                    raise DocumentError(path, f"another document already has the id '{doc_id}'")
                per_doc[doc_id] = lines
            except LmskgError as exc:
                failures.append(str(exc))
                if report:
                    report(str(exc))
            if bar is not None:
                bar.update(1)
    finally:
        if bar is not None:
            bar.close()
    return per_doc, failures


def _one(path: Path, extract: Extractor, base: str) -> tuple[list[str], str]:
    doc = read_document(path)
    try:
        extraction = extract(doc)
        return document_nquads(doc, extraction, base), doc.id
    except LmskgError:
        raise
    except Exception as exc:  # a fault in an extractor must not stop the other documents
        raise ExtractionError(f"{path}: extraction failed ({type(exc).__name__}: {exc})") from exc


def _progress(total: int, wanted: bool) -> object | None:
    if not wanted:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", file=sys.stderr, leave=False)


def write_and_publish(home: Path, lines: Iterable[str]) -> tuple[Path, int]:
    """Write the sorted lines to a temporary file in ``home`` and publish it; the previous build stays current
    until the new one is complete. An unwritable or full ``home`` is a StoreError, never a traceback."""
    tmp = home / f".graph-{os.getpid()}.nq.tmp"
    count = 0
    try:
        home.mkdir(parents=True, exist_ok=True)
        with tmp.open("w", encoding="utf-8", newline="\n") as f:
            for line in sorted(set(lines)):
                f.write(line)
                count += 1
        build = publish(home, tmp)
    except OSError as exc:
        raise StoreError(f"cannot write the graph to {home}: {exc.strerror or exc}; "
                         "the previous graph is unchanged") from exc
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
    return build / GRAPH_FILE, count


def build(paths: Sequence[Path], settings: Settings, *, extract: Extractor | None = None,
          progress: bool | None = None, report: Callable[[str], None] | None = None) -> BuildResult:
    """Build the graph from the documents under ``paths`` and publish it as the current build."""
    lines, documents, failures = _all_lines(paths, settings, extract, progress, report, "the previous graph")
    path, count = write_and_publish(settings.home, lines)
    return BuildResult(documents=documents, triples=count, path=path, failures=failures)


def _all_lines(paths: Sequence[Path], settings: Settings, extract: Extractor | None, progress: bool | None,
               report: Callable[[str], None] | None, kept: str) -> tuple[list[str], int, list[str]]:
    """The ontology's and the documents' N-Quads, how many documents were built, and the failures; ``kept``
    names what stays unchanged when no document could be built."""
    files = collect(paths)
    if not files:
        raise DocumentError(paths[0] if paths else settings.sources, "no documents to build")
    ontology = ontology_nquads(settings.ontology, settings.base)
    extract = extract or default_extractor(settings)
    if progress is None:
        progress = sys.stderr.isatty() or len(files) >= 50
    per_doc, failures = build_lines(files, extract, settings.base, progress=progress, report=report)
    if not per_doc:
        raise LmskgError(f"no document could be built ({len(failures)} failed); {kept} is unchanged")
    return [*ontology, *(x for lines in per_doc.values() for x in lines)], len(per_doc), failures


def build_into(store: RemoteStore, paths: Sequence[Path], settings: Settings, *, extract: Extractor | None = None,
               progress: bool | None = None, report: Callable[[str], None] | None = None) -> BuildResult:
    """Build the graph from the documents under ``paths`` into a remote store (:func:`lmskg.remote.load`):
    the store then holds exactly these documents' graphs and the ontology's; graphs already there with the
    same content are kept as they are."""
    from lmskg.remote import load

    lines, documents, failures = _all_lines(paths, settings, extract, progress, report, "the store")
    # a document that failed keeps the graph loaded earlier, so only a complete build may remove graphs
    result = load(store, lines, replace_all=not failures)
    return BuildResult(documents=documents, triples=result.triples, failures=failures)


def add_into(store: RemoteStore, file: Path, settings: Settings, *, extract: Extractor | None = None) -> BuildResult:
    """Add or replace one document's named graph in a remote store."""
    from lmskg.remote import load

    lines, _ = _one(file, extract or default_extractor(settings), settings.base)
    result = load(store, lines, replace_all=False)
    return BuildResult(documents=1, triples=result.triples)


def add(file: Path, settings: Settings, *, extract: Extractor | None = None) -> BuildResult:
    """Add or replace one document's named graph in the current graph and publish the result anew."""
    current = current_build(settings.home) / GRAPH_FILE
    extract = extract or default_extractor(settings)
    lines, doc_id = _one(file, extract, settings.base)
    graph = f"<{settings.base}graph/{doc_id}>"
    kept: list[str] = []
    with current.open(encoding="utf-8") as f:
        for line in f:
            if not line.rstrip().endswith(f"{graph} ."):
                kept.append(line)
    documents = len({m.group(1) for line in kept + lines if (m := _GRAPH.search(line))} - {
        f"{settings.base}{ONTOLOGY_GRAPH}"})
    path, count = write_and_publish(settings.home, [*kept, *lines])
    return BuildResult(documents=documents, triples=count, path=path)


_GRAPH = re.compile(r"<([^>]*)> \.\s*$")
