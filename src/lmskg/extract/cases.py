"""A patient case from its sentences: the patient, the primary tumor, lesions, findings, conditions, history.

Treatments and outcomes are read by :mod:`lmskg.extract.treatments` and :mod:`lmskg.extract.outcomes`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from lmskg.extract import assertion
from lmskg.extract import quantities as q
from lmskg.extract.casetext import Passage
from lmskg.extract.facts import Case, Finding, Found, History, Patient, Publication, Span
from lmskg.extract.lesions import lesions
from lmskg.extract.lexicon import Mention
from lmskg.extract.outcomes import outcomes
from lmskg.extract.segments import CaseText
from lmskg.extract.treatments import treatments
from lmskg.extract.tumors import other_tumors, primary, primary_fallback, told_in, topic_histology

FEMALE_PRONOUNS = re.compile(r"\b(?:she|her|hers|herself)\b", re.I)
MALE_PRONOUNS = re.compile(r"\b(?:he|his|him|himself)\b", re.I)
DURATION_BEFORE = re.compile(r"\W*(?:history|duration|course)\b", re.I)
DURATION_AFTER = re.compile(r"\b(?:over|for|during|since|in the (?:last|past))\s*$|\bof\s*$", re.I)
PATHOLOGY = re.compile(r"\b(?:histolog\w*|histopatholog\w*|immunohisto\w*|microscop\w*|pathology|"
                       r"patholog\w+ (?:examination|study|analysis|report))\b", re.I)
DIED_OF = re.compile(r"\b(?:died|death) (?:of|from)\s+$", re.I)


def build_case(passage: Passage, case: CaseText, ordinal: int, publications: Sequence[Publication]) -> Case:
    sents = [s for s in case.sentences if not assertion.hypothetical(passage.text, s.start, s.end)
             and not assertion.generic(passage.text, s.start, s.end)]
    patient = _patient(passage, sents)
    pub = next((x for x in publications if x.key == case.publication), None)
    topic = told_in(passage, sents, topic_histology(passage, pub.title.span if pub and pub.title else None))
    histology, site, primary_lesions = primary(passage, sents, topic)
    if histology is None or site is None:
        h2, s2 = primary_fallback(passage, case, publications)
        histology = histology or h2
        if site is None and s2 is not None and (histology is None or h2 is None or h2.value == histology.value):
            site = s2
    found_lesions = lesions(passage, sents, site, primary_lesions)
    findings, conditions = _findings(passage, sents)
    conditions += [c for c in other_tumors(passage, sents, topic) if c.value not in {x.value for x in conditions}]
    history = _history(passage, sents)
    return Case(
        ordinal=ordinal,
        span=passage.span(case.sentences[0].start, case.sentences[-1].end),
        publication=case.publication,
        patient=patient,
        primary_histology=histology,
        primary_site=site,
        lesions=tuple(found_lesions),
        findings=tuple(findings),
        treatments=tuple(treatments(passage, sents)),
        outcomes=tuple(outcomes(passage, sents)),
        conditions=tuple(conditions),
        history=tuple(history),
    )


# -- the patient -------------------------------------------------------------------------------------------

def _patient(p: Passage, sents: list[Span]) -> Patient:
    age = unit = sex = None
    for s in sents:
        found = q.ages(p.text, s.start, s.end)
        if found and age is None:
            age = p.found(found[0].value, found[0].start, found[0].end)
            unit = p.unit(found[0].unit)
        for m in p.mentions(s, "sex"):
            if sex is None:
                sex = p.found(m.term, m.start, m.end)
    if sex is None:
        for s in sents:
            for pattern, name in ((FEMALE_PRONOUNS, "Female"), (MALE_PRONOUNS, "Male")):
                m = pattern.search(p.text, s.start, s.end)
                if m and sex is None:
                    term = p.lexicon.lookup("sex", name.lower())
                    if term:
                        sex = p.found(term, m.start(), m.end())
            if sex is not None:
                break
    if sex is None:
        sex = _sex_of_organs(p, sents)
    return Patient(age=age, age_unit=unit, sex=sex)


def _sex_of_organs(p: Passage, sents: list[Span]) -> Found[str] | None:
    """The sex that an organ, operation or finding of the patient implies ("resection of a uterine leiomyoma":
    female), when the text states none; None when what is named implies both or neither."""
    found: dict[str, Found[str]] = {}
    for s in sents:
        for m in p.analysis.all:                                              # nested names too ("uterine")
            if s.start <= m.start and m.end <= s.end:
                sex = p.ontology.implied_sex(m.term)                          # type: ignore[attr-defined]
                if sex is not None and not assertion.assess(p.text, m.start, m.end, s.start, s.end).family:
                    found.setdefault(sex, p.found(sex, m.start, m.end))
    return next(iter(found.values())) if len(found) == 1 else None


# -- findings, conditions, history -------------------------------------------------------------------------

def _findings(p: Passage, sents: list[Span]) -> tuple[list[Finding], list[Found[str]]]:
    findings: dict[str, Finding] = {}
    conditions: dict[str, Found[str]] = {}
    for s in sents:
        if assertion.cohort(p.text, s.start, s.end) and not q.ages(p.text, s.start, s.end):
            continue
        durations = [x for x in p.quantities(s) if x.unit != "percent"]
        outcome_spans = [(o.start, o.end) for o in p.mentions(s, "outcome")]
        pathology = PATHOLOGY.search(p.text, s.start, s.end) is not None
        for m in p.mentions(s):
            if m.category not in ("finding", "condition") or m.term in _not_findings():
                continue
            if pathology and m.category == "finding":
                continue                                  # what the microscope showed, not what the patient had
            status = assertion.assess(p.text, m.start, m.end, s.start, s.end)
            if status.negated or status.hypothetical or status.family:
                continue
            if m.category == "condition":
                if assertion.historical(p.text, m.start, m.end, s.start, s.end) or DIED_OF.search(
                        p.text, max(s.start, m.start - 20), m.start):
                    continue                                  # past, or the cause of death
                conditions.setdefault(m.term, p.found(m.term, m.start, m.end))
                continue
            left, right = assertion.clause_bounds(p.text, m.start, m.end, s.start, s.end)
            if any(left <= a and b <= right for a, b in outcome_spans):
                continue                                  # "neurological symptoms gradually improved": an outcome
            m = _inside_lesion(p, m)
            duration = _duration_for(p, s, m, durations)
            if duration is not None and p.unit(duration.unit) is None:
                duration = None                           # a unit the ontology does not name
            current = findings.get(m.term)
            if current is None or (current.duration_value is None and duration is not None):
                findings[m.term] = Finding(
                    p.found(m.term, m.start, m.end),
                    None if duration is None or duration.value is None else p.found(duration.value, duration.start,
                                                                                    duration.end),
                    None if duration is None or duration.value is None else p.unit(duration.unit))
    return _merge_general(p, list(findings.values())), list(conditions.values())


INSIDE_LESION = re.compile(r"\s+(?:within|into|inside)\s+(?:the|a|an|this|that)\s+(?:[\w-]+\s+){0,2}?"
                           r"(lesion|tumou?r|mass|metastasis|deposit|nodule)s?\b", re.I)


def _inside_lesion(p: Passage, m: Mention) -> Mention:
    """ "hemorrhage within the cerebellar lesion": the finding the vocabulary names for "hemorrhage within the lesion",
    whatever words describe the lesion."""
    inside = INSIDE_LESION.match(p.text, m.end)
    if inside is None:
        return m
    term = p.lexicon.lookup("finding", f"{m.text} within the {inside.group(1).lower()}")
    return m if term is None or term == m.term else replace(m, term=term)


def _merge_general(p: Passage, findings: list[Finding]) -> list[Finding]:
    """ "pain ... for 2 months" and "back pain": one finding, the specific one, with the duration of either."""
    out = list(findings)
    for general in findings:
        specific = [f for f in out if f is not general and f.finding.value != general.finding.value
                    and p.ontology.is_a(f.finding.value, general.finding.value)]   # type: ignore[attr-defined]
        if not specific or general not in out:
            continue
        out.remove(general)
        sp = specific[0]
        if sp.duration_value is None and general.duration_value is not None:
            out[out.index(sp)] = Finding(sp.finding, general.duration_value, general.duration_unit)
    return out


def _not_findings() -> set[str]:
    """The root class, and imaging descriptions of a lesion ("an osteolytic lesion"), are not presenting findings."""
    from lmskg.vocab import LMSKG

    return {str(LMSKG.ClinicalFinding), str(LMSKG.OsteolyticLesion)}


def _duration_for(p: Passage, s: Span, m: Mention, durations: list[q.Quantity]) -> q.Quantity | None:
    """The duration of a finding: "an 8 weeks' history of X", "X of four months' duration", "X over two weeks"."""
    for d in durations:
        if d.end <= m.start and DURATION_BEFORE.match(p.text, d.end):
            between = p.text[d.end:m.start]
            if not re.search(r"[.;]|\b(?:was|were|showed|revealed|underwent)\b", between):
                return d
        if d.start >= m.end:
            tail = p.text[d.end:d.end + 12]
            head = p.text[max(s.start, d.start - 24):d.start]
            between = p.text[m.end:d.start]
            if re.search(r"[.;]|\b(?:was|were|showed|revealed|underwent)\b", between):
                continue
            if re.match(r"\W*(?:duration|course)\b", tail) or DURATION_AFTER.search(head):
                return d
    return None


def _history(p: Passage, sents: list[Span]) -> list[History]:
    out: list[History] = []
    for s in sents:
        for m in p.mentions(s, "procedure"):
            if not assertion.historical(p.text, m.start, m.end, s.start, s.end):
                continue
            if assertion.negated(p.text, m.start, m.end, s.start, s.end):
                continue
            years = None
            for x in p.quantities(s):
                if x.unit == "year" and x.value is not None and re.match(r"\s*(?:earlier|before|ago|previously|prior)",
                                                                          p.text[x.end:x.end + 15]):
                    years = p.found(x.value, x.start, x.end)
            out.append(History(p.found(m.term, m.start, m.end), years))
    return out
