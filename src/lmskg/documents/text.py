"""Plain text and Markdown, and any text file whose kind is told by the manifest or guessed from its content.

The kind comes from graph_data/MANIFEST.tsv when the file is listed there; otherwise a DokuWiki export
(footnote markers ``<sup>N)</sup>``) is a ``wiki-page``, a journal abstract page (running head, "Cite this
paper:", "Abstract") an ``abstract``, anything else ``text``.
"""

from __future__ import annotations

from pathlib import Path

from lmskg.documents import abstract, document_id, from_text, load_text, manifest_entry, wiki
from lmskg.documents.model import Document

KIND = "text"


def read(path: Path) -> Document:
    text = load_text(path)
    entry = manifest_entry(path) or {}
    kind = entry.get("kind") or guess_kind(text, path)
    return from_text(document_id(path), text, kind, path=path, source=entry.get("source") or None,
                     metadata=metadata(text, kind))


def guess_kind(text: str, path: Path | None = None) -> str:
    if wiki.looks_like(text):
        return wiki.KIND
    if abstract.looks_like(text):
        return abstract.KIND
    return KIND


def metadata(text: str, kind: str) -> dict[str, str]:
    if kind == wiki.KIND:
        return wiki.metadata(text)
    if kind in (abstract.KIND, "case-report", "article"):
        return abstract.metadata(text)
    title = next((line.lstrip("#").strip() for line in text.splitlines() if line.strip()), "")
    return {"title": title} if title else {}
