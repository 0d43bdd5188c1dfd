"""Saved journal web pages: the citation metadata the page publishes, then its main text.

The record comes from the Google Scholar ``citation_*`` meta tags journals publish (title, authors with their
institutions, journal, date, volume, issue, pages, DOI, PMID, keywords, PDF URL, and the cited works as
``citation_reference`` tags, used when the page's text does not list them itself); a field they leave out is taken
from the Dublin Core tags (``DC.title``, ``DC.creator``, ...), then from a schema.org JSON-LD ``ScholarlyArticle``
(or ``Article``). The main text is extracted by trafilatura, which drops navigation, banners, footers and
other boilerplate; scripts, styles and comments never reach the text. Nothing is fetched: the page is read as
saved. The text is written out by :mod:`lmskg.documents.article`, the page's own headings as its sections.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import lxml.html
from lxml import etree

from lmskg.documents.article import MONTHS, Article, Person, Reference, Section, as_document
from lmskg.documents.model import Document
from lmskg.errors import DocumentError

KIND = "journal-page"
_DOI_PREFIX = re.compile(r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/)", re.I)
_DATE = re.compile(r"((?:19|20)\d\d)(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?")
_NAMED_DATE = re.compile(r"(?:(?P<day>\d{1,2})\s+)?(?P<month>[A-Z][a-z]{2,8})\.?\s+(?:(?P<day2>\d{1,2}),?\s+)?"
                         r"(?P<year>(?:19|20)\d\d)")
_LABELLED = re.compile(r"\[?\d+[.)\]]\s")             # an item that carries its own number: "1. ", "[1] "
_ARTICLE_TYPES = ("ScholarlyArticle", "MedicalScholarlyArticle", "Article", "NewsArticle", "Report")


def read(path: Path) -> Document:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(path, f"cannot read the file ({exc.strerror or exc})") from exc
    if not data.strip():
        raise DocumentError(path, "the file is empty")
    try:
        page = lxml.html.document_fromstring(data, parser=lxml.html.HTMLParser(no_network=True,
                                                                                 remove_comments=True))
    except (etree.ParserError, ValueError) as exc:
        raise DocumentError(path, f"not an HTML page ({exc})") from exc
    record = _record(page)
    mark_citations(page)
    body = tuple(_without_title(main_text(page), record.title))
    if not body and not record.title:
        raise DocumentError(path, "no article text and no citation metadata in this HTML page")
    written = " ".join(p for s in body for p in s.paragraphs)
    listed = record.references
    if any(r.title and r.title in written for r in listed):          # the page's own list already holds them
        listed = ()
    return as_document(path, replace(record, body=body, references=listed), KIND)


# -- the citation record ----------------------------------------------------------------------------------------

def _record(page: etree._Element) -> Article:
    meta = _meta(page)
    ld = _json_ld(page)

    def first(*names: str) -> str:
        return next((v for n in names for v in meta.get(n.lower(), []) if v), "")

    written = first("citation_publication_date", "citation_date", "citation_online_date", "dc.date", "dcterms.issued",
                    "prism.publicationdate")
    year, date = publication_date(written or str(ld.get("datePublished") or ""))
    first_page, last_page = first("citation_firstpage"), first("citation_lastpage")
    pages = f"{first_page}-{last_page}" if first_page and last_page and first_page != last_page else first_page
    title = first("citation_title", "dc.title", "dcterms.title") or _ld_text(ld.get("headline") or ld.get("name"))
    keywords = [k.strip() for v in meta.get("citation_keywords", []) + meta.get("dc.subject", [])
                for k in re.split(r"[;,]", v) if k.strip()]
    return Article(
        title=title, authors=_authors(page, meta, ld),
        journal=first("citation_journal_title", "prism.publicationname", "dc.source") or _ld_journal(ld),
        volume=first("citation_volume", "prism.volume") or _ld_text(ld.get("volumeNumber")),
        issue=first("citation_issue", "prism.number") or _ld_text(ld.get("issueNumber")),
        pages=pages or _ld_text(ld.get("pagination")), year=year, date=date,
        doi=_doi(first("citation_doi", "prism.doi", "dc.identifier", "dcterms.identifier") or _ld_doi(ld)),
        pmid=first("citation_pmid"), keywords=tuple(dict.fromkeys(keywords)), pdf_url=first("citation_pdf_url"),
        references=tuple(r for n, v in enumerate(meta.get("citation_reference", []), start=1)
                         if (r := cited(v, n)) is not None))


def cited(content: str, number: int) -> Reference | None:
    """A ``citation_reference`` tag (``citation_author=Park JH; citation_title=...; citation_year=2017``).

    >>> cited("citation_author=Park, J; citation_title=Skeletal metastases; citation_journal_title=Spine; "
    ...       "citation_year=2017; citation_volume=8; citation_firstpage=55; citation_lastpage=63", 1).citation()
    'Park J. Skeletal metastases. Spine. 2017;8:55-63.'
    """
    fields: dict[str, list[str]] = {}
    for part in content.split(";"):
        key, _, value = part.partition("=")
        if value.strip():
            fields.setdefault(key.strip().lower().removeprefix("citation_"), []).append(" ".join(value.split()))

    def one(*names: str) -> str:
        return next((v[0] for n in names if (v := fields.get(n))), "")

    first, last = one("firstpage"), one("lastpage")
    reference = Reference(
        label=str(number), authors=tuple(p for a in fields.get("author", []) if (p := person(a)) is not None),
        title=one("title", "article_title"), source=one("journal_title", "journal_abbrev", "inbook_title"),
        year=publication_date(one("year", "publication_date", "date"))[0], volume=one("volume"), issue=one("issue"),
        pages=f"{first}-{last}" if first and last and last != first else first, doi=_doi(one("doi")),
        pmid=one("pmid"))
    return reference if reference.title else None


def _meta(page: etree._Element) -> dict[str, list[str]]:
    """Every ``<meta name|property=... content=...>``, names lower-cased, values in page order."""
    out: dict[str, list[str]] = {}
    for m in page.iter("meta"):
        name = (m.get("name") or m.get("property") or "").strip().lower()
        content = " ".join((m.get("content") or "").split())
        if name and content:
            out.setdefault(name, []).append(content)
    return out


def _authors(page: etree._Element, meta: dict[str, list[str]], ld: dict[str, object]) -> tuple[Person, ...]:
    """``citation_author`` tags with the ``citation_author_institution`` tags after each; else ``DC.creator``,
    else the JSON-LD authors."""
    out: list[tuple[str, list[str]]] = []
    for m in page.iter("meta"):
        name = (m.get("name") or "").strip().lower()
        content = " ".join((m.get("content") or "").split())
        if name == "citation_author" and content:
            out.append((content, []))
        elif name == "citation_author_institution" and content and out:
            out[-1][1].append(content)
    if not out:
        written = [x for v in meta.get("citation_authors", []) for x in v.split(";")]
        out = [(x.strip(), []) for x in written or meta.get("dc.creator", []) if x.strip()]
    if out:
        return tuple(p for name, affs in out if (p := person(name, tuple(affs))) is not None)
    authors = ld.get("author")
    authors = authors if isinstance(authors, list) else [authors] if authors else []
    found = []
    for a in authors:
        if isinstance(a, dict) and a.get("familyName"):
            found.append(Person(_ld_text(a["familyName"]), _ld_text(a.get("givenName"))))
        elif (p := person(_ld_text(a.get("name") if isinstance(a, dict) else a))) is not None:
            found.append(p)
    return tuple(found)


def person(name: str, affiliations: tuple[str, ...] = ()) -> Person | None:
    """``Lima, Ana Maria``, ``Ana Maria Lima`` (particles stay with the family name: ``Jan van der Berg``) or, as
    PubMed writes it, ``Lima AM``.

    >>> person("Jan van der Berg"), person("Lima, Ana").given, person("van der Berg JH").family
    (Person(family='van der Berg', given='Jan', affiliations=()), 'Ana', 'van der Berg')
    """
    name = " ".join(name.split())
    if not name:
        return None
    if "," in name:
        family, given = (x.strip() for x in name.split(",", 1))
        return Person(family, given, affiliations) if family else None
    words = name.split()
    if len(words) > 1 and re.fullmatch(r"[A-Z]{1,3}", words[-1]):
        return Person(" ".join(words[:-1]), words[-1], affiliations)
    cut = len(words) - 1
    while cut > 1 and words[cut - 1].islower():
        cut -= 1
    return Person(" ".join(words[cut:]), " ".join(words[:cut]), affiliations)


def publication_date(value: str) -> tuple[str, str]:
    """Year and ISO date of ``2021/03/09``, ``2021-03-09``, ``9 March 2021`` or ``March 9, 2021``; a date
    written day first in digits (``09/03/2021``) gives its year only."""
    named = _NAMED_DATE.search(value)
    if named is not None:
        day, month_name, year = named.group("day") or named.group("day2"), named.group("month"), named.group("year")
        month = next((i for i, m in enumerate(MONTHS, start=1) if m[:3].lower() == month_name[:3].lower()), 0)
        return (year, f"{year}-{month:02d}-{int(day):02d}") if month and day and 1 <= int(day) <= 31 else (year, "")
    m = _DATE.search(value)
    if m is None:
        return "", ""
    year, month, day = m.groups()
    if month and day and 1 <= int(month) <= 12 and 1 <= int(day) <= 31:
        return year, f"{year}-{int(month):02d}-{int(day):02d}"
    return year, ""


def _doi(value: str) -> str:
    value = _DOI_PREFIX.sub("", value.strip())
    return value if value.startswith("10.") else ""


def _json_ld(page: etree._Element) -> dict[str, object]:
    """The first schema.org article of the page's JSON-LD blocks (``@graph`` included), or {}."""
    for script in page.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue                                  # a broken block is the page's fault, not the article's
        for item in _items(data):
            kinds = item.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if any(k in _ARTICLE_TYPES for k in kinds):
                return item
    return {}


def _items(data: object) -> Iterator[dict[str, object]]:
    if isinstance(data, list):
        for x in data:
            yield from _items(x)
    elif isinstance(data, dict):
        yield data
        yield from _items(data.get("@graph", []))


def _ld_text(value: object) -> str:
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value") or ""
    if isinstance(value, list):
        value = value[0] if value else ""
    return " ".join(str(value).split()) if isinstance(value, (str, int)) else ""


def _ld_journal(ld: dict[str, object]) -> str:
    part = ld.get("isPartOf")
    while isinstance(part, dict):
        if "Periodical" in str(part.get("@type")):
            return _ld_text(part.get("name"))
        part = part.get("isPartOf")
    return ""


def _ld_doi(ld: dict[str, object]) -> str:
    for value in (ld.get("identifier"), ld.get("sameAs"), ld.get("@id")):
        for v in value if isinstance(value, list) else [value]:
            text = _ld_text(v.get("value") if isinstance(v, dict) else v)
            if _doi(text):
                return _doi(text)
    return ""


# -- the main text ----------------------------------------------------------------------------------------------

def main_text(page: etree._Element) -> tuple[Section, ...]:
    """The page's main text as sections under its own headings, tables one row a line, ordered lists numbered."""
    import trafilatura

    html = lxml.html.tostring(page, encoding="unicode")
    extracted = trafilatura.extract(html, output_format="xml", include_tables=True, include_comments=False,
                                    include_links=False, include_images=False, with_metadata=False)
    if not extracted:
        return ()
    root = etree.fromstring(extracted.encode("utf-8"), etree.XMLParser(resolve_entities=False, no_network=True))
    sections: list[Section] = []
    heading, lines = "", []
    for el in root.iterfind("main/*"):
        if el.tag == "head":
            if heading or lines:
                sections.append(Section(heading, tuple(lines)))
            heading, lines = _text(el), []
        elif el.tag == "list":
            items = [_text(i) for i in el.iter("item") if _text(i)]
            numbered = el.get("rend") == "ol"
            lines.extend(f"{n}. {x}" if numbered and not _LABELLED.match(x) else x
                         for n, x in enumerate(items, start=1))
        elif el.tag == "table":
            lines.extend(" | ".join(_text(c) for c in row.iter("cell")) for row in el.iter("row"))
        elif _text(el):
            lines.append(_text(el))
    if heading or lines:
        sections.append(Section(heading, tuple(lines)))
    return tuple(s for s in sections if s.heading or s.paragraphs)


def mark_citations(page: etree._Element) -> None:
    """Citation links set as superscripts become bracketed markers: ``tumour<sup><a href="#b1">1</a></sup>`` reads
    "tumour [1]", so the word before stays a word."""
    for sup in list(page.iter("sup")):
        numbers = " ".join(sup.text_content().split())
        if sup.find(".//a") is None or not re.fullmatch(r"[\d,\s\u2013-]+", numbers):
            continue
        marker = f" [{numbers}]{sup.tail or ''}"
        previous, parent = sup.getprevious(), sup.getparent()
        if previous is not None:
            previous.tail = (previous.tail or "") + marker
        else:
            parent.text = (parent.text or "") + marker
        parent.remove(sup)


def _without_title(sections: tuple[Section, ...], title: str) -> Iterator[Section]:
    """The sections without the page's own heading of the title (the record above already gives it)."""
    def key(text: str) -> str:
        return re.sub(r"\W+", " ", text).strip().lower()

    for s in sections:
        if title and key(s.heading) == key(title):
            if s.paragraphs:
                yield Section("", s.paragraphs)
        else:
            yield s


def _text(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())
