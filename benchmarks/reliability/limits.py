"""Timeouts and limits on a live server.

* A pathological query is stopped within 10% of the configured timeout (measured at the client, for 2, 5 and
  10 s) and its worker is replaced (a new pid; the worker count is restored).
* Memory stays bounded under queries with huge results: the resident memory of the whole server tree (server
  processes and query workers) is sampled while clients keep asking for results far past the row and byte caps
  and downloading the dumps.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from benchmarks.reliability.harness import get, percentiles, query_target, save, serve

PATHOLOGICAL = {
    "cartesian count": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    "cartesian ordered": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY RAND() LIMIT 1",
    "path closure": "SELECT (COUNT(*) AS ?n) WHERE { ?a (!<http://e/none>)* ?b . ?c ?d ?e }",
}
HUGE = {
    "select past the caps": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }",
    "construct past the caps": "CONSTRUCT { ?a ?b ?f } WHERE { ?a ?b ?c . ?d ?e ?f }",
    "long strings": 'SELECT ?s (CONCAT(STR(?o), STR(?o), STR(?o), STR(?o)) AS ?x) WHERE { ?s ?p ?o . ?a ?b ?c }',
}
MIB = 1 << 20


def _timeouts(home: Path) -> dict[str, object]:
    runs: list[dict[str, object]] = []
    for timeout in (2.0, 5.0, 10.0):
        with serve(home, args=("--timeout", str(timeout), "--processes", "1", "--workers", "2"),
                   name=f"timeout-{timeout:g}-server") as server:
            for name, text in PATHOLOGICAL.items():
                before = set(server.workers())
                status, body, _, took = get(server, query_target(text), timeout=timeout * 5)
                time.sleep(0.5)
                after = set(server.workers())
                ok_after = get(server, query_target("ASK { ?s ?p ?o }"), timeout=10)[0]
                runs.append({
                    "timeout_s": timeout, "query": name, "status": status, "seconds": round(took, 3),
                    "overshoot_pct": round(100 * (took / timeout - 1), 1),
                    "message": body.decode(errors="replace").strip()[:100],
                    "worker_replaced": len(before - after) == 1 and len(after) == len(before),
                    "next_query_status": ok_after,
                })
    worst = max(float(str(r["overshoot_pct"])) for r in runs)
    return {
        "runs": runs, "worst_overshoot_pct": worst,
        "passed": all(r["status"] == 503 and float(str(r["overshoot_pct"])) <= 10.0 and r["worker_replaced"]
                      and r["next_query_status"] == 200 for r in runs),
    }


def _memory(home: Path, seconds: float = 90.0) -> dict[str, object]:
    with serve(home, args=("--timeout", "20"), name="memory-server") as server:
        time.sleep(3.0)  # in-memory copies loaded
        baseline = server.rss_bytes()
        samples: list[int] = []
        statuses: dict[str, dict[int, int]] = {}
        took: list[float] = []
        stop_at = time.monotonic() + seconds
        lock = threading.Lock()

        def sampler() -> None:
            while time.monotonic() < stop_at + 1:
                samples.append(server.rss_bytes())
                time.sleep(0.1)

        def client(n: int) -> None:
            names = [*HUGE, "download"]
            for i in range(10_000):
                if time.monotonic() >= stop_at:
                    return
                name = names[(n + i) % len(names)]
                target = "/download/lmskg.nq" if name == "download" else query_target(HUGE[name])
                try:
                    status, _, _, seconds_taken = get(server, target, timeout=60)
                except OSError:
                    status, seconds_taken = -1, 0.0
                with lock:
                    statuses.setdefault(name, {})
                    statuses[name][status] = statuses[name].get(status, 0) + 1
                    took.append(seconds_taken)

        threads = [threading.Thread(target=sampler), *(threading.Thread(target=client, args=(n,)) for n in range(4))]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=seconds + 120)
        time.sleep(2.0)
        after = server.rss_bytes()
        workers = len(server.workers())
        alive = server.process.poll() is None
    peak = max(samples) if samples else 0
    # the highest RSS in each 10 s slice: it levels off when memory is bounded, and climbs when it leaks
    timeline = [round(max(samples[i:i + 100]) / MIB, 1) for i in range(0, len(samples), 100)]
    # Each query worker may hold one capped response (64 MiB) and its serialization buffer at once.
    bound = baseline + workers * 2 * 64 * MIB + 256 * MIB
    return {
        "seconds": seconds, "clients": 4, "query_workers": workers, "answers": statuses,
        "latency": percentiles(took),
        "rss_baseline_mib": round(baseline / MIB, 1), "rss_peak_mib": round(peak / MIB, 1),
        "rss_after_mib": round(after / MIB, 1), "rss_bound_mib": round(bound / MIB, 1),
        "rss_peak_per_10s_mib": timeline,
        "server_alive": alive,
        "passed": peak <= bound and alive and all(
            set(s) <= {200, 503} for s in statuses.values()),
    }


def run(home: Path) -> dict[str, object]:
    timeouts = _timeouts(home)
    memory = _memory(home)
    figures = {"timeouts": timeouts, "memory": memory, "passed": timeouts["passed"] and memory["passed"]}
    save("limits", figures)
    return figures
