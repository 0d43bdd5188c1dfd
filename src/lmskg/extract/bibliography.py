"""Bibliographic records: the publications a document cites, and the one it is itself.

Recognised layouts: MEDLINE/NLM citations ("Liu A, Sankey EW. Title. J Neurosurg Spine. 2015 Sep 11:1-14.
doi: ... PubMed PMID: ..."), the "Cite this paper:" lines of journal abstract pages (``G. Maimone, N. Nicassio
and M. Cambria, "Title," Journal, Vol. 3 No. 4, 2013, pp. 98-103.`` and ``Imoumby, F. , Dokponou, Y. (2021)
Title. Journal, 11, 107-113.``), running heads ("OJMN  Vol.3 No.4 , October 2013"), title lines, author lines
written surname first in full, journal lines ("The X Medical Journal. 2018;31:214") and PubMed XML records.
Every value keeps the span it was read from; identifiers are kept only when well formed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from lmskg.documents.abstract import CITE, RUNNING_HEAD
from lmskg.documents.model import Document, Region
from lmskg.extract.facts import Author, Found, Publication, Span, Term
from lmskg.extract.references import cited_marker, paragraphs
from lmskg.vocab import LMSKG

KIND_TERMS = {
    "case report": "CaseReportKind",
    "case series": "CaseSeriesKind",
    "review": "ReviewKind",
    "clinical article": "ClinicalArticleKind",
}
MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+)")
PMID = re.compile(r"\bPMID:?\s*(\d{1,8})\b")
_SOURCE = re.compile(
    r"(?P<journal>[A-Z*][^.\n;:]{1,100}?)\*?\s*\.\s+(?P<year>(?:19|20)\d\d)"
    r"(?:\s+(?P<month>[A-Z][a-z]{2,8})\.?(?:\s+(?P<day>\d{1,2}))?)?"
    r"(?P<rest>(?:\s*;\s*(?P<volume>[A-Za-z]?\d+[A-Za-z]?)?(?:\s*\((?P<issue>[^)\n]{1,20})\))?)?"
    r"(?:\s*:\s*(?P<pages>[A-Za-z]?\d+(?:-[A-Za-z]?\d+)?))?)"
)
_SOURCE_NO_STOP = re.compile(_SOURCE.pattern.replace(r"\*?\s*\.\s+(?P<year>", r"\*?\s*\.?\s+(?P<year>", 1))
_MLA = re.compile(
    r"(?P<authors>[^\"]+?),?\s*\"(?P<title>[^\"]+?),?\"\s*,?\s*(?P<journal>[^,]+?),\s*Vol\.\s*(?P<volume>\w+)"
    r"(?:\s*,?\s*No\.\s*(?P<issue>\w+))?\s*,\s*(?P<year>(?:19|20)\d\d)(?:\s*,\s*pp?\.\s*(?P<pages>\w+(?:-\w+)?))?"
)
_APA = re.compile(
    r"(?P<authors>.+?)\s*\((?P<year>(?:19|20)\d\d)\)\s*(?P<title>.+?)\.\s+(?P<journal>[A-Z][^,.]+?),\s*"
    r"(?P<volume>\w+)(?:\s*\((?P<issue>\w+)\))?\s*,\s*(?P<pages>\w+(?:-\w+)?)"
)
_LABEL = re.compile(r"^[ \t]*(?:<sup>\s*(\d+)\)\s*</sup>|(\d+)\)|\[(\d+)\]|\[\^(\d+)\]:)[ \t]*(?=\S)", re.M)
_BANNER = re.compile(r"^[^|\n]{1,40}(?:\s\|\s[^|\n]{1,60})+$")
_PUBLISHED = re.compile(r"\bPublished(?: online)?:\s*(?P<day>\d{1,2})\s+(?P<month>[A-Z][a-z]+)\s+"
                        r"(?P<year>(?:19|20)\d\d)")
_BMC = re.compile(r"(?P<journal>[A-Z][^,\d\n]{3,100}?)\s+(?P<year>(?:19|20)\d\d)\s*,\s*(?P<volume>\w+)"
                  r"(?:\((?P<issue>\w+)\))?\s*:\s*(?P<pages>\w+(?:-\w+)?)")
_VOL_YEAR = re.compile(r"(?P<journal>[A-Z][^:;,.\n\d]{3,100}?)\s*[:,.]?\s+Vol(?:ume)?\.?\s*(?P<volume>\d+)"
                       r"(?:\s*,?\s*(?:No|Issue)\.?\s*(?P<issue>\w+))?\s*\(\s*(?P<year>(?:19|20)\d\d)\s*\)"
                       r"(?:\s*[:,]\s*(?:pp?\.\s*)?(?P<pages>[A-Za-z]?\d+(?:-[A-Za-z]?\d+)?))?")
_REFERENCES_HEADING = re.compile(r"^[ \t]*(?:#+[ \t]*)?(?:References|Bibliography|Literature cited)[ \t]*:?[ \t]*$",
                                 re.M | re.I)
_NUMBERED = re.compile(r"^[ \t]*(?:\[(\d+)\]|(\d+)[.)])[ \t]+(?=\S)", re.M)
_NAME_TOKEN = r"(?:[A-Z]\.(?:\s*-\s*[A-Z]\.)?|[A-Z\u00c0-\u00de][\w'\u2019-]+|(?:van|von|de|da|del|der|dos|la|le)\b)"
_NAME_LIST = re.compile(rf"{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{1,4}}"
                        rf"(?:\s*(?:,|\band\b)\s*{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{1,4}})+")
_SIGNATURE = re.compile(r"^[ \t]*(?P<name>[A-Z][\w'-]+(?:[ \t]+(?:[A-Z]\.|[A-Z][\w'-]+)){1,3}),[ \t]*"
                        r"(?:MD|PhD|MBBS|MBChB|MSc|BSc|DO|MPH|FRCS\w*|FACS|RN)\b.*$", re.M)
_SOURCE_LINE = re.compile(r"[A-Z][^.\n;:]{1,100}?\.?\s+(?:19|20)\d\d(?:\s+[A-Z][a-z]{2,8}\.?(?:\s+\d{1,2})?)?"
                          r"\s*(?:;\s*[A-Za-z]?\d+|:\s*[A-Za-z]?\d+)")
_IDENTIFIER_LINE = re.compile(r"(?:doi|pmid|pmcid|issn|eissn)\b\s*:?|https?://|10\.\d{4,9}/", re.I)
_BOILERPLATE = re.compile(r"(?:Abstracts? (?:of|from|presented)|Proceedings of|Poster|Oral (?:session|presentation)|"
                          r"Session\b|Symposium|Supplement|Letter to the editor|Original (?:article|research)|"
                          r"Review article|Received:|Accepted:|Published:|Copyright|\u00a9)", re.I)
_NAME_LINE = re.compile(r"^[A-Z][\w'-]*(?:[ \t]+[A-Z][\w'-]*){1,4}[ \t]*$")
_SKIP_LINE = re.compile(r"^(?:Main Article Content|Article Content|Open Access|Research Article|Original Article|"
                        r"Case Reports?|Full Text|Home|Affiliations(?: expand)?)$", re.I)
_PROSE_START = re.compile(r"^(?:Abstract|Summary|Background|Introduction|Objectives?|Object|Purpose|Methods|"
                          r"Keywords|Cite this)\b", re.I)


@dataclass
class _Draft:
    """The fields of a publication as they are found, before it becomes an immutable Publication."""

    fields: dict[str, Found] = field(default_factory=dict)
    authors: tuple[Author, ...] = ()
    spans: list[tuple[int, int]] = field(default_factory=list)

    def put(self, name: str, found: Found | None, *, override: bool = False) -> None:
        if found is not None and found.value not in (None, "") and (override or name not in self.fields):
            self.fields[name] = found

    def merge(self, other: _Draft) -> None:
        for name, found in other.fields.items():
            self.put(name, found)
        if not self.authors:
            self.authors = other.authors
        self.spans.extend(other.spans)


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

    def text(self, start: int, end: int) -> Found[str] | None:
        s = self.span(start, end)
        value = " ".join(self.norm[s.start:s.end].replace("*", " ").split())
        return Found(value, Span(s.start, s.end, s.text)) if value else None


def extract_publications(doc: Document) -> tuple[Publication, ...]:
    """Every publication ``doc`` describes or cites, the document itself first (key "self")."""
    if any(r.name == "PubmedArticle" for r in doc.regions):
        return _from_pubmed(doc)
    reader = _Reader(doc)
    cited = _cited_references(reader)
    own = None if doc.kind == "wiki-page" else _this_document(reader, cited)
    return ((own,) if own else ()) + cited


# -- cited references ---------------------------------------------------------------------------------------

def _cited_references(r: _Reader) -> tuple[Publication, ...]:
    paras = paragraphs(r.doc)
    out: list[Publication] = []
    for i, para in enumerate(paras):
        if para.label is not None:
            body = next((p for p in paras[i + 1:i + 2] if p.label is None and not p.heading), None)
            if body is None:
                continue
            marker, start, end = para.label, body.start, body.end
        else:
            m = _LABEL.match(r.norm, para.start, para.end)
            if not m or para.heading:
                continue
            marker = int(next(g for g in m.groups() if g))
            start, end = m.end(), para.end
        pub = _reference(r, paras, marker, start, end)
        if pub is not None:
            out.append(pub)
    heading = _REFERENCES_HEADING.search(r.norm)
    if heading and not out:
        entries = list(_NUMBERED.finditer(r.norm, heading.end()))
        for i, m in enumerate(entries):
            stop = entries[i + 1].start() if i + 1 < len(entries) else len(r.norm)
            blank = re.search(r"\n[ \t]*\r?\n", r.norm[m.end():stop])
            end = m.end() + blank.start() if blank else stop
            pub = _reference(r, [], int(m.group(1) or m.group(2)), m.end(), end)   # cited in the text, not about it
            if pub is not None:
                out.append(pub)
    return tuple(out)


def _reference(r: _Reader, paras: list, marker: int, start: int, end: int) -> Publication | None:
    draft = _citation(r, start, end)
    if draft is None:
        return None
    s, e = _strip(r.norm, start, end)
    kinds = _kinds(r, draft, _citing_text(r, paras, marker))
    return _publication(draft, f"ref-{marker}", "cited-reference", Span(s, e, r.doc.text[s:e]), marker=marker,
                        kinds=kinds)


def _citing_text(r: _Reader, paras: list, marker: int) -> list[tuple[int, int]]:
    return [(p.start, p.end) for i, p in enumerate(paras) if cited_marker(paras, i) == marker]


def _citation(r: _Reader, start: int, end: int) -> _Draft | None:
    """A citation in any known style, or None when ``[start, end)`` is not one."""
    for parse in (_mla, _apa, _nlm):
        draft = parse(r, start, end)
        if draft is not None:
            _identifiers(r, draft, start, end)
            return draft
    return None


def _nlm(r: _Reader, start: int, end: int) -> _Draft | None:
    src = None
    for pattern in (_SOURCE, _SOURCE_NO_STOP):
        src = next((m for m in pattern.finditer(r.norm, start, end) if m.group("rest").strip() or m.group("month")),
                   None)
        if src is not None:
            break
    if src is None:
        return None
    draft = _Draft(spans=[(start, end)])
    title_start = start
    head = re.match(r"(.+?\b[A-Z]{1,3}(?:,\s*et\s+al)?)\.\s+(?=\S)", r.norm[start:src.start()])
    if head and _looks_like_nlm_authors(head.group(1)):
        draft.authors = _authors(r, start, start + head.end(1))
        title_start = start + head.end()
    draft.put("title", r.text(title_start, src.start("journal")))
    _source(r, draft, src)
    return draft


def _source(r: _Reader, draft: _Draft, m: re.Match[str]) -> None:
    draft.put("journal", r.text(m.start("journal"), m.end("journal")))
    year = int(m.group("year"))
    draft.put("year", r.found(year, m.start("year"), m.end("year")))
    month = MONTHS.get((m.groupdict().get("month") or "")[:3].lower())
    if month:
        date = f"{year}-{month:02d}" + (f"-{int(m.group('day')):02d}" if m.group("day") else "")
        draft.put("date", r.found(date, m.start("year"), m.end("day") if m.group("day") else m.end("month")))
    for name in ("volume", "issue", "pages"):
        if m.groupdict().get(name):
            draft.put(name, r.found(m.group(name).strip(), m.start(name), m.end(name)))


def _looks_like_nlm_authors(text: str) -> bool:
    units = [u.strip() for u in re.split(r",", text) if u.strip() and u.strip() != "et al"]
    return bool(units) and all(re.fullmatch(r"[A-Z][^\s,]*(?:[ '-][^\s,]+)*\s+[A-Z]{1,3}", u) for u in units)


def _mla(r: _Reader, start: int, end: int) -> _Draft | None:
    m = _MLA.match(r.norm, start, end)
    return _styled_citation(r, m, start, end) if m else None


def _apa(r: _Reader, start: int, end: int) -> _Draft | None:
    m = _APA.match(r.norm, start, end)
    if not m or not re.search(r"[A-Z]\.", m.group("authors")):
        return None
    return _styled_citation(r, m, start, end)


def _styled_citation(r: _Reader, m: re.Match[str], start: int, end: int) -> _Draft:
    """A citation matched by a style's pattern with the groups authors, title, journal, year, volume, issue, pages."""
    draft = _Draft(spans=[(start, end)])
    draft.authors = _authors(r, m.start("authors"), m.end("authors"))
    for name in ("title", "journal"):
        draft.put(name, r.text(m.start(name), m.end(name)))
    draft.put("year", r.found(int(m.group("year")), m.start("year"), m.end("year")))
    for name in ("volume", "issue", "pages"):
        if m.group(name):
            draft.put(name, r.found(m.group(name), m.start(name), m.end(name)))
    return draft


def _identifiers(r: _Reader, draft: _Draft, start: int, end: int) -> None:
    doi = clean_doi(r.norm, start, end)
    if doi:
        draft.put("doi", doi if isinstance(doi, Found) else None)
    m = PMID.search(r.norm, start, end)
    if m:
        draft.put("pmid", r.found(m.group(1), m.start(1), m.end(1)))


def clean_doi(text: str, start: int = 0, end: int | None = None) -> Found[str] | None:
    """The first well-formed DOI in ``text[start:end]`` without trailing punctuation, or None.

    >>> clean_doi("doi: 10.4236/ojmn.2013.34018.").value
    '10.4236/ojmn.2013.34018'
    >>> clean_doi("doi: 10.1007/s00381-014-2422-7).").value
    '10.1007/s00381-014-2422-7'
    >>> clean_doi("doi: 10.12/x") is None
    True
    """
    end = len(text) if end is None else end
    m = DOI.search(text, start, end)
    if not m:
        return None
    value = m.group(1)
    while value and (value[-1] in ".,;:]}'" or (value[-1] == ")" and value.count("(") < value.count(")"))):
        value = value[:-1]
    if not re.fullmatch(r"10\.\d{4,9}/\S*[A-Za-z0-9]\S*", value):
        return None
    s = m.start(1)
    return Found(value, Span(s, s + len(value), text[s:s + len(value)]))


# -- authors --------------------------------------------------------------------------------------------------

_INITIALS_DOTTED = re.compile(r"(?:[A-Z]\.?\s*-?\s*){1,4}")


def _authors(r: _Reader, start: int, end: int, *, given_first: bool = False) -> tuple[Author, ...]:
    """Authors in order from a list written "Liu A, Sankey EW", "G. Maimone, N. Nicassio and M. Cambria",
    "Imoumby, F. , Dokponou, Y." or as whole surname-first names ("Oudrhiri Mohammed Yassaad")."""
    units: list[tuple[int, int]] = []
    pos = start
    for sep in re.finditer(r"\s*(?:,|;|&|\band\b)\s*", r.norm[start:end]):
        units.append((pos, start + sep.start()))
        pos = start + sep.end()
    units.append((pos, end))
    units = [(a, b) for a, b in (_strip(r.norm, a, b) for a, b in units) if b > a]
    units = [(a, b) for a, b in units if not re.fullmatch(r"et\.? al\.?", r.norm[a:b])]
    texts = [r.norm[a:b] for a, b in units]
    dotted = [bool(re.fullmatch(r"(?:[A-Z]\.\s*-?\s*){1,4}", t)) for t in texts]
    out: list[Author] = []
    if len(units) >= 2 and all(dotted[1::2]) and not any(dotted[0::2]):      # Family, I. , Family, I.
        for (fa, fb), (ia, ib) in zip(units[0::2], units[1::2], strict=False):
            out.append(Author(r.norm[fa:fb], _initials(r.norm[ia:ib]), Span(fa, ib, r.doc.text[fa:ib])))
        return tuple(out)
    for (a, b), t in zip(units, texts, strict=True):
        first = re.fullmatch(r"((?:[A-Z]\.\s*-?\s*){1,4})\s*([A-Z].*)", t)               # G. Maimone
        last = re.fullmatch(r"(.+?)\s+([A-Z]{1,3})", t)                                # Liu A
        if first:
            out.append(Author(first.group(2), _initials(first.group(1)), Span(a, b, r.doc.text[a:b])))
        elif given_first and len(t.split()) >= 2:                                      # Ricardo M. Alves
            words = t.split()
            k = len(words) - 1
            while k > 1 and words[k - 1] in ("van", "von", "de", "da", "del", "der", "dos", "la", "le"):
                k -= 1
            out.append(Author(" ".join(words[k:]), _initials(" ".join(w[0] for w in words[:k])),
                              Span(a, b, r.doc.text[a:b])))
        elif last:
            out.append(Author(last.group(1), last.group(2), Span(a, b, r.doc.text[a:b])))
        else:                                                                        # a whole name as written
            out.append(Author(" ".join(t.split()), "", Span(a, b, r.doc.text[a:b])))
    return tuple(out)


def _initials(text: str) -> str:
    return re.sub(r"[^A-Z]", "", text)


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in " \t\r\n,.":
        a += 1
    while b > a and text[b - 1] in " \t\r\n,*\u2020\u2021\u00b9\u00b2\u00b3\u2070\u2074\u2075\u2076\u2077\u2078\u2079":
        b -= 1
    return a, b


# -- the document itself ----------------------------------------------------------------------------------------

def _lines(r: _Reader) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in r.norm.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        out.append((pos, pos + len(body)))
        pos += len(line)
    return out


def _this_document(r: _Reader, cited: tuple[Publication, ...]) -> Publication | None:
    draft = _Draft()
    head = RUNNING_HEAD.search(r.norm)
    if head:
        draft.put("journal_abbrev", r.found(head.group("abbrev"), head.start("abbrev"), head.end("abbrev")))
        draft.put("volume", r.found(head.group("volume"), head.start("volume"), head.end("volume")))
        draft.put("issue", r.found(head.group("issue"), head.start("issue"), head.end("issue")))
        year = int(head.group("year"))
        month = MONTHS.get((head.group("month") or "")[:3].lower())
        if month:
            draft.put("date", r.found(f"{year}-{month:02d}", head.start("month"), head.end("year")))
        draft.put("year", r.found(year, head.start("year"), head.end("year")))
        draft.spans.append((head.start(), head.end()))
    cite = CITE.search(r.norm)
    if cite:
        parsed = _citation(r, cite.start("cite"), cite.end("cite"))
        if parsed:
            for name in ("volume", "issue", "year"):      # the citation line is the fuller record
                if name in parsed.fields:
                    draft.put(name, parsed.fields[name], override=True)
            draft.merge(parsed)
    title, after_title = _title_line(r, head.end() if head else 0)
    if title is not None:
        same = "title" in draft.fields and _same(draft.fields["title"].value, title.value)
        draft.put("title", title, override=same or "title" not in draft.fields)
        draft.spans.append((title.span.start, title.span.end))
        if not draft.authors:
            draft.authors = _author_lines(r, after_title)
    if not draft.authors:
        draft.authors = _signatures(r)
    _source_line(r, draft)
    if "doi" not in draft.fields and not cited:
        doi = clean_doi(r.norm)
        if doi:
            draft.put("doi", Found(doi.value, Span(doi.span.start, doi.span.end, r.doc.text[doi.span.start:
                                                                                            doi.span.end])))
    if not draft.fields and not draft.authors and r.doc.kind == "text":
        return None
    spans = draft.spans or [(0, len(r.norm))]
    start, end = min(a for a, _ in spans), max(b for _, b in spans)
    kinds = _kinds(r, draft, [(0, len(r.norm))], own=True)
    return _publication(draft, "self", "this-document", r.span(start, end), kinds=kinds)


def _title_line(r: _Reader, offset: int) -> tuple[Found[str] | None, int]:
    """The title: the first line above the abstract that is not a running head, banner, label or source line."""
    lines = _lines(r)
    for i, (a, b) in enumerate(lines):
        if b <= offset:
            continue
        line = r.norm[a:b].strip()
        following = r.norm[lines[i + 1][0]:lines[i + 1][1]] if i + 1 < len(lines) else ""
        if (not line or _SKIP_LINE.match(line) or RUNNING_HEAD.fullmatch(line) or _BANNER.match(line)
                or _BOILERPLATE.match(line) or _SOURCE_LINE.match(line) or _IDENTIFIER_LINE.match(line)
                or re.match(r"\s*\.\s*(?:19|20)\d\d", following) or re.match(r"\.\s*(?:19|20)\d\d", line)):
            continue
        md = re.fullmatch(r"#\s+(.+)", line)
        if md:
            return r.text(a + r.norm[a:b].index(md.group(1)), b), b
        if _PROSE_START.match(line):
            return None, offset
        words = len(line.split())
        if words < 3 or (line.isupper() and words <= 5):          # "P-087", "CASE SERIES", "LETTER TO THE EDITOR"
            continue
        if words <= 40 and not line.endswith("."):
            return r.text(a, b), b
        return None, offset
    return None, offset


def _author_lines(r: _Reader, offset: int) -> tuple[Author, ...]:
    """Authors right below the title: one line of names, or one name per line written surname first in full."""
    out: list[Author] = []
    for a, b in _lines(r):
        if b <= offset:
            continue
        line = r.norm[a:b]
        if not line.strip():
            if out:
                break
            continue
        if not out and (_SOURCE_LINE.match(line.strip()) or _IDENTIFIER_LINE.match(line.strip())):
            continue                                  # the journal line between the title and the authors
        if not out and "," in line:
            a, b = _strip(r.norm, a, b)
            text = r.norm[a:b].rstrip(".")
            if _looks_like_nlm_authors(text):
                return _authors(r, a, a + len(text))  # "Halvorsen KL, Idrissi Y.": the final period is no initial
            if _NAME_LIST.fullmatch(_unmark(text)):
                given_first = bool(re.search(r"\S\s+[A-Z]\.(?:\s|$)", _unmark(text))) or _full_names(text)
                return _authors(r, a, b, given_first=given_first)
            break
        if not _NAME_LINE.match(line.strip()) or _SKIP_LINE.match(line.strip()):
            break
        s = r.span(a, b)
        out.append(Author(" ".join(line.split()), "", s))
    return tuple(out) if out else ()


def _full_names(text: str) -> bool:
    """A list of whole names with no initials at all ("Mireille Dubanchet, Oskar Lindqvist") is written given name
    first, as names are in running text."""
    units = [u.strip() for u in re.split(r"\s*(?:,|\band\b)\s*", _unmark(text)) if u.strip()]
    return len(units) >= 2 and all(len(u.split()) >= 2 and not re.search(r"\b[A-Z]{1,3}\.?$", u) for u in units)


def _signatures(r: _Reader) -> tuple[Author, ...]:
    """Authors who sign a letter: "Kaito Mori, MD" lines."""
    out: list[Author] = []
    for m in _SIGNATURE.finditer(r.norm):
        out.extend(_authors(r, m.start("name"), m.end("name"), given_first=True))
    return tuple(out)


def _unmark(text: str) -> str:
    return re.sub(r"[\u00b9\u00b2\u00b3\u2070-\u2079*\u2020\u2021]", "", text)


def _source_line(r: _Reader, draft: _Draft) -> None:
    """A line that starts with "Journal. YYYY[ Mon[ DD]];Vol(Issue):Pages" describes the document itself."""
    lines = _lines(r)
    for i, (a, b) in enumerate(lines):
        if i + 1 < len(lines) and re.match(r"\s*\.\s*(?:19|20)\d\d", r.norm[lines[i + 1][0]:lines[i + 1][1]]):
            b = lines[i + 1][1]                                  # "J Neurosurg Spine" / ". 2012 Nov;17(5):432-7."
        m = _SOURCE.match(r.norm, a, b) or _SOURCE_NO_STOP.match(r.norm, a, b)
        if m and (m.group("rest").strip() or m.group("month")) and len(m.group("journal").split()) <= 12:
            found = _Draft(spans=[(a, b)])
            _source(r, found, m)
            _identifiers(r, found, a, b)
            draft.merge(found)
            break
        m = _BMC.match(r.norm, a, b) or _VOL_YEAR.match(r.norm, a, b)
        if m and len(m.group("journal").split()) <= 12:
            found = _Draft(spans=[(a, b)])
            _source(r, found, m)
            _identifiers(r, found, a, b)
            draft.merge(found)
            break
    published = _PUBLISHED.search(r.norm)
    month = MONTHS.get(published.group("month")[:3].lower()) if published else None
    if published and month and ("date" not in draft.fields or len(draft.fields["date"].value) < 10):
        date = f"{published.group('year')}-{month:02d}-{int(published.group('day')):02d}"
        draft.put("date", r.found(date, published.start("day"), published.end("year")), override=True)


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
            found = clean_doi(doc.text, doi.start, doi.end)
            draft.put("doi", found)
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
    return MONTHS.get(text[:3].lower())


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
    pub = Publication(key=key, span=span, role=role, marker=marker, authors=draft.authors, kinds=kinds)
    values = {name: f[name] for name in ("title", "journal", "journal_abbrev", "year", "date", "volume", "issue",
                                         "pages", "doi", "pmid") if name in f}
    return replace(pub, **values)
