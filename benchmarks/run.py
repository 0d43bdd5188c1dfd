"""Run the benchmarks: build graphs of ~10k/100k/1M triples from generated documents, then measure every peer.

    .venv/bin/python -m benchmarks.run --sizes 10k,100k,1m [--virtuoso]
    .venv/bin/python -m benchmarks.run --quick          # 10k only, short loops: a smoke run

For each size, in one run: generate N documents (N calibrated so the real ``lmskg build`` yields the target
number of triples), build them (wall time, CPU time, peak memory), then start each peer on the same graph,
one at a time, and measure start-up, per-query medians, mixed-query throughput at 1 and 8 clients, PMID
lookups through wrk at 1 and 8 clients and memory. Raw figures go to ``benchmarks/work/results.json``,
the tables to ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path

import pyoxigraph as ox

from benchmarks import driver, generate, peers, queries, report, synth

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / "work"
SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}
CALIBRATION_DOCS = 60
CALIBRATION_BUILD: dict[str, float] = {}


class Bounds:
    """Every loop's limits, in requests and in seconds."""

    def __init__(self, quick: bool) -> None:
        self.reps = 5 if quick else 9
        self.query_budget = 5.0 if quick else 15.0
        self.slow_reps = 3                       # rdflib: few runs, a hard budget per query
        self.slow_budget = 10.0 if quick else 15.0
        self.mixed_s = 5.0 if quick else 20.0
        self.mixed_max = 20_000
        self.wrk_s = 3 if quick else 10
        self.start_timeout = 900.0
        self.timeout = 60.0                      # per request
        self.slow_timeout = 30.0 if quick else 60.0
        self.slow_all_queries_up_to = 200_000     # larger graphs: rdflib runs the mix without queries/*.rq
        self.warmup_s = 10.0 if quick else 20.0


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def run_child(cmd: list[str], env: dict[str, str], log_path: Path, timeout: float) -> dict[str, float]:
    """Run a child process, returning wall seconds, CPU seconds and peak RSS (MB) of it and its descendants."""
    with log_path.open("ab") as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, env={**os.environ, **env}, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
        deadline = t0 + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                raise TimeoutError(f"{' '.join(cmd[:3])} ran past {timeout:.0f} s")
            time.sleep(0.05)
        wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed (log: {log_path})")
    return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime, "peak_rss_mb": usage.ru_maxrss / 1024}


def build_available() -> bool:
    proc = subprocess.run([str(peers.VENV_BIN / "lmskg"), "build", "--help"], capture_output=True, text=True,
                          check=False)
    return proc.returncode == 0 and "not available" not in proc.stdout + proc.stderr


def make_graph(mode: str, n_docs: int, seed: int, label: str) -> tuple[Path, dict[str, float]]:
    """Generate ``n_docs`` documents and build them; returns the build's home and the build figures."""
    corpus_dir = WORK / f"corpus-{label}"
    home = WORK / f"home-{label}"
    shutil.rmtree(corpus_dir, ignore_errors=True)
    shutil.rmtree(home, ignore_errors=True)
    docs = generate.corpus(seed, n_docs)
    sources = generate.write_corpus(corpus_dir, docs)
    if mode == "build":
        figures = run_child([str(peers.VENV_BIN / "lmskg"), "build", str(sources)], {"LMSKG_HOME": str(home)},
                            WORK / f"build-{label}.log", timeout=3600)
    else:
        from lmskg.store import publish

        t0, cpu0 = time.perf_counter(), time.process_time()
        nq = corpus_dir / "synthetic.nq"
        synth.write_nquads(nq, docs)
        publish(home, nq)
        figures = {"wall_s": time.perf_counter() - t0, "cpu_s": time.process_time() - cpu0, "peak_rss_mb": 0.0}
    figures["docs"] = n_docs
    return home, figures


def graph_figures(home: Path) -> tuple[dict[str, float], ox.Store]:
    build = (home / "current").resolve()
    t0 = time.perf_counter()
    store = ox.Store()
    store.bulk_load(path=str(build / "graph.nq"), format=ox.RdfFormat.N_QUADS)
    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    disk = ox.Store.read_only(str(build / "store"))
    open_s = time.perf_counter() - t0
    del disk
    ontology = next(iter(store.query(
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/lmskg/graph/ontology> { ?s ?p ?o } }")))["n"]
    return {"quads": len(store), "ontology_quads": int(ontology.value), "memory_load_s": load_s,
            "disk_open_s": open_s,
            "nq_mb": (build / "graph.nq").stat().st_size / 1e6}, store


def pick_params(store: ox.Store) -> tuple[dict[str, str], list[str]]:
    """A PMID, a publication and a case from the middle of the graph, and up to 500 PMIDs for wrk."""
    pubs = list(store.query(queries.PMIDS_QUERY, use_default_graph_as_union=True))
    cases = list(store.query(queries.CASES_QUERY, use_default_graph_as_union=True))
    if not pubs or not cases:
        raise RuntimeError("the graph has no publication with a PMID or no case")
    middle = pubs[len(pubs) // 2]
    params = {"pmid": middle["pmid"].value, "pub": middle["pub"].value, "case": cases[len(cases) // 2]["case"].value}
    pmids = sorted({r["pmid"].value for r in pubs})
    step = max(1, len(pmids) // 500)
    return params, pmids[::step][:500]


def measure_peer(peer: peers.Peer, mix: list[queries.Query], pmids: list[str], b: Bounds, *, slow: bool,
                 size: int, ready: float | None = None) -> dict:
    """Latency, throughput and memory of a running peer."""
    out: dict = {"startup_s": ready}
    pss, rss = peer.memory()
    out["memory_ready_mb"] = {"pss": pss, "rss": rss}
    reps, budget = (b.slow_reps, b.slow_budget) if slow else (b.reps, b.query_budget)
    timeout = b.slow_timeout if slow else b.timeout
    if slow and size > b.slow_all_queries_up_to:  # bound the slow peers: the mix without queries/*.rq
        mix = [q for q in mix if not q.name.startswith("rq:")]
    timings = []
    for query in mix:  # one at a time: a peer that cannot cancel a query is restarted after a timeout
        timing = driver.latencies(peer.url, [query], reps, budget, timeout)[0]
        timings.append(timing)
        if timing.error and not timing.error.startswith("HTTP"):
            log(f"  {peer.name}: {query.name} failed ({timing.error}); restarting {peer.name}")
            peer.stop()
            peer.start(b.start_timeout)
    out["latency"] = [asdict(t) | {"median": t.median} for t in timings]
    failed = {t.name for t in timings if t.error}
    out["mixed_excluded"] = sorted(failed)
    out.update(measure_mixed(peer, mix, b, timeout, failed))
    template = queries.PREFIXES + dict((n, t) for n, t, _ in queries.TEMPLATES)["lookup_pmid"]
    for clients in (1, 8):
        result = driver.wrk_lookups(peer.url, template, pmids, clients, b.wrk_s)
        out[f"wrk_{clients}"] = asdict(result) | {"rps": result.rps} if result else None
    pss, rss = peer.memory()
    out["memory_mb"] = {"pss": pss, "rss": rss}
    return out


def mixed_mix(mix: list[queries.Query]) -> list[queries.Query]:
    """The mixed runs use the same queries on every peer: the benchmark's own (not queries/*.rq, which
    some peers refuse or cannot finish), so requests/s compare like with like."""
    return [q for q in mix if not q.name.startswith("rq:")]


def measure_mixed(peer: peers.Peer, mix: list[queries.Query], b: Bounds, timeout: float,
                  failed: set[str]) -> dict:
    common = [q for q in mixed_mix(mix) if q.name not in failed]
    out: dict = {"mixed_queries": [q.name for q in common]}
    for clients in (1, 8):
        result = driver.mixed(peer.url, common, clients, b.mixed_s, b.mixed_max, timeout)
        out[f"mixed_{clients}"] = asdict(result) | {"rps": result.rps}
    return out


def make_peer(name: str, home: Path, current: Path, log_path: Path, label: str) -> peers.Peer:
    if name == "lmskg":
        return peers.lmskg(home, log_path)
    if name == "bare":
        return peers.bare(current / "graph.nq", log_path)
    if name == "oxigraph":
        return peers.oxigraph(current / "store", log_path)
    if name == "virtuoso":
        return peers.Virtuoso(WORK / f"virtuoso-{label}", log_path)
    return peers.rdflib_endpoint(current / "graph.nq", log_path)


def remix(args: argparse.Namespace, b: Bounds) -> None:
    """Re-measure only the mixed runs on the builds of the last run (``--mixed-only``), updating its results."""
    raw = WORK / "results.json"
    results = json.loads(raw.read_text())
    for size in results["sizes"]:
        if size["label"] not in args.sizes.split(","):
            continue
        home = WORK / f"home-{size['label']}"
        current = (home / "current").resolve()
        mix = queries.build(size["params"], ROOT / "queries")
        logs = WORK / "logs"
        wanted = [p for p in args.peers.split(",") if p in size["peers"] and "error" not in size["peers"][p]]
        if args.virtuoso and "virtuoso" in size["peers"]:
            wanted.append("virtuoso")
        for name in wanted:
            log(f"{size['label']}: mixed runs of {name}")
            slow = name == "rdflib-endpoint"
            peer = make_peer(name, home, current, logs / f"remix-{name}-{size['label']}.log", size["label"])
            try:
                if isinstance(peer, peers.Virtuoso):
                    shutil.rmtree(peer.db, ignore_errors=True)
                    peer.db.mkdir(parents=True)
                    peer.configure(current)
                    peer.start(b.start_timeout)
                    peer.load(current / "graph.nq", b.start_timeout)
                    peer.stop()
                peer.start(b.start_timeout)
                if name == "lmskg":
                    time.sleep(b.warmup_s)  # as in the full run, where the latency phase came first
                failed = {t["name"] for t in size["peers"][name].get("latency", []) if t.get("error")}
                size["peers"][name].update(measure_mixed(peer, mix, b, b.slow_timeout if slow else b.timeout,
                                                         failed))
            finally:
                peer.stop()
        raw.write_text(json.dumps(results, indent=1))
        args.out.write_text(report.render(results), encoding="utf-8")


def warmup_curve(peer: peers.Peer, query: queries.Query, seconds: float) -> list[tuple[float, float]]:
    """(seconds since spawn, latency ms) of one query repeated from the first answer on, bounded in time."""
    client = driver.Client(peer.url)
    curve = []
    end = time.perf_counter() + seconds
    for _ in range(10_000):
        if time.perf_counter() > end:
            break
        t0 = time.perf_counter()
        status, _ = client.run(query)
        if status == 200:
            curve.append((t0 - peer.started, (time.perf_counter() - t0) * 1000))
    client.close()
    return curve


def run_size(label: str, target: int, calibration: tuple[list[int], int], args: argparse.Namespace,
             b: Bounds) -> dict:
    n_docs = documents_for(target, calibration)
    log(f"{label}: {n_docs} documents ({args.graph_from})")
    home, build = make_graph(args.graph_from, n_docs, args.seed, label)
    graph, store = graph_figures(home)
    log(f"{label}: {graph['quads']} quads, built in {build['wall_s']:.1f} s")
    params, pmids = pick_params(store)
    del store
    mix = queries.build(params, ROOT / "queries")
    result: dict = {"label": label, "target": target, "build": build, "graph": graph, "params": params,
                    "queries": [q.name for q in mix], "core": [q.name for q in mix if q.core], "peers": {}}
    current = (home / "current").resolve()
    logs = WORK / "logs"
    logs.mkdir(exist_ok=True)
    wanted = set(args.peers.split(","))
    names = [n for n in ("bare", "lmskg", "oxigraph", "virtuoso", "rdflib-endpoint")
             if (n in wanted or (n == "virtuoso" and args.virtuoso)) and (n != "lmskg" or serve_available())]
    candidates = [(n, make_peer(n, home, current, logs / f"{n}-{label}.log", label), n == "rdflib-endpoint")
                  for n in names]
    for name, peer, slow in candidates:
        log(f"{label}: {name}")
        try:
            extra: dict = {}
            if isinstance(peer, peers.Virtuoso):
                shutil.rmtree(peer.db, ignore_errors=True)
                peer.db.mkdir(parents=True)
                peer.configure(current)
                peer.start(b.start_timeout)
                extra["load_s"] = peer.load(current / "graph.nq", b.start_timeout)
                peer.stop()
            ready = peer.start(b.start_timeout)
            if name == "lmskg":
                core = next(q for q in mix if q.name == "optional_heavy")
                extra["warmup"] = warmup_curve(peer, core, b.warmup_s)
            result["peers"][name] = measure_peer(peer, mix, pmids, b, slow=slow, size=target, ready=ready) | extra
        except (RuntimeError, TimeoutError, OSError) as exc:
            result["peers"][name] = {"error": str(exc)[:300]}
            log(f"{label}: {name} failed: {exc}")
        finally:
            peer.stop()
    if "rdflib" in wanted:
        log(f"{label}: rdflib in process")
        slow = result["peers"].get("rdflib-endpoint", {}).get("latency", [])
        skip = {t["name"]: t["error"] for t in slow if t.get("error") and not t["error"].startswith("HTTP")}
        own = [q for q in mix if target <= b.slow_all_queries_up_to or not q.name.startswith("rq:")]
        result["rdflib"] = rdflib_inprocess(current / "graph.nq", own, b, label, skip)
    return result


def serve_available() -> bool:
    proc = subprocess.run([str(peers.VENV_BIN / "lmskg"), "serve", "--help"], capture_output=True, text=True,
                          check=False)
    return proc.returncode == 0 and "not available" not in proc.stdout + proc.stderr


def rdflib_inprocess(graph: Path, mix: list[queries.Query], b: Bounds, label: str, skip: dict[str, str]) -> dict:
    """rdflib in a child process; a query past its time ends the child, which is rerun without that query."""
    skip = dict(skip)
    for _ in range(4):
        qfile = WORK / f"queries-{label}.json"
        qfile.write_text(json.dumps({q.name: q.text for q in mix if q.name not in skip}))
        try:
            proc = subprocess.run([sys.executable, "-m", "benchmarks.rdflib_engine", str(graph), str(qfile),
                                   "--reps", str(b.slow_reps), "--budget", str(b.slow_budget),
                                   "--timeout", str(b.slow_timeout)],
                                  capture_output=True, text=True, timeout=b.start_timeout + 40 * b.slow_budget,
                                  cwd=ROOT, check=False)
        except subprocess.TimeoutExpired:
            return {"error": "ran past its time limit"}
        if proc.returncode != 0:
            return {"error": proc.stderr[-300:]}
        out = json.loads(proc.stdout)
        stuck = out.pop("stuck", None)
        if stuck is None:
            for name, error in skip.items():
                out["queries"][name] = {"median_ms": None, "rows": None, "runs": 0, "error": error}
            return out
        skip[stuck] = f"TimeoutError (> {b.slow_timeout:.0f} s)"
    return {"error": "too many queries ran past their time"}


def calibrate(args: argparse.Namespace) -> tuple[list[int], int]:
    """Quads of each of the first documents through this pipeline, and the fixed part (the ontology)."""
    home, build = make_graph(args.graph_from, CALIBRATION_DOCS, args.seed, "calibration")
    figures, store = graph_figures(home)
    CALIBRATION_BUILD.update(build, quads=figures["quads"])
    counts = dict.fromkeys(range(CALIBRATION_DOCS), 0)
    for row in store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"):
        tail = row["g"].value.rsplit("-", 1)[-1]
        if tail.isdigit() and int(tail) in counts:
            counts[int(tail)] = int(row["n"].value)
    return [counts[i] for i in range(CALIBRATION_DOCS)], figures["ontology_quads"]


def documents_for(target: int, calibration: tuple[list[int], int]) -> int:
    """How many documents of the corpus make about ``target`` quads (beyond the calibration: its average)."""
    counts, total = calibration
    average = sum(counts) / len(counts)
    n = 0
    while total < target:
        total += counts[n] if n < len(counts) else average
        n += 1
    return max(n, 3)


def machine() -> dict[str, str]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
               if line.startswith("MemTotal"))

    def version(cmd: list[str]) -> str:
        try:
            out = subprocess.run(cmd, capture_output=True, text=True, timeout=20, check=False)
            lines = (out.stdout + out.stderr).strip().splitlines()
            return next((line for line in lines if "Version" in line), lines[0])[:80]
        except (OSError, IndexError, subprocess.TimeoutExpired):
            return "not installed"

    from importlib.metadata import version as pkg

    def package(name: str) -> str:
        try:
            return pkg(name)
        except Exception:  # not installed
            return "not installed"

    return {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "nproc": str(os.cpu_count()), "memory": f"{mem / 1024 / 1024:.1f} GiB", "cpu": cpu,
        "kernel": platform.release(), "python": platform.python_version(),
        "lmskg": package("lmskg"), "pyoxigraph": package("pyoxigraph"), "oxigraph (server)": package("oxigraph"),
        "rdflib": package("rdflib"), "rdflib-endpoint": package("rdflib-endpoint"), "flask": package("flask"),
        "waitress": package("waitress"), "virtuoso": version(["virtuoso-t", "-?"]) if peers.virtuoso_available()
        else "not installed", "wrk": version(["wrk", "-v"]),
    }


def main(argv: list[str] | None = None) -> None:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so that every started peer is stopped
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10k,100k,1m", help="comma-separated: 10k, 100k, 1m")
    parser.add_argument("--quick", action="store_true", help="10k only, short loops (a smoke run)")
    parser.add_argument("--virtuoso", action="store_true", help="also Virtuoso 7.2 (install-virtuoso.sh installs it)")
    parser.add_argument("--peers", default="lmskg,bare,oxigraph,rdflib-endpoint,rdflib")
    parser.add_argument("--graph-from", choices=["build", "synthetic"], default=None,
                        help="`lmskg build` on the generated documents (default when available) or N-Quads "
                             "written straight from the generator's facts")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "RESULTS.md")
    parser.add_argument("--mixed-only", action="store_true",
                        help="re-measure only the mixed runs on the builds of the last run")
    args = parser.parse_args(argv)
    if args.graph_from is None:
        args.graph_from = "build" if build_available() else "synthetic"
    if args.quick:
        args.sizes = "10k"
    if args.virtuoso and not peers.virtuoso_available():
        subprocess.run(["bash", str(ROOT / "benchmarks" / "install-virtuoso.sh")], check=True)
    b = Bounds(args.quick)
    if args.mixed_only:
        remix(args, b)
        return
    WORK.mkdir(parents=True, exist_ok=True)
    info = machine()
    calibration = calibrate(args)
    per_doc = sum(calibration[0]) / len(calibration[0])
    log(f"{per_doc:.0f} triples per document ({args.graph_from}), {calibration[1]} in the ontology")
    results = {"machine": info, "graph_from": args.graph_from, "seed": args.seed, "per_doc": per_doc,
               "calibration_build": CALIBRATION_BUILD,
               "quick": args.quick, "sizes": []}
    raw = WORK / "results.json"
    for label in args.sizes.split(","):
        results["sizes"].append(run_size(label, SIZES[label], calibration, args, b))
        raw.write_text(json.dumps(results, indent=1))
        args.out.write_text(report.render(results), encoding="utf-8")
    log(f"wrote {args.out} and {raw}")


if __name__ == "__main__":
    main()
