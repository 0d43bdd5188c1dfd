"""Split a document into passages per publication, and each passage into patient cases and cohort text.

Only running text is read (the text zones of :mod:`lmskg.extract.zones`; titles, author lists, citations,
reference lists, index terms and page furniture never hold a case). A passage is a run of sentences
describing the same publication (``publication_for``). Inside it, a case starts at the first sentence that
introduces a patient (an age, a sex noun, "the case of a", "a patient") and runs to the end of the passage.
Sections that do not tell the case (background, methods, discussion, conclusion, back matter) are closed to
it when the document has a section that does (case presentation, or a plain abstract or body), and so are
results, unless they follow the case presentation and speak of no group of patients; a sentence
about several patients (a series, a cohort, literature cases) goes to the cohort text instead, and so does
every sentence outside a case.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from lmskg.documents.model import Document
from lmskg.extract import assertion
from lmskg.extract import quantities as q
from lmskg.extract.facts import Publication, Span
from lmskg.extract.lexicon import lexicon_for
from lmskg.extract.zones import zones_for

TABLE = re.compile(r"^\W*Table\s+\d+\b|\|[^|\n]*\|", re.M)
FOOTNOTE_STYLE = re.compile(r"<sup>\s*\d+\)\s*</sup>|^\s*\d+\)\s*$", re.M)


@dataclass
class CaseText:
    publication: str | None
    sentences: list[Span] = field(default_factory=list)
    intro: list[Span] = field(default_factory=list)     # the passage's sentences before the case starts


@dataclass
class Segments:
    cases: list[CaseText]
    cohort: list[tuple[str | None, list[Span]]]          # (publication, sentences) per passage
    analysis: object = None                              # the lexicon's analysis of the whole document


def segment(doc: Document, ontology: object, publications: Sequence[Publication]) -> Segments:
    from lmskg.extract.references import publication_for
    from lmskg.extract.sentences import sentences

    lexicon = lexicon_for(ontology)
    text = doc.normalized
    found = zones_for(doc, ontology)
    in_text = [(s, found.at(s.start)) for s in sentences(doc)]
    in_text = [(s, z) for s, z in in_text if z is not None and z.kind == "text"]
    sections = {s.start: z.section for s, z in in_text}
    told = any(sec in CASE_SECTIONS for sec in sections.values())
    following = _results_after_case(text, [s for s, _z in in_text], sections)
    passages: list[tuple[str | None, list[Span]]] = []
    cited = [p.span for p in publications if p.role == "cited-reference"]
    own = next((p.key for p in publications if p.role == "this-document"), None)
    cited_keys = {p.key for p in publications if p.role == "cited-reference"}
    footnotes = FOOTNOTE_STYLE.search(text) is not None
    for s, _zone in in_text:
        if text[s.start:s.end].lstrip().startswith("#") or any(c.start <= s.start and s.end <= c.end for c in cited):
            passages.append((None, []))                      # headings and reference entries break passages
            continue
        key = publication_for(doc, publications, s.start, s.end)
        if own is not None and not footnotes and key in cited_keys:
            key = own                  # "[3]" in an article's own text supports a statement; the article is the subject
        if passages and passages[-1][0] == key and passages[-1][1]:
            passages[-1][1].append(s)
        else:
            passages.append((key, [s]))
    analysis = lexicon.analyse(text)
    for background in (False, True):
        cases, cohort = [], []
        for key, sents in passages:
            if not sents:
                continue
            closed = [_closed(sections.get(x.start), told, background) and x.start not in following for x in sents]
            passage_cases, rest = _split_passage(text, sents, analysis, key, closed)
            cases.extend(passage_cases)
            if rest:
                cohort.append((key, rest))
        if cases or told:
            break
    return Segments(cases, cohort, analysis)


def _introduces_patient(text: str, s: Span, analysis: object) -> tuple[bool, bool]:
    """(strong, weak): an age or sex noun introduces a patient strongly; "the case of a" weakly."""
    strong = bool(q.ages(text, s.start, s.end)) or any(
        m.category == "sex" for m in analysis.within(s.start, s.end))      # type: ignore[attr-defined]
    weak = assertion.CASE_CUE.search(text, s.start, s.end) is not None
    return strong, weak


_TERM = "https://w3id.org/lmskg/term/"
CASE_SECTIONS = {_TERM + "CasePresentationSection"}
#: sections that never tell the case, and those that do not when another section does
NEVER_CASE = {_TERM + n for n in ("DiscussionSection", "ConclusionSection", "BackMatterZone", "MethodsSection",
                                   "BackgroundSection")}
BESIDE_CASE = {_TERM + "ResultsSection"}


def _results_after_case(text: str, sents: list[Span], sections: dict[int, str | None]) -> set[int]:
    """Starts of the sentences of a results section that follows a case presentation and speaks of no group of
    patients ("Case description: ... Results: Neck pain disappeared within days of surgery."): that case's
    outcome."""
    runs: list[list[Span]] = []
    for s in sents:
        if runs and sections.get(runs[-1][0].start) == sections.get(s.start):
            runs[-1].append(s)
        else:
            runs.append([s])
    out: set[int] = set()
    for before, run in pairwise(runs):
        if sections.get(run[0].start) in BESIDE_CASE and sections.get(before[0].start) in CASE_SECTIONS and not any(
                assertion.cohort(text, s.start, s.end) and not q.ages(text, s.start, s.end) for s in run):
            out.update(s.start for s in run)
    return out


def _closed(section: str | None, told: bool, background: bool = False) -> bool:
    """Is a sentence of ``section`` closed to the case? ``told``: the document has a case presentation;
    ``background``: the case is told nowhere but in the background (then that section is open)."""
    if background and section == _TERM + "BackgroundSection":
        return False
    return section in NEVER_CASE or (told and section in BESIDE_CASE)


def _split_passage(text: str, sents: list[Span], analysis: object, key: str | None, closed: list[bool]
                   ) -> tuple[list[CaseText], list[Span]]:
    closed = [c or TABLE.search(text, s.start, s.end) is not None for c, s in zip(closed, sents, strict=True)]
    flags = [_introduces_patient(text, s, analysis) for s in sents]
    cohortish = [assertion.cohort(text, s.start, s.end) and not q.ages(text, s.start, s.end) for s in sents]
    open_idx = [i for i in range(len(sents)) if not closed[i] and not cohortish[i]]
    start = next((i for i in open_idx if flags[i][0]), None)
    if start is None:
        start = next((i for i in open_idx if flags[i][1]), None)
    if start is None:
        return [], sents
    cases: list[CaseText] = [CaseText(key, [], sents[:start])]
    rest: list[Span] = list(sents[:start])
    age_seen = _age(text, sents[start])
    interrupted = False
    for i in range(start, len(sents)):
        s = sents[i]
        if closed[i]:
            if not TABLE.search(text, s.start, s.end):
                rest.append(s)                           # a table row restates the cases: no statistic of its own
            interrupted = True
            continue
        age = _age(text, s)
        if i > start and age is not None and age_seen is not None and age != age_seen and not cohortish[i]:
            cases.append(CaseText(key, [], []))              # a second patient in the same passage
            interrupted = False
        elif interrupted and age is not None and age == age_seen and cases[-1].sentences:
            told = cases.pop()                               # the same patient told again in full (abstract, then
            cases.append(CaseText(key, [], told.intro + told.sentences))   # the article): read the fuller telling
            interrupted = False
        if age is not None:
            age_seen = age
        if cohortish[i] and not flags[i][0]:
            rest.append(s)
        else:
            cases[-1].sentences.append(s)
    return [c for c in cases if c.sentences], rest


def _age(text: str, s: Span) -> str | None:
    found = q.ages(text, s.start, s.end)
    return None if not found else f"{found[0].value}{found[0].unit}"
