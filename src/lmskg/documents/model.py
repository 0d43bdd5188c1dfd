"""A source document as read: its exact text, a same-length normalised copy, and its metadata."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Document:
    """A document read from a file.

    ``text`` is the file decoded as UTF-8, unchanged: every offset lmskg records indexes into it.
    ``normalized`` has exactly the same length, with look-alike characters folded one for one
    (non-breaking spaces to spaces, dashes to hyphens), so matching runs on it and offsets still hold.
    """

    id: str
    path: Path
    text: str
    normalized: str
    kind: str
    source: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    regions: tuple[Region, ...] = ()

    def __post_init__(self) -> None:
        if len(self.text) != len(self.normalized):
            raise ValueError("normalized text must have the same length as the text")


@dataclass(frozen=True, slots=True)
class Region:
    """A marked-up part of a document's text: an XML element's content, with the record it belongs to.

    ``start``/``end`` index into ``Document.text``; ``record`` is the 1-based record (PubmedArticle) or 0.
    ``is_text`` marks prose (titles, abstract sections) that sentence splitting and extraction read.
    """

    name: str
    start: int
    end: int
    record: int = 0
    label: str | None = None
    is_text: bool = False
