"""10,000+ generated and mutated requests against a live ``lmskg serve`` (see fuzzgen.py for what is sent).

Checks: never a 5xx other than the documented 503 (timeout, busy, result cap); every 4xx carries a message; no
hung worker (after every 1,000 requests each worker answers, and the worker count stays the configured one);
the server stays up; the loopback listener that outbound clauses name sees no connection.
"""

from __future__ import annotations

import collections
import threading
import time
from pathlib import Path

from benchmarks.reliability.fuzzgen import Fuzzer, verdict
from benchmarks.reliability.harness import Listener, Server, get, raw, request, save, serve

RAW_REQUESTS = [
    b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /sparql?query=\xff\xfe HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /term/\xc3\x28 HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /download/\xc0\xae\xc0\xae/pyproject.toml HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: x\r\nAccept: \xff\xfe\x00\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: x\r\nBroken header line\r\n\r\n",
    b"GET /\r\n\r\n",
    b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + bytes(64),
    b"GET / HTTP/9.9\r\nHost: x\r\n\r\n",
    b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: 999999999\r\n\r\n",
    b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: -5\r\n\r\nASK{}",
    b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nTransfer-Encoding: chunked\r\n"
    b"\r\n5\r\nASK{}\r\n0\r\n\r\n",
    b"POST /sparql HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
    b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"b" * 300000 + b"\r\n\r\n",
    b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n" + b"X-A: 1\r\n" * 2000 + b"\r\n",
    b"",
    b"\r\n\r\n\r\n",
]


def _raw_status(answer: bytes) -> int | None:
    if not answer.startswith(b"HTTP/"):
        return None
    try:
        return int(answer.split(b" ", 2)[1])
    except (IndexError, ValueError):
        return None


def _workers_answer(server: Server, expected: int) -> tuple[bool, int]:
    """Every worker answers: as many concurrent queries as workers, each within 10 s; and the count is right."""
    results: list[int] = []

    def one() -> None:
        try:
            results.append(get(server, "/sparql?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D", timeout=10)[0])
        except OSError:
            results.append(-1)

    threads = [threading.Thread(target=one) for _ in range(expected)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=15)
    return all(s == 200 for s in results) and len(results) == expected, len(server.workers())


def run(home: Path, *, count: int = 10_000, seed: int = 20261121, clients: int = 2, timeout: float = 5.0,
        budget: float = 1500.0) -> dict[str, object]:
    listener = Listener()
    statuses: collections.Counter[int] = collections.Counter()
    kinds: collections.Counter[str] = collections.Counter()
    documented_503: collections.Counter[str] = collections.Counter()
    failures: list[str] = []
    checks: list[dict[str, object]] = []
    lock = threading.Lock()
    started = time.monotonic()
    sent = 0
    with serve(home, args=("--timeout", str(timeout)), name="fuzz-server") as server:
        expected_workers = len(server.workers())
        fuzzers = [Fuzzer(seed + i, listener.url) for i in range(clients)]
        per_client = count // clients

        def client(fuzzer: Fuzzer) -> None:
            nonlocal sent
            for n in range(per_client):
                if time.monotonic() - started > budget:
                    return
                req = fuzzer.request()
                try:
                    status, body, content_type, _ = request(server, req.method, req.target, req.headers, req.body,
                                                            timeout=timeout + 30)
                    problem = verdict(status, body, content_type, req.method)
                except (OSError, Exception) as exc:  # a dropped connection is a failure too
                    status, body, problem = -1, b"", f"no answer: {type(exc).__name__}: {exc}"
                with lock:
                    sent += 1
                    statuses[status] += 1
                    kinds[req.kind] += 1
                    if status == 503:
                        documented_503[next((m.decode() for m in (b"did not finish within", b"stayed busy",
                                                                  b"result too large") if m in body), "other")] += 1
                    if problem and len(failures) < 200:
                        failures.append(f"{req.describe()} -> {problem}")
                if n % 500 == 499 and fuzzer is fuzzers[0]:
                    ok, workers = _workers_answer(server, expected_workers)
                    with lock:
                        checks.append({"after": sent, "all_workers_answer": ok, "workers": workers,
                                       "server_alive": server.process.poll() is None})

        threads = [threading.Thread(target=client, args=(f,)) for f in fuzzers]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        raw_answers: dict[str, object] = {}
        for i, data in enumerate(RAW_REQUESTS, start=1):
            try:
                answer = raw(server, data)
                status = _raw_status(answer)
            except OSError as exc:
                answer, status = str(exc).encode(), None
            raw_answers[f"{i}: {data[:60]!r}"] = status
            sent += 1
            kinds["raw-http"] += 1
            statuses[status if status is not None else 0] += 1
            if status is not None and status >= 500:
                failures.append(f"raw {data[:60]!r} -> {status}")
        ok, workers = _workers_answer(server, expected_workers)
        checks.append({"after": sent, "all_workers_answer": ok, "workers": workers,
                       "server_alive": server.process.poll() is None})
        log_text = server.log.read_text(errors="replace")
    time.sleep(0.5)
    listener.close()
    figures = {
        "requests": sent,
        "seconds": round(time.monotonic() - started, 1),
        "clients": clients,
        "query_timeout_s": timeout,
        "seed": seed,
        "statuses": dict(sorted(statuses.items())),
        "kinds": dict(sorted(kinds.items())),
        "documented_503": dict(documented_503),
        "failures": failures,
        "failure_count": len(failures),
        "worker_checks": checks,
        "expected_workers": expected_workers,
        "all_worker_checks_pass": all(c["all_workers_answer"] and c["workers"] == expected_workers
                                      and c["server_alive"] for c in checks),
        "raw_http": raw_answers,
        "outbound_connections": listener.connections,
        "tracebacks_in_server_log": log_text.count("Traceback"),
    }
    save("fuzz", figures)
    return figures
