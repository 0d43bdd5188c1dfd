"""Interleaved A/B of two peers on the same build, the fairest ratio on a noisy machine.

    python -m benchmarks.ab benchmarks/work/home-1m [--reps 9] [--peers lmskg,bare]

Both peers run at once (idle but for the request in flight); each query is sent to A, then B, alternately,
``reps`` times after a warm-up, so background noise hits both alike. Then PMID lookups through wrk at 8
connections, alternating A and B in rounds. Prints a Markdown table and adds it to
``benchmarks/work/results.json`` under ``"ab"`` (``benchmarks.report`` renders it).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from benchmarks import driver, peers, queries, report
from benchmarks.run import ROOT, WORK, graph_figures, pick_params

FACTORIES = {
    "lmskg": lambda home, cur, logs: peers.lmskg(home, logs / "ab-lmskg.log"),
    "bare": lambda home, cur, logs: peers.bare(cur / "graph.nq", logs / "ab-bare.log"),
    "oxigraph": lambda home, cur, logs: peers.oxigraph(cur / "store", logs / "ab-oxigraph.log"),
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("home", type=Path)
    parser.add_argument("--reps", type=int, default=9)
    parser.add_argument("--peers", default="lmskg,bare")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--wrk-seconds", type=int, default=5)
    parser.add_argument("--settle", type=float, default=25.0, help="seconds between start and the first query")
    args = parser.parse_args()
    current = (args.home / "current").resolve()
    figures, store = graph_figures(args.home)
    params, pmids = pick_params(store)
    del store
    mix = queries.build(params, ROOT / "queries")
    names = args.peers.split(",")
    logs = WORK / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    running = [FACTORIES[n](args.home, current, logs) for n in names]
    try:
        for peer in running:
            peer.start(600)
        time.sleep(args.settle)  # lmskg's workers finish their in-memory loads (several copies on 2 cores)
        clients = [driver.Client(p.url) for p in running]
        table: dict[str, list[float | None]] = {}
        for query in mix:
            times: list[list[float]] = [[] for _ in running]
            for i in range(args.reps + 1):
                for k, client in enumerate(clients):
                    t0 = time.perf_counter()
                    status, _ = client.run(query)
                    if status == 200 and i:
                        times[k].append((time.perf_counter() - t0) * 1000)
            table[query.name] = [statistics.median(t) if t else None for t in times]
        template = queries.PREFIXES + dict((n, t) for n, t, _ in queries.TEMPLATES)["lookup_pmid"]
        wrk: list[list[float]] = [[] for _ in running]
        for _ in range(args.rounds):
            for k, peer in enumerate(running):
                result = driver.wrk_lookups(peer.url, template, pmids, 8, args.wrk_seconds)
                if result:
                    wrk[k].append(result.rps)
    finally:
        for peer in running:
            peer.stop()
    core = [q.name for q in mix if q.core]
    sums = [sum(table[q][k] or 0 for q in core) for k in range(len(running))]
    out = {"peers": names, "quads": figures["quads"], "reps": args.reps, "medians": table, "core_sums": sums,
           "wrk_8": [statistics.median(w) if w else None for w in wrk], "wrk_rounds": wrk,
           "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    raw = WORK / "results.json"
    results = json.loads(raw.read_text()) if raw.exists() else {}
    results.setdefault("ab", {})[f"{args.home.name}:{args.peers}"] = out
    raw.write_text(json.dumps(results, indent=1))
    print(report.render_ab(out))


if __name__ == "__main__":
    main()
