"""JATS XML (PubMed Central and publishers' ``<article>`` files): the whole article, its reference list included.

Parsed with lxml, never fetching anything: no DTD is loaded, no entity is resolved, no network is used (an
entity reference the file does not spell out is dropped). The front matter gives the title, the authors in their
order with their affiliations, the journal, volume, issue, pages, publication date, DOI, PMID, PMCID and keywords;
the abstract and body give their sections (nested sections in document order, tables one row a line, figure
captions as paragraphs); each ``<ref>`` becomes a structured citation. The text is written out by
:mod:`lmskg.documents.article`.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from lmskg.documents.article import Article, Person, Reference, Section, as_document
from lmskg.documents.model import Document
from lmskg.errors import DocumentError

KIND = "jats-xml"
_DATE_TYPES = ("epub", "pub", "ppub", "collection", "epub-ppub")
_BLOCKS = frozenset({"table-wrap", "fig", "disp-formula", "sec", "list", "boxed-text", "def-list"})


def read(path: Path) -> Document:
    root = parse(path)
    article = root if _local(root.tag) == "article" else None
    if article is None:
        found = root.findall(".//article")
        if len(found) > 1:
            raise DocumentError(path, f"the file holds {len(found)} JATS articles; give one article per file")
        article = found[0] if found else None
    if article is None:
        raise DocumentError(path, "no JATS <article> in this XML file")
    parsed = from_element(article)
    if not parsed.title and not parsed.body and not parsed.abstract:
        raise DocumentError(path, "the JATS article has no title, abstract or body")
    return as_document(path, parsed, KIND, {"article_type": article.get("article-type", "")} if
                       article.get("article-type") else None)


def parse(path: Path) -> etree._Element:
    """The XML tree of ``path``, read without DTDs, entities or network; a DocumentError names the line."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                             huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(path, f"cannot read the file ({exc.strerror or exc})") from exc
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise DocumentError(path, f"malformed XML ({exc.msg})", line=exc.lineno or None) from exc


def from_element(article: etree._Element) -> Article:
    """The :class:`Article` of one ``<article>`` element."""
    meta = article.find("front/article-meta")
    meta = meta if meta is not None else etree.Element("article-meta")
    journal = article.find("front/journal-meta")
    ids = {x.get("pub-id-type"): text(x) for x in meta.findall("article-id")}
    year, date = _pub_date(meta)
    first, last = _field(meta, "fpage"), _field(meta, "lpage")
    pages = f"{first}-{last}" if first and last and last != first else first or _field(meta, "elocation-id")
    abstract = next((a for a in meta.findall("abstract") if not a.get("abstract-type")), meta.find("abstract"))
    title = meta.find("title-group/article-title")
    return Article(
        title=text(title).rstrip(".") if title is not None else "",
        authors=_authors(meta),
        journal=text(journal.find(".//journal-title")) if journal is not None and
        journal.find(".//journal-title") is not None else "",
        volume=_field(meta, "volume"), issue=_field(meta, "issue"), pages=pages, year=year, date=date,
        doi=ids.get("doi", ""), pmid=ids.get("pmid", ""),
        pmcid=_pmcid(ids.get("pmcid") or ids.get("pmc") or ""),
        keywords=tuple(text(k) for k in meta.findall("kwd-group/kwd") if text(k)),
        abstract=_sections(abstract) if abstract is not None else (),
        body=_body(article),
        references=tuple(_reference(r) for r in article.findall("back//ref-list/ref")),
    )


def text(el: etree._Element | None) -> str:
    """The element's text content with white space collapsed; entity references the file leaves undefined are
    dropped."""
    if el is None:
        return ""
    return " ".join("".join(_strings(el, skip=frozenset())).split())


def _strings(el: etree._Element, skip: frozenset[str]) -> list[str]:
    out = [el.text or ""] if isinstance(el.tag, str) else []
    for child in el:
        if _cited_marker(child):                       # "tumour<sup>1,2</sup>": "tumour [1,2]", words stay words
            out.append(f" [{''.join(child.itertext()).strip()}]")
        elif isinstance(child.tag, str) and _local(child.tag) not in skip:
            out.extend(_strings(child, skip))
        out.append(child.tail or "")
    return out


def _cited_marker(el: etree._Element) -> bool:
    """A superscript that holds citations of the reference list."""
    return _local(el.tag) == "sup" and any(x.get("ref-type") == "bibr" for x in el.iter("xref"))


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _field(meta: etree._Element, name: str) -> str:
    return text(meta.find(name))


def _pmcid(value: str) -> str:
    return value if not value or value.upper().startswith("PMC") else f"PMC{value}"


def _pub_date(meta: etree._Element) -> tuple[str, str]:
    dates = meta.findall("pub-date")
    ranked = sorted(dates, key=lambda d: next((i for i, t in enumerate(_DATE_TYPES)
                                              if t in (d.get("pub-type"), d.get("date-type"))), len(_DATE_TYPES)))
    for d in ranked:
        year = _field(d, "year")
        if re.fullmatch(r"\d{4}", year):
            month, day = _field(d, "month"), _field(d, "day")
            if month.isdigit() and day.isdigit() and 1 <= int(month) <= 12 and 1 <= int(day) <= 31:
                return year, f"{year}-{int(month):02d}-{int(day):02d}"
            return year, ""
    return "", ""


def _person(name: etree._Element, affiliations: tuple[str, ...] = ()) -> Person | None:
    if _local(name.tag) == "collab":
        return Person(text(name), "", affiliations) if text(name) else None
    family = text(name.find("surname"))
    if not family:
        return None
    return Person(family, text(name.find("given-names")), affiliations)


def _authors(meta: etree._Element) -> tuple[Person, ...]:
    affs = {a.get("id"): _affiliation(a) for a in meta.iter("aff") if a.get("id")}
    out = []
    for contrib in meta.findall("contrib-group/contrib"):
        if contrib.get("contrib-type", "author") != "author":
            continue
        name = next((x for x in (contrib.find("name"), contrib.find("name-alternatives/name"), contrib.find("collab"))
                     if x is not None), None)
        if name is None:
            continue
        linked = [affs[r] for x in contrib.findall("xref") if x.get("ref-type") == "aff"
                  for r in (x.get("rid") or "").split() if r in affs]
        own = [_affiliation(a) for a in contrib.findall("aff")]
        person = _person(name, tuple(x for x in linked + own if x))
        if person is not None:
            out.append(person)
    if out and not any(p.affiliations for p in out) and len(affs) == 1:   # one affiliation for every author
        only = tuple(affs.values())
        out = [Person(p.family, p.given, only) for p in out]
    return tuple(out)


def _affiliation(aff: etree._Element) -> str:
    return " ".join("".join(_strings(aff, skip=frozenset({"label"}))).split()).strip(" ,;")


def _sections(el: etree._Element) -> tuple[Section, ...]:
    """The paragraphs directly under ``el`` (an abstract or body), then each ``<sec>`` in document order."""
    out: list[Section] = []
    loose: list[str] = []
    for child in el:
        name = _local(child.tag)
        if name == "sec":
            if loose:
                out.append(Section("", tuple(loose)))
                loose = []
            out.extend(_sec(child))
        elif name in ("p", "table-wrap", "fig", "list"):
            loose.extend(_blocks(child))
    if loose:
        out.append(Section("", tuple(loose)))
    return tuple(out)


def _body(article: etree._Element) -> tuple[Section, ...]:
    """The body's sections, then the tables and figures of a ``<floats-group>`` (where PMC puts them apart)."""
    body = article.find("body")
    sections = _sections(body) if body is not None else ()
    floats = [line for group in article.findall("floats-group") for el in group for line in _blocks(el)]
    return (*sections, Section("", tuple(floats))) if floats else sections


def _sec(sec: etree._Element) -> list[Section]:
    heading = text(sec.find("title"))
    paragraphs: list[str] = []
    nested: list[Section] = []
    for child in sec:
        name = _local(child.tag)
        if name == "sec":
            nested.extend(_sec(child))
        elif name in ("p", "table-wrap", "fig", "list", "disp-quote", "boxed-text"):
            paragraphs.extend(_blocks(child))
    return [Section(heading, tuple(paragraphs)), *nested]


def _blocks(el: etree._Element) -> list[str]:
    """A paragraph, and the tables, figures and lists inside it, as lines of text."""
    name = _local(el.tag)
    if name == "table-wrap":
        return _table(el)
    if name == "fig":
        caption = " ".join(x for x in (text(el.find("label")), text(el.find("caption"))) if x)
        return [caption] if caption else []
    if name == "list":
        return [text(item) for item in el.findall("list-item") if text(item)]
    own = " ".join("".join(_strings(el, skip=_BLOCKS)).split())
    inner = [line for child in el if _local(child.tag) in _BLOCKS for line in _blocks(child)]
    return ([own] if own else []) + inner


def _table(wrap: etree._Element) -> list[str]:
    caption = " ".join(x for x in (text(wrap.find("label")), text(wrap.find("caption"))) if x)
    rows = [" | ".join(text(cell) for cell in row if _local(cell.tag) in ("td", "th")) for row in wrap.iter("tr")]
    footer = [text(f) for f in wrap.findall("table-wrap-foot") if text(f)]
    return [x for x in (caption, *rows, *footer) if x.strip(" |")]


def _reference(ref: etree._Element) -> Reference:
    """One ``<ref>``: its fields, the book's title when it cites a book, and its own wording when the citation
    is mixed (punctuated) text."""
    cite = next((c for c in ref if _local(c.tag) in ("element-citation", "mixed-citation", "citation",
                                                      "nlm-citation")), None)
    label = text(ref.find("label")).strip(".[] ")
    if cite is None:
        return Reference(label=label, text=text(ref))
    group = cite.find("person-group")
    names = (group if group is not None else cite).findall("*")
    authors = tuple(p for n in names if _local(n.tag) in ("name", "collab") for p in [_person(n)] if p)
    first, last = text(cite.find("fpage")), text(cite.find("lpage"))
    ids = {x.get("pub-id-type"): text(x) for x in cite.findall("pub-id")}
    part = next((x for x in (cite.find("article-title"), cite.find("chapter-title")) if x is not None), None)
    source = text(cite.find("source"))
    return Reference(
        label=label, authors=authors, title=text(part) if part is not None else source,
        source=source if part is not None else "", year=text(cite.find("year"))[:4],
        volume=text(cite.find("volume")), issue=text(cite.find("issue")),
        pages=f"{first}-{last}" if first and last and last != first else first or text(cite.find("elocation-id")),
        doi=ids.get("doi", ""), pmid=ids.get("pmid", ""),
        text=text(cite) if _local(cite.tag) == "mixed-citation" else "")
