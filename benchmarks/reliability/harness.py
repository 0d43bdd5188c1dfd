"""What the long reliability runs share: a live ``lmskg serve`` on loopback, HTTP helpers, a listener, figures."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import threading
import time
import urllib.parse
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LMSKG = ROOT / ".venv" / "bin" / "lmskg"
RESULTS = Path(__file__).resolve().parent / "results"
ONTOLOGY = ROOT / "ontology" / "lmskg.ttl"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    url: str
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    def descendants(self) -> list[int]:
        """Every process below the server (server processes and their query workers)."""
        children: dict[int, list[int]] = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            with contextlib.suppress(OSError, IndexError, ValueError):
                stat = (entry / "stat").read_text()
                ppid = int(stat.rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry.name))
        out, todo = [], [self.process.pid]
        while todo:
            pid = todo.pop()
            for child in children.get(pid, []):
                out.append(child)
                todo.append(child)
        return out

    def workers(self) -> list[int]:
        found = []
        for pid in self.descendants():
            with contextlib.suppress(OSError):
                if b"lmskg.web.worker" in Path(f"/proc/{pid}/cmdline").read_bytes():
                    found.append(pid)
        return sorted(found)

    def rss_bytes(self) -> int:
        """Resident memory of the server process tree."""
        total = 0
        for pid in [self.process.pid, *self.descendants()]:
            with contextlib.suppress(OSError, ValueError, IndexError):
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
        return total


@contextlib.contextmanager
def serve(home: Path, *, args: tuple[str, ...] = (), env: Mapping[str, str] | None = None,
          ready_within: float = 60.0, name: str = "server") -> Iterator[Server]:
    """``lmskg serve`` on a free loopback port over ``home``; stopped (and its process group killed) afterwards."""
    port = free_port()
    RESULTS.mkdir(parents=True, exist_ok=True)
    log = RESULTS / f"{name}.log"
    environment = {**os.environ, "LMSKG_HOME": str(home), **(env or {})}
    if "LMSKG_UPDATE_TOKEN" not in (env or {}):
        environment.pop("LMSKG_UPDATE_TOKEN", None)
    with log.open("wb") as out:
        process = subprocess.Popen([str(LMSKG), "serve", "--host", "127.0.0.1", "--port", str(port), *args],
                                   env=environment, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    server = Server(f"http://127.0.0.1:{port}", port, process, log)
    try:
        deadline = time.monotonic() + ready_within
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"lmskg serve exited with {process.returncode}: {log.read_text()[-2000:]}")
            with contextlib.suppress(OSError, http.client.HTTPException):
                if get(server, "/sparql?query=ASK%7B%7D", timeout=2)[0] == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"lmskg serve did not answer within {ready_within} s")
            time.sleep(0.1)
        # the supervisor starts its server processes one a second: wait until their workers are all up
        seen, stable_since = -1, time.monotonic()
        while time.monotonic() - stable_since < 2.5 and time.monotonic() < deadline + 20:
            count = len(server.workers())
            if count != seen:
                seen, stable_since = count, time.monotonic()
            time.sleep(0.25)
        yield server
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)
        time.sleep(0.3)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # any worker left in the group


def request(server: Server, method: str, target: str, headers: Mapping[str, str] | None = None,
            body: bytes = b"", timeout: float = 60.0) -> tuple[int, bytes, str | None, float]:
    """(status, body, Content-Type, seconds) of one request on a fresh connection."""
    started = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=timeout)
    try:
        conn.putrequest(method, target, skip_accept_encoding=True)
        sent = {k.lower() for k in (headers or {})}
        for key, value in (headers or {}).items():
            conn.putheader(key, value.encode("latin-1", "replace"))
        if (body or method in ("POST", "PUT")) and "content-length" not in sent:
            conn.putheader("Content-Length", str(len(body)))
        # the server may refuse a body before it is all sent (413): its answer is still there to read
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            conn.endheaders(body or None)
        response = conn.getresponse()
        data = response.read()
        return response.status, data, response.getheader("Content-Type"), time.monotonic() - started
    finally:
        conn.close()


def get(server: Server, target: str, headers: Mapping[str, str] | None = None,
        timeout: float = 60.0) -> tuple[int, bytes, str | None, float]:
    return request(server, "GET", target, headers, timeout=timeout)


def query_target(text: str, **params: str) -> str:
    return "/sparql?" + urllib.parse.urlencode({"query": text, **params})


def raw(server: Server, data: bytes, timeout: float = 10.0) -> bytes:
    """Send raw bytes as a request and return whatever comes back (for malformed HTTP)."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=timeout) as s:
        s.sendall(data)
        with contextlib.suppress(OSError):
            s.shutdown(socket.SHUT_WR)
        chunks = []
        with contextlib.suppress(TimeoutError, OSError):
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
        return b"".join(chunks)


class Listener:
    """A loopback TCP listener counting every connection (outbound requests would land here)."""

    def __init__(self, lifetime: float = 3600.0) -> None:
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


def percentiles(values: list[float]) -> dict[str, float]:
    """p50/p95/p99/max in milliseconds."""
    if not values:
        return {}
    ordered = sorted(values)

    def at(q: float) -> float:
        return round(1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))], 2)

    return {"n": len(ordered), "p50_ms": at(0.50), "p95_ms": at(0.95), "p99_ms": at(0.99),
            "max_ms": round(1000 * ordered[-1], 2), "mean_ms": round(1000 * statistics.fmean(ordered), 2)}


def save(name: str, figures: dict[str, object]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    figures = {"check": name, "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), **figures}
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(figures, indent=2, default=str) + "\n", encoding="utf-8")
    return path


def build(home: Path, *paths: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LMSKG_HOME": str(home), "LMSKG_ONTOLOGY": str(ONTOLOGY)}
    return subprocess.run([str(LMSKG), "build", "--no-progress", *map(str, paths)], env=env, cwd=ROOT,
                          capture_output=True, text=True, check=check, timeout=900)
