"""Where lmskg reads and writes, overridable through LMSKG_* environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_BASE = "https://w3id.org/lmskg/"


def _env_path(name: str, default: str) -> Path:
    return Path(os.environ.get(name, default))


@dataclass(frozen=True, slots=True)
class Settings:
    """Paths and the IRI base; every field has an LMSKG_* environment variable."""

    home: Path = field(default_factory=lambda: _env_path("LMSKG_HOME", ".lmskg"))
    sources: Path = field(default_factory=lambda: _env_path("LMSKG_SOURCES", "graph_data/sources"))
    ontology: Path = field(default_factory=lambda: _env_path("LMSKG_ONTOLOGY", "ontology/lmskg.ttl"))
    base: str = field(default_factory=lambda: os.environ.get("LMSKG_BASE", DEFAULT_BASE))
