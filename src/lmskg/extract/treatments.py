"""Treatments of a case in order: procedures, the vertebrae they acted on, chemotherapy agents, steps.

Steps: each sentence that names a treatment starts a new step unless it continues the previous one; inside
a sentence "followed by", "then", "subsequently", "later" or a leading "adjuvant"/"postoperative" start the
next step, while "with", "and", "a combination of", "together with" keep the same one. "The first operation",
"a second surgical step" set the step explicitly. Past treatments (history), negated ones ("not considered
for surgery") and references back ("after surgery") are not treatments of this case.
"""

from __future__ import annotations

import re

from lmskg.extract import assertion
from lmskg.extract import quantities as q
from lmskg.extract.casetext import Passage
from lmskg.extract.facts import Found, Span, Treatment
from lmskg.extract.lexicon import Mention

NEXT_STEP = re.compile(r"\b(?:followed by|then|subsequently|thereafter|afterwards|later|after which|after that|"
                       r"consequently|as a result|next)\b"
                       r"|\band\s+(?:then\s+)?(?:\w+ly\s+)?(?:performed|administered|received|underwent|started|"
                       r"initiated|gave|given|began|commenced|completed)\b", re.I)
NEXT_STEP_ADJACENT = re.compile(r"\b(?:adjuvant|postoperative(?:ly)?|post-operative(?:ly)?|secondary)\s+"
                                r"(?:[\w-]+\s+){0,2}$", re.I)
ADJUVANT_NAME = re.compile(r"(?:adjuvant|postoperative|post-operative)\b", re.I)   # "adjuvant chemotherapy"
SAME_STEP = re.compile(r"\b(?:combination of|combined|together with|along with|concurrent|concomitant)\b", re.I)
REFERENCE = re.compile(r"\b(?:after|before|since|following|post|until|prior to|during|from)\s*"
                       r"(?:(?:the|her|his|their|its|initial|index|first|second|third|last|spinal|previous|same)\s+)*$",
                       re.I)
ORDINAL_STEP = re.compile(r"\b(first|second|third|fourth|initial)\s+(?:\w+\s+)?(?:operation|step|stage|surgery|"
                          r"procedure|intervention|treatment|session)\b|\b(?:were|was)\s+(first)\s+treated\b", re.I)
LEVEL_LINK = re.compile(r"^[\s,]*(?:\([^)]*\)\s*|[^()]*\)\s*)?"
                        r"(?:(?:was|were|is)\s+)?(?:(?:extending|extended|ranging|spanning|carried out)\s*)?"
                        r"(?:(?:of\s+)?\d+(?:\.\d+)?\s*Gy(?:\s+in\s+\d+\s+fractions?)?\s*)?"
                        r"(?:(?:of|at|from|to|on|over|between|involving)\s+)?(?:the\s+)?(?:levels?\s+)?$", re.I)
MODIFIER_USE = re.compile(r"[\s-]*(?:cavity|cavities|margins?|bed|site|specimens?|group|groups|field|scar|"
                          r"tract|regimens?|-based|segments?|levels?|vertebra[e]?|lesions?|tumou?rs?|mass|area)\b",
                          re.I)
ORDINAL_VALUES = {"first": 1, "initial": 1, "second": 2, "third": 3, "fourth": 4}


PASSIVE_REMOVAL = re.compile(
    r"\b(?:(?P<part>part|portion)\s+of\s+)?(?:the|an?)\s+(?:[\w-]+\s+){0,2}?(?:tumou?rs?|mass|lesions?)\s+(?:was|were)\s+"
    r"(?:(?P<whole>completely|totally|entirely)\s+)?(?:removed|resected|excised)"
    r"(?:\s+(?P<whole2>completely|totally|entirely|en bloc))?\b", re.I)


def _passive_removals(p: Passage, s: Span) -> list[Mention]:
    """ "the intraspinal part of the tumour was removed", "the lesion was removed completely": a resection, named by
    the ontology's label for its extent."""
    out = []
    for m in PASSIVE_REMOVAL.finditer(p.text, s.start, s.end):
        name = ("subtotal resection" if m.group("part") else
                "gross total resection" if m.group("whole") or m.group("whole2") else "tumor resection")
        term = p.lexicon.lookup("procedure", name)
        if term:
            out.append(Mention(term, "procedure", m.start(), m.end(), p.doc.text[m.start():m.end()], -1, -1))
    return out


def _procedures(p: Passage, s: Span) -> list[Mention]:
    """Procedure and agent mentions, without an abbreviation repeating the one before it: "spondylectomy (TES)"."""
    out: list[Mention] = []
    passive = _passive_removals(p, s)
    mentions = [m for m in p.mentions(s) if not any(x.start <= m.start < x.end for x in passive)]
    for m in sorted(mentions + passive, key=lambda x: x.start):
        if m.category not in ("procedure", "agent"):
            continue
        if out and out[-1].term == m.term and re.fullmatch(r"\s*\(\s*", p.text[out[-1].end:m.start]):
            continue
        out.append(m)
    return out


def attached_levels(p: Passage, s: Span) -> list[q.Levels]:
    """Vertebral levels written with a procedure: "a T1-T4 laminectomy", "fixation extending from C7 to T5"."""
    out = []
    procs = [m for m in _procedures(p, s) if m.category == "procedure"]
    for lv in p.levels(s):
        if _procedure_of_levels(p, lv, procs) is not None:
            out.append(lv)
    return out


def _procedure_of_levels(p: Passage, lv: q.Levels, procs: list[Mention]) -> Mention | None:
    """The procedure a level group belongs to: the one just before it ("laminectomy from C7 to T2"), else the one
    right after it ("a T1-T4 laminectomy")."""
    before = [m for m in procs if m.end <= lv.start]
    if before:
        gap = p.text[before[-1].end:lv.start]
        if LEVEL_LINK.match(gap) and len(gap) <= 60:
            return before[-1]
    after = [m for m in procs if m.start >= lv.end]
    if after and after[0].start - lv.end <= 16 and ADJACENT.fullmatch(p.text[lv.end:after[0].start]):
        return after[0]
    return None


WITH = re.compile(r"[^,;.()]{0,50}?\b(?:with|and)\s+(?:(?:a|an|the)\s+)?(?:[a-z-]+\s+){0,2}", re.I)
ADJACENT = re.compile(r"[\s-]*(?:(?!with\b|and\b|or\b|by\b|then\b|plus\b)[a-z-]+\s+)?", re.I)


def _summaries(p: Passage, sents: list[Span]) -> set[int]:
    """Sentences that sum up treatments the text then tells one by one: "managed by decompression, instrumentation
    and radiotherapy", followed by one sentence for the operation and another for the radiotherapy. Every
    treatment they name is told again later, in at least two different sentences; the steps come from the
    detailed telling."""
    told: list[set[str]] = []
    for s in sents:
        told.append({m.term for m in _procedures(p, s) if m.category == "procedure" and _is_treatment(p, s, m, set())
                     and not REFERENCE.search(p.text[max(s.start, m.start - 30):m.start])})  # not "after the surgery"
    out = set()
    for i, terms in enumerate(told):
        if len(terms) < 2:
            continue
        later = {j for j in range(i + 1, len(told)) if terms & told[j]}
        if later and all(any(t in told[j] for j in later) for t in terms) and len(later) >= 2:
            out.add(i)
    return out


def treatments(p: Passage, sents: list[Span]) -> list[Treatment]:
    steps: list[tuple[int, Mention, list[Found[str]], list[Found[str]]]] = []
    step = 0
    seen: set[str] = set()
    summaries = _summaries(p, sents)
    sents = [s for i, s in enumerate(sents) if i not in summaries]
    for s in sents:
        if assertion.cohort(p.text, s.start, s.end) and not q.ages(p.text, s.start, s.end):
            continue
        mentions = []
        for m in _procedures(p, s):
            told = seen | {x.term for x in mentions}
            if _is_treatment(p, s, m, told) and not _refers_back(p, s, m, told):
                mentions.append(m)
        if mentions and all(m.term in seen for m in mentions):
            continue                                 # the same treatment told again (abstract, then full text)
        seen.update(m.term for m in mentions)
        if not mentions:
            continue
        explicit = ORDINAL_STEP.search(p.text, s.start, s.end)
        if explicit:
            step = ORDINAL_VALUES[(explicit.group(1) or explicit.group(2)).lower()]
        elif not (steps and SAME_STEP.search(p.text, s.start, mentions[0].start)):
            step += 1
        previous_end = None
        previous_start = None
        levels = p.levels(s)
        procs = [m for m in mentions if m.category == "procedure"]
        for m in mentions:
            if previous_end is not None:
                between = p.text[previous_end:m.start]
                adjuvant = NEXT_STEP_ADJACENT.search(between) or ADJUVANT_NAME.match(m.text)
                if (NEXT_STEP.search(between) or adjuvant) and not SAME_STEP.search(between):
                    step += 1
                elif "," in between and AFTER_FIRST.search(p.text[s.start:previous_start]):
                    step += 1                             # "After embolization, he underwent a corpectomy"
            previous_end, previous_start = m.end, m.start
            if m.category == "agent":
                steps.append((step, m, [], [p.found(m.term, m.start, m.end)]))
                continue
            sites = list({f.value: f for f in (p.found(t, lv.start, lv.end) for lv in levels
                                                if _procedure_of_levels(p, lv, procs) == m
                                                for t in p.vertebrae(lv))}.values())
            if not sites and steps and steps[-1][0] == step and steps[-1][2] and steps[-1][1].end <= m.start \
                    and WITH.fullmatch(p.text[steps[-1][1].end:m.start]) and _surgical(p, m.term) \
                    and not _resection(p, m.term):
                sites = list(steps[-1][2])            # "a T12 corpectomy with an expandable cage": the same levels
            if not sites and _cage(p, m.term):         # the cage fills the gap the corpectomy of its step left
                removed = [x for x in steps if x[0] == step and x[2] and _vertebral_removal(p, x[1].term)]
                sites = list(removed[-1][2]) if removed else []
            if not sites and m.token_start < 0:          # a passive removal: where the operation acted
                done = [x for x in steps if x[0] == step and x[2]]
                sites = list(done[0][2]) if done else []
            if not sites and _on_the_lesion(p, m.term):
                free = [lv for lv in levels if _procedure_of_levels(p, lv, procs) is None]
                sites = list({t: p.found(t, lv.start, lv.end) for lv in free for t in p.vertebrae(lv)}.values())
            steps.append((step, m, sites, []))
    return _merge_agents(p, steps)


AFTER_FIRST = re.compile(r"^\W*(?:[\w ]+:\s*)?(?:after|following)\s+(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){0,2}$", re.I)
TEMPORAL_BEFORE = re.compile(r"\b(?:after|within|since|following|before)\b(?:\s+[\w-]+){0,3}\s+of\s*$", re.I)


def _refers_back(p: Passage, s: Span, m: Mention, seen: set[str]) -> bool:
    """A treatment already told, named again: "pain disappeared within days of surgery", "The resection was
    intralesional" (a definite, more general name of a procedure already recorded)."""
    before = p.text[max(s.start, m.start - 40):m.start]
    if not (TEMPORAL_BEFORE.search(before) or re.search(r"(?:^|\.\s+|^\W*)the\s+$", p.text[s.start:m.start], re.I)):
        return False
    return any(p.ontology.is_a(t, m.term) for t in seen)                 # type: ignore[attr-defined]


def _is_treatment(p: Passage, s: Span, m: Mention, seen: set[str]) -> bool:
    if assertion.historical(p.text, m.start, m.end, s.start, s.end):
        return False
    if assertion.negated(p.text, m.start, m.end, s.start, s.end) or assertion.planned(p.text, m.start, m.end, s.start,
                                                                                        s.end):
        return False
    reference = REFERENCE.search(p.text[max(s.start, m.start - 30):m.start])
    if reference and (reference.group(0).lower().startswith(("before", "prior", "until", "during", "from"))
                      or any(p.ontology.is_a(t, m.term) for t in seen)      # type: ignore[attr-defined]
                      or any(o.end <= m.start for o in p.mentions(s, "outcome"))):
        return False                    # "after surgery" once a surgery is told, "died 19 months after radiosurgery";
                                        # but "After embolization, ..." first tells it
    if MODIFIER_USE.match(p.text, m.end):
        return False
    return not _diagnostic(p, m.term)


def _surgical(p: Passage, term: str) -> bool:
    from lmskg.vocab import LMSKG

    return p.ontology.is_a(term, str(LMSKG.SurgicalProcedure))   # type: ignore[attr-defined]


def _cage(p: Passage, term: str) -> bool:
    from lmskg.vocab import LMSKG

    return p.ontology.is_a(term, str(LMSKG.CageReconstruction))   # type: ignore[attr-defined]


def _vertebral_removal(p: Passage, term: str) -> bool:
    """A corpectomy or a spondylectomy takes out vertebral bodies; a cage put in with it stands at their levels."""
    from lmskg.vocab import LMSKG

    return any(p.ontology.is_a(term, str(k)) for k in (LMSKG.Corpectomy, LMSKG.Spondylectomy))  # type: ignore


def _resection(p: Passage, term: str) -> bool:
    """A resection acts on the tumor, not on every level of the operation it belongs to."""
    from lmskg.vocab import LMSKG

    return p.ontology.is_a(term, str(LMSKG.SurgicalResection))   # type: ignore[attr-defined]


def _on_the_lesion(p: Passage, term: str) -> bool:
    """Radiotherapy, radiosurgery and cement augmentation act on the lesion the sentence locates ("involvement of
    L5-S1, treated with SBRT", "an L1 metastasis treated with kyphoplasty")."""
    from lmskg.vocab import LMSKG

    return any(p.ontology.is_a(term, str(k)) for k in (  # type: ignore[attr-defined]
        LMSKG.RadiationTherapy, LMSKG.StereotacticRadiosurgery, LMSKG.VertebralAugmentation))


def _diagnostic(p: Passage, term: str) -> bool:
    """Imaging, biopsies, surgical approaches and the bare word "treatment" are not treatment steps."""
    from lmskg.vocab import LMSKG

    if term == str(LMSKG.Procedure):
        return True
    return any(p.ontology.is_a(term, str(k)) for k in (LMSKG.MedicalImaging, LMSKG.Biopsy,   # type: ignore
                                                        LMSKG.SurgicalApproach))


def _merge_agents(p: Passage, steps: list[tuple[int, Mention, list[Found[str]], list[Found[str]]]]
                  ) -> list[Treatment]:
    """Drugs join the therapy they are given as (``lmskg:givenAs``: chemotherapy, targeted therapy,
    immunotherapy) named in their step, or stand for it when none is named."""
    from lmskg.vocab import LMSKG

    out: list[Treatment] = []
    pending: dict[tuple[int, str], list[Found[str]]] = {}
    for step, m, sites, agents in steps:
        for agent in agents:
            therapy = p.ontology.given_as(agent.value) or str(LMSKG.Chemotherapy)    # type: ignore[attr-defined]
            pending.setdefault((step, therapy), []).append(agent)
        if not agents:
            out.append(Treatment(step, p.found(m.term, m.start, m.end), tuple(sites)))
    for (step, therapy), agents in pending.items():
        idx = next((i for i, t in enumerate(out) if t.step == step and not t.agents and (
            t.procedure.value == therapy or p.ontology.is_a(t.procedure.value, therapy))), None)  # type: ignore
        if idx is None and therapy != str(LMSKG.Chemotherapy):
            idx = next((i for i, t in enumerate(out) if t.step == step and not t.agents
                        and t.procedure.value == str(LMSKG.Chemotherapy)), None)   # "chemotherapy with pazopanib"
            if idx is not None:
                t = out[idx]
                out[idx] = Treatment(t.step, Found(therapy, t.procedure.span), t.sites, tuple(agents))
                continue
        if idx is not None:
            t = out[idx]
            out[idx] = Treatment(t.step, t.procedure, t.sites, tuple(agents))
        else:
            first = agents[0]
            out.append(Treatment(step, p.found(therapy, first.span.start, first.span.end), (), tuple(agents)))
    out = [_as_resection(p, t) for t in out if not _covered(p, t, out)]
    return sorted(out, key=lambda t: (t.step, t.procedure.span.start))


def _as_resection(p: Passage, t: Treatment) -> Treatment:
    """Surgery named by the bare word ("a combination of surgery, radiosurgery and chemotherapy"), with nothing more
    specific in its step, is the operation that removes the tumour: a surgical resection."""
    from lmskg.vocab import LMSKG

    if t.procedure.value != str(LMSKG.SurgicalProcedure):
        return t
    return Treatment(t.step, Found(str(LMSKG.SurgicalResection), t.procedure.span), t.sites, t.agents)


def _covered(p: Passage, t: Treatment, all_: list[Treatment]) -> bool:
    """A general name ("surgery", "multimodality therapy") beside a more specific procedure of the same step."""
    from lmskg.vocab import LMSKG

    same = [o for o in all_ if o.step == t.step and o is not t]
    if t.procedure.value == str(LMSKG.MultimodalityTherapy) and same:
        return True
    return any(o.procedure.value != t.procedure.value and p.ontology.is_a(o.procedure.value, t.procedure.value)
               for o in same)                                             # type: ignore[attr-defined]
