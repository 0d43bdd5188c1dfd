"""The embedded store against Virtuoso 7 and Oxigraph server on the same data: build and load time into each,
every query of queries/ timed on each (directly and through ``lmskg serve --store``), rows compared.

    .venv/bin/python -m benchmarks.stores --docs 60,600      # about 100k and 1M triples

Documents come from benchmarks/generate.py (seed 7, as benchmarks/run.py). For each size: ``lmskg build`` into
the embedded store, then ``lmskg build --store URL`` into a fresh Oxigraph server and a fresh Virtuoso, each
timed as one command (extraction included, so the difference is the loading), then the same rerun (every graph
already there: nothing is loaded). Raw figures go to ``benchmarks/work/stores.json``, the tables to
``benchmarks/STORES.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox

from benchmarks import driver, generate, peers
from benchmarks.queries import Query

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / "work"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
UNORDERED = re.compile(r'GROUP_CONCAT\(\s*DISTINCT[^;]*;\s*separator\s*=\s*"([^"]*)"\s*\)\s+AS\s+\?(\w+)', re.I)
VIRTUOSO_AUTH = {"LMSKG_STORE_USER": "dba", "LMSKG_STORE_PASSWORD": "dba"}  # a new Virtuoso database's account


def comparable_rows(bindings: list[dict[str, dict[str, str]]], names: list[str], sparql: str) -> list[tuple]:
    """SPARQL JSON rows as sorted, comparable values: blank nodes alike, xsd:string as a plain literal, and a
    GROUP_CONCAT(DISTINCT ...) as a set (SPARQL leaves the order of its parts to the engine)."""
    unordered = {name: sep for sep, name in UNORDERED.findall(sparql)}

    def value(name: str, term: dict[str, str] | None) -> object:
        if term is None:
            return None
        if term["type"] == "uri":
            return ("iri", term["value"])
        if term["type"] == "bnode":
            return ("bnode",)
        text = term["value"]
        if name in unordered:
            text = unordered[name].join(sorted(text.split(unordered[name])))
        datatype = term.get("datatype")
        return ("literal", text, None if datatype == XSD_STRING else datatype, term.get("xml:lang"))

    return sorted((tuple(value(n, row.get(n)) for n in names) for row in bindings), key=repr)


def embedded_rows(store: ox.Store, sparql: str) -> tuple[list[str], list[tuple]]:
    result = json.loads(store.query(sparql, use_default_graph_as_union=True)
                        .serialize(format=ox.QueryResultsFormat.JSON))
    return result["head"]["vars"], comparable_rows(result["results"]["bindings"], result["head"]["vars"], sparql)


def remote_rows(url: str, sparql: str, names: list[str]) -> list[tuple] | str:
    request = urllib.request.Request(url, data=urllib.parse.urlencode({"query": sparql}).encode(),
                                     headers={"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(request, timeout=300) as response:
            return comparable_rows(json.load(response)["results"]["bindings"], names, sparql)
    except OSError as exc:
        return f"error: {exc}"


def timed(cmd: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    done = subprocess.run(cmd, env={**os.environ, **env}, capture_output=True, text=True, check=False, cwd=ROOT)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)}: {done.stderr[-500:]}")
    return time.perf_counter() - t0


def run_size(n_docs: int, seed: int, reps: int) -> dict:
    label = f"stores-{n_docs}"
    corpus = WORK / f"corpus-{label}"
    home = WORK / f"home-{label}"
    for folder in (corpus, home, WORK / f"oxigraph-{label}", WORK / f"virtuoso-{label}"):
        shutil.rmtree(folder, ignore_errors=True)
    sources = generate.write_corpus(corpus, generate.corpus(seed, n_docs))
    lmskg = str(peers.VENV_BIN / "lmskg")
    figures: dict = {"docs": n_docs, "build_s": {}, "rerun_s": {}, "query_ms": {}, "rows": {}, "same_rows": {}}
    figures["build_s"]["embedded"] = timed([lmskg, "build", "--no-progress", str(sources)], {"LMSKG_HOME": str(home)})
    graph = (home / "current" / "graph.nq").resolve()
    local = ox.Store()
    local.bulk_load(path=str(graph), format=ox.RdfFormat.N_QUADS)
    figures["quads"] = len(local)

    oxigraph = peers.Peer("oxigraph", [str(peers.VENV_BIN / "oxigraph"), "serve", "--location",
                                       str(WORK / f"oxigraph-{label}"), "--bind", "127.0.0.1:{port}",
                                       "--union-default-graph"], path="/query", log=WORK / f"{label}-oxigraph.log")
    virtuoso = peers.Virtuoso(WORK / f"virtuoso-{label}", WORK / f"{label}-virtuoso.log")
    virtuoso.configure(WORK)
    stores = {"oxigraph": (oxigraph, f"http://127.0.0.1:{oxigraph.port}/update", {}),
              "virtuoso": (virtuoso, f"http://127.0.0.1:{virtuoso.port}/sparql-auth", VIRTUOSO_AUTH)}
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted((ROOT / "queries").glob("*.rq"))}
    mix = [Query(f"rq:{name}", text) for name, text in texts.items()]
    fronts: list[peers.Peer] = []
    try:
        embedded = peers.lmskg(home, WORK / f"{label}-lmskg.log")
        embedded.start(300)
        fronts.append(embedded)
        figures["query_ms"]["lmskg serve (embedded)"] = _medians(embedded.url, mix, reps)
        for name, (peer, update_url, env) in stores.items():
            peer.start(120)
            fronts.append(peer)
            store = ["--store", peer.url, "--store-update", update_url]
            figures["build_s"][name] = timed([lmskg, "build", "--no-progress", str(sources), *store], env)
            figures["rerun_s"][name] = timed([lmskg, "build", "--no-progress", str(sources), *store], env)
            figures["query_ms"][f"{name} (direct)"] = _medians(peer.url, mix, reps)
            front = peers.Peer(f"lmskg-{name}", [lmskg, "serve", "--host", "127.0.0.1", "--port", "{port}",
                                                 "--processes", "1", *store],
                               env={**env, "LMSKG_HOME": str(WORK / f"home-{label}-{name}")},
                               log=WORK / f"{label}-lmskg-{name}.log")
            front.start(120)
            fronts.append(front)
            figures["query_ms"][f"lmskg serve --store {name}"] = _medians(front.url, mix, reps)
            for query, text in texts.items():
                names, want = embedded_rows(local, text)
                got = remote_rows(peer.url, text, names)
                figures["rows"][query] = len(want)
                figures["same_rows"].setdefault(query, {})[name] = got == want
    finally:
        for peer in reversed(fronts):
            peer.stop()
    return figures


def _medians(url: str, mix: list[Query], reps: int) -> dict[str, float | str]:
    return {t.name[3:]: (t.error or "no answer") if t.median is None else round(t.median, 2)
            for t in driver.latencies(url, mix, reps, budget_s=60.0, timeout=300.0)}


def report(results: list[dict]) -> str:
    lines = ["# The embedded store, Oxigraph server and Virtuoso on the same data", "",
             "Produced by `.venv/bin/python -m benchmarks.stores` (see its docstring); raw figures in "
             "`benchmarks/work/stores.json`. Medians of one client; the machine is shared and noisy.", ""]
    for r in results:
        lines += [f"## {r['docs']} generated documents, {r['quads']:,} quads", "",
                  "| | embedded (`lmskg build`) | Oxigraph server (`build --store`) | Virtuoso 7 (`build --store`) |",
                  "|---|---:|---:|---:|",
                  f"| build and load (s) | {r['build_s']['embedded']:.1f} | {r['build_s']['oxigraph']:.1f} | "
                  f"{r['build_s']['virtuoso']:.1f} |",
                  f"| rerun, nothing to load (s) | – | {r['rerun_s']['oxigraph']:.1f} | "
                  f"{r['rerun_s']['virtuoso']:.1f} |", ""]
        peers_ = list(r["query_ms"])
        lines += ["| query (rows) | " + " | ".join(peers_) + " | same rows (Oxigraph, Virtuoso) |",
                  "|---|" + "---:|" * len(peers_) + "---|"]
        for query in r["rows"]:
            same = r["same_rows"][query]
            cells = [str(r["query_ms"][p].get(query, "–")) for p in peers_]
            lines.append(f"| {query} ({r['rows'][query]}) | " + " | ".join(cells) +
                         f" | {'yes' if same['oxigraph'] else '**no**'}, {'yes' if same['virtuoso'] else '**no**'} |")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", default="60,600", help="comma-separated corpus sizes in documents")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args(argv)
    if not peers.virtuoso_available():
        subprocess.run(["bash", str(ROOT / "benchmarks" / "install-virtuoso.sh")], check=True)
    WORK.mkdir(parents=True, exist_ok=True)
    results = [run_size(int(n), args.seed, args.reps) for n in args.docs.split(",")]
    (WORK / "stores.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    (ROOT / "benchmarks" / "STORES.md").write_text(report(results) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
