"""rdflib's own in-memory engine, in process (no HTTP): load time, memory and per-query medians.

    python -m benchmarks.rdflib_engine GRAPH.nq QUERIES.json --reps 3 --budget 20

Run by :mod:`benchmarks.run` in a child process, so its memory is its own and a hard time limit applies.
Prints one JSON object on stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import threading
import time
from pathlib import Path

from rdflib import Dataset


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("graph")
    parser.add_argument("queries")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--budget", type=float, default=20.0)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds one run of a query may take")
    args = parser.parse_args()
    queries = json.loads(Path(args.queries).read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    ds = Dataset(default_union=True)
    ds.parse(args.graph, format="nquads")
    load_s = time.perf_counter() - t0
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out = {"load_s": load_s, "triples": len(ds), "rss_mb": rss_mb, "queries": {}}
    for name, text in queries.items():
        record = {"median_ms": None, "rows": None, "runs": 0, "error": None}
        times: list[float] = []

        def run(text: str = text, record: dict = record, times: list[float] = times) -> None:
            deadline = time.monotonic() + args.budget
            try:
                for _ in range(args.reps):
                    t = time.perf_counter()
                    result = ds.query(text)
                    rows = len(result.graph) if result.type in ("CONSTRUCT", "DESCRIBE") else len(list(result))
                    times.append((time.perf_counter() - t) * 1000)
                    record["rows"] = rows
                    if time.monotonic() > deadline:
                        break
            except Exception as exc:  # report any engine failure as that query's error, keep going
                record["error"] = f"{type(exc).__name__}: {exc}"[:120]

        worker = threading.Thread(target=run, daemon=True)
        worker.start()
        worker.join(args.timeout + args.budget)
        if worker.is_alive():  # rdflib cannot be interrupted: report what is done and which query is stuck
            out["stuck"] = name
            break
        record.update(median_ms=statistics.median(times) if times else None, runs=len(times))
        out["queries"][name] = record
    print(json.dumps(out), flush=True)
    os._exit(0)  # a stuck query's thread must not keep the process alive


if __name__ == "__main__":
    main()
