"""The primary tumor of a case: its histology and the site it arose in, and a lesion when it is named primary.

"uterine LMS" gives leiomyosarcoma in the uterus; "primary intracranial leiomyosarcoma arising from the torcular
Herophili" the confluence of sinuses; "metastatic leiomyosarcoma of the spine" a histology but no primary site.
When the case itself is silent, the publication's title and the text before the case are read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lmskg.extract import assertion
from lmskg.extract import quantities as q
from lmskg.extract.casetext import Passage
from lmskg.extract.facts import Found, Lesion, Publication, Span
from lmskg.extract.lexicon import Mention
from lmskg.extract.segments import CaseText

ATTACH = re.compile(r"^\s*(?:,\s*)?(?:(?:arising|originating|extending|spread(?:ing)?|metastati[sz](?:ed|ing)|"
                    r"located|situated|involving|affecting|developed|had spread)\s+)?(?:from|in|of|to|at|within|"
                    r"into|involving)\s+(?:the\s+|both\s+|a\s+|an\s+)?(?:(?:left|right|upper|lower|mid|middle|"
                    r"bilateral|anterior|posterior|adjacent|thoracolumbar|cervicothoracic|lumbosacral|thoracic|lumbar|cervical|sacral)"
                    r"[- ]?\s*)*$", re.I)
PRE_ATTACH = re.compile(r"^\s*(?:(?:left|right|bilateral|upper|lower|multiple|several|two|three|single|solitary|"
                        r"levels?)[- ]?(?:sided)?\s*)*$", re.I)
PRIMARY = re.compile(r"\bprimar(?:y|ily)\b", re.I)
SUSPECTED = re.compile(r"\W*(?:was|were|is)\s+(?:first\s+|initially\s+)?(?:suspected|considered|suggested|possible|"
                       r"in the differential)\b", re.I)
_FROM = r"(?:arising\s+|originating\s+)?from\s+(?:the\s+|an?\s+|her\s+|his\s+)?(?:primary\s+)?(?:[a-z]+\s+)?$"
ORIGIN_AFTER_METASTASIS = re.compile(rf"\s*(?:,\s*)?{_FROM}", re.I)
ORIGIN_AFTER_TUMOUR = re.compile(rf"\s*(?:,\s*)?metasta\w*\s+{_FROM}", re.I)
METASTATIC_BEFORE = re.compile(r"\b(?:metastatic|metastasis of|metastases of|metastasis from|metastases from|"
                               r"secondary|deposits? of|spread of)\s+(?:\w+\s+){0,2}$", re.I)


def histology_of(p: Passage, m: Mention) -> Found[str]:
    """The histology a tumor mention names: "uterine LMS" -> leiomyosarcoma (the nested, plainer term, when what
    the mention adds is a site); "benign metastasizing leiomyoma" stays itself."""
    nested = [n for n in p.analysis.nested(m, "tumor") if not generic(n.term)]
    if nested and not p.analysis.nested(m, "anatomy") and not metastatic_class(p, m.term):
        return p.found(m.term, m.start, m.end)
    if nested:
        inner = min(nested, key=lambda n: n.end - n.start)
        return p.found(inner.term, inner.start, inner.end)
    label = p.label(m.term)
    inner_terms = [x for x in p.lexicon.analyse_name(label).all if x.category == "tumor" and x.term != m.term
                   and not generic(x.term)]
    if inner_terms:
        return p.found(min(inner_terms, key=lambda n: n.end - n.start).term, m.start, m.end)
    return p.found(m.term, m.start, m.end)


def site_of(p: Passage, m: Mention, sentence: Span) -> tuple[Found[str] | None, bool]:
    """The site a tumor mention is said to arise in, and whether it was written after the tumor ("of the X")."""
    after = [a for a in p.mentions(sentence, "anatomy") if a.start >= m.end]
    for a in after[:1]:
        if ATTACH.match(p.text[m.end:a.start]) and not is_level_token(p, a):
            return p.found(a.term, a.start, a.end), True
    nested = p.analysis.nested(m, "anatomy")
    if nested:
        core = [t for t in p.analysis.nested(m, "tumor")]
        later = [a for a in nested if core and a.start >= max(t.end for t in core)]
        a = later[0] if later else nested[-1]         # "primary osseous LMS of the spine": the spine, not bone
        return p.found(a.term, a.start, a.end), bool(later)
    before = [a for a in p.mentions(sentence, "anatomy") if a.end <= m.start]
    if before and PRE_ATTACH.match(p.text[before[-1].end:m.start]) and not is_level_token(p, before[-1]):
        a = before[-1]
        return p.found(a.term, a.start, a.end), False
    label = p.label(m.term)
    inner = [x for x in p.lexicon.analyse_name(label).all if x.category == "anatomy"]
    if inner:
        return p.found(inner[0].term, m.start, m.end), False
    return None, False


def is_level_token(p: Passage, m: Mention) -> bool:
    return p.is_vertebra(m.term)


def _metastatic_context(p: Passage, m: Mention) -> bool:
    lo = max(0, m.start - 60)
    if METASTATIC_BEFORE.search(p.text[lo:m.start]):
        return True
    return "metasta" in (p.label(m.term)).lower()


def topic_histology(p: Passage, title: Span | None) -> str | None:
    """The histology a publication's title is about ("Brain metastasis of uterine leiomyosarcoma": leiomyosarcoma),
    or None when the title names none."""
    if title is None:
        return None
    for m in p.analysis.within(title.start, title.end, "tumor"):
        if generic(m.term):
            continue
        if metastatic_class(p, m.term):
            inner = _plain_histology(p, m)
            if inner is not None:
                return inner.value
            continue
        return histology_of(p, m).value
    return None


def told_in(p: Passage, sents: list[Span], topic: str | None) -> str | None:
    """``topic`` when the case's own sentences name a tumour of it (or of a narrower kind), else None: a title's
    "gynecologic malignancies" says nothing against the leiomyosarcoma a case tells of."""
    if topic is None:
        return None
    for s in sents:
        for m in p.mentions(s, "tumor"):
            inner = _plain_histology(p, m) if metastatic_class(p, m.term) else histology_of(p, m)
            if inner is not None and p.ontology.is_a(inner.value, topic):            # type: ignore[attr-defined]
                return topic
    return None


def other_histology(p: Passage, term: str, topic: str | None) -> bool:
    """A tumour of another kind than the one the publication is about (a second cancer of the patient)."""
    return topic is not None and not (p.ontology.is_a(term, topic) or p.ontology.is_a(topic, term))  # type: ignore


def other_tumors(p: Passage, sents: list[Span], topic: str | None) -> list[Found[str]]:
    """Malignant tumours of another histology than the topic's, told of the patient: conditions of the case."""
    out: dict[str, Found[str]] = {}
    for s in sents:
        for m in p.mentions(s, "tumor"):
            h = histology_of(p, m)
            if (not generic(m.term) and not metastatic_class(p, m.term) and other_histology(p, h.value, topic)
                    and p.ontology.is_a(h.value, _malignant())                        # type: ignore[attr-defined]
                    and assertion.assess(p.text, m.start, m.end, s.start, s.end).of_this_patient_now):
                out.setdefault(h.value, h)
    return list(out.values())


def _malignant() -> str:
    from lmskg.vocab import LMSKG

    return str(LMSKG.MalignantNeoplasm)


def primary(p: Passage, sents: list[Span], topic: str | None = None
            ) -> tuple[Found[str] | None, Found[str] | None, list[Lesion]]:
    """Histology, primary site and primary lesions of a case; a tumour of another histology than the
    publication's ``topic`` is left to the conditions."""
    histology = site = None
    lesions: list[Lesion] = []
    role = p.lexicon.lookup("role", "primary")
    for s in sents:
        if assertion.cohort(p.text, s.start, s.end) and not q.ages(p.text, s.start, s.end):
            continue
        for m in p.mentions(s, "tumor"):
            if assertion.negated(p.text, m.start, m.end, s.start, s.end):
                continue
            if generic(m.term):
                if site is None and PRIMARY.search(p.text, max(s.start, m.start - 20), m.start) and not \
                        SUSPECTED.match(p.text, m.end, min(s.end, m.end + 30)):
                    site, _post = site_of(p, m, s)        # "treated as a primary bone tumour": a primary of bone
                continue
            if other_histology(p, histology_of(p, m).value, topic) and not metastatic_class(p, m.term):
                continue
            origin = _origin(p, m, s)                     # "metastatic LMS from the uterus": the uterus
            if metastatic_class(p, m.term):
                inner = _plain_histology(p, m)            # "metastatic leiomyosarcoma": leiomyosarcoma, no site
                if histology is None and inner is not None:
                    histology = inner
                if origin is not None and site is None and inner is not None:
                    site = origin
                continue
            h = histology_of(p, m)
            if histology is None:
                histology = h
            if origin is not None:
                site = site or origin
                continue
            found, post = site_of(p, m, s)
            if found is None:
                continue
            explicit = PRIMARY.search(p.text, max(s.start, m.start - 40), m.end) is not None
            if post and _metastatic_context(p, m) and not explicit:
                continue                                  # "metastatic LMS of the spine": the spine is not primary
            if site is None:
                site = found
                histology = h
            if explicit and role and not assertion.historical(p.text, m.start, m.end, s.start, s.end):
                lesions.append(Lesion(p.found(role, m.start, m.end), (found,), h))
    if histology is not None and topic is not None and topic != histology.value and p.ontology.is_a(  # type: ignore
            topic, histology.value):
        histology = Found(topic, histology.span)          # "uterine leiomyoma" in a report of a metastasizing one
    return histology, site, lesions


def _origin(p: Passage, m: Mention, s: Span) -> Found[str] | None:
    """The site a metastatic tumour came from: "metastatic leiomyosarcoma from the uterus", "leiomyosarcoma
    metastatic from the retroperitoneum"."""
    after = [a for a in p.mentions(s, "anatomy") if a.start >= m.end and not is_level_token(p, a)]
    lead = ORIGIN_AFTER_METASTASIS if metastatic_class(p, m.term) else ORIGIN_AFTER_TUMOUR
    if after and lead.match(p.text, m.end, after[0].start):
        return p.found(after[0].term, after[0].start, after[0].end)
    return None


def _plain_histology(p: Passage, m: Mention) -> Found[str] | None:
    """The histology inside a metastasis name ("metastatic LMS", "brain metastases of LMS" gives none)."""
    inner = [n for n in p.analysis.nested(m, "tumor") if not metastatic_class(p, n.term) and not generic(n.term)]
    if not inner:
        return None
    n = min(inner, key=lambda x: x.end - x.start)
    return p.found(n.term, n.start, n.end)


def metastatic_class(p: Passage, term: str) -> bool:
    from lmskg.vocab import LMSKG

    return p.ontology.is_a(term, str(LMSKG.MetastaticMalignantNeoplasm))   # type: ignore[attr-defined]


def generic(term: str) -> bool:
    """"Neoplasm", "malignant tumor", "metastatic malignant neoplasm": no histology."""
    from lmskg.vocab import LMSKG

    return term in {str(LMSKG.Neoplasm), str(LMSKG.MalignantNeoplasm), str(LMSKG.MetastaticMalignantNeoplasm),
                    str(LMSKG.RecurrentMalignantNeoplasm)}


def primary_fallback(p: Passage, case: CaseText, publications: Sequence[Publication]
                      ) -> tuple[Found[str] | None, Found[str] | None]:
    """Histology and site from the publication's title and the passage before the case, when the case is silent."""
    spans: list[Span] = []
    pub = next((x for x in publications if x.key == case.publication), None)
    if pub is not None and pub.title is not None:
        spans.append(pub.title.span)
    spans.extend(case.intro)
    histology = site = None
    for s in spans:
        analysis = p.analysis
        sub = Passage(p.doc, p.ontology, p.lexicon, analysis, [s])
        for m in analysis.within(s.start, s.end, "tumor"):
            if generic(m.term):
                continue
            if metastatic_class(p, m.term):
                inner = _plain_histology(sub, m)
                if histology is None and inner is not None:
                    histology = inner
                continue
            if histology is None:
                histology = histology_of(sub, m)
            found, post = site_of(sub, m, s)
            if found is None or (post and _metastatic_context(sub, m)
                                 and not PRIMARY.search(p.text, max(s.start, m.start - 40), m.end)):
                continue
            in_title = pub is not None and pub.title is not None and s == pub.title.span
            if post and not in_title and not PRIMARY.search(p.text, max(s.start, m.start - 40), m.end):
                continue                            # "arising in the X" outside the case: a general statement
            if site is None:
                site = found
                histology = histology_of(sub, m)
        if site is not None:
            break
    return histology, site
