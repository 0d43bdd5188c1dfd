"""What a text states of a tumour type as a whole: where it arises, where it spreads, how it presents, how it is imaged.

A profile statement is a cue of a profile measure (a mention of category "profile": the related synonyms of the
ontology's ``lmskg:ProfileMeasure`` classes, "occurs usually in", "symptoms can include") followed by a
coordinated list of concepts of the class the measure takes its values from (``lmskg:valuesFrom``): "the lungs,
liver, kidney, and skin", "abdominal pain or distension", or the items of a bulleted list after a colon. Each
concept is one figure, its value the concept as written. The population is the tumour the clause speaks of (the
last tumour named before the cue), else the tumour the page's title is about, else the first tumour of the
latest sentence that names one. A site cue in a sentence about spread
("metastatic disease ... most commonly involving liver") gives the metastatic site. A cue inside a contrast
("in contrast to endometrial carcinomas, which most commonly metastasize to ...") speaks of another tumour and
gives nothing.
"""

from __future__ import annotations

import re

from lmskg.extract import assertion
from lmskg.extract.casetext import Passage
from lmskg.extract.facts import CohortStatistic, Found, Span
from lmskg.extract.lexicon import Mention

LINK = re.compile(r"(?:\s*(?:,|;|\band\b|\bor\b|\bfollowed by\b|\bas well as\b|\bthe\b|\bin\b|\bto\b))*\s*", re.I)
CONTRAST = re.compile(r"\b(?:in contrast to|unlike|compared (?:with|to)|as opposed to)\s+(?:the\s+)?$", re.I)
IN_CONTRAST = re.compile(r"\b(?:in contrast to|unlike|compared (?:with|to)|as opposed to)\b[^,;]*$", re.I)
SPREAD = re.compile(r"\bmetasta\w*|\bspread\w*|\bdissemin\w*", re.I)
BULLET = re.compile(r"\s*[-*+\u2022]\s+")


def profile_statistics(p: Passage, publication: str | None, topic: Found[str] | None,
                       cohort: list[CohortStatistic] = ()) -> list[CohortStatistic]:
    """The profile figures of the passage's sentences, in order. After the passage's first cohort figure
    (``cohort``), a statement naming no tumour is about that cohort ("most common metastatic site was lung for
    both subtypes")."""
    from lmskg.vocab import LMSKG

    out: list[CohortStatistic] = []
    sentences = p.sentences
    running = topic
    for i, s in enumerate(sentences):
        if topic is None:
            first = _subject(p, s, None)
            running = first or running
        for cue in p.mentions(s, "profile"):
            if assertion.negated(p.text, cue.start, cue.end, s.start, s.end):
                continue
            subject = _subject(p, s, cue)
            if IN_CONTRAST.search(p.text, s.start, cue.start) or (
                    subject is not None and CONTRAST.search(p.text, s.start, subject.span.start)):
                continue                                  # "unlike endometrial carcinoma, which ...": another tumour
            measure = cue.term
            if measure == str(LMSKG.SiteOfOccurrence) and SPREAD.search(p.text, s.start, cue.start):
                measure = str(LMSKG.MetastaticSite)
            kind = p.ontology.values_from(measure)                                  # type: ignore[attr-defined]
            if kind is None:
                continue
            values = _listed(p, s, cue, kind) or _bulleted(p, sentences[i + 1:], cue, kind)
            study = [x for x in cohort if x.span.start < s.start and x.population_name is None]
            population = subject or (study[-1].population if study else running)
            if not values or population is None:
                continue
            for value, concept, span in values:
                out.append(CohortStatistic(
                    publication=publication,
                    span=span,
                    population=population,
                    measure=p.found(measure, cue.start, cue.end),
                    value=Found(value, concept.span),
                    concept=concept,
                ))
    return out


def topic_tumour(p: Passage, title: Span | None) -> Found[str] | None:
    """The first tumour type a title names ("Inferior vena cava leiomyosarcoma"), not a metastasis or a bare
    "tumor"."""
    if title is None:
        return None
    for m in p.analysis.within(title.start, title.end, "tumor"):
        named = [m, *sorted(p.analysis.nested(m, "tumor"), key=lambda n: n.start)]   # "leiomyosarcoma metastasis"
        for n in named:
            if not _generic(p, n.term):
                return p.found(n.term, n.start, n.end)
    return None


def _listed(p: Passage, s: Span, cue: Mention, kind: str) -> list[tuple[str, Found[str], Span]]:
    out = []
    at = cue.end
    for m in p.mentions(s, None):
        if m.start < at:
            continue
        gap = p.text[at:m.start]
        if not LINK.fullmatch(gap) or (out and "," not in gap and not re.search(r"\b(?:and|or|followed)\b", gap)):
            break
        if not p.ontology.is_a(m.term, kind):                                        # type: ignore[attr-defined]
            break
        out.append((m.text, p.found(m.term, m.start, m.end), s))
        at = m.end
    return out


def _bulleted(p: Passage, following: list[Span], cue: Mention, kind: str) -> list[tuple[str, Found[str], Span]]:
    """ "symptoms can include:" and a bulleted list: each item naming a concept of ``kind``, as written."""
    if not re.match(r"\s*:\s*$", p.text[cue.end:following[0].start] if following else ""):
        return []
    out = []
    for s in following:
        bullet = BULLET.match(p.text, s.start)
        if bullet is None:
            break
        named = [m for m in p.mentions(s, None) if p.ontology.is_a(m.term, kind)]  # type: ignore[attr-defined]
        if named:
            item = p.text[bullet.end():s.end].strip().rstrip(".;,")
            out.append((item, p.found(named[0].term, named[0].start, named[0].end), s))
    return out


def _subject(p: Passage, s: Span, cue: Mention | None) -> Found[str] | None:
    """The last tumour type named before ``cue`` in the sentence, or (no cue) the first the sentence names."""
    named = [m for m in p.mentions(s, "tumor") if (cue is None or m.end <= cue.start) and not _generic(p, m.term)]
    if not named:
        return None
    m = named[0] if cue is None else named[-1]
    return p.found(m.term, m.start, m.end)


def _generic(p: Passage, term: str) -> bool:
    from lmskg.extract.tumors import _generic as generic
    from lmskg.extract.tumors import metastatic_class

    return generic(term) or metastatic_class(p, term)
