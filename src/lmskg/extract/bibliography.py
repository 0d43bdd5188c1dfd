"""Bibliographic records: the publication a document is, and the publications it cites.

The page zones (:mod:`lmskg.extract.zones`) say where each part is; this module reads them:

* the document's own record from its title zone, its author-list zones (one line of names or one name per
  line), its citation zones (journal lines, running heads, "cite this" lines, catalogue records, parsed by
  :mod:`lmskg.extract.citations`) and its metadata zones (DOI, PMID, the published date, a copyright year);
* one record per entry of the reference-list zone, numbered by its label or its place in the list;
* PubMed XML records from their elements.

Every value keeps the span it was read from; identifiers are kept only when complete, and a reading that is
not certain is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from lmskg.documents.abstract import RUNNING_HEAD
from lmskg.documents.model import Document, Region
from lmskg.extract.citations import (
    PMCID,
    PMID,
    Citation,
    Part,
    catalogue_field,
    find_doi,
    month_number,
    parse_citation,
    parse_source,
)
from lmskg.extract.facts import Author, Found, Publication, Span, Term
from lmskg.extract.names import NameList, parse_names, written_family_first
from lmskg.extract.references import cited_marker, paragraphs
from lmskg.extract.zones import REFERENCE_LABEL, Zone, Zones, section_labels, zones_for
from lmskg.vocab import LMSKG

KIND_TERMS = {
    "case report": "CaseReportKind",
    "case series": "CaseSeriesKind",
    "review": "ReviewKind",
    "clinical article": "ClinicalArticleKind",
}
_CITE_LABEL = re.compile(r"\s*([^:\n]{2,40}?)\s*:\s*(?=\S)")
_PUBLISHED = re.compile(r"\W*(?:Published(?: online)?|Epub|Publicado|Available online|First published)\b\W*"
                        r"(?:[A-Z][a-z]{2}\s+)?(?:(?P<day>\d{1,2})\s*,?\s*)?(?P<month>[A-Z][a-z]+)?\.?\s*"
                        r"(?P<day2>\d{1,2})?\s*,?\s*(?P<year>(?:19|20)\d\d)")
_COPYRIGHT_YEAR = re.compile(r"\W*(?:\u00a9|\(c\)|Copyright)\s*(?:\u00a9\s*)?(?P<year>(?:19|20)\d\d)\b", re.I)


@dataclass
class _Draft:
    """The fields of a publication as they are found, before it becomes an immutable Publication."""

    fields: dict[str, Found] = field(default_factory=dict)
    authors: tuple[Author, ...] = ()
    truncated: bool = False
    spans: list[tuple[int, int]] = field(default_factory=list)

    def put(self, name: str, found: Found | None, *, override: bool = False) -> None:
        if found is not None and found.value not in (None, "") and (override or name not in self.fields):
            self.fields[name] = found


class _Reader:
    """Slices of one document as Found values with exact offsets."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.norm = doc.normalized

    def span(self, start: int, end: int) -> Span:
        while start < end and self.norm[start].isspace():
            start += 1
        while end > start and self.norm[end - 1] in " \t\r\n,.;*":
            end -= 1
        return Span(start, end, self.doc.text[start:end])

    def found(self, value: object, start: int, end: int) -> Found:
        return Found(value, self.span(start, end))

    def part(self, part: Part | None, value: object = None) -> Found | None:
        if part is None:
            return None
        return Found(part.value if value is None else value, Span(part.start, part.end,
                                                                  self.doc.text[part.start:part.end]))


def extract_publications(doc: Document, ontology: object) -> tuple[Publication, ...]:
    """Every publication ``doc`` is or cites, the document itself first (key "self")."""
    if any(r.name == "PubmedArticle" for r in doc.regions):
        return _from_pubmed(doc)
    reader = _Reader(doc)
    found = zones_for(doc, ontology)
    cited = _cited_references(reader, found)
    own = None if doc.kind == "wiki-page" else _this_document(reader, found, section_labels(ontology))
    return ((own,) if own else ()) + cited


# -- records from citations ----------------------------------------------------------------------------------

def _from_citation(r: _Reader, c: Citation) -> _Draft:
    draft = _Draft(spans=[(c.start, c.end)])
    for name in ("title", "journal", "volume", "issue", "pages", "doi", "pmid", "date"):
        draft.put(name, r.part(getattr(c, name)))
    if c.year is not None:
        draft.put("year", r.part(c.year, int(c.year.value)))
    if c.names is not None:
        draft.authors = _authors(r, c.names)
        draft.truncated = c.names.truncated
    return draft


def _authors(r: _Reader, names: NameList) -> tuple[Author, ...]:
    out = []
    for n in names.names:
        family = _as_written(r, n.family, n.start, n.end)
        out.append(Author(family, n.initials, Span(n.start, n.end, r.doc.text[n.start:n.end])))
    return tuple(out)


def _as_written(r: _Reader, family: str, start: int, end: int) -> str:
    """The family name with the characters of the text as shipped (curly apostrophes, accents)."""
    pattern = r"\s+".join(re.escape(w) for w in family.split())
    m = re.search(pattern, r.norm[start:end])
    return " ".join(r.doc.text[start + m.start():start + m.end()].split()) if m else family


# -- cited references ------------------------------------------------------------------------------------------

def _cited_references(r: _Reader, found: Zones) -> tuple[Publication, ...]:
    paras = paragraphs(r.doc)
    out: list[Publication] = []
    pending: int | None = None
    count = 0
    for zone in found.of("references"):
        text = r.norm[zone.start:zone.end].strip()
        label = REFERENCE_LABEL.match(r.norm, zone.start, zone.end)
        if label and label.end() >= zone.end - 1:
            pending = int(next(g for g in label.groups() if g))      # "<sup>1)</sup>" on a line of its own
            continue
        count += 1
        start = zone.start
        number = pending
        numbered = re.match(r"[ \t]*(?:[-*\u2022]|(\d+)[.)]|\[(\d+)\])[ \t]+", r.norm[zone.start:zone.end])
        if label:
            number, start = int(next(g for g in label.groups() if g)), label.end()
        elif numbered:
            start = zone.start + numbered.end()
            if numbered.group(1) or numbered.group(2):
                number = int(numbered.group(1) or numbered.group(2))
        pending = None
        if not text:
            continue
        marker = number if number is not None else count
        pub = _reference(r, paras, marker, start, zone.end)
        if pub is not None:
            out.append(pub)
    return tuple(out)


def _reference(r: _Reader, paras: list, marker: int, start: int, end: int) -> Publication | None:
    citation = parse_citation(r.norm, start, end)
    if citation is not None:
        draft = _from_citation(r, citation)
    else:
        draft = _authors_only(r, start, end)
        if draft is None:
            return None
    span = r.span(start, end)
    context = [(p.start, p.end) for i, p in enumerate(paras) if cited_marker(paras, i) == marker]
    kinds = _kinds(r, draft, context)
    return _publication(draft, f"ref-{marker}", "cited-reference", span, marker=marker, kinds=kinds)


def _authors_only(r: _Reader, start: int, end: int) -> _Draft | None:
    """An entry cut before its source ("Family, I.; Family, I. Title of the wo"): its authors, and its title
    only when the entry ends as a sentence does (a cut title is left out)."""
    head = re.match(r"(.+?(?:\b[A-Z]\.|\bet al\.))\s+(?=[A-Z])", r.norm[start:end])
    if head is None:
        return None
    names = parse_names(head.group(1), start)
    if names is None:
        return None
    draft = _Draft(spans=[(start, end)], authors=_authors(r, names), truncated=names.truncated)
    title = r.norm[start + head.end():end].strip()
    if title.endswith((".", "?", "!")) and r.norm[end:].strip():
        draft.put("title", r.found(title.rstrip("."), start + head.end(), end))
    return draft


# -- the document itself ---------------------------------------------------------------------------------------

def _this_document(r: _Reader, found: Zones, labels: dict[str, str]) -> Publication | None:
    draft = _Draft()
    for zone in found.of("citation"):
        _citation_zone(r, draft, zone, labels)
    title = next(iter(found.of("title")), None)
    if title is not None:
        value = _title(r, title)
        if value is not None:
            same = "title" in draft.fields and _same(draft.fields["title"].value, value.value)
            draft.put("title", value, override=same or "title" not in draft.fields)
            draft.spans.append((value.span.start, value.span.end))
    if not draft.authors:
        draft.authors = _author_zones(r, found.of("authors"))
        draft.truncated = draft.truncated or any(
            z.section == str(LMSKG.AuthorListZone) and re.search(r"correspond", r.norm[z.start:z.end], re.I)
            for z in found.of("heading"))                  # "Corresponding author": one of the authors
    for zone in found.of("metadata"):
        _metadata_zone(r, draft, zone)
    keywords = tuple(k for zone in found.of("keywords") for k in _keywords(r, zone))
    if not draft.fields and not draft.authors and r.doc.kind == "text":
        return None
    spans = draft.spans or [(0, len(r.norm))]
    start, end = min(a for a, _ in spans), max(b for _, b in spans)
    kinds = _kinds(r, draft, [(0, len(r.norm))], own=True)
    return replace(_publication(draft, "self", "this-document", r.span(start, end), kinds=kinds), keywords=keywords)


KEYWORDS_LABEL = re.compile(r"\s*(?:key\s*words?|index terms)\s*[:.\u2014-]?\s*", re.I)


def _keywords(r: _Reader, zone: Zone) -> list[Found[str]]:
    """ "Keywords: Brain metastasis, Hemorrhage; Leiomyosarcoma": each keyword as written."""
    label = KEYWORDS_LABEL.match(r.norm, zone.start, zone.end)
    at = label.end() if label else zone.start
    out = []
    for m in re.finditer(r"[^,;\n\u00b7\u2022|]+", r.norm[at:zone.end]):
        word = m.group(0).strip().rstrip(".")
        if word:
            start = at + m.start() + m.group(0).index(word)
            out.append(r.found(word, start, start + len(word)))
    return out


def _citation_zone(r: _Reader, draft: _Draft, zone: Zone, labels: dict[str, str]) -> None:
    start, end = zone.start, zone.end
    head = RUNNING_HEAD.match(r.norm, start, end)
    if head:
        draft.put("journal_abbrev", r.found(head.group("abbrev"), head.start("abbrev"), head.end("abbrev")))
        for name in ("volume", "issue"):
            draft.put(name, r.found(head.group(name), head.start(name), head.end(name)))
        year = int(head.group("year"))
        draft.put("year", r.found(year, head.start("year"), head.end("year")))
        month = month_number(head.group("month"))
        if month:
            draft.put("date", r.found(f"{year}-{month:02d}", head.start("month"), head.end("year")))
        draft.spans.append((start, end))
        return
    label = _CITE_LABEL.match(r.norm, start, end)
    if label and labels.get(" ".join(label.group(1).lower().split())) == str(LMSKG.CitationZone):
        start = label.end()                          # "Cite this paper: G. Maimone, ..."
    field_ = catalogue_field(r.norm, start, end)
    if field_ is not None:
        name, part = field_
        if name == "authors":
            names = parse_names(part.value, part.start)
            if names and not draft.authors:
                draft.authors = _authors(r, names)
        elif name == "year":
            draft.put("year", r.part(part, int(part.value)))
        else:
            draft.put(name, r.part(part))
        draft.spans.append((start, end))
        return
    source = parse_source(r.norm, start, end)
    if source is not None:
        parsed = _from_citation(r, source)
        for name, value in parsed.fields.items():
            draft.put(name, value)
        draft.spans.append((start, end))
        return
    citation = parse_citation(r.norm, start, end)
    if citation is not None and citation.complete() and citation.names is not None:
        parsed = _from_citation(r, citation)          # the fullest record of the document: it wins
        for name, value in parsed.fields.items():
            draft.put(name, value, override=True)
        draft.authors, draft.truncated = parsed.authors, parsed.truncated
        draft.spans.append((start, end))


def _metadata_zone(r: _Reader, draft: _Draft, zone: Zone) -> None:
    doi = find_doi(r.norm, zone.start, zone.end)
    if doi is not None:
        draft.put("doi", r.part(doi))
    pmid = PMID.search(r.norm, zone.start, zone.end)
    if pmid:
        draft.put("pmid", r.found(pmid.group(1), pmid.start(1), pmid.end(1)))
    pmcid = PMCID.search(r.norm, zone.start, zone.end)
    if pmcid:
        draft.put("pmcid", r.found(pmcid.group(1), pmcid.start(1), pmcid.end(1)))
    published = _PUBLISHED.match(r.norm, zone.start, zone.end)
    if published:
        year = int(published.group("year"))
        draft.put("year", r.found(year, published.start("year"), published.end("year")))
        month = month_number(published.group("month"))
        day = published.group("day") or published.group("day2")
        if month and day and "date" not in draft.fields:
            draft.put("date", r.found(f"{year}-{month:02d}-{int(day):02d}", published.start(), published.end()))
    copyright_ = _COPYRIGHT_YEAR.match(r.norm, zone.start, zone.end)
    if copyright_ and "year" not in draft.fields:
        draft.put("year", r.found(int(copyright_.group("year")), copyright_.start("year"), copyright_.end("year")))


def _title(r: _Reader, zone: Zone) -> Found[str] | None:
    start, end = zone.start, zone.end
    m = re.match(r"#+\s*", r.norm[start:end])
    if m:
        start += m.end()
    text = " ".join(r.norm[start:end].split()).rstrip(".").strip()
    return r.found(text, start, end) if text else None


def _author_zones(r: _Reader, zones: list[Zone]) -> tuple[Author, ...]:
    """One line of names, or one name on each line: given name first unless one of them shows the family name
    first (:func:`lmskg.extract.names.written_family_first`)."""
    texts = [r.norm[z.start:z.end] for z in zones]
    out: list[Author] = []
    if any("," in t or ";" in t for t in texts):
        for z, t in zip(zones, texts, strict=True):         # a list per line, or signatures "Name, MD"
            names = parse_names(t, z.start)
            out.extend(_authors(r, names) if names else ())
        return tuple(out)
    family_first = written_family_first(texts)
    for z, t in zip(zones, texts, strict=True):
        names = parse_names(t, z.start, single=True, family_first=family_first)
        out.extend(_authors(r, names) if names else ())
    return tuple(out)


def _same(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        return re.sub(r"[\W_]+", " ", s).strip().lower()

    return norm(a) == norm(b)


# -- kinds -----------------------------------------------------------------------------------------------------

_TITLE_KINDS = (
    ("case report", re.compile(r"\bcase reports?\b|\breport of (?:a|two|three) cases?\b", re.I)),
    ("case series", re.compile(r"\bcase series\b|\bretrospective (?:review|study|analysis|series)\b|"
                               r"\bsingle[- ](?:center|centre|institution)", re.I)),
    ("review", re.compile(r"\breview of (?:the )?literature\b|\bliterature review\b|\bsystematic review\b|"
                          r"\bmeta-analysis\b|^(?:a )?review\b|:\s*(?:a )?review\b(?! of)", re.I)),
    ("clinical article", re.compile(r"\bclinical article\b", re.I)),
)
_KIND_BANNER = re.compile(r"^[ \t]*(CASE SERIES|CASE REPORTS?|REVIEW(?: ARTICLE)?|CLINICAL ARTICLE|"
                          r"Case [Rr]eports?(?=\s*\|)|Case [Ss]eries(?=\s*\|))[ \t]*(?:\|.*)?$", re.M)
_TEXT_KINDS = (
    ("case report", re.compile(
        r"^\s*(?:Case(?: Report| Description| Presentation)?|Patient concerns)\s*:|"
        r"\b(?:we|authors?|et al\.?)\s+(?:report(?:ed)?|describe[sd]?|present(?:ed)?)\s+(?:the case of\s+)?"
        r"(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:case|patient|woman|man|girl|boy|\d+[- ]years?[- ]old)\b|"
        r"\b(?:a|an)\s+(?:\d+|[a-z]+(?:-[a-z]+)?)[- ](?:year|month|week|day)s?[- ]old\b", re.I | re.M)),
    ("case series", re.compile(r"\b(?:in|from) a (?:retrospective |multicenter |single[- ]center )?series\b|"
                               r"\bretrospective series\b", re.I)),
    ("review", re.compile(r"\breview of (?:the )?literature\b|\bliterature (?:review|search)\b|"
                          r"\bin the light of the literature\b|\breview(?:ed)? the literature\b", re.I)),
)


def _kinds(r: _Reader, draft: _Draft, context: list[tuple[int, int]], *, own: bool = False
           ) -> tuple[Found[Term], ...]:
    found: dict[str, Found[Term]] = {}
    title = draft.fields.get("title")
    if title is not None:
        for label, pattern in _TITLE_KINDS:
            m = pattern.search(title.value)
            if m:
                found.setdefault(label, Found(kind_term(label), title.span))
    if own:
        for m in _KIND_BANNER.finditer(r.norm):
            label = " ".join(m.group(1).lower().split()).replace("reports", "report")
            label = label.replace("review article", "review")
            found.setdefault(label, r.found(kind_term(label), m.start(1), m.end(1)))
    for a, b in context:
        for label, pattern in _TEXT_KINDS:
            if label in found or (not own and label == "review"):
                continue
            m = pattern.search(r.norm, a, b)
            if m:
                found[label] = r.found(kind_term(label), m.start(), m.end())
    if "case series" in found and "case report" in found and found["case report"].span != (title.span if title
                                                                                            else None):
        del found["case report"]             # a series of patients described one by one is not a case report
    order = list(KIND_TERMS)
    return tuple(found[k] for k in sorted(found, key=order.index))


def kind_term(label: str) -> Term:
    """The IRI of the publication-kind individual labelled ``label``."""
    return str(getattr(LMSKG, KIND_TERMS[label]))


# -- PubMed XML ------------------------------------------------------------------------------------------------

def _from_pubmed(doc: Document) -> tuple[Publication, ...]:
    from lmskg.documents.pubmed import element_text

    r = _Reader(doc)
    records = [x for x in doc.regions if x.name == "PubmedArticle"]
    out: list[Publication] = []
    for rec in records:
        parts = [x for x in doc.regions if x.record == rec.record and x.name != "PubmedArticle"]
        draft = _Draft(spans=[(rec.start, rec.end)])

        def first(name: str, parts: list[Region] = parts) -> Region | None:
            return next((x for x in parts if x.name == name), None)

        def put(field_name: str, region: Region | None, value: object = None, draft: _Draft = draft) -> None:
            if region is not None:
                text = element_text(doc.text, region).rstrip(" .") if field_name == "title" else \
                    element_text(doc.text, region)
                if text:
                    draft.put(field_name, Found(text if value is None else value, r.span(region.start, region.end)))

        put("title", first("ArticleTitle"))
        put("journal", first("JournalTitle"))
        put("journal_abbrev", first("ISOAbbreviation"))
        put("volume", first("Volume"))
        put("issue", first("Issue"))
        put("pages", first("MedlinePgn"))
        put("pmid", first("PMID"))
        doi = first("DOI")
        if doi is not None:
            draft.put("doi", r.part(find_doi(doc.normalized, doi.start, doi.end)))
        year = first("PubDate/Year")
        medline = first("PubDate/MedlineDate")                   # "2014 Sep-Oct": the year only
        if year is None and medline is not None:
            m = re.match(r"\s*((?:19|20)\d\d)", doc.text[medline.start:medline.end])
            if m:
                put("year", Region("MedlineDate", medline.start + m.start(1), medline.start + m.end(1)),
                    int(m.group(1)))
        if year is not None and element_text(doc.text, year).isdigit():
            y = int(element_text(doc.text, year))
            put("year", year, y)
            month, day = first("PubDate/Month"), first("PubDate/Day")
            m = _month(element_text(doc.text, month)) if month else None
            if m:
                d = element_text(doc.text, day) if day else ""
                date = f"{y}-{m:02d}" + (f"-{int(d):02d}" if d.isdigit() else "")
                end = (day or month).end
                draft.put("date", Found(date, r.span(year.start, end)))
        draft.authors = _xml_authors(doc, parts)
        context = [(x.start, x.end) for x in parts if x.name == "AbstractText"]
        kinds = list(_kinds(r, draft, context, own=True))
        for pt in (x for x in parts if x.name == "PublicationType"):
            label = element_text(doc.text, pt).lower()
            label = {"review": "review", "case reports": "case report", "systematic review": "review"}.get(label)
            if label and all(k.value != kind_term(label) for k in kinds):
                kinds.append(Found(kind_term(label), r.span(pt.start, pt.end)))
        key = "self" if len(records) == 1 else f"record-{rec.record}"
        order = [kind_term(k) for k in KIND_TERMS]
        kinds.sort(key=lambda k: order.index(k.value))
        out.append(_publication(draft, key, "this-document", Span(rec.start, rec.end, doc.text[rec.start:rec.end]),
                                kinds=tuple(kinds)))
    return tuple(out)


def _month(text: str) -> int | None:
    if text.isdigit():
        return int(text) if 1 <= int(text) <= 12 else None
    return month_number(text)


def _xml_authors(doc: Document, parts: list[Region]) -> tuple[Author, ...]:
    from lmskg.documents.pubmed import element_text

    out: list[Author] = []
    for author in (x for x in parts if x.name == "Author"):
        inner = [x for x in parts if x.label == author.label and x.name != "Author"]
        last = next((x for x in inner if x.name in ("LastName", "CollectiveName")), None)
        if last is None:
            continue
        initials = next((x for x in inner if x.name == "Initials"), None)
        out.append(Author(element_text(doc.text, last), element_text(doc.text, initials) if initials else "",
                          Span(author.start, author.end, doc.text[author.start:author.end])))
    return tuple(out)


# -- assembling -------------------------------------------------------------------------------------------------

def _publication(draft: _Draft, key: str, role: str, span: Span, *, marker: int | None = None,
                 kinds: tuple[Found[Term], ...] = ()) -> Publication:
    f = draft.fields
    pub = Publication(key=key, span=span, role=role, marker=marker, authors=draft.authors, kinds=kinds,
                      authors_truncated=draft.truncated)
    values = {name: f[name] for name in ("title", "journal", "journal_abbrev", "year", "date", "volume", "issue",
                                         "pages", "doi", "pmid", "pmcid") if name in f}
    return replace(pub, **values)
