"""One error hierarchy for the whole package; the CLI and the web app turn these into clear messages."""

from __future__ import annotations

from pathlib import Path


class LmskgError(Exception):
    """Base of every error lmskg reports to a user."""


class DocumentError(LmskgError):
    """A source document cannot be read; names the file and, where known, the line."""

    def __init__(self, path: str | Path, reason: str, line: int | None = None) -> None:
        self.path = Path(path)
        self.reason = reason
        self.line = line
        where = f"{self.path} line {line}" if line is not None else str(self.path)
        super().__init__(f"{where}: {reason}")


class ExtractionError(LmskgError):
    """Extraction met something it cannot represent."""


class OntologyError(LmskgError):
    """The ontology source is missing, malformed or inconsistent."""


class StoreError(LmskgError):
    """The graph store is missing, corrupt or cannot be written."""


class QueryError(LmskgError):
    """A SPARQL query is malformed or not allowed."""


class UnavailableError(LmskgError):
    """A command or feature this version does not provide."""
