"""Split a document into sentences, deterministically, with offsets into the text as shipped.

Blocks come first: a blank line, a heading (``# ...``), a list item, a footnote label (``<sup>2)</sup>``,
``3)``) or, in a document whose paragraphs are not hard-wrapped, any line break ends a block. Inside a
block a sentence ends at ``.``, ``!`` or ``?`` followed by white space and a capital, a digit or an opening
bracket or quote, unless the word before the full stop is an abbreviation ("et al.", "Dr.", "Vol.", "No.",
"pp.", "e.g.", "Sep."), a single initial ("G.") or part of a number ("22.5").

>>> from lmskg.documents import from_text
>>> doc = from_text("x", "Strong et al. describe a case. Dr. G. Smith saw it on Sep. 3.\\n\\n## Next\\nVol. 3 is here.")
>>> [s.text for s in sentences(doc)]
['Strong et al. describe a case.', 'Dr. G. Smith saw it on Sep. 3.', '## Next', 'Vol. 3 is here.']
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from lmskg.documents.model import Document
from lmskg.extract.facts import Span

ABBREVIATIONS = frozenset((
    "al", "dr", "drs", "mr", "mrs", "ms", "prof", "vol", "vols", "no", "nos", "pp", "p", "e.g", "eg", "i.e", "ie",
    "vs", "cf", "fig", "figs", "ref", "refs", "approx", "ca", "st", "jr", "sr", "inc", "ltd", "eq", "eqs", "ed",
    "eds", "resp", "dept", "univ", "sect", "suppl", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "viz",
))
_MARKER_LINE = re.compile(r"^\s*(?:<sup>\s*\d+\)\s*</sup>|\d+\)|\[\d+\])\s*$")
_HEADING = re.compile(r"^\s*#{1,6}\s|^\s*={2,}.*={2,}\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+\u2022]\s+|\d+[.)]\s+|<sup>\s*\d+\)\s*</sup>\s*\S)")
_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]*]*(?=\s+[\"'\u201c\u2018(\[*]*[A-Z0-9\u00c0-\u00de])")
_WRAP_WIDTH = 100


def sentences(doc: Document) -> list[Span]:
    """The sentences of ``doc`` in order; each ``Span.text == doc.text[start:end]``, trimmed of white space.

    For a document with text regions (PubMed XML), only the regions' text is split, one region at a time.
    """
    return list(_split(doc.text, doc.normalized, _text_regions(doc)))


def sentence_at(doc: Document, offset: int) -> Span:
    """The sentence holding character ``offset``; between sentences, the next one (else the last)."""
    spans = _split(doc.text, doc.normalized, _text_regions(doc))
    if not spans:
        raise ValueError(f"{doc.id}: the document has no sentences")
    starts = [s.start for s in spans]
    i = bisect_right(starts, offset) - 1
    if i >= 0 and offset < spans[i].end:
        return spans[i]
    if i + 1 < len(spans):
        return spans[i + 1]
    return spans[-1]


def _text_regions(doc: Document) -> tuple[tuple[int, int], ...] | None:
    regions = getattr(doc, "regions", ())
    texts = tuple((r.start, r.end) for r in regions if getattr(r, "is_text", False))
    return texts or None


@lru_cache(maxsize=32)
def _split(text: str, normalized: str, regions: tuple[tuple[int, int], ...] | None) -> tuple[Span, ...]:
    out: list[Span] = []
    blocks = [(a, b) for a, b in regions] if regions is not None else _blocks(normalized)
    for a, b in blocks:
        for s, e in _split_block(normalized, a, b):
            out.append(Span(s, e, text[s:e]))
    return tuple(out)


def _blocks(text: str) -> list[tuple[int, int]]:
    """Offsets of the blocks (paragraphs, headings, list items, footnote labels) of ``text``."""
    lines: list[tuple[int, int]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        lines.append((pos, pos + len(body)))
        pos += len(line)
    widths = [b - a for a, b in lines if b > a]
    wrapped = bool(widths) and max(widths) <= _WRAP_WIDTH and len(widths) > 3
    blocks: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    previous_standalone = True
    for a, b in lines:
        line = text[a:b]
        if not line.strip():
            if current:
                blocks.append(current)
            current = None
            previous_standalone = True
            continue
        standalone = bool(_HEADING.match(line) or _MARKER_LINE.match(line))
        starts_new = standalone or bool(_LIST_ITEM.match(line)) or not wrapped or previous_standalone
        if current is not None and not starts_new:
            previous_width = current[1] - _line_start(text, current[1])
            starts_new = previous_width < _WRAP_WIDTH * 0.6      # a short line ends its paragraph
        if current is None or starts_new:
            if current:
                blocks.append(current)
            current = (a, b)
        else:
            current = (current[0], b)
        previous_standalone = standalone
    if current:
        blocks.append(current)
    return blocks


def _line_start(text: str, end: int) -> int:
    return text.rfind("\n", 0, end) + 1


def _split_block(text: str, a: int, b: int) -> list[tuple[int, int]]:
    chunk = text[a:b]
    cuts: list[int] = []
    for m in _END.finditer(chunk):
        if not _is_abbreviation(chunk, m.start()):
            cuts.append(m.end())
    spans: list[tuple[int, int]] = []
    begin = 0
    for cut in [*cuts, len(chunk)]:
        s, e = _trim(chunk, begin, cut)
        if e > s:
            spans.append((a + s, a + e))
        begin = cut
    return spans


def _is_abbreviation(chunk: str, dot: int) -> bool:
    if chunk[dot] != ".":
        return False
    m = re.search(r"([^\s(\[]+)$", chunk[:dot])
    if not m:
        return False
    word = m.group(1).rstrip("*")
    if len(word) == 1 and word.isalpha() and word.isupper():
        return True                                   # an initial: "G. Maimone"
    return word.lower().lstrip("(") in ABBREVIATIONS


def _trim(chunk: str, s: int, e: int) -> tuple[int, int]:
    while s < e and chunk[s].isspace():
        s += 1
    while e > s and chunk[e - 1].isspace():
        e -= 1
    return s, e
