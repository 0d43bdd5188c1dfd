"""PubMed/MEDLINE XML (``PubmedArticleSet``): one record per ``PubmedArticle``.

The document text is the XML file as shipped and every offset indexes into it. Each element lmskg reads
becomes a :class:`Region` (title, abstract sections, journal, dates, identifiers, authors) with the 1-based
record it belongs to; titles and abstract sections are marked as prose. The normalised copy blanks out the
markup (tags become spaces, an entity becomes its character padded with spaces), so matching sees plain text
at the right offsets.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from lmskg.documents import document_id, load_text, manifest_entry, normalize
from lmskg.documents.model import Document, Region
from lmskg.errors import DocumentError

KIND = "pubmed-xml"
PROSE = frozenset({"ArticleTitle", "VernacularTitle", "AbstractText"})
FIELDS = (
    "PMID", "ArticleTitle", "VernacularTitle", "AbstractText", "ISOAbbreviation", "Volume", "Issue",
    "MedlinePgn", "StartPage", "EndPage", "PublicationType", "Keyword", "ArticleDate",
)
_RECORD = re.compile(r"<(PubmedArticle|PubmedBookArticle)\b[^>]*>.*?</\1\s*>", re.S)
_ELEMENT = r"<({names})\b([^>]*)>(.*?)</\1\s*>"
_TAG = re.compile(r"<[^>]*>")
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


def read(path: Path) -> Document:
    text = load_text(path)
    try:
        ET.fromstring(text.encode("utf-8"))
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else None
        raise DocumentError(path, f"malformed XML ({exc.msg if hasattr(exc, 'msg') else exc})", line=line) from exc
    regions = tuple(scan(text))
    if not any(r.name == "PubmedArticle" for r in regions):
        raise DocumentError(path, "no PubmedArticle record in this XML file")
    entry = manifest_entry(path) or {}
    records = sum(1 for r in regions if r.name == "PubmedArticle")
    return Document(id=document_id(path), path=path, text=text, normalized=blank_markup(text),
                    kind=entry.get("kind") or KIND, source=entry.get("source") or None,
                    metadata={"records": str(records)}, regions=regions)


def scan(text: str) -> list[Region]:
    """The regions of every record, in document order."""
    out: list[Region] = []
    for n, rec in enumerate(_RECORD.finditer(text), start=1):
        out.append(Region("PubmedArticle", rec.start(), rec.end(), record=n))
        body_start = rec.start()
        body = rec.group(0)
        seen_pmid = False
        for m in re.finditer(_ELEMENT.format(names="|".join(FIELDS)), body, re.S):
            name = m.group(1)
            if name == "PMID":
                if seen_pmid:                     # later PMIDs are those of comments and corrections
                    continue
                seen_pmid = True
            label = _attr(m.group(2), "Label") or _attr(m.group(2), "NlmCategory")
            out.append(_region(name, body_start + m.start(3), body_start + m.end(3), n, label))
        for m in re.finditer(r"<Journal\b[^>]*>(.*?)</Journal\s*>", body, re.S):
            jstart = body_start + m.start(1)
            for t in re.finditer(_ELEMENT.format(names="Title|Year|Month|Day|MedlineDate"), m.group(1), re.S):
                name = "JournalTitle" if t.group(1) == "Title" else f"PubDate/{t.group(1)}"
                out.append(_region(name, jstart + t.start(3), jstart + t.end(3), n, None))
        for m in re.finditer(r"<(ArticleId|ELocationID)\b([^>]*)>(.*?)</\1\s*>", body, re.S):
            kind = (_attr(m.group(2), "IdType") or _attr(m.group(2), "EIdType") or "").lower()
            if kind == "doi":
                out.append(_region("DOI", body_start + m.start(3), body_start + m.end(3), n, None))
        for k, m in enumerate(re.finditer(r"<Author\b[^>]*>(.*?)</Author\s*>", body, re.S), start=1):
            astart = body_start + m.start(1)
            out.append(Region("Author", body_start + m.start(), body_start + m.end(), n, str(k)))
            for part in re.finditer(_ELEMENT.format(names="LastName|ForeName|Initials|CollectiveName"),
                                    m.group(1), re.S):
                out.append(_region(part.group(1), astart + part.start(3), astart + part.end(3), n, str(k)))
    out.sort(key=lambda r: (r.start, -r.end, r.name))
    return out


def element_text(text: str, region: Region) -> str:
    """An element's content as plain text: markup removed, entities decoded, white space collapsed."""
    return " ".join(html.unescape(_TAG.sub(" ", text[region.start:region.end])).split())


def blank_markup(text: str) -> str:
    """``normalize(text)`` with tags as spaces and each entity as its character followed by spaces."""
    def entity(m: re.Match[str]) -> str:
        char = html.unescape(m.group(0))
        char = char if len(char) == 1 else " "
        return char + " " * (len(m.group(0)) - 1)

    blanked = _TAG.sub(lambda m: " " * len(m.group(0)), text)
    blanked = _ENTITY.sub(entity, blanked)
    out = normalize(blanked)
    assert len(out) == len(text)
    return out


def _region(name: str, start: int, end: int, record: int, label: str | None) -> Region:
    return Region(name, start, end, record=record, label=label, is_text=name in PROSE)


def _attr(attrs: str, name: str) -> str | None:
    m = re.search(rf'\b{name}\s*=\s*"([^"]*)"', attrs)
    return m.group(1) if m else None
