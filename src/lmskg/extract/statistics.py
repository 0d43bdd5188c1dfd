"""Cohort statistics: per population and tumor group, a measure with its value and unit.

Values are quantities ("20 months", "75%"), counts of patients or cases ("Eight patients", "6 (75%)") and
lists paired with "respectively" ("cervical cancer, endometrial cancer, and leiomyosarcoma survival being
32, 26, and 20 months, respectively"). The measure is the outcome term nearest before the value in its
clause (for a count, the one after it: "6 patients had improvement ..."); a bare count of patients is the
number of patients when the clause says how they were gathered ("underwent", "were reported"). The group
is the tumor a value is tied to (parenthesised value after it, a "respectively" list, the only tumor of the
sentence) or, failing that, the tumor the population was defined by. Ranges, ages, calendar years and
time points ("at 1, 2 and 5 years", "alive 1 year after surgery") are not values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import pairwise

from lmskg.extract import assertion
from lmskg.extract import quantities as q
from lmskg.extract.casetext import Passage
from lmskg.extract.facts import CohortStatistic, Found, Span
from lmskg.extract.lexicon import Mention
from lmskg.extract.tumors import generic
from lmskg.vocab import LMSKG

NUM = q.NUMBER
ASIDE = r"(?:\s*\([^()]*\))?"                 # "92.6 (range: 79.7-105.4) and 50.4 (...) months"
LIST = re.compile(rf"(?<![\w.])((?:{NUM})(?:\s*%)?{ASIDE}(?:\s*,\s*(?:{NUM})(?:\s*%)?{ASIDE})*\s*,?\s*"
                  rf"(?:and|or|vs\.?|versus)\s+(?:{NUM}){ASIDE})"
                  rf"(?:\s*-\s*|\s+)?(%|days?|weeks?|months?|years?)(?![\w])", re.I)
COUNT_NOUNS = "patients|cases|women|men|publications|operations|procedures"
COUNT = re.compile(rf"(?<![\w.])({NUM})\s+(?:[a-z-]+\s+){{0,2}}?({COUNT_NOUNS})\b"
                   rf"(?:\s*\((\d+(?:\.\d+)?)\s*%\))?",
                   re.I)
BARE_COUNT = re.compile(r"\bin\s+(\d+)\s*\((\d+(?:\.\d+)?)\s*%\)", re.I)
LITERATURE = re.compile(r"\b(?:cases|patients)\b[^.;]{0,120}\b(?:have|had|has) been (?:reported|described|published)\b"
                        r"|\b(?:previously|published|literature) (?:reported )?cases\b"
                        r"|\b(?:review|search)\s+of\s+the\s+(?:published\s+|english\s+|medical\s+)?literature\b"
                        r"|\bliterature\s+(?:review|search)\b|\b(?:cases|patients|reports)\s+(?:published|reported|described)"
                        r"\s+in\s+the\s+literature\b", re.I)
OWN = frozenset({str(LMSKG.CaseSeriesPopulation), str(LMSKG.InstitutionalCohortPopulation)})
SIZE_OF = re.compile(r"\b(?:series|cohort|group|total|study|review)\s+of\s+$", re.I)
AND_N = re.compile(r"(?:\band|,)\s+(\d+)\s+(?=underwent|had|received|required|developed|died|experienced|suffered|"
                   r"(?:were|was) complicated by)", re.I)
PAREN_COUNT = re.compile(r"(?<![\w.(])(\d+)\s*\((\d+(?:\.\d+)?)\s*%\)", re.I)
OF_THEM = re.compile(rf"(?<![\w.])({NUM})\s+of\s+(?:them|these|those)\b", re.I)
OF_TOTAL = re.compile(rf"(?<![\w.])({NUM})\s+of\s+(?:the|all|our)?\s*(\d+)\s+"
                      rf"(?:[a-z-]+\s+){{0,2}}?(?:patients|cases)\b", re.I)
BREAKDOWN = re.compile(r"(?<![\w.])(\d+)\s+(?:(?:patients?|cases?)\s+(?:with|of)\s+)?$", re.I)
TOTAL = re.compile(r"\btotal\s+(?:of\s+)?(\d+)\b(?!\s*(?:patients|cases))", re.I)
BOUNDS = re.compile(r"\s*(?:%|[a-z]+)?\s*[(,;]\s*(?:range[sd]?|95\s*%\s*(?:CI|confidence interval)|CI|IQR|"
                    r"interquartile range)\s*[:,]?\s*"
                    r"(\d+(?:\.\d+)?)\s*%?\s*(?:-|\u2013|to)\s*(\d+(?:\.\d+)?)", re.I)
EACH = r"(?:-(?:day|week|month|year)|-)"             # "2-year and 5-year", "1-, 3- and 5-year"
ADJECTIVAL_TIMES = re.compile(rf"(?<![\w.])(?P<times>(?:{NUM})(?:{EACH}?\s*,\s*(?:{NUM}))*"
                              rf"(?:{EACH}?\s*,?\s*(?:and|or)\s+(?:{NUM}))?)-(?P<unit>day|week|month|year)\s+"
                              r"(?:(?:overall|actuarial|cumulative)\s+)?$", re.I)
TIMES_AFTER = re.compile(rf"\s+(?:rates?\s+)?at\s+(?P<times>(?:{NUM})(?:\s*,\s*(?:{NUM}))*(?:\s*,?\s*(?:and|or)\s+"
                         rf"(?:{NUM}))?)\s+(?P<unit>days?|weeks?|months?|years?)\b", re.I)
ADJECTIVAL_TIME = re.compile(rf"(?<![\w.])({NUM})-(day|week|month|year)\s+$", re.I)
FOLLOW_UP = re.compile(r"\b(median|mean|average)\s+(?:duration\s+of\s+)?follow[- ]?up(?:\s+(?:time|period|duration))?"
                       r"\s*(?:was|were|of|:|=)?\s*(?:\S+\s+){0,2}?$", re.I)
_COUNTED = r"(?:\s*,\s*|\s+|\s*\(\s*n\s*=\s*)"              # "uterine 18", "uterus, 18", "uterine (n = 18)"
CATEGORY_HEAD = re.compile(r"\b(?:primary\s+(?:tumou?rs?|sites?)|(?:[a-z]+\s+)?(?:sites?|locations?|lesions?|"
                           r"tumou?rs?|metastases|histolog(?:y|ies)|subtypes?))(?:\s+(?:were|was)\s+|\s*:\s*)"
                           rf"(?=(?:in\s+)?(?:an?\s+|the\s+)?[a-z]+(?:\s+[a-z-]+)?{_COUNTED}\d)",
                           re.I)
_WORD = r"(?!(?:in|at|of|with|for|to|was|were|and)\b)[a-z][a-z-]*"
_LABEL = rf"(?P<label>{_WORD}(?:\s+{_WORD})?)"
_SHARE = r"(?:\s*\((?P<pct>\d+(?:\.\d+)?)\s*%\))?"                # "18 (35%)"
_NEXT = r"\s*(?:,|;|,?\s*and\b)?\s*"
CATEGORY_ITEM = re.compile(rf"{_NEXT}(?:in\s+)?(?:an?\s+|the\s+)?{_LABEL}{_COUNTED}(?P<n>\d+)\b(?!\s*%|\.\d)(?:\s*\))?"
                           rf"{_SHARE}", re.I)
SITE_COUNT = re.compile(r"\s+in\s+\d")
SITE_LEAD = re.compile(r"(?:\b(?:in|at)\s+)?(?:the\s+)?$", re.I)
SITE_ITEM = re.compile(rf"{_NEXT}(?:in\s+|at\s+)?(?:the\s+)?{_LABEL}\s+in\s+(?P<n>\d+)\b(?!\s*%|\.\d)"
                       rf"(?:\s+(?:patients|cases))?{_SHARE}", re.I)
SLASH = re.compile(r"(?<![\w./])(\d{1,4})\s*/\s*(\d{1,5})(?![\w./])")
CONFIDENCE = re.compile(r"\b\d{2}(?:\.\d+)?\s*%\s*(?:CI|confidence interval)\b[^);\]]*", re.I)
RATIO = re.compile(r"\b(hazard ratio|odds ratio|adjusted hazard ratio|(?-i:HR|OR|aHR))\b"
                   r"(?:[^.;()\d]{0,60}?(?:[=:]|\bof\b|\bwas\b|\bwere\b))?\s*(\d+(?:\.\d+)?)(?![\d%]|\s*[a-z])", re.I)
RATIOS = {"hazard ratio": "HazardRatio", "hr": "HazardRatio", "ahr": "HazardRatio",
          "adjusted hazard ratio": "HazardRatio", "odds ratio": "OddsRatio", "or": "OddsRatio"}
AGE_FIGURE = re.compile(r"\b(median|mean|average)\s+(?:age(?:\s+at\s+(?:diagnosis|presentation|surgery|operation))?"
                        r"\s*(?:of|was|were|:|=)?\s*)?$", re.I)
P_VALUE = re.compile(r"(?<![\w.])p\s*(?:-?\s*value\s*)?(?P<rel>[<=>\u2264\u2265])\s*(?P<value>0?\.\d+|[01](?:\.\d+)?)",
                     re.I)
TREATED = re.compile(r"\b(?:after|following|with)\s+(?P<article>an?\s+|the\s+)?(?P<modifier>[a-z]+\s+)?\[?$", re.I)
LIST_GAP = re.compile(r"\s*(?:%|months?|years?|weeks?|days?)?\s*(?:,|,?\s*and|,?\s*or)\s*", re.I)
TREATED_GAP = re.compile(r"\s*%?\s*(?:(?:of\s+)?(?:the\s+)?(?:patients|cases)(?:\s+(?:treated|managed))?)?\s*", re.I)
AMONG = re.compile(rf"\s*(?:among|in|of)\s+(?:the\s+)?(?:{NUM})\s+(?:patients|cases)\s+(?:treated\s+(?:with|by)|who\s+"
                   r"underwent|undergoing|receiving|managed\s+with|after)\s+(?:an?\s+|the\s+)?", re.I)
THRESHOLD = re.compile(r"[\u2265\u2264<>]\s*$")
VERSUS = re.compile(r"\s*(?:%|[a-z]+)?\s*(?:vs\.?|versus)\s*$", re.I)
PAIRED = re.compile(r"\b(?:than|compared (?:with|to)|versus|vs\.?|and)\b", re.I)
PRIMARY_SITE = re.compile(r"\bprimary\s+(?:tumou?rs?|sites?|lesions?)\s+(?:was|were|arose|originated)\b", re.I)
RANGE = re.compile(r"\(?\brange[sd]?\b[^)]*\)?"
                   r"|\bbetween\s+\d+(?:\.\d+)?\s*%?\s+and\s+\d+(?:\.\d+)?"
                   r"|\b\d+(?:\.\d+)?\s*(?:-|to)\s*\d+(?:\.\d+)?\s*(?:%|days?|weeks?|months?|years?)", re.I)
GATHERED = re.compile(r"\b(?:underwent|undergoing|operated|treated|included|enrolled|reviewed|identified|managed|"
                      r"found|retrieved|describe|described|present|presented|"
                      r"reported|analy[sz]ed|collected|were found|have been described)\b", re.I)
VALUE_VERB = re.compile(r"\b(?:was|were|is|are|reached|of|be|being|mean|median|averaged|lasted|only|:)\s*(?:a\s+)?$",
                        re.I)
AFTER_TIME = re.compile(r"\s*(?:after|later|before|post|following|from)\b", re.I)
TIME_POINT = re.compile(r"\b(?:at|by|within|after)\s*(?:the\s+)?$", re.I)
INSTITUTION = re.compile(r"\s+(?:cent(?:er|re)s?|units?|clinics?|services?|registr(?:y|ies)|databases?|"
                         r"departments?|boards?|networks?|institutes?|hospitals?|specialists?)\b", re.I)
REPORTED_CASES = re.compile(r"\b\w+\s+cases\s+of\s+([^,;()]+?)(?:\s*,[^,;]*,)?\s+(?:have|has|had)\s+been\s+"
                            r"(?:reported|described|published)\b", re.I)
CASES_REPORTED = re.compile(r"\b\w+\s+((?:previously\s+)?(?:reported|published|described)\s+cases\s+of\s+[^,;().]+)",
                            re.I)
SUBSET = re.compile(r"\b(?:data|records) of\s+((?:[\w-]+\s+){1,6}?(?:cases|patients))\s+(?:were|was)\s+"
                    r"(?:extracted|selected|identified|analy[sz]ed)\b", re.I)
FALLBACK_COHORT = re.compile(r"\b(?:cohort|institution|institutional|cent(?:er|re)|retrospective|our experience|"
                             r"consecutive|our (?:own\s+)?(?:patients|cases))\b", re.I)


@dataclass(frozen=True, slots=True)
class _Value:
    value: Decimal
    unit: str | None
    start: int
    end: int
    count: bool = False
    in_list: bool = False
    subset: bool = False
    breakdown: bool = False                   # "60 leiomyosarcoma of bone and 828 ...": a count of one group
    category: tuple[str, int, int] | None = None   # "uterine 18": the category counted, as written, and its span
    named: str | None = None                  # the measure its own words name: "median 56 years" (MedianAge), "HR 2.1"


def statistics(p: Passage, publication: str | None) -> list[CohortStatistic]:
    out: list[CohortStatistic] = []
    seen: set[tuple] = set()
    population: Found[str] | None = None
    own: Found[str] | None = None                     # the document's own cohort, once named
    subset_name: Found[str] | None = None             # a subset the text names: "localized ... cases were extracted"
    group_default: Found[str] | None = None
    study_groups: list[Found[str]] = []
    for s in p.sentences:
        if assertion.hypothetical(p.text, s.start, s.end) and not re.search(r"\d", p.text[s.start:s.end]):
            continue
        if assertion.cited(p.text, s.start, s.end):
            continue                                  # another study's figures
        pops = p.mentions(s, "population")
        tumors = _tumors(p, s)
        if pops:
            named = pops[-1]
            series = named.term == str(LMSKG.CaseSeriesPopulation)
            population = own if own is not None and named.term in OWN and not series else p.found(
                named.term, named.start, named.end)       # "our institution", "our series": one cohort, a series
        values = _values(p, s)
        if len(tumors) == 1 and (group_default is None or pops):
            group_default = p.found(tumors[0].term, tumors[0].start, tumors[0].end)
        if not values:
            if not pops and population is None and FALLBACK_COHORT.search(p.text, s.start, s.end):
                population = p.found(str(LMSKG.InstitutionalCohortPopulation), s.start, s.end)
            continue
        cohort_word = FALLBACK_COHORT.search(p.text, s.start, s.end)
        if population is None or (not pops and cohort_word and population.value not in OWN):
            term = LMSKG.InstitutionalCohortPopulation if cohort_word else LMSKG.CaseSeriesPopulation
            population = own or p.found(str(term), s.start, s.end)   # "Of our patients, ...": back to the cohort
        if population.value in OWN:
            own = population if own is None or population.value == str(LMSKG.CaseSeriesPopulation) else own
        if not pops and LITERATURE.search(p.text, s.start, s.end):
            population = p.found(str(LMSKG.LiteratureCasesPopulation), s.start, s.end)
        if population.value == str(LMSKG.LiteratureCasesPopulation):
            reported = REPORTED_CASES.search(p.text, s.start, s.end)
            written = CASES_REPORTED.search(p.text, s.start, s.end)
            if written:                                   # "23 previously reported cases of brain metastasis from X"
                subset_name = p.found(written.group(1), written.start(1), written.end(1))
            elif reported:                                # "11 cases of brain metastasis from X have been reported"
                subset_name = p.found(f"reported cases of {reported.group(1)}", reported.start(1), reported.end(1))
        groups = _groups(p, s, values, tumors)
        study_groups = _breakdowns(p, s, values, groups) or study_groups
        _pairs(p, s, values, tumors, groups, study_groups)
        subset = SUBSET.search(p.text, s.start, s.end)
        if subset:
            subset_name = p.found(re.sub(r"\s+", " ", subset.group(1)), subset.start(1), subset.end(1))
        outcomes = [m for m in p.mentions(s, "outcome")]
        by_site = _primary_site_groups(p, s, values)
        treated = _treated_subsets(p, s, values)
        rates: dict[int, int] = {}                       # measure start -> rates of it read so far
        for v in values:
            measure = _measure(p, s, v, outcomes)
            if v.category and v.start not in by_site:
                by_site.update(_site_group(p, s, v))
            if v.start in by_site:
                measure = p.found(str(LMSKG.NumberOfPatients), v.start, v.end)
                groups[v.start] = by_site[v.start]
            if v.named:
                measure = p.found(str(LMSKG[v.named]), v.start, v.end)
            if v.breakdown or (v.count and measure is None
                               and re.search(r"\btotal\s+(?:of\s+)?$", p.text[max(s.start, v.start - 12):v.start])):
                measure = measure if measure is not None and not v.breakdown else _count_measure(p, s, v)
            if measure is None:
                continue
            group = groups.get(v.start)
            if group is None and len({t.term for t in tumors}) <= 1:
                group = (p.found(tumors[0].term, tumors[0].start, tumors[0].end) if tumors else group_default)
            key = (population.value, group and group.value, measure.value, v.value, v.unit, v.category)
            if key in seen:
                continue                                  # the title and the abstract give the same figure
            seen.add(key)
            out.append(CohortStatistic(
                publication=publication,
                span=p.span(s.start, s.end),
                population=population,
                population_name=treated.get(v.start) or subset_name,
                measure=measure,
                value=p.found(v.value, v.start, v.end),
                unit=None if v.unit is None else p.unit(v.unit),
                group=group,
                time_point=_time_point(p, s, measure, rates) if v.unit == "percent" else None,  # a rate, not a time
                bounds=_bounds(p, s, v),
                p_value=_p_value(p, s, v),
                category=v.category and p.found(*v.category),
            ))
    if own is not None:                               # one own cohort, named as a series where the text says so
        out = [replace(x, population=Found(own.value, x.population.span)) if x.population.value in OWN else x
               for x in out]
    return _merge_counts(out)


def _bounds(p: Passage, s: Span, v: _Value) -> tuple[Found[Decimal], Found[Decimal]] | None:
    """ "92.6 (range: 79.7-105.4)", "11.7 months (range 3.3-23.0 months)", "1.8 (95% CI 1.2-2.7)": the bounds
    written right after a value."""
    m = BOUNDS.match(p.text, v.end, s.end)
    low, high = (q.number(m.group(1)), q.number(m.group(2))) if m else (None, None)
    if low is None or high is None:
        return None
    return p.found(low, m.start(1), m.end(1)), p.found(high, m.start(2), m.end(2))


def _p_value(p: Passage, s: Span, v: _Value) -> tuple[Found[Decimal], str] | None:
    """ "(67% vs. 36%, p = 0.007)", "... respectively (p = 0.006)": the first p-value written after a value in its
    sentence, and its comparator ("<", "=")."""
    m = P_VALUE.search(p.text, v.end, s.end)
    if m is None:
        return None
    value = q.number(m.group("value").replace(".", "0.", 1) if m.group("value").startswith(".") else m.group("value"))
    if value is None:
        return None
    return p.found(value, m.start("value"), m.end("value")), m.group("rel")


def _time_point(p: Passage, s: Span, measure: Found[str], rates: dict[int, int]
                ) -> tuple[Found[Decimal], str] | None:
    """The time point of the next rate of ``measure``: its times in turn ("1-, 3- and 5-year survival of 90, 70
    and 47%"), again from the first for a second list of the same times."""
    times = _time_points(p, s, measure)
    if not times:
        return None
    k = rates.get(measure.span.start, 0)
    rates[measure.span.start] = k + 1
    return times[k % len(times)]


def _treated_subsets(p: Passage, s: Span, values: list[_Value]) -> dict[int, Found[str]]:
    """The patients a treatment names: "72%, 58% and 43% after upfront surgery and 40%, 30% and 20% after upfront
    radiosurgery" (the values right before the treatment they follow), "Among 22 patients treated with SBRT, ..."
    (every value of the sentence). The subset is named by the treatment as written ("upfront surgery")."""
    out: dict[int, Found[str]] = {}
    procedures = p.mentions(s, "procedure")
    among = AMONG.match(p.text, s.start, s.end)
    if among:
        first = next((m for m in procedures if m.start == among.end()), None)
        if first is not None:
            return {v.start: p.found(first.text, first.start, first.end) for v in values}
    boundary = s.start
    for m in procedures:
        cue = TREATED.search(p.text, max(boundary, m.start - 40), m.start)
        before = [v for v in values if boundary <= v.start and v.end <= m.start]
        if not (cue and before and TREATED_GAP.fullmatch(p.text, before[-1].end, cue.start())):
            continue
        listed = [before[-1]]
        for v in reversed(before[:-1]):                  # the list the treatment closes: "72%, 58% and 43%"
            if not LIST_GAP.fullmatch(p.text, v.end, listed[0].start):
                break
            listed.insert(0, v)
        if any(v.unit not in (None, "percent") for v in listed) and cue.group("article"):
            continue                                      # "8.6 months after the index operation": a time since it
        start = cue.start("modifier") if cue.group("modifier") else m.start
        for v in listed:
            out[v.start] = p.found(p.text[start:m.end], start, m.end)
        boundary = m.end
    return out


def _time_points(p: Passage, s: Span, measure: Found[str]) -> list[tuple[Found[Decimal], str]]:
    """ "5-year overall survival", "Five-year OS", "the 1-, 3- and 5-year survival": the times written as an
    adjective right before the measure; "local control at 6, 12 and 18 months": the times written right after it."""
    m = ADJECTIVAL_TIMES.search(p.text, max(s.start, measure.span.start - 40), measure.span.start) or \
        TIMES_AFTER.match(p.text, measure.span.end, s.end)
    unit = p.unit(m.group("unit").lower().rstrip("s")) if m else None
    if unit is None:
        return []
    out = []
    for n in re.finditer(NUM, m.group("times"), re.I):
        value = q.number(n.group(0))
        if value is not None and n.group(0).lower() not in ("and", "or"):
            a = m.start("times") + n.start()
            out.append((p.found(value, a, a + len(n.group(0))), unit))
    return out


def _count_measure(p: Passage, s: Span, v: _Value) -> Found[str]:
    """A count of a breakdown or a total counts what the sentence counts: cases or (by default) patients."""
    after = re.match(r"\s+(patients|cases)\b", p.text[v.end:s.end], re.I)
    nouns = [after.group(1)] if after else re.findall(r"\b(patients|cases)\b", p.text[s.start:v.start], re.I)
    term = LMSKG.NumberOfCases if nouns and nouns[-1].lower() == "cases" else LMSKG.NumberOfPatients
    return p.found(str(term), v.start, v.end)


def _breakdowns(p: Passage, s: Span, values: list[_Value], groups: dict[int, Found[str]]) -> list[Found[str]]:
    """Each breakdown count takes the tumour named right after it; two or more such groups are the study's
    groups, which later comparisons ("63.8% vs. 75.2%") are ordered by."""
    named: list[Found[str]] = []
    for v in values:
        if not v.breakdown:
            continue
        t = next((m for m in p.mentions(s, "tumor") if m.start >= v.end), None)
        if t is not None:
            groups[v.start] = p.found(t.term, t.start, t.end)
            if all(g.value != t.term for g in named):
                named.append(groups[v.start])
    return named if len(named) >= 2 else []


def _pairs(p: Passage, s: Span, values: list[_Value], tumors: list[Mention], groups: dict[int, Found[str]],
           study_groups: list[Found[str]]) -> None:
    """ "(67% vs. 36%)": the two values of a comparison belong to the two groups the sentence compares, in the
    order it names them ("worse in X than in Y"), else to the study's groups in the order they were defined."""
    distinct: list[Mention] = []
    for t in tumors:
        if all(d.term != t.term for d in distinct):
            distinct.append(t)
    for a, b in pairwise(values):
        if a.breakdown or b.breakdown or not VERSUS.fullmatch(p.text[a.end:b.start]):
            continue
        before = [t for t in distinct if t.end <= a.start]
        if len(before) == 2 and PAIRED.search(p.text, before[0].end, before[1].start):
            pair = [p.found(t.term, t.start, t.end) for t in before]
        elif len(before) == 1 and len(study_groups) == 2 and before[0].term in {g.value for g in study_groups}:
            named = p.found(before[0].term, before[0].start, before[0].end)   # "more patients with X (67% vs. 36%)"
            pair = [named, next(g for g in study_groups if g.value != named.value)]
        elif len(study_groups) == 2:
            pair = study_groups
        else:
            continue
        groups[a.start], groups[b.start] = pair[0], pair[1]


def _merge_counts(stats: list[CohortStatistic]) -> list[CohortStatistic]:
    """ "a review of 126 published cases" and "We identified 126 patients": one count, of patients."""
    patients, cases = str(LMSKG.NumberOfPatients), str(LMSKG.NumberOfCases)

    def key(x: CohortStatistic) -> tuple:
        return (x.population.value, x.group and x.group.value, x.value.value)

    counted = {key(x) for x in stats if x.measure.value == patients and x.unit is None}
    return [x for x in stats if not (x.measure.value == cases and x.unit is None and key(x) in counted)]


def _primary_site_groups(p: Passage, s: Span, values: list[_Value]) -> dict[int, Found[str]]:
    """ "The primary tumor was uterine in 5 patients (45%), retroperitoneal in 4 (36%)": each count (and its
    percentage) of patients is grouped by the tumor of that site, when the ontology names one."""
    head = PRIMARY_SITE.search(p.text, s.start, s.end)
    if head is None:
        return {}
    out: dict[int, Found[str]] = {}
    anatomy = [a for a in p.mentions(s, "anatomy") if a.start >= head.end()]
    for v in values:
        before = [a for a in anatomy if a.end <= v.start and re.fullmatch(r"\s+in\s+", p.text[a.end:v.start])]
        if not before:
            previous = [u for u in values if u.end <= v.start]
            gap = p.text[previous[-1].end:v.start] if previous else ""
            if previous and previous[-1].start in out and re.fullmatch(r"\s*(?:patients|cases)?\s*\(\s*", gap):
                out[v.start] = out[previous[-1].start]
            continue
        group = _site_tumour(p, s, before[-1])
        if group:
            out[v.start] = group
    return out


def _site_group(p: Passage, s: Span, v: _Value) -> dict[int, Found[str]]:
    """ "Primary sites were uterine 18, ...": a category of primary sites that names a site is the tumor there."""
    if v.category is None or not re.search(r"\bprimary\b", p.text[s.start:v.start], re.I):
        return {}
    _label, start, end = v.category
    site = next((a for a in p.mentions(s, "anatomy") if start <= a.start and a.end <= end), None)
    group = _site_tumour(p, s, site) if site else None
    return {v.start: group} if group else {}


def _site_tumour(p: Passage, s: Span, a: Mention) -> Found[str] | None:
    """The tumor the ontology names for the sentence's histology at site ``a`` ("uterine LMS", "LMS of the
    uterus")."""
    histology = next(iter(p.mentions(s, "tumor")), None)
    base = p.label(histology.term) if histology else "leiomyosarcoma"
    term = next((t for t in (p.lexicon.lookup("tumor", name) for name in (
        f"{a.text} {base}", f"{a.text} leiomyosarcoma", f"{base} of the {a.text}",
        f"leiomyosarcoma of the {a.text}")) if t), None)
    return p.found(term, a.start, a.end) if term else None


def _tumors(p: Passage, s: Span) -> list[Mention]:
    """Tumor groups named in the sentence; "spinal metastases" names where, not which tumor; a bare "tumor" or
    "cancer" names none."""
    metastatic = str(LMSKG.MetastaticMalignantNeoplasm)
    out = []
    for m in p.mentions(s, "tumor"):
        if assertion.negated(p.text, m.start, m.end, s.start, s.end) or INSTITUTION.match(p.text, m.end) \
                or generic(m.term):
            continue                                       # "at two sarcoma centres": a kind of centre, no group
        nested = [n for n in p.analysis.nested(m, "tumor") if not p.ontology.is_a(n.term, metastatic)]  # type: ignore
        if p.ontology.is_a(m.term, metastatic) or m.text.lower().startswith("metastatic"):  # type: ignore
            if not nested:
                continue                                   # "spinal metastases": where, not which tumor
            m = min(nested, key=lambda n: n.end - n.start)  # "metastatic leiomyosarcoma": leiomyosarcoma
        out.append(m)
    return out


def _values(p: Passage, s: Span) -> list[_Value]:
    text = p.text
    excluded = [(m.start(), m.end()) for m in RANGE.finditer(text, s.start, s.end)]
    excluded += [(a.start, a.end) for a in q.ages(text, s.start, s.end)]
    excluded += [(m.start(), m.end()) for m in CONFIDENCE.finditer(text, s.start, s.end)]
    excluded += assertion.citation_asides(text, s.start, s.end)
    out: list[_Value] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return not any(x < b and a < y for x, y in excluded + taken)

    for head in CATEGORY_HEAD.finditer(text, s.start, s.end):   # "primary sites were uterine 18, retroperitoneal 15"
        lesions = bool(re.search(r"lesion|tumou?r|metasta", head.group(0), re.I)) and "primary" not in \
            head.group(0).lower()
        listed = _listed_counts(CATEGORY_ITEM, text, head.end(), s.end, free)
        if len(listed) >= 2:                              # a list of categories, not one subject's count
            out.extend(_category_values(listed, "NumberOfLesions" if lesions else "NumberOfPatients"))
            taken.extend((m.start(), m.end()) for m in listed)
    anatomy = [(a.start, a.end) for a in p.mentions(s, "anatomy")]
    for start in _site_list_starts(text, s, anatomy):     # "in the thoracic spine in 29, the lumbar spine in 16"
        listed = _listed_counts(SITE_ITEM, text, start, s.end, free)
        if len(listed) >= 2 and all(any(m.start("label") <= a < m.end("label") for a, _b in anatomy)
                                    for m in listed):
            out.extend(_category_values(listed, "NumberOfPatients"))
            taken.extend((m.start(), m.end()) for m in listed)
    for t in p.mentions(s, "tumor"):                    # "(60 leiomyosarcoma of bone and ...)", "50 patients with X"
        m = BREAKDOWN.search(text, max(s.start, t.start - 40), t.start)
        if m and free(m.start(1), m.end(1)):
            value = q.number(m.group(1))
            if value is not None:
                out.append(_Value(value, None, m.start(1), m.end(1), count=True, breakdown=True))
                taken.append((m.start(1), m.end()))
    for m in LIST.finditer(text, s.start, s.end):
        listed = re.sub(r"\([^()]*\)", lambda a: " " * len(a.group(0)), m.group(1))   # asides hold no item
        items = [n for n in re.finditer(rf"{NUM}", listed, re.I) if n.group(0).lower() not in ("and", "or")]
        if not all(free(m.start(1) + n.start(), m.start(1) + n.end()) for n in items):
            continue
        if TIME_POINT.search(text[max(s.start, m.start() - 12):m.start()]):
            taken.append((m.start(), m.end()))
            continue
        unit = _unit(m.group(2))
        for n in items:
            value = q.number(n.group(0))
            if value is not None:
                a = m.start(1) + n.start()
                out.append(_Value(value, unit, a, a + len(n.group(0)), in_list=True))
        taken.append((m.start(), m.end()))
    for m in COUNT.finditer(text, s.start, s.end):
        value = q.number(m.group(1))
        if value is None or not free(m.start(), m.end(1)):
            continue
        if re.search(r"\bof\s+(?:our|the|these|those|all)\s*$", text[max(s.start, m.start() - 12):m.start()], re.I):
            continue                                  # "the survival of our three patients": who, not a value
        out.append(_Value(value, None, m.start(1), m.end(1), count=True))
        if m.group(3):
            a = m.start(3)
            out.append(_Value(Decimal(m.group(3)), "percent", a, m.end(3), count=True))
        taken.append((m.start(), m.end()))
    for m in AND_N.finditer(text, s.start, s.end):
        if free(m.start(1), m.end(1)):
            out.append(_Value(Decimal(m.group(1)), None, m.start(1), m.end(1), count=True, subset=True))
            taken.append((m.start(1), m.end(1)))
    for m in SLASH.finditer(text, s.start, s.end):      # "in 7/30 (23%) patients": 7, of 30
        value, total = q.number(m.group(1)), q.number(m.group(2))
        if value is not None and total is not None and value <= total and free(m.start(), m.end()):
            out.append(_Value(value, None, m.start(1), m.end(1), count=True, subset=True))
            taken.append((m.start(), m.end()))
    for m in OF_TOTAL.finditer(text, s.start, s.end):   # "in 2 of the 14 en bloc patients": 2, of a group of 14
        value = q.number(m.group(1))
        if value is not None and free(m.start(), m.end()):
            out.append(_Value(value, None, m.start(1), m.end(1), count=True, subset=True))
            taken.append((m.start(), m.end()))
    for m in OF_THEM.finditer(text, s.start, s.end):
        value = q.number(m.group(1))
        if value is not None and free(m.start(), m.end()):
            out.append(_Value(value, None, m.start(1), m.end(1), count=True, subset=True))
            taken.append((m.start(), m.end()))
    for m in PAREN_COUNT.finditer(text, s.start, s.end):
        if free(m.start(), m.end()):
            out.append(_Value(Decimal(m.group(1)), None, m.start(1), m.end(1), count=True))
            out.append(_Value(Decimal(m.group(2)), "percent", m.start(2), m.end(2), count=True))
            taken.append((m.start(), m.end()))
    for m in BARE_COUNT.finditer(text, s.start, s.end):
        if free(m.start(), m.end()):
            out.append(_Value(Decimal(m.group(1)), None, m.start(1), m.end(1)))
            out.append(_Value(Decimal(m.group(2)), "percent", m.start(2), m.end(2)))
            taken.append((m.start(), m.end()))
    for m in TOTAL.finditer(text, s.start, s.end):       # "(total 572: 33 ... and 539 ...)"
        if free(m.start(1), m.end(1)):
            out.append(_Value(Decimal(m.group(1)), None, m.start(1), m.end(1), count=True))
            taken.append((m.start(1), m.end(1)))
    outcome_starts = {m.start for m in p.mentions(s, "outcome")}
    for x in q.quantities(text, s.start, s.end):
        if x.value is None or not free(x.start, x.end) or p.unit(x.unit) is None:
            continue
        if THRESHOLD.search(text, max(s.start, x.start - 2), x.start) or (
                x.unit != "percent" and re.fullmatch(r"\S+-\S+", text[x.start:x.end])
                and re.match(r"\s+[a-z]", text[x.end:x.end + 2])):
            continue                                  # "5-year survival": a time point; "(\u226565 years)": a cut-off
        before = text[max(s.start, x.start - 20):x.start]
        timed = x.unit != "percent"
        if timed and TIME_POINT.search(before):
            continue
        if timed and AFTER_TIME.match(text, x.end) and not VALUE_VERB.search(before):
            continue
        nxt = re.match(r"[\s-]*", text[x.end:s.end])
        if timed and x.end + nxt.end() in outcome_starts:
            continue                                  # "2-year overall survival": a time point of the measure
        if re.fullmatch(r"(?:19|20)\d\d", str(x.value)):
            continue
        named = None
        prior = out[-1] if out else None
        follow_up = FOLLOW_UP.search(text, max(s.start, x.start - 40), x.start) if x.unit != "percent" else None
        if follow_up:
            named = "MedianFollowUp" if follow_up.group(1).lower() == "median" else "MeanFollowUp"
        elif x.unit == "year" and AGE_FIGURE.search(text, max(s.start, x.start - 30), x.start):
            kind = AGE_FIGURE.search(text, max(s.start, x.start - 30), x.start)
            named = "MedianAge" if kind.group(1).lower() == "median" else "MeanAge"
        elif prior is not None and prior.named and prior.unit == x.unit and VERSUS.fullmatch(text, prior.end, x.start):
            named = prior.named                       # "median 56 years vs. 66 years"
        out.append(_Value(x.value, x.unit, x.start, x.end, named=named))
    for m in RATIO.finditer(text, s.start, s.end):     # "HR 2.1 (95% CI 1.2-3.5)"
        value = q.number(m.group(2))
        if value is not None and free(m.start(2), m.end(2)):
            out.append(_Value(value, None, m.start(2), m.end(2), named=RATIOS[m.group(1).lower()]))
    return sorted(out, key=lambda v: v.start)


def _listed_counts(item: re.Pattern[str], text: str, at: int, end: int, free) -> list[re.Match[str]]:
    """The items of a list of counts by category read from ``at``, while their numbers are not taken."""
    out = []
    while (m := item.match(text, at, end)) and free(m.start("n"), m.end("n")):
        out.append(m)
        at = m.end()
    return out


def _category_values(listed: list[re.Match[str]], measure: str) -> list[_Value]:
    out = []
    for m in listed:
        label = (m.group("label"), m.start("label"), m.end("label"))
        out.append(_Value(Decimal(m.group("n")), None, m.start("n"), m.end("n"), count=True, category=label,
                          named=measure))
        if m.group("pct"):
            out.append(_Value(Decimal(m.group("pct")), "percent", m.start("pct"), m.end("pct"), category=label,
                              named=measure))
    return out


def _site_list_starts(text: str, s: Span, anatomy: list[tuple[int, int]]) -> list[int]:
    """Where a list of sites with their counts may start: at a site followed by "in N", with the "in the" before it
    ("located in the thoracic spine in 29 patients")."""
    out = []
    for a, b in anatomy:
        if SITE_COUNT.match(text, b, s.end):
            lead = SITE_LEAD.search(text, max(s.start, a - 8), a)
            out.append(lead.start() if lead else a)
    return out


def _unit(word: str) -> str:
    w = word.lower().rstrip("s")
    return "percent" if w == "%" else w


def _groups(p: Passage, s: Span, values: list[_Value], tumors: list[Mention]) -> dict[int, Found[str]]:
    """Values tied to a tumor: "cervical cancer (32 months)", or the order of a "respectively" list."""
    groups: dict[int, Found[str]] = {}
    for t in tumors:
        for v in values:
            if re.fullmatch(r"\s*\(\s*", p.text[t.end:v.start]):
                groups[v.start] = p.found(t.term, t.start, t.end)
    respectively = re.search(r"\brespectively\b", p.text[s.start:s.end], re.I)
    if respectively and len(tumors) > 1:
        at = s.start + respectively.start()
        listed = [v for v in values if v.start < at and not v.breakdown]
        last = listed[-1].end if listed else at
        named = [t for t in tumors if last <= t.start and t.end <= at]   # "in patients with X and Y, respectively"
        if len(named) < 2:
            listed = [v for v in listed if v.in_list]
            named = [t for t in tumors if t.end <= at][-len(listed):] if listed else []
        if named and listed and len(listed) % len(named) == 0:
            for i, v in enumerate(listed):                                # "82.6% and 41.2% ... 92.6 and 50.4 months"
                t = named[i % len(named)]
                groups[v.start] = p.found(t.term, t.start, t.end)
    return groups


def _measure(p: Passage, s: Span, v: _Value, outcomes: list[Mention]) -> Found[str] | None:
    """The measure of a value: for a count the outcome (or, after "underwent", the procedure) that follows it in its
    clause; otherwise the first outcome of the value's clause before it, else the nearest one before or after."""
    counts = {str(LMSKG.NumberOfPatients), str(LMSKG.NumberOfCases)}
    asides = [(a.start(), a.end()) for a in re.finditer(r"\([^)]*\)", p.text[s.start:s.end])]
    asides = [(s.start + a, s.start + b) for a, b in asides if not (s.start + a <= v.start < s.start + b)]
    real = [m for m in outcomes if m.term not in counts and m.term != str(LMSKG.OutcomeMeasure)
            and not any(a <= m.start < b for a, b in asides)]
    clause_lo = _clause_start(p.text, v.start, s.start)
    part_lo = _part_start(p.text, v.start, s.start)
    if v.count:
        end = _clause_end(p.text, v.end, s.end)
        after = [m for m in real if v.end <= m.start < end]
        if after:
            return p.found(after[0].term, after[0].start, after[0].end)
        for m in p.mentions(s, "sex"):                    # "12 (70.6%) were female": the number of women
            if v.end <= m.start < end and re.fullmatch(r"[\s)%\d.(]*(?:(?:were|was|are)\s+)?", p.text[v.end:m.start]):
                noun = "women" if m.term == str(LMSKG.Female) else "men"
                outcome = p.lexicon.lookup("outcome", f"number of {noun}")
                if outcome:
                    return p.found(outcome, m.start, m.end)
        findings = [m for m in p.mentions(s, "finding") if v.end <= m.start < end
                    and re.search(r"\b(?:had|with|presented with|developed|experienced|suffered|"
                                  r"(?:were|was) complicated by)\s+(?:an?\s+)?$", p.text[v.end:m.start])]
        for m in findings:                                # "six patients had hemorrhage": cases with hemorrhage
            label = p.label(m.term)
            outcome = p.lexicon.lookup("outcome", f"cases with {label}") or p.lexicon.lookup("outcome", label)
            if outcome:
                return p.found(outcome, m.start, m.end)
        underwent = re.search(r"\bunderwent\s+", p.text[v.end:end]) if v.subset else None
        if underwent:
            procs = [m for m in p.mentions(s, "procedure") if v.end + underwent.end() <= m.start < end]
            if procs:                                    # "3 of them underwent revision surgery": the outcome so named
                outcome = p.lexicon.lookup("outcome", procs[0].text) or p.lexicon.lookup(
                    "outcome", p.label(procs[0].term))
                if outcome:
                    return p.found(outcome, procs[0].start, procs[0].end)
        before = [m for m in real if clause_lo <= m.start and m.end <= v.start]
        if before:
            return p.found(before[0].term, before[0].start, before[0].end)
        noun = re.match(r"\s+(?:[a-z-]+\s+){0,2}?(patients|cases)\b", p.text[v.end:s.end], re.I)
        size = SIZE_OF.search(p.text[max(s.start, v.start - 30):v.start])
        if v.unit is None and noun and (size or GATHERED.search(_clause_after(p.text, v.end, s.end))
                                        or GATHERED.search(p.text[v.end:min(s.end, v.end + 120)].split(";")[0])
                                        or GATHERED.search(p.text, clause_lo, v.start)
                                        or PRIMARY_SITE.search(p.text, part_lo, v.start)):
            term = LMSKG.NumberOfCases if noun.group(1).lower() == "cases" else LMSKG.NumberOfPatients
            return p.found(str(term), v.start, v.end)
        sources = re.match(r"\s+(?:[a-z-]+\s+){0,2}?publications\b", p.text[v.end:s.end], re.I)
        if v.unit is None and sources and (re.search(r"\b(?:in|from|across)\s+$", p.text[clause_lo:v.start], re.I)
                                           or GATHERED.search(p.text, clause_lo, v.start)):
            return p.found(str(LMSKG.NumberOfPublications), v.start, v.end)   # "126 patients in 71 publications"
        return None
    in_clause = [m for m in real if clause_lo <= m.start and m.end <= v.start]
    if in_clause and not v.in_list:
        return _timed(p, v, p.found(in_clause[0].term, in_clause[0].start, in_clause[0].end))
    before = [m for m in real if m.end <= v.start and m.start >= (s.start if v.in_list else part_lo)]
    if before:
        return _timed(p, v, p.found(before[-1].term, before[-1].start, before[-1].end))
    procedure = [m for m in p.mentions(s, "procedure") if part_lo <= m.start and m.end <= v.start]
    if procedure and v.unit in ("day", "week", "month", "year"):
        timed = _timed(p, v, p.found(procedure[-1].term, procedure[-1].start, procedure[-1].end))
        if timed.value != procedure[-1].term:
            return timed                                  # "revision surgery at a mean of 8.6 months"
    after = [m for m in real if m.start >= v.end]
    if after:
        return p.found(after[0].term, after[0].start, after[0].end)
    return None


def _timed(p: Passage, v: _Value, measure: Found[str]) -> Found[str]:
    """A time given for an event ("repeat surgery at a mean of 10.2 months") measures the time to it."""
    if v.unit not in ("day", "week", "month", "year"):
        return measure
    label = p.label(measure.value)
    if "time" in label or "survival" in label:
        return measure
    timed = p.lexicon.lookup("outcome", f"time to {label}")
    return measure if timed is None else Found(timed, measure.span)


def _part_start(text: str, at: int, lo: int) -> int:
    """Start of the semicolon-separated part of the sentence holding ``at``."""
    cut = text.rfind(";", lo, at)
    return lo if cut < 0 else cut + 1


def _clause_start(text: str, at: int, lo: int) -> int:
    cut = lo
    for m in re.finditer(r"[;,]", text[lo:at]):
        cut = lo + m.end()
    return cut


def _clause_after(text: str, at: int, hi: int) -> str:
    """The rest of the value's clause, parenthesised asides removed ("Eleven patients (7 women ...) underwent")."""
    rest = re.sub(r"\([^)]*\)", " ", text[at:hi])
    m = re.search(r"[;,]|\band\b", rest)
    return rest if m is None else rest[:m.start()]


def _clause_end(text: str, at: int, hi: int) -> int:
    m = re.search(r"[;,]|\band\b", text[at:hi])
    return hi if m is None else at + m.start()
