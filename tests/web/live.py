"""A real server process (``python server.py``) on a free loopback port, for protocol and client tests."""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _die_with_parent() -> None:
    with contextlib.suppress(OSError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


@contextmanager
def live_server(home: Path, *, env: Mapping[str, str] | None = None, args: tuple[str, ...] = (),
                ready_within: float = 20.0, command: tuple[str, ...] | None = None) -> Iterator[str]:
    """Start ``server.py`` (or ``command``) over ``home``; yield its base URL once it answers; stop it afterwards."""
    port = free_port()
    environment = {**os.environ, "LMSKG_HOME": str(home), "LMSKG_WORKERS": "2", **(env or {})}
    environment.pop("LMSKG_UPDATE_TOKEN", None) if "LMSKG_UPDATE_TOKEN" not in (env or {}) else None
    process = subprocess.Popen(
        [*(command or (sys.executable, str(ROOT / "server.py"))), "--host", "127.0.0.1", "--port", str(port), *args],
        env=environment, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        preexec_fn=_die_with_parent,  # even a killed test run leaves no server behind
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + ready_within
        while True:
            if process.poll() is not None:
                output = process.stdout.read().decode() if process.stdout else ""
                raise RuntimeError(f"server.py exited with {process.returncode}: {output}")
            try:
                with urllib.request.urlopen(f"{url}/sparql?query=ASK%7B%7D", timeout=2) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"server.py did not answer within {ready_within} s")
            time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        if process.stdout:
            process.stdout.close()


class Listener:
    """A loopback TCP listener counting every connection made to it (for 'no outbound request' checks)."""

    def __init__(self, lifetime: float = 300.0) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.connections = 0
        self._stop = threading.Event()
        self._deadline = time.monotonic() + lifetime
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set() and time.monotonic() < self._deadline:
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self.sock.close()


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@contextmanager
def chromium_page() -> Iterator[object]:
    """A Playwright page in Debian's headless Chromium with a fresh profile, closed afterwards."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed: run scripts/install-system-deps.sh (apt package chromium)")
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="lmskg-chromium-")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, headless=True,
                                                       args=CHROMIUM_FLAGS)
        try:
            yield context.new_page()
        finally:
            context.close()
            shutil.rmtree(profile, ignore_errors=True)
