"""The fixture that builds documents a test writes (helpers in building.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest
from building import built


@pytest.fixture
def build_files(tmp_path: Path) -> Callable[[dict[str, bytes | str]], ox.Store]:
    """Write ``{name: content}`` into a fresh folder, build it (no failure allowed) and return the store."""
    counter = iter(range(1000))

    def run(files: dict[str, bytes | str]) -> ox.Store:
        n = next(counter)
        folder = tmp_path / f"docs-{n}"
        folder.mkdir()
        for name, content in files.items():
            path = folder / name
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        store, failures = built(folder, tmp_path / f"home-{n}")
        assert failures == []
        return store

    return run
