"""The text of one case (or one cohort passage) with everything the clinical extractors share.

A ``Passage`` is a run of sentences of a document, already analysed with the ontology lexicon; the helpers
give spans (offsets into the text as shipped), the mentions of a sentence, and vertebral levels resolved to
ontology terms through ``Ontology.vertebra_range``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TypeVar

from lmskg.documents.model import Document
from lmskg.extract import quantities as q
from lmskg.extract.facts import Found, Span
from lmskg.extract.lexicon import Analysis, Lexicon, Mention

T = TypeVar("T")

UNIT_LABELS = {"hour": "hour", "day": "day", "week": "week", "month": "month", "year": "year", "percent": "percent"}


@dataclass
class Passage:
    """Sentences of one document (``Span``s), their analysis and the ontology."""

    doc: Document
    ontology: object
    lexicon: Lexicon
    analysis: Analysis
    sentences: list[Span] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.doc.normalized

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.doc.text[start:end])

    def found(self, value: T, start: int, end: int) -> Found[T]:
        return Found(value, self.span(start, end))

    def mentions(self, sentence: Span, category: str | None = None) -> list[Mention]:
        return self.analysis.within(sentence.start, sentence.end, category)

    def label(self, term: str) -> str:
        """The term's rdfs:label, or "" for a term without one."""
        try:
            return str(self.ontology.label(term))                     # type: ignore[attr-defined]
        except KeyError:
            return ""

    def unit(self, name: str) -> str | None:
        """The unit individual labelled ``name`` ("week", "percent")."""
        return self.lexicon.lookup("unit", UNIT_LABELS.get(name, name))

    def vertebrae(self, levels: q.Levels) -> list[str]:
        """The vertebra terms of ``levels``, ranges expanded in the ontology's vertebra order."""
        out: list[str] = []
        for first, last in levels.parts:
            a = self.ontology.vertebra(first)                       # type: ignore[attr-defined]
            b = self.ontology.vertebra(last)                        # type: ignore[attr-defined]
            if a is None or b is None:
                continue
            try:
                span = self.ontology.vertebra_range(a, b)               # type: ignore[attr-defined]
            except ValueError:
                span = self.ontology.vertebra_range(b, a)               # type: ignore[attr-defined]
            for term in span:
                if term not in out:
                    out.append(term)
        return out

    def levels(self, sentence: Span) -> list[q.Levels]:
        """Vertebral levels of the sentence, except those a named term holds ("S-1", the drug)."""
        names = [m for m in self.mentions(sentence) if m.category not in ("anatomy", "unit")]
        return [lv for lv in q.levels(self.text, sentence.start, sentence.end)
                if not any(m.start <= lv.start and lv.end <= m.end for m in names)]

    def quantities(self, sentence: Span) -> list[q.Quantity]:
        ages = q.ages(self.text, sentence.start, sentence.end)
        return [x for x in q.quantities(self.text, sentence.start, sentence.end)
                if not any(a.start <= x.start < a.end for a in ages)]

    def is_vertebra(self, term: str) -> bool:
        return bool(self.ontology.is_vertebra(term))                # type: ignore[attr-defined]

    def within(self, part: str, whole: str) -> bool:
        """Is ``part`` a kind of ``whole`` or part of it (cerebellum in brain, T3 in the thoracic spine)?"""
        return self.ontology.is_a(part, whole) or _part_of(self.ontology, part, whole)  # type: ignore[attr-defined]

    def is_spine_region(self, term: str) -> bool:
        """The vertebral column or one of its regions (not a single vertebra)."""
        spine = _term("VertebralColumn")
        return term == spine or self.ontology.is_a(term, spine) or _part_of(self.ontology, term, spine)


def decimal(value: Decimal | int | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _term(name: str) -> str:
    from lmskg.vocab import LMSKG

    return str(LMSKG[name])


_PART_OF: dict[tuple[int, str, str], bool] = {}


def _part_of(ontology: object, term: str, whole: str, depth: int = 0) -> bool:
    """Does the ontology say ``term`` (or a class above it) is part of ``whole`` (partOf some ...), transitively?"""
    key = (id(ontology), term, whole)
    if key not in _PART_OF:
        _PART_OF[key] = _part_of_uncached(ontology, term, whole, depth)
    return _PART_OF[key]


def _part_of_uncached(ontology: object, term: str, whole: str, depth: int) -> bool:
    from rdflib import OWL, RDFS, URIRef

    if depth > 8:
        return False
    graph = ontology.graph                                              # type: ignore[attr-defined]
    part_of = URIRef(_term("partOf"))
    for cls in ontology.ancestors(term):                                # type: ignore[attr-defined]
        for restriction in graph.objects(URIRef(cls), RDFS.subClassOf):
            if (restriction, OWL.onProperty, part_of) not in graph:
                continue
            for target in graph.objects(restriction, OWL.someValuesFrom):
                if str(target) == whole or _part_of(ontology, str(target), whole, depth + 1):
                    return True
    return False
