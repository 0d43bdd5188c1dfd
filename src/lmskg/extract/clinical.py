"""Clinical extraction: patient cases and cohort statistics of a document, every fact tied to its span.

``extract_cases`` and ``extract_statistics`` are what :mod:`lmskg.build` calls. The document is cut into
passages per publication and each passage into cases and cohort text (:mod:`lmskg.extract.segments`); the
vocabulary comes from the ontology lexicon (:mod:`lmskg.extract.lexicon`).
"""

from __future__ import annotations

from collections.abc import Sequence

from lmskg.documents.model import Document
from lmskg.extract.cases import build_case
from lmskg.extract.casetext import Passage
from lmskg.extract.facts import Case, CohortStatistic, Publication
from lmskg.extract.lexicon import lexicon_for
from lmskg.extract.profile import profile_statistics, topic_tumour
from lmskg.extract.segments import Segments, segment
from lmskg.extract.statistics import statistics

__all__ = ["extract_cases", "extract_statistics"]

_LAST: dict[tuple[int, int], tuple[Document, Segments]] = {}


def _segments(doc: Document, ontology: object, publications: Sequence[Publication]) -> Segments:
    key = (id(doc), id(ontology))
    cached = _LAST.get(key)
    if cached is not None and cached[0] is doc:
        return cached[1]
    _LAST.clear()
    result = segment(doc, ontology, publications)
    _LAST[key] = (doc, result)
    return result


def _passage(doc: Document, ontology: object, segments: Segments, sentences: list) -> Passage:
    return Passage(doc, ontology, lexicon_for(ontology), segments.analysis, list(sentences))


def extract_cases(doc: Document, ontology: object, publications: Sequence[Publication]) -> tuple[Case, ...]:
    """The patient cases ``doc`` describes, numbered in order of appearance."""
    cases = []
    segments = _segments(doc, ontology, publications)
    for n, case in enumerate(segments.cases, start=1):
        passage = _passage(doc, ontology, segments, case.sentences)
        cases.append(build_case(passage, case, n, publications))
    return tuple(cases)


def extract_statistics(doc: Document, ontology: object, publications: Sequence[Publication]
                       ) -> tuple[CohortStatistic, ...]:
    """The cohort statistics ``doc`` reports, per passage, in order."""
    out: list[CohortStatistic] = []
    segments = _segments(doc, ontology, publications)
    own = next((p for p in publications if p.role == "this-document"), None)
    for key, sentences in segments.cohort:
        passage = _passage(doc, ontology, segments, sentences)
        topic = topic_tumour(passage, own.title.span if own and own.title else None)
        figures = statistics(passage, key)
        out.extend(figures)
        out.extend(profile_statistics(passage, key, topic, figures))
    return tuple(out)
