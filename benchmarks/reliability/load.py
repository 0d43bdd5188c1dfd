"""Load: 8 concurrent clients for 60 s of mixed queries on loopback, then again with a pathological query running.

Phase "mixed": 8 clients loop over the example queries (queries/*.rq) and simple queries; zero errors, p50/p95/p99.
Phase "with-pathological": the same, while one more client keeps a cartesian product running (each stopped at
the server's timeout). The simple queries' p50 must stay within 2x of phase one. Every loop is bounded in
count and in time.
"""

from __future__ import annotations

import random
import threading
import time
from pathlib import Path

from benchmarks.reliability.fuzzgen import example_queries
from benchmarks.reliability.harness import get, percentiles, query_target, save, serve

SIMPLE = [
    "ASK { ?s ?p ?o }",
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
    "SELECT ?label WHERE { <https://w3id.org/lmskg/term/Leiomyosarcoma> rdfs:label ?label }",
    "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 10",
    "PREFIX lmskg: <https://w3id.org/lmskg/term/> SELECT ?case WHERE { ?case a lmskg:PatientCase } LIMIT 20",
    "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/lmskg/graph/ojmn-2013-maimone-abstract> "
    "{ ?s ?p ?o } }",
]
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
ACCEPT = {"Accept": "application/sparql-results+json"}


def _phase(server, seconds: float, clients: int, pathological: bool, seed: int) -> dict[str, object]:  # type: ignore[no-untyped-def]
    examples = example_queries()
    lock = threading.Lock()
    simple_times: list[float] = []
    example_times: list[float] = []
    errors: list[str] = []
    pathological_answers: dict[int, int] = {}
    stop_at = time.monotonic() + seconds
    max_requests = 200_000  # per client: a bound besides the clock

    def client(n: int) -> None:
        rng = random.Random(seed + n)
        for _ in range(max_requests):
            if time.monotonic() >= stop_at:
                return
            simple = rng.random() < 0.6
            text = rng.choice(SIMPLE) if simple else rng.choice(examples)
            try:
                status, body, _, took = get(server, query_target(text), ACCEPT, timeout=60)
            except OSError as exc:
                status, body, took = -1, str(exc).encode(), 0.0
            with lock:
                if status != 200:
                    errors.append(f"{status}: {body[:120]!r}")
                (simple_times if simple else example_times).append(took)

    def slow_client() -> None:
        for _ in range(1000):
            if time.monotonic() >= stop_at:
                return
            try:
                status = get(server, query_target(CARTESIAN), ACCEPT, timeout=120)[0]
            except OSError:
                status = -1
            with lock:
                pathological_answers[status] = pathological_answers.get(status, 0) + 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    if pathological:
        threads.append(threading.Thread(target=slow_client))
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + 150)
    elapsed = time.monotonic() - started
    total = len(simple_times) + len(example_times)
    return {
        "seconds": round(elapsed, 1), "clients": clients, "requests": total, "errors": len(errors),
        "error_samples": errors[:10], "throughput_per_s": round(total / elapsed, 1),
        "all": percentiles(simple_times + example_times), "simple": percentiles(simple_times),
        "examples": percentiles(example_times),
        **({"pathological_answers": pathological_answers} if pathological else {}),
    }


def run(home: Path, *, seconds: float = 60.0, clients: int = 8, timeout: float = 10.0,
        args: tuple[str, ...] = ()) -> dict[str, object]:
    with serve(home, args=("--timeout", str(timeout), *args), name="load-server") as server:
        workers = len(server.workers())
        for text in [*SIMPLE, *example_queries()]:  # warm up: every query once
            get(server, query_target(text), ACCEPT)
        time.sleep(1.0)
        mixed = _phase(server, seconds, clients, False, seed=1)
        time.sleep(2.0)
        loaded = _phase(server, seconds, clients, True, seed=2)
        alive = server.process.poll() is None
    ratio = loaded["simple"]["p50_ms"] / mixed["simple"]["p50_ms"] if mixed["simple"] else None  # type: ignore[index]
    figures = {
        "server": f"lmskg serve --timeout {timeout:g} {' '.join(args)}".strip(), "query_workers": workers,
        "mixed": mixed, "with_pathological": loaded,
        "simple_p50_ratio": round(ratio, 2) if ratio else None,
        "server_alive": alive,
        "passed": (mixed["errors"] == 0 and loaded["errors"] == 0 and ratio is not None and ratio <= 2.0
                   and alive),
    }
    save("load" if not args else "load-" + "-".join(a.strip("-") for a in args), figures)
    return figures
