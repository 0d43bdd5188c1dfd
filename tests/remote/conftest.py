"""The `server` fixture: a fresh, empty store of each kind on loopback (see stores.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from stores import SERVERS, Server, start


@pytest.fixture(params=SERVERS)
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Server]:
    """A fresh, empty store of each kind."""
    running = start(request.param, tmp_path / request.param)
    yield running
    running.peer.stop()
