"""The lmskg ontology at run time: labels, synonyms, categories, hierarchy, cross-references and vertebra order.

Everything here is read from ``ontology/lmskg.ttl``; no term is typed in this module except the names of the
top classes that decide a term's category.

>>> onto = load_ontology()
>>> [onto.label(t) for t in onto.vertebra_range(onto.vertebra("T1"), onto.vertebra("T4"))]
['thoracic vertebra 1', 'thoracic vertebra 2', 'thoracic vertebra 3', 'thoracic vertebra 4']
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path

import rdflib
import rdflib.collection
from rdflib import OWL, RDF, RDFS, URIRef

from lmskg.errors import OntologyError

TERM_NS = "https://w3id.org/lmskg/term/"
ONTOLOGY_IRI = "https://w3id.org/lmskg/ontology"
DEFINITION = URIRef("http://purl.obolibrary.org/obo/IAO_0000115")
OBOINOWL = rdflib.Namespace("http://www.geneontology.org/formats/oboInOwl#")
EXACT = OBOINOWL.hasExactSynonym
RELATED = OBOINOWL.hasRelatedSynonym
XREF = OBOINOWL.hasDbXref
NEXT = URIRef(TERM_NS + "nextVertebra")
IMPLIES_SEX = URIRef(TERM_NS + "impliesSex")
VALUES_FROM = URIRef(TERM_NS + "valuesFrom")
GIVEN_AS = URIRef(TERM_NS + "givenAs")
PREVIOUS = URIRef(TERM_NS + "previousVertebra")

#: top class -> category of every class under it (through rdfs:subClassOf*)
CLASS_CATEGORIES = {
    "Neoplasm": "tumor",
    "AnatomicalEntity": "anatomy",
    "Procedure": "procedure",
    "ChemotherapyAgent": "agent",
    "ClinicalFinding": "finding",
    "OutcomeMeasure": "outcome",
    "ProfileMeasure": "profile",
    "MedicalCondition": "condition",
}
#: class of named individuals -> category of its members
INDIVIDUAL_CATEGORIES = {
    "UnitOfMeasure": "unit",
    "BiologicalSex": "sex",
    "LesionRole": "role",
    "StudyPopulation": "population",
    "PublicationKind": "publication-kind",
    "DocumentZone": "zone",
}

_VERTEBRA_SYMBOL = re.compile(r"^([CTLS])\s*(\d{1,2})$")


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    term: str        # full IRI of the class or individual
    text: str        # the label or synonym as written in the ontology
    scope: str       # "label" | "exact" | "related" | "abbreviation"
    category: str    # "tumor" | "anatomy" | ... | "publication-kind" | "zone"


def is_abbreviation(text: str) -> bool:
    """An all-caps synonym such as "LMS", "SBRT" or "T3": matched case-sensitively by the extractor."""
    return any(c.isupper() for c in text) and not any(c.islower() for c in text)


class Ontology:
    """Read-only view of the ontology graph. Terms are full IRIs given as ``str``."""

    def __init__(self, graph: rdflib.Graph, path: Path | None = None) -> None:
        self.graph = graph
        self.path = path
        self._parents: dict[str, set[str]] = {}
        for child, parent in graph.subject_objects(RDFS.subClassOf):
            if isinstance(child, URIRef) and isinstance(parent, URIRef):
                self._parents.setdefault(str(child), set()).add(str(parent))
        # a class defined as an intersection (C ≡ A ⊓ B ⊓ ...) is a subclass of each named A, B
        for child, definition in graph.subject_objects(OWL.equivalentClass):
            members = graph.value(definition, OWL.intersectionOf)
            if isinstance(child, URIRef) and members is not None:
                for member in rdflib.collection.Collection(graph, members):
                    if isinstance(member, URIRef):
                        self._parents.setdefault(str(child), set()).add(str(member))
        self._ancestors: dict[str, frozenset[str]] = {}
        self._categories = self._compute_categories()
        self._next = {str(s): str(o) for s, o in graph.subject_objects(NEXT)}
        self._previous = {str(s): str(o) for s, o in graph.subject_objects(PREVIOUS)}
        self._lexicon: list[LexiconEntry] | None = None
        self._vertebrae = self._compute_vertebra_names()

    # -- hierarchy and categories ------------------------------------------------------------------------------

    def ancestors(self, term: str) -> frozenset[str]:
        """The term and every class above it through rdfs:subClassOf (named classes only)."""
        cached = self._ancestors.get(term)
        if cached is not None:
            return cached
        seen = {term}
        todo = [term]
        while todo:
            for parent in self._parents.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        result = frozenset(seen)
        self._ancestors[term] = result
        return result

    def is_a(self, term: str, ancestor: str) -> bool:
        """Reflexive, transitive rdfs:subClassOf (including the named parts of an intersection definition)."""
        return ancestor in self.ancestors(term)

    def _compute_categories(self) -> dict[str, str]:
        roots = {TERM_NS + name: cat for name, cat in CLASS_CATEGORIES.items()}
        kinds = {TERM_NS + name: cat for name, cat in INDIVIDUAL_CATEGORIES.items()}
        categories: dict[str, str] = {}
        for cls in self.graph.subjects(RDF.type, OWL.Class):
            if isinstance(cls, URIRef) and str(cls).startswith(TERM_NS):
                found = {roots[a] for a in self.ancestors(str(cls)) if a in roots}
                if len(found) == 1:
                    categories[str(cls)] = found.pop()
                elif len(found) > 1:
                    raise OntologyError(f"{self.path or 'ontology'}: {cls} falls under several categories {found}")
        for ind in self.graph.subjects(RDF.type, OWL.NamedIndividual):
            for kind in self.graph.objects(ind, RDF.type):
                if str(kind) in kinds:
                    categories[str(ind)] = kinds[str(kind)]
        return categories

    def category(self, term: str) -> str | None:
        return self._categories.get(term)

    def terms(self, category: str | None = None) -> list[str]:
        """Every categorised term (or those of one category), sorted."""
        return sorted(t for t, c in self._categories.items() if category is None or c == category)

    # -- annotations -------------------------------------------------------------------------------------------

    def label(self, term: str) -> str:
        value = self.graph.value(URIRef(term), RDFS.label)
        if value is None:
            raise KeyError(f"no rdfs:label for {term}")
        return str(value)

    def implied_sex(self, term: str) -> str | None:
        """The sex every patient with ``term`` (or a class above it) has: ``lmskg:impliesSex``, else None."""
        return self._inherited(term, IMPLIES_SEX)

    def given_as(self, term: str) -> str | None:
        """The therapy a drug of class ``term`` is given as (``lmskg:givenAs``, inherited), or None."""
        return self._inherited(term, GIVEN_AS)

    def values_from(self, term: str) -> str | None:
        """The class whose subclasses are the values of profile measure ``term`` (``lmskg:valuesFrom``), or None."""
        return self._inherited(term, VALUES_FROM)

    def _inherited(self, term: str, annotation: URIRef) -> str | None:
        """``annotation`` of ``term`` itself, else of the nearest classes above it that have one (breadth first,
        in IRI order among classes as near)."""
        level, seen = [term], {term}
        while level:
            for cls in sorted(level):
                value = self.graph.value(URIRef(cls), annotation)
                if value is not None:
                    return str(value)
            level = sorted({parent for cls in level for parent in self._parents.get(cls, ()) if parent not in seen})
            seen.update(level)
        return None

    def definition(self, term: str) -> str | None:
        value = self.graph.value(URIRef(term), DEFINITION)
        return None if value is None else str(value)

    def xrefs(self, term: str) -> list[str]:
        """The CURIEs of the term's oboInOwl:hasDbXref (exact and close matches), sorted."""
        return sorted(str(x) for x in self.graph.objects(URIRef(term), XREF))

    def lexicon(self) -> list[LexiconEntry]:
        """Every label and synonym of every categorised class or individual, sorted by term, scope, text."""
        if self._lexicon is None:
            entries: set[LexiconEntry] = set()
            for term, category in self._categories.items():
                node = URIRef(term)
                for label in self.graph.objects(node, RDFS.label):
                    entries.add(LexiconEntry(term, str(label), "label", category))
                for predicate, scope in ((EXACT, "exact"), (RELATED, "related")):
                    for text in self.graph.objects(node, predicate):
                        s = str(text)
                        entries.add(LexiconEntry(term, s, "abbreviation" if is_abbreviation(s) else scope, category))
            self._lexicon = sorted(entries, key=lambda e: (e.term, e.scope, e.text))
        return list(self._lexicon)

    # -- vertebrae ---------------------------------------------------------------------------------------------

    def is_vertebra(self, term: str) -> bool:
        """True for the single vertebrae of the column order (C1 ... S5, coccyx)."""
        return term in self._next or term in self._previous

    def _compute_vertebra_names(self) -> dict[str, str]:
        names: dict[str, str] = {}
        for term in set(self._next) | set(self._previous):
            node = URIRef(term)
            for predicate in (RDFS.label, EXACT):
                for text in self.graph.objects(node, predicate):
                    names[_normalise_vertebra_name(str(text))] = term
        return names

    def vertebra(self, name: str) -> str | None:
        """The vertebra class named by a level ("T3", "t3", "T 3", "C7", "S1") or by a label or exact synonym."""
        return self._vertebrae.get(_normalise_vertebra_name(name))

    def vertebra_range(self, first: str, last: str) -> list[str]:
        """The vertebrae from ``first`` to ``last`` inclusive, in column order, following the next-vertebra order.

        Raises ValueError if either is not a vertebra of the column order, or if ``last`` lies above ``first``.
        """
        for term in (first, last):
            if not self.is_vertebra(term):
                raise ValueError(f"not a vertebra of the column order: {term}")
        result = [first]
        current = first
        while current != last:
            nxt = self._next.get(current)
            if nxt is None or nxt in result:
                raise ValueError(f"{self.label(last)} does not follow {self.label(first)} in the vertebral column")
            result.append(nxt)
            current = nxt
        return result


def _normalise_vertebra_name(text: str) -> str:
    compact = " ".join(text.split()).strip()
    match = _VERTEBRA_SYMBOL.match(compact.upper())
    if match:
        return f"{match.group(1)}{int(match.group(2))}"
    return compact.casefold()


# -- loading -------------------------------------------------------------------------------------------------------

_CACHE: dict[tuple[Path, int], Ontology] = {}
_LOCK = threading.Lock()


def default_path() -> Path:
    """``Settings().ontology`` if it exists, else the ontology next to this package's checkout."""
    from lmskg.settings import Settings

    configured = Settings().ontology
    if configured.is_file():
        return configured
    checkout = Path(__file__).resolve().parents[2] / "ontology" / "lmskg.ttl"
    return checkout if checkout.is_file() else configured


def parse_graph(path: Path) -> rdflib.Graph:
    """Parse the Turtle source, or raise OntologyError naming the file and the reason."""
    if not path.is_file():
        raise OntologyError(f"{path}: ontology file not found")
    graph = rdflib.Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises several unrelated types for syntax errors
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise OntologyError(f"{path}: cannot parse the ontology: {reason}") from exc
    return graph


def load_ontology(path: Path | None = None) -> Ontology:
    """Load (once per file and modification time) and return the ontology."""
    resolved = (path or default_path()).resolve()
    try:
        stamp = resolved.stat().st_mtime_ns
    except OSError:
        raise OntologyError(f"{resolved}: ontology file not found") from None
    key = (resolved, stamp)
    with _LOCK:
        cached = _CACHE.get(key)
        if cached is None:
            cached = Ontology(parse_graph(resolved), resolved)
            _CACHE[key] = cached
        return cached


# -- vocab.py generation ---------------------------------------------------------------------------------------------

VOCAB_HEADER = '''"""The lmskg vocabulary as Python names.

generated from ontology/lmskg.ttl by scripts/generate_vocab.py — do not edit
"""

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from lmskg.settings import DEFAULT_BASE


class LMSKG(DefinedNamespace):
    """Classes, properties and named individuals of https://w3id.org/lmskg/ontology."""

    _NS = Namespace("{ns}")
    _fail = True

'''

VOCAB_FOOTER = '''

#: Instance data (docs/data-model.md): ``LMSKGD["case/<doc>-<n>"]``.
LMSKGD = Namespace(DEFAULT_BASE + "data/")
'''


def render_vocab(source: Path) -> str:
    """The text of src/lmskg/vocab.py for the ontology at ``source``."""
    graph = parse_graph(source)
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, OWL.NamedIndividual)
    names: dict[str, str] = {}
    for kind in kinds:
        for term in graph.subjects(RDF.type, kind):
            if isinstance(term, URIRef) and str(term).startswith(TERM_NS):
                local = str(term)[len(TERM_NS):]
                if not local.isidentifier():
                    raise OntologyError(f"{source}: term name {local!r} is not a Python identifier")
                label = graph.value(term, RDFS.label)
                names[local] = " ".join(str(label).split()) if label is not None else ""
    lines = [f"    {name}: URIRef  # {label}".rstrip() for name, label in sorted(names.items())]
    return VOCAB_HEADER.format(ns=TERM_NS) + "\n".join(lines) + "\n" + VOCAB_FOOTER
