"""A patient case from its sentences: the patient, the primary tumor, lesions, findings, conditions, history.

Treatments and outcomes are read by :mod:`lmskg.extract.treatments` and :mod:`lmskg.extract.outcomes`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lmskg.extract import context
from lmskg.extract import quantities as q
from lmskg.extract.casetext import Passage
from lmskg.extract.facts import Case, Finding, Found, History, Lesion, Patient, Publication, Span
from lmskg.extract.lexicon import Mention
from lmskg.extract.outcomes import outcomes
from lmskg.extract.segments import CaseText
from lmskg.extract.treatments import treatments

FEMALE_PRONOUNS = re.compile(r"\b(?:she|her|hers|herself)\b", re.I)
MALE_PRONOUNS = re.compile(r"\b(?:he|his|him|himself)\b", re.I)
LESION_NOUNS = re.compile(r"\b(?:lesions?|mass(?:es)?|tumou?rs?|deposits?|nodules?|involvement|neoplasm|"
                          r"metastas[ie]s|foci|focus|metastasi[sz](?:ed|ing)|metastatic|spread)\b", re.I)
ATTACH = re.compile(r"^\s*(?:,\s*)?(?:(?:arising|originating|extending|spread(?:ing)?|metastati[sz](?:ed|ing)|"
                    r"located|situated|involving|affecting|developed|had spread)\s+)?(?:from|in|of|to|at|within|"
                    r"into|involving)\s+(?:the\s+|both\s+|a\s+|an\s+)?(?:(?:left|right|upper|lower|mid|middle|"
                    r"bilateral|anterior|posterior|adjacent|thoracolumbar|cervicothoracic|lumbosacral|thoracic|lumbar|cervical|sacral)"
                    r"[- ]?\s*)*$", re.I)
PRE_ATTACH = re.compile(r"^\s*(?:(?:left|right|bilateral|upper|lower|multiple|several|two|three|single|solitary|"
                        r"levels?)[- ]?(?:sided)?\s*)*$", re.I)
DURATION_BEFORE = re.compile(r"\W*(?:history|duration|course)\b", re.I)
DURATION_AFTER = re.compile(r"\b(?:over|for|during|since|in the (?:last|past))\s*$|\bof\s*$", re.I)
RECURRENCE = re.compile(r"\b(?:recurrence|recurrent|recurred|relapse|relapsed)\b", re.I)
PATHOLOGY = re.compile(r"\b(?:histolog\w*|histopatholog\w*|immunohisto\w*|microscop\w*|pathology|"
                       r"patholog\w+ (?:examination|study|analysis|report))\b", re.I)
DIED_OF = re.compile(r"\b(?:died|death) (?:of|from)\s+$", re.I)
PRIMARY = re.compile(r"\bprimar(?:y|ily)\b", re.I)
METASTATIC_BEFORE = re.compile(r"\b(?:metastatic|metastasis of|metastases of|metastasis from|metastases from|"
                               r"secondary|deposits? of|spread of)\s+(?:\w+\s+){0,2}$", re.I)


def build_case(passage: Passage, case: CaseText, ordinal: int, publications: Sequence[Publication]) -> Case:
    sents = [s for s in case.sentences if not context.hypothetical(passage.text, s.start, s.end)]
    text = passage.text
    patient = _patient(passage, sents)
    histology, site, primary_lesions = _primary(passage, sents)
    if histology is None or site is None:
        h2, s2 = _primary_fallback(passage, case, publications)
        histology = histology or h2
        if site is None and s2 is not None and (histology is None or h2 is None or h2.value == histology.value):
            site = s2
    lesions = _lesions(passage, sents, site, primary_lesions)
    findings, conditions = _findings(passage, sents)
    history = _history(passage, sents)
    return Case(
        ordinal=ordinal,
        span=passage.span(case.sentences[0].start, case.sentences[-1].end),
        publication=case.publication,
        patient=patient,
        primary_histology=histology,
        primary_site=site,
        lesions=tuple(lesions),
        findings=tuple(findings),
        treatments=tuple(treatments(passage, sents)),
        outcomes=tuple(outcomes(passage, sents)),
        conditions=tuple(conditions),
        history=tuple(history),
    ) if text else Case(ordinal, passage.span(0, 0), case.publication)


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
    return Patient(age=age, age_unit=unit, sex=sex)


# -- the primary tumor -------------------------------------------------------------------------------------

def _histology_of(p: Passage, m: Mention) -> Found[str]:
    """The histology a tumor mention names: "uterine LMS" -> leiomyosarcoma (the nested, plainer term)."""
    nested = p.analysis.nested(m, "tumor")
    if nested:
        inner = min(nested, key=lambda n: n.end - n.start)
        return p.found(inner.term, inner.start, inner.end)
    label = p.ontology.label(m.term) or ""                             # type: ignore[attr-defined]
    inner_terms = [x for x in p.lexicon.analyse(label).all if x.category == "tumor" and x.term != m.term]
    if inner_terms:
        return p.found(min(inner_terms, key=lambda n: n.end - n.start).term, m.start, m.end)
    return p.found(m.term, m.start, m.end)


def _site_of(p: Passage, m: Mention, sentence: Span) -> tuple[Found[str] | None, bool]:
    """The site a tumor mention is said to arise in, and whether it was written after the tumor ("of the X")."""
    after = [a for a in p.mentions(sentence, "anatomy") if a.start >= m.end]
    for a in after[:1]:
        if ATTACH.match(p.text[m.end:a.start]) and not _is_level_token(p, a):
            return p.found(a.term, a.start, a.end), True
    nested = p.analysis.nested(m, "anatomy")
    if nested:
        core = [t for t in p.analysis.nested(m, "tumor")]
        later = [a for a in nested if core and a.start >= max(t.end for t in core)]
        a = later[0] if later else nested[-1]         # "primary osseous LMS of the spine": the spine, not bone
        return p.found(a.term, a.start, a.end), bool(later)
    before = [a for a in p.mentions(sentence, "anatomy") if a.end <= m.start]
    if before and PRE_ATTACH.match(p.text[before[-1].end:m.start]) and not _is_level_token(p, before[-1]):
        a = before[-1]
        return p.found(a.term, a.start, a.end), False
    label = p.ontology.label(m.term) or ""                             # type: ignore[attr-defined]
    inner = [x for x in p.lexicon.analyse(label).all if x.category == "anatomy"]
    if inner:
        return p.found(inner[0].term, m.start, m.end), False
    return None, False


def _is_level_token(p: Passage, m: Mention) -> bool:
    return p.is_vertebra(m.term)


def _metastatic_context(p: Passage, m: Mention) -> bool:
    lo = max(0, m.start - 60)
    if METASTATIC_BEFORE.search(p.text[lo:m.start]):
        return True
    return "metasta" in (p.ontology.label(m.term) or "").lower()       # type: ignore[attr-defined]


def _primary(p: Passage, sents: list[Span]) -> tuple[Found[str] | None, Found[str] | None, list[Lesion]]:
    histology = site = None
    lesions: list[Lesion] = []
    role = p.lexicon.lookup("role", "primary")
    for s in sents:
        if context.cohort(p.text, s.start, s.end) and not q.ages(p.text, s.start, s.end):
            continue
        for m in p.mentions(s, "tumor"):
            if context.negated(p.text, m.start, m.end, s.start, s.end) or _generic(m.term):
                continue
            if _metastatic_class(p, m.term):
                inner = _plain_histology(p, m)            # "metastatic leiomyosarcoma": leiomyosarcoma, no site
                if histology is None and inner is not None:
                    histology = inner
                continue
            h = _histology_of(p, m)
            if histology is None:
                histology = h
            found, post = _site_of(p, m, s)
            if found is None:
                continue
            explicit = PRIMARY.search(p.text, max(s.start, m.start - 40), m.end) is not None
            if post and _metastatic_context(p, m) and not explicit:
                continue                                  # "metastatic LMS of the spine": the spine is not primary
            if site is None:
                site = found
                histology = h
            if explicit and role and not context.historical(p.text, m.start, m.end, s.start, s.end):
                lesions.append(Lesion(p.found(role, m.start, m.end), (found,), h))
    return histology, site, lesions


def _plain_histology(p: Passage, m: Mention) -> Found[str] | None:
    """The histology inside a metastasis name ("metastatic LMS", "brain metastases of LMS" gives none)."""
    inner = [n for n in p.analysis.nested(m, "tumor") if not _metastatic_class(p, n.term) and not _generic(n.term)]
    if not inner:
        return None
    n = min(inner, key=lambda x: x.end - x.start)
    return p.found(n.term, n.start, n.end)


def _metastatic_class(p: Passage, term: str) -> bool:
    from lmskg.vocab import LMSKG

    return p.ontology.is_a(term, str(LMSKG.MetastaticMalignantNeoplasm))   # type: ignore[attr-defined]


def _generic(term: str) -> bool:
    """"Neoplasm", "malignant tumor", "metastatic malignant neoplasm": no histology."""
    from lmskg.vocab import LMSKG

    return term in {str(LMSKG.Neoplasm), str(LMSKG.MalignantNeoplasm), str(LMSKG.MetastaticMalignantNeoplasm),
                    str(LMSKG.RecurrentMalignantNeoplasm)}


def _primary_fallback(p: Passage, case: CaseText, publications: Sequence[Publication]
                      ) -> tuple[Found[str] | None, Found[str] | None]:
    """Histology and site from the publication's title and the passage before the case, when the case is silent."""
    spans: list[Span] = []
    pub = next((x for x in publications if x.key == case.publication), None)
    if pub is not None and pub.title is not None:
        spans.append(pub.title.span)
    spans.extend(case.intro)
    histology = site = None
    for s in spans:
        analysis = p.lexicon.analyse(p.text[s.start:s.end], s.start)
        sub = Passage(p.doc, p.ontology, p.lexicon, analysis, [s])
        for m in analysis.within(s.start, s.end, "tumor"):
            if _generic(m.term):
                continue
            if _metastatic_class(p, m.term):
                inner = _plain_histology(sub, m)
                if histology is None and inner is not None:
                    histology = inner
                continue
            if histology is None:
                histology = _histology_of(sub, m)
            found, post = _site_of(sub, m, s)
            if found is None or (post and _metastatic_context(sub, m)
                                 and not PRIMARY.search(p.text, max(s.start, m.start - 40), m.end)):
                continue
            in_title = pub is not None and pub.title is not None and s == pub.title.span
            if post and not in_title and not PRIMARY.search(p.text, max(s.start, m.start - 40), m.end):
                continue                            # "arising in the X" outside the case: a general statement
            if site is None:
                site = found
                histology = _histology_of(sub, m)
        if site is not None:
            break
    return histology, site


# -- lesions -----------------------------------------------------------------------------------------------

def _lesions(p: Passage, sents: list[Span], primary_site: Found[str] | None, primary: list[Lesion]) -> list[Lesion]:
    metastasis = p.lexicon.lookup("role", "metastasis")
    primary_role = p.lexicon.lookup("role", "primary")
    recurrence = p.lexicon.lookup("role", "recurrence")
    found: list[tuple[str, Found[str], Found[str]]] = []                 # (role, role evidence, site)
    for lesion in primary:
        for site in lesion.sites:
            found.append((lesion.role.value, lesion.role, site))
    for s in sents:
        if context.cohort(p.text, s.start, s.end) and not q.ages(p.text, s.start, s.end):
            continue
        treated = _treatment_level_spans(p, s)
        anatomy = [a for a in p.mentions(s, "anatomy") if not _is_level_token(p, a)]
        cues = [m for m in p.mentions(s) if m.category == "role" or m.term == _recurrence_outcome()] + [
            _as_mention(x) for x in LESION_NOUNS.finditer(p.text, s.start, s.end)]
        cues = [c for c in cues if not context.negated(p.text, c.start, c.end, s.start, s.end)]
        role_of = _role_for(p, s, metastasis, recurrence)
        for lv in p.levels(s):
            if any(a <= lv.start < b for a, b in treated):
                continue
            if not cues:
                continue
            for term in p.vertebrae(lv):
                found.append((role_of(lv.start), p.found(role_of(lv.start), lv.start, lv.end), p.found(term, lv.start,
                                                                                                      lv.end)))
        if cues:
            for site in _elided_sites(p, s) + _apposed_sites(p, s, anatomy):
                if not any(a <= site.span.start < b for a, b in treated):
                    role = role_of(site.span.start)
                    found.append((role, p.found(role, site.span.start, site.span.end), site))
        for m in p.mentions(s, "tumor"):
            if _metastatic_class(p, m.term) and not context.negated(p.text, m.start, m.end, s.start, s.end):
                for a in p.analysis.nested(m, "anatomy")[:1]:     # "brain metastases": a metastasis in the brain
                    found.append((metastasis or "", p.found(metastasis or "", m.start, m.end),
                                  p.found(a.term, a.start, a.end)))
        for cue in cues:
            site = _site_for_cue(p, s, cue, anatomy)
            if site is None or any(a <= site.span.start < b for a, b in treated):
                continue
            if primary_site is not None and site.value == primary_site.value \
                    and context.historical(p.text, cue.start, cue.end, s.start, s.end):
                continue                                  # "the previous IVC tumour": the primary, treated long ago
            role = role_of(cue.start)
            found.append((role, p.found(role, cue.start, cue.end), site))
    lesions: list[Lesion] = []
    seen: set[tuple[str, str]] = set()
    has_levels = {r for r, _, site in found if p.is_vertebra(site.value)}
    spinal_primary = primary_site is not None and p.is_spine_region(primary_site.value)
    for role, evidence, site in found:
        at_primary = primary_site is not None and site.value == primary_site.value
        if spinal_primary and (p.is_vertebra(site.value) or p.is_spine_region(site.value)):
            at_primary = True                             # a primary spinal tumor at its own levels
        if at_primary and primary_role:
            role, evidence = primary_role, p.found(primary_role, evidence.span.start, evidence.span.end)
        if not p.is_vertebra(site.value) and p.is_spine_region(site.value) and has_levels:
            continue                                                      # "thoracic spine" given as T3, T4
        if any(other.value != site.value and p.within(other.value, site.value)
               for r, _, other in found if r == role):
            continue                                                      # "brain" given as cerebellum, temporal lobe
        if (role, site.value) in seen:
            continue
        seen.add((role, site.value))
        lesions.append(Lesion(evidence, (site,)))
    return lesions


ELIDED = re.compile(r"\b([a-z]+)\s+(?:and|or)\s+(?:(?:left|right|bilateral)\s+)?([a-z]+)\s+"
                    r"(lobes|bones|hemispheres|vertebrae)\b", re.I)
APPOSED = re.compile(r"\b(?:one|two|three|four|five|\d+|another|the other|others?)\s+(?:lesions?\s+|of them\s+)?"
                     r"(?:in|at|within|of)\s+(?:the\s+)?(?:(?:left|right|bilateral)\s+)?$", re.I)
SINGULAR = {"lobes": "lobe", "bones": "bone", "hemispheres": "hemisphere", "vertebrae": "vertebra"}


def _elided_sites(p: Passage, s: Span) -> list[Found[str]]:
    """ "in the right frontal and left occipital lobes": the frontal lobe and the occipital lobe."""
    out = []
    for m in ELIDED.finditer(p.text, s.start, s.end):
        noun = SINGULAR[m.group(3).lower()]
        for word in (m.group(1), m.group(2)):
            term = p.lexicon.lookup("anatomy", f"{word} {noun}")
            if term:
                out.append(p.found(term, m.start(), m.end()))
    return out


def _apposed_sites(p: Passage, s: Span, anatomy: list[Mention]) -> list[Found[str]]:
    """ "three brain metastases, two in the cerebellum and one in the left temporal lobe": the places listed."""
    return [p.found(a.term, a.start, a.end) for a in anatomy
            if APPOSED.search(p.text[max(s.start, a.start - 40):a.start])]


class _Cue:
    __slots__ = ("end", "start", "text")

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start, self.end, self.text = start, end, text


def _as_mention(m: re.Match[str]) -> _Cue:
    return _Cue(m.start(), m.end(), m.group(0))


def _recurrence_outcome() -> str:
    from lmskg.vocab import LMSKG

    return str(LMSKG.TumorRecurrence)


def _role_for(p: Passage, s: Span, metastasis: str | None, recurrence: str | None):
    """The role of a lesion written at ``at``: recurrence after a recurrence word of its clause, else metastasis."""
    def role(at: int) -> str:
        left, right = context.clause_bounds(p.text, at, at + 1, s.start, s.end)
        if recurrence and RECURRENCE.search(p.text, left, right):
            return recurrence
        return metastasis or ""
    return role


def _site_for_cue(p: Passage, s: Span, cue: object, anatomy: list[Mention]) -> Found[str] | None:
    """The anatomical site a lesion word or role word is tied to: "brain metastases", "metastasized to the spine"."""
    start, end = cue.start, cue.end                                       # type: ignore[attr-defined]
    before = [a for a in anatomy if a.end <= start]
    if before and PRE_ATTACH.match(p.text[before[-1].end:start]):
        a = before[-1]
        return p.found(a.term, a.start, a.end)
    after = [a for a in anatomy if a.start >= end]
    if after and ATTACH.match(p.text[end:after[0].start]):
        a = after[0]
        return p.found(a.term, a.start, a.end)
    return None


def _treatment_level_spans(p: Passage, s: Span) -> list[tuple[int, int]]:
    from lmskg.extract.treatments import attached_levels

    return [(lv.start, lv.end) for lv in attached_levels(p, s)]


# -- findings, conditions, history -------------------------------------------------------------------------

def _findings(p: Passage, sents: list[Span]) -> tuple[list[Finding], list[Found[str]]]:
    findings: dict[str, Finding] = {}
    conditions: dict[str, Found[str]] = {}
    for s in sents:
        if context.cohort(p.text, s.start, s.end) and not q.ages(p.text, s.start, s.end):
            continue
        durations = [x for x in p.quantities(s) if x.unit != "percent"]
        outcome_spans = [(o.start, o.end) for o in p.mentions(s, "outcome")]
        pathology = PATHOLOGY.search(p.text, s.start, s.end) is not None
        for m in p.mentions(s):
            if m.category not in ("finding", "condition") or m.term in _not_findings():
                continue
            if pathology and m.category == "finding":
                continue                                  # what the microscope showed, not what the patient had
            if context.negated(p.text, m.start, m.end, s.start, s.end):
                continue
            if m.category == "condition":
                if context.historical(p.text, m.start, m.end, s.start, s.end) or DIED_OF.search(
                        p.text, max(s.start, m.start - 20), m.start):
                    continue                                  # past, or the cause of death
                conditions.setdefault(m.term, p.found(m.term, m.start, m.end))
                continue
            left, right = context.clause_bounds(p.text, m.start, m.end, s.start, s.end)
            if any(left <= a and b <= right for a, b in outcome_spans):
                continue                                  # "neurological symptoms gradually improved": an outcome
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
            if not context.historical(p.text, m.start, m.end, s.start, s.end):
                continue
            if context.negated(p.text, m.start, m.end, s.start, s.end):
                continue
            years = None
            for x in p.quantities(s):
                if x.unit == "year" and x.value is not None and re.match(r"\s*(?:earlier|before|ago|previously|prior)",
                                                                          p.text[x.end:x.end + 15]):
                    years = p.found(x.value, x.start, x.end)
            out.append(History(p.found(m.term, m.start, m.end), years))
    return out
