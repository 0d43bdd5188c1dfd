"""Outcomes of a case: the outcome term, its time (value and unit) and the dates of the interval.

The time of an outcome is the quantity written in its clause, preferring one after it ("progression free for
35 months", "died four months later") to one before it ("five years after surgery, she remains free of
disease"); a vague quantity ("within several weeks") gives an outcome without a value. Dates ("April 2011
to March 2014") in the same sentence give the interval.
"""

from __future__ import annotations

import re

from lmskg.extract import assertion
from lmskg.extract import quantities as q
from lmskg.extract.casetext import Passage
from lmskg.extract.facts import Outcome, Span
from lmskg.extract.lexicon import Mention

SPREAD = re.compile(r"\bmetasta\w*\b[^.;]{0,60}?\b(?:were|was|had been)\s+(?:detected|found|discovered)\b"
                    r"|\bnew\s+(?:[\w-]+\s+){0,2}(?:metastases|lesions|nodules|deposits)\b[^.;]{0,40}?"
                    r"\b(?:appeared|developed|were detected|were found)\b", re.I)
CAUSE = re.compile(r"\b(?:died|death|dying) (?:of|from)\s+$|\b(?:secondary|due) to\s+$", re.I)
VERBAL = re.compile(r"(?:ed|passed away)$", re.I)
VALUE_BREAK = re.compile(r"[;]|\b(?:but|however|whereas|although|while)\b", re.I)
POSTOP_DAY = re.compile(r"\b(?:postoperative|post-operative|hospital)\s+day\s+(\d+)\b", re.I)
REFERENCE = re.compile(r"\b(?:after|since|following|from)\s+(?:the\s+|his\s+|her\s+|this\s+)?(?:[a-z]+\s+)?$", re.I)
CHAIN = re.compile(r"[\s,;-]*(?:and\s+)?(?:again\s+)?(?:(?:with|without)\s+(?:an?\s+)?[a-z]+\s+|independently\s+|"
                   r"unaided\s+)?(?:at\s+)?", re.I)


def outcomes(p: Passage, sents: list[Span]) -> list[Outcome]:
    out: list[Outcome] = []
    seen: set[tuple[str, object]] = set()
    for s in sents:
        if assertion.cohort(p.text, s.start, s.end) and not q.ages(p.text, s.start, s.end):
            continue
        times = _times(p, s)
        dates = q.dates(p.text, s.start, s.end)
        causes = [m for m in p.mentions(s, "outcome") if CAUSE.search(p.text, max(s.start, m.start - 20), m.start)]
        events = [m for m in p.mentions(s, "outcome") if m not in causes]
        for m in events:
            if m.term in _generic() or assertion.planned(p.text, m.start, m.end, s.start, s.end):
                continue
            if any(e.end <= m.start for e in events) and REFERENCE.search(p.text, max(s.start, m.start - 30), m.start):
                continue                       # "died two months after the recurrence was diagnosed": its reference
            term = m.term
            if assertion.negated(p.text, m.start, m.end, s.start, s.end):
                if m.term not in _recurrence_terms(p) or _fatal(p, s, events):
                    continue                   # "died of lung disease, without intracranial recurrence": not NED
                term = p.lexicon.lookup("outcome", "no evidence of disease")   # "free of recurrence"
                if term is None:
                    continue
            value = _value_for(p, s, m, times, events)
            start = end = None
            if len(dates) >= 2 and value is not None:
                start = p.found(dates[0][0], dates[0][1], dates[0][2])
                end = p.found(dates[1][0], dates[1][1], dates[1][2])
            for point in _chain(p, value, times):       # "at 6, 12 and 24 months, and again at 7 years": each
                key = (term, None if point is None else (point.value, p.unit(point.unit)))
                if key in seen:
                    continue
                seen.add(key)
                out.append(Outcome(
                    p.found(term, m.start, m.end),
                    None if point is None or point.value is None else p.found(point.value, point.start, point.end),
                    None if point is None or point.value is None else p.unit(point.unit),
                    start, end))
        if not p.mentions(s, "outcome"):
            spread = _spread(p, s, times)
            key = spread and (spread.outcome.value, spread.value and (spread.value.value, spread.unit))
            if spread is not None and key not in seen:
                seen.add(key)
                out.append(spread)
    timed = {o.outcome.value for o in out if o.value is not None}
    return [o for o in out if o.value is not None or o.outcome.value not in timed]   # "he is ambulatory" again


def _spread(p: Passage, s: Span, times: list[q.Quantity]) -> Outcome | None:
    """ "Pulmonary metastases were detected 18 months after surgery": the disease progressed, at that time."""
    m = SPREAD.search(p.text, s.start, s.end)
    term = p.lexicon.lookup("outcome", "progression")
    if m is None or term is None:
        return None
    later = [t for t in times if t.value is not None and re.match(r"\s*(?:after|later)\b", p.text[t.end:t.end + 8])]
    value = later[0] if later else None
    return Outcome(p.found(term, m.start(), m.end()),
                   None if value is None else p.found(value.value, value.start, value.end),
                   None if value is None else p.unit(value.unit))


def _fatal(p: Passage, s: Span, events: list[Mention]) -> bool:
    """The sentence tells a death or a progression that is not negated: a recurrence it denies is local control at
    one site, not freedom from disease."""
    from lmskg.vocab import LMSKG

    bad = (str(LMSKG.Death), str(LMSKG.DiseaseProgression))
    return any(any(p.ontology.is_a(e.term, b) for b in bad)  # type: ignore[attr-defined]
               and not assertion.negated(p.text, e.start, e.end, s.start, s.end) for e in events)


def _recurrence_terms(p: Passage) -> set[str]:
    from lmskg.vocab import LMSKG

    return {str(LMSKG.TumorRecurrence), str(LMSKG.DiseaseProgression)}


def _generic() -> set[str]:
    from lmskg.vocab import LMSKG

    return {str(LMSKG.OutcomeMeasure), str(LMSKG.NumberOfPatients), str(LMSKG.NumberOfCases)}


def _chain(p: Passage, value: q.Quantity | None, times: list[q.Quantity]) -> list[q.Quantity | None]:
    """The time points an outcome was seen at: its time and the points listed with it ("at 6, 12, and 24 months
    - and again at 7 years", "with a cane at 6 weeks and without aid at 3 months")."""
    if value is None:
        return [None]
    i = times.index(value)
    lo = hi = i
    while lo > 0 and CHAIN.fullmatch(p.text, times[lo - 1].end, times[lo].start):
        lo -= 1
    while hi + 1 < len(times) and CHAIN.fullmatch(p.text, times[hi].end, times[hi + 1].start):
        hi += 1
    return list(times[lo:hi + 1])


def _times(p: Passage, s: Span) -> list[q.Quantity]:
    """Time quantities of the sentence, one per number of a list ("at 6, 12 and 24 months"), without ages and
    percentages."""
    found = [x for x in p.quantities(s) if x.unit != "percent" and p.unit(x.unit) is not None]
    for items in q.time_lists(p.text, s.start, s.end):
        found = [x for x in found if not items[0].start <= x.start < items[-1].end] + items
    found += [q.Quantity(q.number(m.group(1)), "day", m.start(), m.end()) for m in POSTOP_DAY.finditer(
        p.text, s.start, s.end)]
    return sorted(found, key=lambda x: x.start)


def _coordinated(p: Passage, a: Mention, b: Mention) -> bool:
    """ "tumor-free survival and good outcome at 2 years": outcomes named by nouns joined by "and" share their time;
    "admitted for recurrences and died after two months": a verb starts an event of its own."""
    lo, hi = (a.end, b.start) if a.end <= b.start else (b.end, a.start)
    if VERBAL.search(a.text) or VERBAL.search(b.text):
        return False
    return re.fullmatch(r"\s*(?:,|and|or|, and)\s*", p.text[lo:hi]) is not None


def _value_for(p: Passage, s: Span, m: Mention, times: list[q.Quantity], others: list[Mention]
               ) -> q.Quantity | None:
    """The time of an outcome: the nearest quantity in its clause that no other outcome stands closer to."""
    best = None
    for t in times:
        lo, hi = (m.end, t.start) if t.start >= m.end else (t.end, m.start)
        if lo > hi or VALUE_BREAK.search(p.text, lo, hi):
            continue
        if any(lo <= o.start and o.end <= hi and not _coordinated(p, m, o) for o in others if o is not m):
            continue                                   # "walked again, and no progression 14 months after"
        distance = hi - lo + (200 if "," in p.text[lo:hi] else 0) + (0 if t.start >= m.end else 1)
        if best is None or distance < best[0]:
            best = (distance, t)
    return None if best is None else best[1]
