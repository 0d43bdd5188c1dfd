"""Lesions of a case: where the tumors were and in what role (primary, metastasis, recurrence).

Sites come from vertebral levels written near a lesion word ("a mass at T3 and T4"), from role and lesion words
tied to a place ("brain metastases", "metastasized to the spine", "a lytic lesion of the frontal bone"), from
lists ("two in the cerebellum and one in the temporal lobe", "the frontal and occipital lobes") and from names of
metastases ("spinal metastasis"). Levels written with a procedure are where it acted, not lesions.
"""

from __future__ import annotations

import re

from lmskg.extract import assertion
from lmskg.extract import quantities as q
from lmskg.extract.casetext import Passage
from lmskg.extract.facts import Found, Lesion, Span
from lmskg.extract.lexicon import Mention
from lmskg.extract.tumors import ATTACH, PRE_ATTACH, is_level_token, metastatic_class

LESION_NOUNS = re.compile(r"\b(?:lesions?|mass(?:es)?|tumou?rs?|deposits?|nodules?|involvement|neoplasm|"
                          r"metastas[ie]s|foci|focus|metastasi[sz](?:ed|ing)|metastatic|spread)\b", re.I)
METASTATIC = re.compile(r"metasta", re.I)            # "recurrent LMS metastatic to the spine": a metastasis there
NAMED_LESION = re.compile(r"\s*(?:vertebral\s+)?(?:lesions?|mass(?:es)?|tumou?rs?|metastas[ie]s|deposits?)\b", re.I)
RECURRENCE = re.compile(r"\b(?:recurrence|recurrent|recurred|relapse|relapsed)\b", re.I)


def lesions(p: Passage, sents: list[Span], primary_site: Found[str] | None, primary: list[Lesion]) -> list[Lesion]:
    metastasis = p.lexicon.lookup("role", "metastasis")
    primary_role = p.lexicon.lookup("role", "primary")
    recurrence = p.lexicon.lookup("role", "recurrence")
    found: list[tuple[str, Found[str], Found[str]]] = []                 # (role, role evidence, site)
    for lesion in primary:
        for site in lesion.sites:
            found.append((lesion.role.value, lesion.role, site))
    for s in sents:
        if assertion.cohort(p.text, s.start, s.end) and not q.ages(p.text, s.start, s.end):
            continue
        treated = _treatment_level_spans(p, s)
        anatomy = [a for a in p.mentions(s, "anatomy") if not is_level_token(p, a)]
        cues = [m for m in p.analysis.all if s.start <= m.start and m.end <= s.end and m.category == "role"]
        cues += [m for m in p.mentions(s) if m.term == _recurrence_outcome()] + [
            _as_mention(x) for x in LESION_NOUNS.finditer(p.text, s.start, s.end)]
        cues = [c for c in cues if not assertion.negated(p.text, c.start, c.end, s.start, s.end)]
        role_of = _role_for(p, s, metastasis, recurrence)
        for lv in p.levels(s):
            if any(a <= lv.start < b for a, b in treated) and not NAMED_LESION.match(p.text, lv.end, s.end):
                continue                                  # "resection of T5": where it acted; "the T5 tumour": a lesion
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
            if metastatic_class(p, m.term) and not assertion.negated(p.text, m.start, m.end, s.start, s.end):
                for a in p.analysis.nested(m, "anatomy")[:1]:     # "brain metastases": a metastasis in the brain
                    found.append((metastasis or "", p.found(metastasis or "", m.start, m.end),
                                  p.found(a.term, a.start, a.end)))
        for cue in cues:
            site = _site_for_cue(p, s, cue, anatomy)
            if site is None or any(a <= site.span.start < b for a, b in treated):
                continue
            if primary_site is not None and site.value == primary_site.value \
                    and assertion.historical(p.text, cue.start, cue.end, s.start, s.end):
                continue                                  # "the previous IVC tumour": the primary, treated long ago
            role = metastasis if METASTATIC.match(cue.text) and metastasis else role_of(cue.start)
            found.append((role, p.found(role, cue.start, cue.end), site))
    has_levels = {r for r, _, site in found if p.is_vertebra(site.value)}
    spinal_primary = primary_site is not None and (p.is_spine_region(primary_site.value)
                                                   or primary_site.value == _bone())   # "a primary bone tumour"
    placed: list[tuple[str, Found[str], Found[str]]] = []
    for role, evidence, site in found:
        at_primary = primary_site is not None and (site.value == primary_site.value
                                                   or p.within(site.value, primary_site.value))
        if spinal_primary and (p.is_vertebra(site.value) or p.is_spine_region(site.value)):
            at_primary = True                             # a primary spinal (or bone) tumor at its own levels
        if at_primary and primary_role:
            role, evidence = primary_role, p.found(primary_role, evidence.span.start, evidence.span.end)
        placed.append((role, evidence, site))
    lesions: list[Lesion] = []
    seen: set[tuple[str, str]] = set()
    for role, evidence, site in placed:
        if not p.is_vertebra(site.value) and p.is_spine_region(site.value) and has_levels:
            continue                                                      # "thoracic spine" given as T3, T4
        if any(other.value != site.value and p.within(other.value, site.value)
               for r, _, other in placed if r == role):
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


def _bone() -> str:
    from lmskg.vocab import LMSKG

    return str(LMSKG.Bone)


def _recurrence_outcome() -> str:
    from lmskg.vocab import LMSKG

    return str(LMSKG.TumorRecurrence)


def _role_for(p: Passage, s: Span, metastasis: str | None, recurrence: str | None):
    """The role of a lesion written at ``at``: recurrence after a recurrence word of its clause, else metastasis."""
    def role(at: int) -> str:
        left, right = assertion.clause_bounds(p.text, at, at + 1, s.start, s.end)
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
    if after and METASTATIC.match(cue.text) and re.search(r"\bfrom\b", p.text[end:after[0].start], re.I):  # type: ignore
        return None                                                       # "metastatic from the uterus": its origin
    if after and ATTACH.match(p.text[end:after[0].start]):
        a = after[0]
        return p.found(a.term, a.start, a.end)
    return None


def _treatment_level_spans(p: Passage, s: Span) -> list[tuple[int, int]]:
    from lmskg.extract.treatments import attached_levels

    return [(lv.start, lv.end) for lv in attached_levels(p, s)]


