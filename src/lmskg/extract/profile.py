"""What a text states of a tumour type as a whole: where it arises, where it spreads, how it presents, how it is imaged.

A profile statement is a cue of a profile measure (a mention of category "profile": the related synonyms of the
ontology's ``lmskg:ProfileMeasure`` classes, "occurs usually in", "symptoms can include") followed by a
coordinated list of concepts of the class the measure takes its values from (``lmskg:valuesFrom``): "the lungs,
liver, kidney, and skin", "abdominal pain or distension", the items of a bulleted list after a colon, or the
one concept right before a cue that follows its value ("a biopsy will confirm the tumor is LMS"). Each
concept is one figure, its value the concept as written. The population is the tumour the clause speaks of (the
last tumour named before the cue), else the tumour the page's title is about, else the first tumour of the
latest sentence that names one. A site cue in a sentence about spread
("metastatic disease ... most commonly involving liver") gives the metastatic site. A cue inside a contrast
("in contrast to endometrial carcinomas, which most commonly metastasize to ...") speaks of another tumour and
gives nothing.
"""

from __future__ import annotations

import re
from decimal import Decimal

from rdflib import RDFS

from lmskg.extract import assertion, tumors
from lmskg.extract import quantities as q
from lmskg.extract.casetext import Passage
from lmskg.extract.facts import CohortStatistic, Found, Span
from lmskg.extract.lexicon import Mention
from lmskg.extract.statistics import BOUNDS

LINK = re.compile(r"(?:\s*(?:,|;|\band\b|\bor\b|\bfollowed by\b|\bas well as\b|\bthe\b|\bin\b|\bto\b))*\s*", re.I)
CONTRAST = re.compile(r"\b(?:in contrast to|unlike|compared (?:with|to)|as opposed to)\s+(?:the\s+)?$", re.I)
LIKENED = re.compile(r"\b(?:as with|like|unlike|in contrast to|compared (?:with|to)|as opposed to)\s+"
                     r"(?:(?:the|other|most|many)\s+)*$", re.I)
IN_CONTRAST = re.compile(r"\b(?:in contrast to|unlike|compared (?:with|to)|as opposed to)\b[^,;]*$", re.I)
SPREAD = re.compile(r"\bmetasta\w*|\bspread\w*|\bdissemin\w*", re.I)
FRACTIONS = {"half": Decimal(50), "one-half": Decimal(50), "three-quarters": Decimal(75),
             "one-quarter": Decimal(25), "a-quarter": Decimal(25), "one-third": Decimal("33.3"),
             "two-thirds": Decimal("66.7")}
FIGURE = (r"(?:(?P<fraction>one[- ]half|half|three[- ]quarters|one[- ]quarter|a[- ]quarter|one[- ]third|two[- ]thirds)"
          r"|(?:between\s+)?(?P<low>\d+(?:\.\d+)?)\s*(?P<unit1>%)?(?:\s*(?:-|\u2013|to|and)\s*(?P<high>\d+(?:\.\d+)?))?"
          r"\s*(?P<unit>%|years?)?)")
BEFORE = re.compile(rf"(?<![\w.]){FIGURE}\s*$", re.I)
AFTER = re.compile(rf"\s*{FIGURE}", re.I)
LITERAL = str(RDFS.Literal)
COPULA = re.compile(r"\s+(?:remained|remains|was|were|is|are|became|emerged as|proved)(?:\s+(?:an?|the))?\s*$",
                    re.I)
COUNTED = re.compile(r"(?<![\w.])\d+(?:\.\d+)?\s+(?P<who>[a-z]+)\s+$", re.I)
YEARLY = re.compile(r"\b(?:per|each|every|a)\s+year\b|\bannually\b|\byearly\b", re.I)
GENERIC_PEOPLE = frozenset(["people", "persons", "patients", "cases", "individuals"])
BULLET = re.compile(r"\s*[-*+\u2022]\s+")
LABELLED = re.compile(r"\s*(?:[-*+\u2022]\s+)?(?P<label>[^\W\d][^:]{0,60}?)\s*:\s*"
                      r"(?:~|\u2248|about\s+|approximately\s+)?(?P<value>\d+(?:\.\d+)?)\s*%", re.I)


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
            study = [x for x in cohort if x.span.start < s.start]
            population = subject or (study[-1].population if study else running)
            if population is None:
                continue
            if kind is None:
                first = _subject(p, s, None)                  # "LMS is a type of STS and makes up 10% of STS"
                population = first if first is not None and first.span.start < cue.start else population
                out.extend(_numeric(p, s, cue, publication, population, topic, p.found(measure, cue.start, cue.end)))
                if p.text[s.start:s.end].rstrip().endswith(":"):
                    out.extend(_labelled(p, sentences[i + 1:], publication, population,
                                         p.found(measure, cue.start, cue.end)))
                continue
            if kind == LITERAL:
                group = next((m for m in p.mentions(s, "tumor") if m.start >= cue.end), None)
                for value, start, end in _phrases(p.text, s, cue):
                    out.append(CohortStatistic(
                        publication=publication, span=s, population=population,
                        population_name=study[-1].population_name if study and not subject else None,
                        measure=p.found(measure, cue.start, cue.end), value=p.found(value, start, end),
                        group=group and p.found(group.term, group.start, group.end)))
                continue
            values = (_listed(p, s, cue, kind) or _bulleted(p, sentences[i + 1:], cue, kind)
                      or _named_before(p, s, cue, kind))
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


def _numbers(text: str, s: Span, cue: Mention, before: int | None = None) -> list[tuple[Decimal, str | None, int, int]]:
    """The figure written right before the cue (or before ``before``: "three-quarters of cases occur in women",
    "between 10% to 20% of soft tissue sarcoma cases") or right after it ("usually aged 40-60 years"): a fraction
    word, a number or a range (one figure per bound)."""
    end = cue.start if before is None else before
    before = BEFORE.search(text, max(s.start, end - 60), end)
    after = AFTER.match(text, cue.end, s.end)
    m = before or after
    if m is None:
        return []
    if m.group("fraction"):
        word = m.group("fraction").lower().replace(" ", "-")
        return [(FRACTIONS[word], "percent", m.start("fraction"), m.end("fraction"))]
    unit = m.group("unit") or m.group("unit1")
    unit = "percent" if unit == "%" else (unit.lower().rstrip("s") if unit else None)
    out = []
    for name in ("low", "high"):
        if m.group(name):
            value = q.number(m.group(name))
            if value is not None:
                out.append((value, unit, m.start(name), m.end(name)))
    return out


def _numeric(p: Passage, s: Span, cue: Mention, publication: str | None, population: Found[str],
             topic: Found[str] | None, measure: Found[str]) -> list[CohortStatistic]:
    """The figures of a numeric profile cue. A rate ("6 per 1 million people per year") takes its unit from the
    cue; a yearly count ("20 to 30 children are diagnosed ... per year") needs its period and names the people
    counted as a subset; a tumour narrower than the page's topic is the group of the topic."""
    from lmskg.vocab import LMSKG

    group = None
    if topic is not None and population.value != topic.value and p.ontology.is_a(  # type: ignore[attr-defined]
            population.value, topic.value):
        population, group = topic, population
    name = None
    if measure.value == str(LMSKG.AnnualDiagnoses):
        counted = COUNTED.search(p.text, max(s.start, cue.start - 80), cue.start)
        if counted is None or not YEARLY.search(p.text, cue.end, s.end):
            return []
        figures = _numbers(p.text, s, cue, before=counted.start("who"))
        who = counted.group("who")
        name = None if who.lower() in GENERIC_PEOPLE else p.found(who, counted.start("who"), counted.end("who"))
    else:
        figures = _numbers(p.text, s, cue)
    unit_of_cue = None
    if measure.value == str(LMSKG.Incidence):
        unit_of_cue = str(LMSKG.PerMillionPeoplePerYear if "million" in cue.text.lower()
                          else LMSKG.PerHundredThousandPeoplePerYear)
    return [CohortStatistic(publication=publication, span=s, population=population, measure=measure,
                            value=p.found(value, start, end), group=group, population_name=name,
                            unit=unit_of_cue or (p.unit(unit) if unit else None))
            for value, unit, start, end in figures]


def _labelled(p: Passage, following: list[Span], publication: str | None, population: Found[str],
              measure: Found[str]) -> list[CohortStatistic]:
    """ "classified by the segment they involve:" and lines "hepatic: ~15% (range 6-24%)": one share per line,
    its label the category, a range after it the bounds."""
    out = []
    for s in following:
        m = LABELLED.match(p.text, s.start, s.end)
        value = q.number(m.group("value")) if m else None
        if value is None:
            break
        bounds = BOUNDS.match(p.text, m.end("value"), s.end)
        low, high = (q.number(bounds.group(1)), q.number(bounds.group(2))) if bounds else (None, None)
        out.append(CohortStatistic(
            publication=publication, span=s, population=population, measure=measure,
            value=p.found(value, m.start("value"), m.end("value")), unit=p.unit("percent"),
            category=p.found(m.group("label"), m.start("label"), m.end("label")),
            bounds=(p.found(low, bounds.start(1), bounds.end(1)), p.found(high, bounds.start(2), bounds.end(2)))
            if low is not None and high is not None else None))
    return out


def _phrases(text: str, s: Span, cue: Mention) -> list[tuple[str, int, int]]:
    """The characteristics a clause names before its cue, as written: "Larger tumor size (\u22655 cm) and older age
    (\u226565 years) correlated with ...", "In multivariate analysis, initial metastatic disease remained an
    independent prognostic factor"."""
    lo = s.start
    depth = 0
    for k in range(s.start, cue.start):
        depth += {"(": 1, ")": -1}.get(text[k], 0)
        if depth == 0 and text[k] in ",;:":
            lo = k + 1
    head = text[lo:cue.start]
    if cue.text.split()[0].lower() in ("independent", "prognostic") and not COPULA.search(head):
        return []                                         # "to identify the independent prognostic factors"
    head = COPULA.sub("", head)
    out = []
    at = lo
    for part in re.split(r"\s+and\s+(?![^()]*\))", head):
        start = text.find(part.strip(), at)
        if part.strip() and start >= 0:
            out.append((part.strip(), start, start + len(part.strip())))
            at = start + len(part.strip())
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


def _named_before(p: Passage, s: Span, cue: Mention, kind: str) -> list[tuple[str, Found[str], Span]]:
    """ "A biopsy will confirm the tumor is LMS": the concept right before a cue that follows its value."""
    before = [m for m in p.mentions(s, None) if m.end <= cue.start]
    if before and re.fullmatch(r"\s*", p.text[before[-1].end:cue.start]) and p.ontology.is_a(  # type: ignore
            before[-1].term, kind):
        m = before[-1]
        return [(m.text, p.found(m.term, m.start, m.end), s)]
    return []


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
    """The last tumour type named before ``cue`` in the sentence, or (no cue) the first the sentence names that it
    is not likened to ("as with other leiomyosarcomas")."""
    named = [m for m in p.mentions(s, "tumor") if (cue is None or m.end <= cue.start) and not _generic(p, m.term)
             and not (cue is None and LIKENED.search(p.text, s.start, m.start))]
    if not named:
        return None
    m = named[0] if cue is None else named[-1]
    return p.found(m.term, m.start, m.end)


def _generic(p: Passage, term: str) -> bool:
    """A bare "tumor" or a metastasis names no tumour type."""
    return tumors.generic(term) or tumors.metastatic_class(p, term)
