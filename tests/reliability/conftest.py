"""Fixtures of the reliability checks: a loopback listener that must never be called, and a live server."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))  # live.py: a real server.py process

from live import Listener


@pytest.fixture
def listener():  # type: ignore[no-untyped-def]
    watcher = Listener()
    yield watcher
    watcher.close()
