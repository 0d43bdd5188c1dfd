"""PDF articles: the text layer in reading order, without running heads, footers or page numbers.

pdfminer.six gives every character with its position and font, which is what reading order needs: on each
page the lines that cross the middle (title block, full-width figures) cut the page into bands, and in each band
the left column is read before the right one. Lines that sit in the top or bottom margin and come back on
several pages (digits aside) are running heads or footers, and a margin line that is only a page number
("3", "Page 3 of 8") is dropped too. Lines join into paragraphs; a paragraph ends at a wider gap, a change of
font or a short line that ends a sentence. A word hyphenated at a line end is joined ("corpec-" + "tomy");
a hyphen that belongs to the word stays ("52-year-" + "old"). The result is the document's text: every offset
lmskg records indexes into it, and the build keeps it as the document's ``lmskg:text``.

An encrypted PDF that needs a password, a PDF without a text layer (a scan) and a damaged file are refused with
one line each.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from lmskg.documents import document_id, from_text, manifest_entry
from lmskg.documents.model import Document
from lmskg.errors import DocumentError

KIND = "pdf"
MARGIN = 0.08                     # share of the page height at the top and bottom where running heads sit
_PAGE_NUMBER = re.compile(r"(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?", re.I)
_UNMAPPED = re.compile(r"\(cid:\d+\)")           # a glyph the font maps to no character
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                            "\ufb05": "st", "\ufb06": "st"})


@dataclass(frozen=True, slots=True)
class Line:
    """One line of text on a page, in PDF coordinates (origin bottom left)."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    font: str
    size: float

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass(frozen=True, slots=True)
class Page:
    width: float
    height: float
    lines: tuple[Line, ...]


def read(path: Path) -> Document:
    try:
        if path.stat().st_size == 0:
            raise DocumentError(path, "the file is empty")
    except OSError as exc:
        raise DocumentError(path, f"cannot read the file ({exc.strerror or exc})") from exc
    pages = load(path)
    text = compose(pages)
    if not text.strip():                               # nothing, or only page numbers and running heads
        raise DocumentError(path, f"no text layer in this PDF ({len(pages)} page(s) of images or drawings: a "
                                  "scanned document?); give a PDF with text, or its text after OCR")
    entry = manifest_entry(path) or {}
    return from_text(document_id(path), text, entry.get("kind") or KIND, path=path,
                     source=entry.get("source") or None, metadata={"pages": str(len(pages)), **info(path)})


def load(path: Path) -> list[Page]:
    """The text lines of every page, or a DocumentError for an encrypted, damaged or unreadable file."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        with _quiet():
            return [_page(p) for p in extract_pages(str(path), laparams=LAParams(line_margin=0.3))]
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise DocumentError(path, "the PDF is encrypted and needs a password; give an unencrypted copy") from exc
    except OSError as exc:
        raise DocumentError(path, f"cannot read the file ({exc.strerror or exc})") from exc
    except Exception as exc:  # pdfminer raises many kinds of error on a damaged file (PSEOF, KeyError, ...)
        raise DocumentError(path, f"damaged or unreadable PDF ({type(exc).__name__}: {_first_line(exc)})") from exc


@contextmanager
def _quiet() -> Iterator[None]:
    """pdfminer's warnings about odd but readable files are not the user's concern: keep them off stderr."""
    logger = logging.getLogger("pdfminer")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def info(path: Path) -> dict[str, str]:
    """The PDF's document information (Title, Author, Subject, Keywords), as ``pdf_title`` and so on."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    out: dict[str, str] = {}
    try:
        with path.open("rb") as f, _quiet():
            entries = PDFDocument(PDFParser(f)).info
    except Exception:  # the pages were read; a record the file garbles is left out
        return out
    for entry in entries:
        for key in ("Title", "Author", "Subject", "Keywords"):
            value = resolve1(entry.get(key))
            if isinstance(value, bytes):
                value = _decode(value)
            if isinstance(value, str) and value.strip():
                out.setdefault(f"pdf_{key.lower()}", " ".join(value.split()))
    return out


def compose(pages: list[Page]) -> str:
    """The text of the pages: running heads and page numbers removed, columns in order, paragraphs joined."""
    furniture = running_lines(pages)
    paragraphs: list[str] = []
    for page in pages:
        kept = [x for x in page.lines if not (_in_margin(x, page) and (_key(x.text) in furniture
                                                                        or _PAGE_NUMBER.fullmatch(x.text)))]
        paragraphs.extend(_paragraphs(reading_order(kept, page.width)))
    return "\n\n".join(paragraphs) + "\n" if paragraphs else ""


def running_lines(pages: list[Page]) -> set[str]:
    """Margin lines (digits aside) that come back on at least two pages."""
    seen = Counter(key for page in pages for key in {_key(x.text) for x in page.lines if _in_margin(x, page)})
    return {key for key, n in seen.items() if n >= 2}


def reading_order(lines: list[Line], width: float) -> list[Line]:
    """Top to bottom; between two lines that cross the middle of the page, the left column, then the right."""
    middle = width / 2
    out: list[Line] = []
    band: list[Line] = []
    for line in sorted(lines, key=lambda x: (-x.y1, x.x0)):
        if line.x0 < middle - 4 < middle + 4 < line.x1:
            out.extend(_columns(band, middle))
            band = []
            out.append(line)
        else:
            band.append(line)
    out.extend(_columns(band, middle))
    return out


def _columns(band: list[Line], middle: float) -> list[Line]:
    left = [x for x in band if x.x1 <= middle + 4]
    right = [x for x in band if x.x1 > middle + 4]
    return sorted(left, key=lambda x: -x.y1) + sorted(right, key=lambda x: -x.y1)


def _paragraphs(lines: list[Line]) -> Iterator[str]:
    current: list[str] = []
    previous: Line | None = None
    for line in lines:
        if previous is not None and _breaks(previous, line):
            yield join_lines(current)
            current = []
        current.append(line.text)
        previous = line
    if current:
        yield join_lines(current)


def _breaks(previous: Line, line: Line) -> bool:
    gap = previous.y0 - line.y1
    if gap < -previous.height or line.x0 > previous.x1:          # another column, or back up the page
        return True
    if gap > 0.6 * max(previous.height, line.height):
        return True
    if previous.font != line.font or abs(previous.size - line.size) > 0.5:
        return True
    return previous.text.endswith((".", ":", "?", "!")) and previous.x1 < line.x1 - 3 * previous.size


def join_lines(parts: Iterable[str]) -> str:
    """The lines of a paragraph as one line; a word split by a hyphen at a line end is joined."""
    out = ""
    for part in parts:
        if not out:
            out = part
            continue
        word = re.search(r"(\S*?)(-|\u00ad)$", out)
        if word and word.group(2) == "\u00ad":
            out = out[:-1] + part
        elif word and re.fullmatch(r"[^\W\d_]{2,}", word.group(1)) and part[:1].islower():
            out = out[:-1] + part                     # "corpec-" + "tomy"; not "52-year-" + "old"
        elif word:
            out += part
        else:
            out += " " + part
    return out


def _page(layout: object) -> Page:
    from pdfminer.layout import LTChar, LTTextLineHorizontal

    lines: list[Line] = []

    def walk(item: object) -> None:
        if isinstance(item, LTTextLineHorizontal):
            text = " ".join(_UNMAPPED.sub("", item.get_text()).translate(_LIGATURES).split())
            chars = [c for c in item if isinstance(c, LTChar)]
            if text and chars:
                font = Counter(c.fontname for c in chars).most_common(1)[0][0]
                size = Counter(round(c.size, 1) for c in chars).most_common(1)[0][0]
                lines.append(Line(text, item.x0, item.y0, item.x1, item.y1, font, size))
            return
        for child in item if hasattr(item, "__iter__") else ():
            walk(child)

    walk(layout)
    return Page(layout.width, layout.height, tuple(lines))      # type: ignore[attr-defined]


def _in_margin(line: Line, page: Page) -> bool:
    return line.y0 >= page.height * (1 - MARGIN) or line.y1 <= page.height * MARGIN


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def _decode(value: bytes) -> str:
    if value.startswith((b"\xfe\xff", b"\xff\xfe")):
        return value.decode("utf-16", errors="replace")
    return value.decode("latin-1")


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else "no details"
