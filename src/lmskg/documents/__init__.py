"""Read source documents: one reader module per kind, chosen from the file's content, else by its suffix.

A PDF is known by its ``%PDF-`` header, a file of markup by its root element (``PubmedArticleSet`` or
``PubmedArticle``: PubMed XML; ``article`` or ``pmc-articleset``: JATS; ``html``: a web page), whatever its
suffix; any other file goes to the reader its suffix names in one table. Each reader module exposes
``read(path) -> Document``; it is imported only when a file of its kind is read.

>>> doc = from_text("demo", "A 52\\u2011year\\u2011old woman \\u2013 T3\\u00a0level.")
>>> doc.normalized
'A 52-year-old woman - T3 level.'
>>> len(doc.normalized) == len(doc.text)
True
"""

from __future__ import annotations

import csv
import importlib
import re
from functools import lru_cache
from pathlib import Path

from lmskg.documents.model import Document, Region
from lmskg.errors import DocumentError

__all__ = ["READERS", "Document", "Region", "document_id", "from_text", "normalize", "read_document", "reader_for",
           "sniff"]

READERS: dict[str, str] = {
    ".txt": "lmskg.documents.text",
    ".text": "lmskg.documents.text",
    ".md": "lmskg.documents.text",
    ".markdown": "lmskg.documents.text",
    ".xml": "lmskg.documents.pubmed",
    ".nxml": "lmskg.documents.jats",
    ".html": "lmskg.documents.html",
    ".htm": "lmskg.documents.html",
    ".xhtml": "lmskg.documents.html",
    ".pdf": "lmskg.documents.pdf",
}
_ROOTS = (
    (re.compile(rb"<(?:[\w-]+:)?(?:PubmedArticleSet|PubmedArticle|PubmedBookArticle)\b"), "lmskg.documents.pubmed"),
    (re.compile(rb"<(?:[\w-]+:)?(?:pmc-articleset|article)\b"), "lmskg.documents.jats"),
    (re.compile(rb"<html\b|<!doctype\s+html\b|<head\b", re.I), "lmskg.documents.html"),
)
_PROLOGUE = re.compile(rb"(?:\xef\xbb\xbf)?\s*(?:<\?[^>]*\?>\s*|<!--.*?-->\s*|<!DOCTYPE(?![^>]*\bhtml\b)[^>[]*"
                       rb"(?:\[.*?\])?\s*>\s*)*", re.S | re.I)

_FOLD = {
    **dict.fromkeys("\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u202f\u205f"
                    "\u3000\ufeff\t", " "),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d", "-"),
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u00b4\u0060", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u00ba\u02da\u2070\u2218", "\u00b0"),
    "\u00d7": "x",
}
_TABLE = str.maketrans(_FOLD)


def normalize(text: str) -> str:
    """Fold look-alike characters one for one (spaces, dashes, quotes, degree signs); the length never changes."""
    return text.translate(_TABLE)


def document_id(path: str | Path) -> str:
    """The file's name without its suffix, lower-cased, each run of characters outside a-z0-9 as '-'."""
    return re.sub(r"[^a-z0-9]+", "-", Path(path).stem.lower())


def from_text(doc_id: str, text: str, kind: str = "text", *, path: str | Path | None = None,
              source: str | None = None, metadata: dict[str, str] | None = None,
              regions: tuple[Region, ...] = ()) -> Document:
    """A Document built from a string (for tests and for readers)."""
    return Document(id=doc_id, path=Path(path) if path else Path(f"{doc_id}.txt"), text=text,
                    normalized=normalize(text), kind=kind, source=source, metadata=dict(metadata or {}),
                    regions=regions)


def read_document(path: str | Path) -> Document:
    """Read one document with the reader its content or suffix selects; DocumentError names the file on any
    failure."""
    path = Path(path)
    if not path.is_file():
        if path.suffix.lower() not in READERS:
            raise DocumentError(path, f"unknown kind of document '{path.suffix or path.name}' ({_readable()})")
        raise DocumentError(path, "no such file")
    module = reader_for(path)
    if module is None:
        raise DocumentError(path, f"unknown kind of document '{path.suffix or path.name}' ({_readable()})")
    return importlib.import_module(module).read(path)


def reader_for(path: Path) -> str | None:
    """The reader module for ``path``: from its first bytes when they show the kind, else from its suffix."""
    try:
        with path.open("rb") as f:
            head = f.read(4096)
    except OSError as exc:
        raise DocumentError(path, f"cannot read the file ({exc.strerror or exc})") from exc
    return sniff(head) or READERS.get(path.suffix.lower())


def sniff(head: bytes) -> str | None:
    """The reader module the first bytes of a file call for, or None when they do not show the kind.

    >>> sniff(b'<?xml version="1.0"?>\\n<article article-type="case-report">'), sniff(b"<!DOCTYPE html><html>")
    ('lmskg.documents.jats', 'lmskg.documents.html')
    >>> sniff(b"%PDF-1.7"), sniff(b"Plain words") is None
    ('lmskg.documents.pdf', True)
    """
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"%PDF-"):
        return "lmskg.documents.pdf"
    start = _PROLOGUE.match(head)
    rest = head[start.end() if start else 0:]
    if not rest.startswith(b"<"):
        return None
    for pattern, module in _ROOTS:
        if pattern.match(rest):
            return module
    return None


def _readable() -> str:
    return "readable: " + ", ".join(sorted(READERS))


def load_text(path: Path) -> str:
    """The file decoded as UTF-8 and nothing else (line ends kept), or a DocumentError naming file and line."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(path, f"cannot read the file ({exc.strerror or exc})") from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DocumentError(path, f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})",
                            line=line) from exc
    if not text.strip():
        raise DocumentError(path, "the file is empty")
    return text


def manifest_entry(path: Path) -> dict[str, str] | None:
    """The MANIFEST.tsv row (file, kind, source, ...) listing ``path``, looked up in its folder and the two above."""
    target = path.resolve()
    for folder in list(target.parents)[:3]:
        manifest = folder / "MANIFEST.tsv"
        if manifest.is_file():
            row = _manifest(manifest, manifest.stat().st_mtime_ns).get(str(target))
            if row is not None:
                return row
    return None


@lru_cache(maxsize=8)
def _manifest(manifest: Path, _mtime: int) -> dict[str, dict[str, str]]:
    rows: dict[str, dict[str, str]] = {}
    try:
        with manifest.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                name = (row.get("file") or "").strip()
                if name:
                    rows[str((manifest.parent / name).resolve())] = {k: (v or "").strip() for k, v in row.items()}
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise DocumentError(manifest, f"cannot read the manifest ({exc})") from exc
    return rows
