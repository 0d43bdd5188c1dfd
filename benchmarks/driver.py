"""Load drivers, loopback only, every loop bounded in count and in time.

* :func:`latencies` — one client, each query in turn: a warm-up, then up to ``reps`` timed runs (stopping early
  at ``budget_s`` per query); the median is what the tables quote.
* :func:`mixed` — ``clients`` threads, each with its own keep-alive connection, cycling through the query mix
  from a different starting point, until ``max_requests`` or ``duration_s``; p50/p95/p99 and requests/s.
* :func:`wrk_lookups` — PMID lookups by GET through ``wrk`` (C, so the driver is not the bottleneck), each
  request a different PMID from a list, percentiles from wrk's own histogram.
"""

from __future__ import annotations

import http.client
import json
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

from benchmarks.queries import Query

JSON = "application/sparql-results+json"
NTRIPLES = "application/n-triples, text/plain;q=0.9, text/turtle;q=0.8"


def _loopback(url: str) -> tuple[str, int, str]:
    parts = urlsplit(url)
    if parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise ValueError(f"load generation targets loopback only, not {url}")
    return parts.hostname, parts.port or 80, parts.path or "/"


class Client:
    """One keep-alive HTTP connection to a SPARQL endpoint; queries go as form POSTs (SPARQL protocol)."""

    def __init__(self, url: str, timeout: float = 120.0) -> None:
        self.host, self.port, self.path = _loopback(url)
        self.timeout = timeout
        self.conn: http.client.HTTPConnection | None = None

    def run(self, query: Query) -> tuple[int, int]:
        """Send the query, read the whole answer; returns (HTTP status, number of results)."""
        body = urlencode({"query": query.text})
        headers = {"Content-Type": "application/x-www-form-urlencoded",
                   "Accept": NTRIPLES if query.is_graph else JSON}
        for attempt in (0, 1):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            try:
                self.conn.request("POST", self.path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
                if response.getheader("Connection", "").lower() == "close":
                    self.close()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.close()  # a kept-alive connection the server had closed: retry once on a new one
                if attempt:
                    raise
            except (http.client.HTTPException, OSError):
                self.close()  # a timeout or a broken answer: never sent twice
                raise
        if response.status != 200:
            return response.status, 0
        return 200, count_results(data, query.is_graph)

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def count_results(data: bytes, is_graph: bool) -> int:
    if is_graph:
        return sum(1 for line in data.splitlines() if line.strip() and not line.startswith((b"@", b"#")))
    try:
        parsed = json.loads(data)
    except ValueError:
        return -1
    if "boolean" in parsed:
        return int(parsed["boolean"])
    return len(parsed.get("results", {}).get("bindings", []))


@dataclass
class QueryTiming:
    name: str
    times_ms: list[float] = field(default_factory=list)
    rows: int | None = None
    error: str | None = None

    @property
    def median(self) -> float | None:
        return statistics.median(self.times_ms) if self.times_ms else None


def latencies(url: str, queries: list[Query], reps: int, budget_s: float, timeout: float = 120.0) -> list[QueryTiming]:
    client = Client(url, timeout)
    out = []
    for query in queries:
        timing = QueryTiming(query.name)
        deadline = time.monotonic() + budget_s
        try:
            for i in range(reps + 1):
                if i > 1 and time.monotonic() > deadline:
                    break
                t0 = time.perf_counter()
                status, rows = client.run(query)
                elapsed = (time.perf_counter() - t0) * 1000
                if status != 200:
                    timing.error = f"HTTP {status}"
                    break
                timing.rows = rows
                if i == 0 and time.monotonic() > deadline:  # the warm-up alone used the budget: keep it
                    timing.times_ms.append(elapsed)
                    break
                if i:  # the first run warms up
                    timing.times_ms.append(elapsed)
        except (OSError, http.client.HTTPException) as exc:
            timing.error = type(exc).__name__
        out.append(timing)
    client.close()
    return out


@dataclass
class LoadResult:
    clients: int
    requests: int
    errors: int
    seconds: float
    p50: float | None
    p95: float | None
    p99: float | None

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered) + 0.5) - 1))]


def mixed(url: str, queries: list[Query], clients: int, duration_s: float, max_requests: int,
          timeout: float = 120.0) -> LoadResult:
    lock = threading.Lock()
    times: list[float] = []
    errors = [0]
    issued = [0]
    deadline = time.monotonic() + duration_s

    def worker(offset: int) -> None:
        client = Client(url, timeout)
        i = offset
        while time.monotonic() < deadline:
            with lock:
                if issued[0] >= max_requests:
                    break
                issued[0] += 1
            query = queries[i % len(queries)]
            i += 1
            t0 = time.perf_counter()
            try:
                status, _ = client.run(query)
            except (OSError, http.client.HTTPException):
                status = 0
            elapsed = (time.perf_counter() - t0) * 1000
            with lock:
                if status == 200:
                    times.append(elapsed)
                else:
                    errors[0] += 1
        client.close()

    start = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(k * len(queries) // clients,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=duration_s + timeout + 10)
    seconds = time.perf_counter() - start
    return LoadResult(clients, len(times), errors[0], seconds, percentile(times, 0.5), percentile(times, 0.95),
                      percentile(times, 0.99))


WRK_SCRIPT = """
local paths = {%s}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1], {["Accept"] = "application/sparql-results+json"})
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %%d %%d %%d %%d %%.3f %%.3f %%.3f\\n", summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout, summary.duration, 0,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
"""


def wrk_lookups(url: str, query_template: str, pmids: list[str], clients: int, duration_s: int,
                param: str = "query") -> LoadResult | None:
    """GET lookups by PMID through wrk; None when wrk is not installed."""
    wrk = shutil.which("wrk")
    if wrk is None:
        return None
    host, port, path = _loopback(url)
    paths = [f"{path}?{param}={quote(query_template.replace('{pmid}', p), safe='')}" for p in pmids]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(WRK_SCRIPT % ", ".join(f'"{p}"' for p in paths))
        script = f.name
    try:
        proc = subprocess.run(
            [wrk, f"-t{min(clients, 2)}", f"-c{clients}", f"-d{duration_s}s", "--timeout", "10s", "-s", script,
             f"http://{host}:{port}/"],
            capture_output=True, text=True, timeout=duration_s + 30, check=False)
    finally:
        Path(script).unlink(missing_ok=True)
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT"):
            _, requests, errors, duration_us, _, p50, p95, p99 = line.split()
            return LoadResult(clients, int(requests) - int(errors), int(errors), int(duration_us) / 1e6,
                              float(p50), float(p95), float(p99))
    raise RuntimeError(f"wrk said: {proc.stdout[-500:]} {proc.stderr[-500:]}")
