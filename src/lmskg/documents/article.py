"""A structured article (from JATS XML or a journal page) written out as the plain text lmskg extracts from.

The text has the layout the page zones (:mod:`lmskg.extract.zones`) read from any article: the title (a
question as ``Title: ...``, with its authors under ``Authors``), the author list (``Family Initials``, comma
separated, a dozen names a line), one affiliation a line, one labelled line per bibliographic field
(``Journal:``, ``Volume:``, ``Issue:``, ``Pages:``, ``Year:``, ``Published:``, ``DOI:``, ``PMID:``, ``PMCID:``),
the keywords, the abstract under ``Abstract`` with its section labels, the body sections under their headings
(tables one row a line, cells separated by `` | ``) and the numbered reference list under ``References``, one
NLM citation an entry. Every offset lmskg records indexes into this text, which the build keeps as the
document's ``lmskg:text``.

>>> text = render(Article(title="Spinal leiomyosarcoma", authors=(Person("Lima", "Ana Maria"),), year="2021"))
>>> print(text)
Spinal leiomyosarcoma
<BLANKLINE>
Lima AM
<BLANKLINE>
Year: 2021
<BLANKLINE>
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lmskg.documents import document_id, from_text, manifest_entry
from lmskg.documents.model import Document

AUTHORS_A_LINE = 12
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


@dataclass(frozen=True, slots=True)
class Person:
    family: str
    given: str = ""
    affiliations: tuple[str, ...] = ()

    @property
    def initials(self) -> str:
        """``Ana Maria`` -> ``AM``, ``Jean-Pierre`` -> ``JP``, ``J. R.`` -> ``JR``, ``JH`` -> ``JH``."""
        words = re.findall(r"[^\W\d_][\w']*", self.given)
        return "".join(w if w.isupper() and len(w) <= 3 else w[0] for w in words if w[0].isupper())

    @property
    def cited(self) -> str:
        """The name as an NLM author list writes it: ``Lima AM``."""
        return f"{self.family} {self.initials}".strip()


@dataclass(frozen=True, slots=True)
class Reference:
    """One entry of a reference list: its fields when the source gives them, else its text as written."""

    label: str = ""
    authors: tuple[Person, ...] = ()
    title: str = ""
    source: str = ""
    year: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    doi: str = ""
    pmid: str = ""
    text: str = ""

    def citation(self) -> str:
        """The entry in NLM style; in the quoted-title style when a journal name with periods or colons would
        not read back from NLM; its own text when it has no title or source."""
        if not (self.title and (self.source or self.year)):
            return _line(self.text)
        nlm = self._nlm()
        if self._reads_back(nlm) or not (self.authors and self.volume and self.year and "," not in self.source):
            return nlm
        quoted = self._quoted()
        return quoted if self._reads_back(quoted) else nlm

    def _nlm(self) -> str:
        source = ". ".join(x for x in (_line(self.source), self.year) if x)
        numbers = self.volume + (f"({self.issue})" if self.issue else "")
        source += f";{numbers}" if numbers else ""
        source += f":{self.pages}" if self.pages else ""
        authors = ", ".join(a.cited for a in self.authors)
        return " ".join(p for p in (f"{authors}." if authors else "", _sentence(self.title), f"{source}.",
                                    self._identifiers()) if p)

    def _quoted(self) -> str:
        """``Lima AM, Costa R, "Title," J. Spine: Cases, Vol. 8, No. 2, 2017, pp. 55-63.``"""
        numbers = f"Vol. {self.volume}" + (f", No. {self.issue}" if self.issue else "")
        pages = f", pp. {self.pages}" if self.pages else ""
        authors = ", ".join(a.cited for a in self.authors)
        title = _line(self.title).rstrip(".").replace('"', "'")
        return " ".join(p for p in (f'{authors}, "{title}," {_line(self.source)}, {numbers}, {self.year}{pages}.',
                                    self._identifiers()) if p)

    def _identifiers(self) -> str:
        """``doi: 10.x/y PMID: 123``, without a final period: a DOI that ends the text with one reads as cut off."""
        return " ".join(x for x in (f"doi: {self.doi}" if self.doi else "", f"PMID: {self.pmid}" if self.pmid
                                    else "") if x)

    def _reads_back(self, written: str) -> bool:
        """The citation parser of extraction gives this entry's title and journal back from ``written``."""
        from lmskg.extract.citations import parse_citation  # extraction reads these lines: ask its parser

        found = parse_citation(written)
        return (found is not None and found.title is not None and found.title.value == _line(self.title).rstrip(".")
                and (found.journal.value if found.journal else "") == _line(self.source))


@dataclass(frozen=True, slots=True)
class Section:
    """A titled part of the abstract or the body: its heading (may be empty), paragraphs and tables."""

    heading: str = ""
    paragraphs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Article:
    title: str = ""
    authors: tuple[Person, ...] = ()
    journal: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    year: str = ""
    date: str = ""                      # ISO 8601, as precise as the source gives it
    doi: str = ""
    pmid: str = ""
    pmcid: str = ""
    keywords: tuple[str, ...] = ()
    abstract: tuple[Section, ...] = ()
    body: tuple[Section, ...] = ()
    references: tuple[Reference, ...] = ()
    pdf_url: str = ""

    def metadata(self) -> dict[str, str]:
        """The bibliographic fields that are set, as strings (authors and keywords joined with "; ")."""
        fields = {"title": self.title, "journal": self.journal, "volume": self.volume, "issue": self.issue,
                  "pages": self.pages, "year": self.year, "date": self.date, "doi": self.doi, "pmid": self.pmid,
                  "pmcid": self.pmcid, "pdf_url": self.pdf_url,
                  "authors": "; ".join(a.cited for a in self.authors),
                  "affiliations": "; ".join(dict.fromkeys(x for a in self.authors for x in a.affiliations)),
                  "keywords": "; ".join(self.keywords), "references": str(len(self.references)) if self.references
                  else ""}
        return {k: v for k, v in fields.items() if v}


def render(article: Article) -> str:
    """The article as text, in the layout described above; empty parts are left out."""
    title = _line(article.title)
    asked = title.endswith(("?", ":"))            # a question is never read as a title line: label it
    blocks: list[list[str]] = [[f"Title: {title}" if asked else title]] if title else []
    if article.authors:
        blocks.append((["Authors"] if asked else []) + _author_lines(article.authors))
    affiliations = list(dict.fromkeys(_line(x) for a in article.authors for x in a.affiliations))
    if affiliations:
        blocks.append(affiliations)
    record = [f"{label}: {_line(value)}" for label, value in (
        ("Journal", article.journal), ("Volume", article.volume), ("Issue", article.issue),
        ("Pages", article.pages), ("Year", article.year)) if value]
    published = _published(article.date)
    record += [published] if published else []
    record += [f"{label}: {value}" for label, value in (("DOI", article.doi), ("PMID", article.pmid),
                                                        ("PMCID", article.pmcid)) if value]
    if record:
        blocks.append(record)
    if article.keywords:
        blocks.append(["Keywords: " + "; ".join(_line(k) for k in article.keywords)])
    if article.abstract:
        blocks.append(["Abstract"])
        blocks.extend(_section(s) for s in article.abstract)
    blocks.extend(_section(s) for s in article.body)
    if article.references:
        blocks.append(["References"])
        blocks.append([f"{r.label or n}. {c}" for n, r in enumerate(article.references, start=1)
                       if (c := r.citation())])
    return "".join("\n".join(b) + "\n\n" for b in blocks if any(b)).rstrip("\n") + "\n"


def as_document(path: Path, article: Article, kind: str, metadata: dict[str, str] | None = None) -> Document:
    """The Document of ``path`` read as ``article``: its text rendered, kind and source from the manifest."""
    entry = manifest_entry(path) or {}
    return from_text(document_id(path), render(article), entry.get("kind") or kind, path=path,
                     source=entry.get("source") or None, metadata={**article.metadata(), **(metadata or {})})


def _author_lines(authors: tuple[Person, ...]) -> list[str]:
    """The author list, at most ``AUTHORS_A_LINE`` names a line: a line of names is read only up to 400 characters."""
    lines = -(-len(authors) // AUTHORS_A_LINE)
    size = -(-len(authors) // lines)
    return [", ".join(a.cited for a in authors[i:i + size]) for i in range(0, len(authors), size)]


def _section(section: Section) -> list[str]:
    lines = [_line(section.heading)] if section.heading.strip() else []
    return lines + [_line(p) for p in section.paragraphs if p.strip()]


def _published(date: str) -> str:
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", date)
    if m is None or not 1 <= int(m.group(2)) <= 12:
        return ""
    return f"Published: {int(m.group(3))} {MONTHS[int(m.group(2)) - 1]} {m.group(1)}"


def _sentence(text: str) -> str:
    """``text`` ending as a sentence: "A review?" stays, "A review" gets its period."""
    text = _line(text)
    return text if text.endswith((".", "?", "!")) else f"{text}."


def _line(text: str) -> str:
    """White space (line breaks included) collapsed: each part of the layout is one line."""
    return " ".join(text.split())
