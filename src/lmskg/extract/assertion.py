"""Assertion status of a candidate fact: did it happen to this patient, now?

A ConText-like rule set (after Harkema et al.'s ConText: trigger words with a scope): a mention is
``negated`` ("no evidence of recurrence"), ``historical`` ("a myomectomy 12 years earlier"), ``hypothetical``
or planned ("should be considered", "under consideration for additional surgery", "to prevent sudden death"),
``generic`` (a statement about other patients, the literature or a procedure in general: "Cases with cardiac
metastases rarely undergo resection", "the preferred surgical technique") or about ``family``; a sentence is
``cited`` when it reports another study's findings ("Smith et al. reported"). Only a mention
with none of these is a fact of the case; history stays history.

Cue words are grammar, not vocabulary: the terms they qualify come from the ontology lexicon. Scopes are
clauses: a cue governs the mentions after it in its clause (up to a comma, semicolon, colon or a closing word
such as "but"); the generic and planned cues govern their whole sentence or clause as noted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NEGATION = re.compile(r"\b(?:no evidence of|without|no|not|negative for|absence of|free of|ruled out|denied)\b",
                      re.I)
HISTORY = re.compile(
    r"\b(?:history of|previous(?:ly)?|prior|had undergone|had been (?:treated|operated)|had received|"
    r"another (?:institution|hospital|center|centre)|initially|originally|had been (?:\w+ed|\w+en)|"
    r"after (?:several|many|a few|some|\d+|[a-z]+) years? of)\b", re.I)
HISTORY_AFTER = re.compile(r"\b(?:earlier|ago|elsewhere|previously)\b|\b(?:years?|months?)\s+before\b", re.I)
HYPOTHETICAL = re.compile(
    r"\b(?:should|(?-i:may)|might|can|would|suggests?|recommends?|recommended|despite|advisable|"
    r"if|whenever|appears? justified|deserves?|advised|helps? to)\b", re.I)
PRESENTATION = re.compile(
    r"\b(?:presented|presents|presenting|developed|was referred|were referred|consulted|was admitted|complained|"
    r"came|reported)\b", re.I)
COHORT = re.compile(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|[a-z]+teen)\s+"
    r"(?:[a-z-]+\s+){0,2}(?:patients|cases|women|men|subjects|children)\b"
    r"|\b(?:series|cohort|literature|studies|previously reported|reported cases|patients)\b"
    r"|\b\d+\s*\(\d+(?:\.\d+)?\s*%\)|\b(?:of|among) (?:these|them|those)\b", re.I)
CASE_CUE = re.compile(r"\b(?:case of an?|a patient|the patient|our patient|this patient|we (?:report|present|describe)"
                      r" (?:an?|the) (?:case|patient))\b", re.I)
PLANNED = re.compile(r"\b(?:under consideration for|considered for|(?:was|is) (?:planned|scheduled) for|"
                     r"will (?:undergo|receive|be)|is to undergo|candidate for|awaiting|referred for (?:further|"
                     r"additional)|(?:planned|scheduled|proposed|recommended|offered)\b)", re.I)
PLANNED_AFTER = re.compile(r"\b(?:(?:was|is|were|are|has been) (?:planned|scheduled|proposed|recommended|being "
                           r"considered|contemplated)|will be (?:performed|given|done)|is pending)\b", re.I)
PURPOSE = re.compile(r"\b(?:to (?:prevent|avoid|reduce the risk of)|in order to (?:prevent|avoid)|"
                     r"for fear of|risk of|at risk of|may cause|can cause)\s+(?:[\w-]+\s+){0,2}$", re.I)
GENERIC_SUBJECT = re.compile(
    r"\W*(?:cases|patients|tumou?rs|lesions|metastases|such|these|most|many|some|leiomyosarcomas?|lms)\b[^.;]{0,80}?"
    r"\b(?:rarely|usually|often|commonly|frequently|generally|typically|seldom)\b", re.I)
GENERIC_CLAIM = re.compile(
    r"\b(?:is|remains|are) (?:the )?(?:preferred|mainstay|treatment of choice|standard|cornerstone|"
    r"first line|gold standard)\b|\bthe mainstay of\b|\bthe principles? of\b|\bprovide[sd]? unequivocal\b",
    re.I)
CITED = re.compile(
    r"\bet al\.?(?:\s*\[[\d,\s-]+\]|\s*\(\d{4}\))?\s+(?:have\s+|had\s+)?(?:reported|found|showed|described|observed|"
    r"demonstrated|noted|analy[sz]ed|reviewed)\b"
    r"|\b(?:a|an|one|another|the|their|this)\s+(?:(?:previous|prior|earlier|recent|large|larger|multicent(?:er|re)|"
    r"multi-institutional|population-based|registry|national|retrospective|prospective|randomi[sz]ed|SEER)[\s-]+)+"
    r"(?:[a-z-]+\s+){0,2}?(?:study|studies|series|analysis|report|trial|review)\b[^.;]{0,80}?\b(?:reported|found|"
    r"showed|described|observed|demonstrated|noted)\b", re.I)
CITATION_ASIDE = re.compile(r"\((?=[^()]*\b(?:19|20)\d\d\b)[^()]{12,}\)")
FAMILY = re.compile(r"\b(?:her|his|the patient's) (?:mother|father|sister|brother|daughter|son|aunt|uncle|"
                    r"grandmother|grandfather|parents?|siblings?)\b|\bfamily history of\b", re.I)
CLAUSE_BREAK = re.compile(r"[,;:()\[\]]|\b(?:but|however|whereas|although|which|who)\b", re.I)


def clause_bounds(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """The clause of ``text[lo:hi]`` that holds [start, end): between the nearest clause breaks."""
    left = lo
    for m in CLAUSE_BREAK.finditer(text, lo, start):
        left = m.end()
    right = hi
    m = CLAUSE_BREAK.search(text, end, hi)
    if m:
        right = m.start()
    return left, right


def negated(text: str, start: int, end: int, lo: int, hi: int) -> bool:
    """Is the mention at [start, end) negated by a cue earlier in its clause ("no evidence of recurrence")?"""
    left, _ = clause_bounds(text, start, end, lo, hi)
    return NEGATION.search(text, left, start) is not None


def hypothetical(text: str, lo: int, hi: int) -> bool:
    """Does the sentence [lo, hi) speak of what may, should or could be (advice, hedging), not what happened?"""
    return HYPOTHETICAL.search(text, lo, hi) is not None


def historical(text: str, start: int, end: int, lo: int, hi: int) -> bool:
    """Is the mention at [start, end) part of the patient's past history rather than of this presentation?

    A history cue in the mention's own clause makes it history ("a myomectomy 12 years earlier", "after previous
    transplantation"); so does one earlier in the sentence when the mention comes before the verb of
    presentation ("who had undergone resection ..., followed by chemotherapy ..., developed headache").
    """
    left, right = clause_bounds(text, start, end, lo, hi)
    if HISTORY.search(text, left, start) or HISTORY_AFTER.search(text, end, right):
        return True
    cue = HISTORY.search(text, lo, start) or HISTORY_AFTER.search(text, lo, start)
    if cue is None:
        return False
    verb = PRESENTATION.search(text, cue.end(), hi)
    return verb is None or start < verb.start()


def cohort(text: str, lo: int, hi: int) -> bool:
    """Does the sentence [lo, hi) speak of several patients (a series, a cohort, literature cases)?"""
    return COHORT.search(text, lo, hi) is not None


def cited(text: str, lo: int, hi: int) -> bool:
    """Does the sentence [lo, hi) report what another study found ("Smith et al. reported", "a previous
    multicenter study found"), not this document's own figures?"""
    return CITED.search(text, lo, hi) is not None


def citation_asides(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Parenthesised references with a year inside the sentence ("(Outcomes of 1240 patients, J Clin Oncol
    2015)"): their numbers are another work's."""
    return [(m.start(), m.end()) for m in CITATION_ASIDE.finditer(text, lo, hi)]


@dataclass(frozen=True, slots=True)
class Assertion:
    """What a mention says about the patient; a fact of the case is one with every flag False."""

    negated: bool = False
    historical: bool = False
    hypothetical: bool = False
    generic: bool = False
    family: bool = False

    @property
    def of_this_patient_now(self) -> bool:
        return not (self.negated or self.historical or self.hypothetical or self.generic or self.family)


def assess(text: str, start: int, end: int, lo: int, hi: int) -> Assertion:
    """The assertion status of the mention ``text[start:end]`` in the sentence ``text[lo:hi]``."""
    left, right = clause_bounds(text, start, end, lo, hi)
    return Assertion(
        negated=negated(text, start, end, lo, hi),
        historical=historical(text, start, end, lo, hi),
        hypothetical=planned(text, start, end, lo, hi),
        generic=generic(text, lo, hi),
        family=FAMILY.search(text, left, right) is not None,
    )


def planned(text: str, start: int, end: int, lo: int, hi: int) -> bool:
    """Is the mention something planned, considered or aimed at, not done or seen ("under consideration for
    additional surgical management", "to prevent sudden death")?"""
    left, right = clause_bounds(text, start, end, lo, hi)
    return (PLANNED.search(text, left, start) is not None or PLANNED_AFTER.search(text, end, right) is not None
            or PURPOSE.search(text, max(lo, start - 40), start) is not None)


def generic(text: str, lo: int, hi: int) -> bool:
    """Does the sentence state what holds in general (of patients, tumours, a technique), not of this patient?"""
    return GENERIC_SUBJECT.match(text, lo, hi) is not None or GENERIC_CLAIM.search(text, lo, hi) is not None
