"""A small ConText-like rule set: is a mention negated, past history, hypothetical, or about a cohort?

Cue words here are grammar ("no evidence of", "history of", "should"), not vocabulary: the terms they
qualify come from the ontology lexicon. Scopes are clauses: a cue governs the mentions after it in its
clause (up to a comma, semicolon, colon or a closing word such as "but").
"""

from __future__ import annotations

import re

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
SECTION_END = re.compile(
    r"\W*(?:conclusions?|discussion|lessons?|keywords?|key words|cite this paper|references?|mesh terms|"
    r"how to cite|share and cite)\b", re.I)
SECTION_START = re.compile(
    r"\W*(?:case(?: report| description| presentation| summary| history)?|patient concerns|diagnosis|interventions?|"
    r"outcomes?|follow-up|treatment)(?:\s*:|[ \t]*$)", re.I | re.M)
COHORT = re.compile(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|[a-z]+teen)\s+"
    r"(?:[a-z-]+\s+){0,2}(?:patients|cases|women|men|subjects|children)\b"
    r"|\b(?:series|cohort|literature|studies|previously reported|reported cases|patients)\b"
    r"|\b\d+\s*\(\d+(?:\.\d+)?\s*%\)|\b(?:of|among) (?:these|them|those)\b", re.I)
CASE_CUE = re.compile(r"\b(?:case of an?|a patient|the patient|our patient|this patient|we (?:report|present|describe)"
                      r" (?:an?|the) (?:case|patient))\b", re.I)
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
