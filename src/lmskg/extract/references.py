"""Which publication a passage describes: footnote markers, reference-list entries, year headings, the page itself.

A DokuWiki page cites with ``<sup>N)</sup>`` at the end of a paragraph; a paragraph without a marker is taken
to describe the reference cited by the next paragraph after it in the same section (a case told over two
paragraphs). Inside a reference-list entry the passage describes that entry. A section headed by a year
("### 2015") whose paragraphs cite nothing is tied to the one publication of that year, if there is exactly
one. A document that describes itself (an abstract page, an article) answers its own publication's key, except
for a single sentence that carries a citation marker ("... between 30% and 60% [3, 5]"), which describes the
reference it cites.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from lmskg.documents.model import Document
from lmskg.extract.facts import Publication

INLINE_MARKER = re.compile(r"<sup>\s*(\d+)\)\s*</sup>|\[\^?(\d+)(?:\s*[,\u2013-]\s*\d+)*\]")
_LABEL_LINE = re.compile(r"^[ \t]*(?:<sup>\s*(\d+)\)\s*</sup>|(\d+)\)|\[(\d+)\])[ \t]*$", re.M)
_HEADING = re.compile(r"^[ \t]*(#{1,6})[ \t]+(.*?)[ \t]*$", re.M)


@dataclass(frozen=True, slots=True)
class Paragraph:
    start: int
    end: int
    section: int                 # index of the heading above it (-1: none)
    markers: tuple[tuple[int, int], ...]   # (marker number, offset) of the inline citations in it
    label: int | None            # footnote label when the paragraph is a reference-list label line
    heading: bool = False


def paragraphs(doc: Document) -> list[Paragraph]:
    """The blank-line separated paragraphs of ``doc`` with their section and citation markers."""
    text = doc.normalized
    out: list[Paragraph] = []
    section = -1
    for m in re.finditer(r"(?:[^\n]|\n(?![ \t]*\r?\n))+", text):
        start, end = m.start(), m.end()
        chunk = text[start:end]
        if not chunk.strip():
            continue
        start += len(chunk) - len(chunk.lstrip())
        end -= len(chunk) - len(chunk.rstrip())
        chunk = text[start:end]
        if _HEADING.fullmatch(chunk.strip("\r\n")):
            section += 1
            out.append(Paragraph(start, end, section, (), None, heading=True))
            continue
        label = _LABEL_LINE.fullmatch(chunk.strip("\r\n"))
        if label:
            number = next(int(g) for g in label.groups() if g)
            out.append(Paragraph(start, end, section, (), number))
            continue
        markers = tuple((int(mm.group(1) or mm.group(2)), start + mm.start()) for mm in INLINE_MARKER.finditer(chunk))
        out.append(Paragraph(start, end, section, markers, None))
    return out


def publication_for(doc: Document, publications: Sequence[Publication], start: int, end: int) -> str | None:
    """The key of the publication the passage ``doc.text[start:end]`` describes, or None if unknown."""
    by_marker = {p.marker: p.key for p in publications if p.marker is not None}
    for p in publications:                                   # inside a citation itself
        if p.role == "cited-reference" and p.span.start <= start and end <= p.span.end:
            return p.key
    own = [p for p in publications if p.role == "this-document"]
    if len(own) > 1:                                         # several records in one file (PubMed XML)
        for p in own:
            if p.span.start <= start < p.span.end:
                return p.key
    if own:                      # a document about itself cites others only in a sentence that carries a marker
        number = _sentence_marker(doc, start, end)
        return by_marker.get(number, own[0].key) if number is not None else own[0].key
    paras = paragraphs(doc)
    here = next((i for i, p in enumerate(paras) if p.start <= start < p.end or (p.start < end <= p.end)), None)
    if here is not None and paras[here].label is None:
        key = _cited(paras, here, end, by_marker)
        if key is not None:
            return key
        key = _by_year_heading(doc, paras, here, publications)
        if key is not None:
            return key
    return own[0].key if own else None


def _sentence_marker(doc: Document, start: int, end: int) -> int | None:
    """The citation number of the one sentence holding ``[start, end)``; None for longer passages."""
    from lmskg.extract.sentences import sentences

    holding = [s for s in sentences(doc) if s.start < max(end, start + 1) and start < s.end]
    if len(holding) != 1:
        return None
    sentence = holding[0]
    markers = [(int(m.group(1) or m.group(2)), m.start())
               for m in INLINE_MARKER.finditer(doc.normalized, sentence.start, sentence.end)]
    if not markers:
        return None
    after = [n for n, at in markers if at >= end]
    return after[0] if after else markers[-1][0]


def _cited(paras: list[Paragraph], here: int, end: int, by_marker: dict[int, str]) -> str | None:
    number = cited_marker(paras, here, end)
    return by_marker.get(number) if number is not None else None


def cited_marker(paras: Sequence[Paragraph], here: int, end: int | None = None) -> int | None:
    """The footnote number paragraph ``here`` cites: its own marker at or after ``end`` (else its last one), or
    the first marker of the next paragraph in the same section when it has none."""
    para = paras[here]
    if para.label is not None or para.heading:
        return None
    if para.markers:
        after = [n for n, at in para.markers if end is not None and at >= end]
        return after[0] if after else para.markers[-1][0]
    for nxt in paras[here + 1:]:
        if nxt.section != para.section or nxt.label is not None or nxt.heading:
            return None
        if nxt.markers:
            return nxt.markers[0][0]
    return None


def _by_year_heading(doc: Document, paras: list[Paragraph], here: int, publications: Sequence[Publication]
                     ) -> str | None:
    heading = None
    for m in _HEADING.finditer(doc.normalized, 0, paras[here].start):
        heading = m
    if heading is None or not re.fullmatch(r"(?:19|20)\d\d", heading.group(2)):
        return None
    year = int(heading.group(2))
    matches = [p.key for p in publications if p.year is not None and p.year.value == year]
    return matches[0] if len(matches) == 1 else None
