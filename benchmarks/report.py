"""Render ``benchmarks/work/results.json`` as the Markdown of ``benchmarks/RESULTS.md``.

    python -m benchmarks.report [results.json] > benchmarks/RESULTS.md
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

PEERS = ["lmskg", "bare", "oxigraph", "virtuoso", "rdflib-endpoint"]
TITLES = {"lmskg": "lmskg serve", "bare": "bare Flask+waitress+pyoxigraph (in memory)",
          "oxigraph": "Oxigraph server (on disk)", "virtuoso": "Virtuoso 7.2", "rdflib-endpoint": "rdflib-endpoint",
          "rdflib": "rdflib in process (no HTTP)"}


def _ms(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.0f}" if value >= 100 else f"{value:.1f}" if value >= 1 else f"{value:.2f}"


def _x(a: float | None, b: float | None) -> str:
    if not a or not b:
        return "–"
    return f"{a / b:.2f}x"


def medians(size: dict, peer: str) -> dict[str, float | None]:
    if peer == "rdflib":
        data = size.get("rdflib", {}).get("queries", {})
        return {name: q.get("median_ms") for name, q in data.items()}
    data = size["peers"].get(peer, {})
    return {t["name"]: t["median"] for t in data.get("latency", [])}


def query_errors(size: dict, peer: str) -> dict[str, str]:
    if peer == "rdflib":
        data = size.get("rdflib", {}).get("queries", {})
        return {name: q["error"] for name, q in data.items() if q.get("error")}
    return {t["name"]: t["error"] for t in size["peers"].get(peer, {}).get("latency", []) if t.get("error")}


def _short(error: str) -> str:
    return "timeout" if "Timeout" in error else error.split(":")[0].replace("HTTP ", "HTTP&nbsp;")


def rows(size: dict, peer: str) -> dict[str, int | None]:
    if peer == "rdflib":
        return {name: q.get("rows") for name, q in size.get("rdflib", {}).get("queries", {}).items()}
    return {t["name"]: t["rows"] for t in size["peers"].get(peer, {}).get("latency", [])}


def core_sum(size: dict, peer: str) -> float | None:
    m = medians(size, peer)
    values = [m.get(name) for name in size["core"]]
    return sum(values) if values and all(v is not None for v in values) else None


def present(size: dict) -> list[str]:
    names = [p for p in PEERS if p in size["peers"] and "error" not in size["peers"][p]]
    if "rdflib" in size and "error" not in size["rdflib"]:
        names.append("rdflib")
    return names


def render_size(size: dict) -> list[str]:
    out = [f"## {size['label']} triples (target {size['target']:,})", ""]
    g, b = size["graph"], size["build"]
    docs_per_s = b["docs"] / b["wall_s"]
    per_cpu = b["docs"] / b["cpu_s"] if b.get("cpu_s") else None
    out += [
        f"Graph: {b['docs']:,} documents → {g['quads']:,} quads ({g['nq_mb']:.1f} MB of N-Quads). "
        f"Build: {b['wall_s']:.1f} s wall, {b.get('cpu_s', 0):.1f} s CPU, {docs_per_s:.0f} documents/s, "
        + (f"{per_cpu:.0f} documents per CPU-second, " if per_cpu else "")
        + f"peak RSS {b.get('peak_rss_mb', 0):.0f} MB. pyoxigraph: bulk load into memory {g['memory_load_s']:.2f} s, "
        f"open the on-disk store {g['disk_open_s'] * 1000:.1f} ms.", ""]
    errors = {p: size["peers"][p]["error"] for p in size["peers"] if "error" in size["peers"][p]}
    if "error" in size.get("rdflib", {}):
        errors["rdflib"] = size["rdflib"]["error"]
    for name, message in errors.items():
        out += [f"- {TITLES[name]} failed: `{message}`"]
    if errors:
        out.append("")
    names = present(size)
    if not names:
        return out
    ref = "bare" if "bare" in names else names[0]
    ref_rows = rows(size, ref)
    out += ["### Per-query median latency (ms, one client; † = row count differs from the bare endpoint's)", "",
            "| query | " + " | ".join(TITLES[n] for n in names) + " |",
            "|---|" + "---:|" * len(names)]
    for q in size["queries"]:
        cells = []
        for n in names:
            value = medians(size, n).get(q)
            r = rows(size, n).get(q)
            mark = " †" if n != ref and r is not None and ref_rows.get(q) is not None and r != ref_rows[q] else ""
            error = query_errors(size, n).get(q)
            cells.append(_short(error) if error and value is None else _ms(value) + mark)
        star = " *" if q in size["core"] else ""
        out.append(f"| {q}{star} (rows {ref_rows.get(q, '–')}) | " + " | ".join(cells) + " |")
    out += ["", "\\* one of the nine typical queries summed below. HTTP&nbsp;4xx/5xx: the peer refused or failed "
            "the query; timeout: no answer within the client's limit (the peer was restarted). Failed queries are "
            "left out of that peer's mixed runs.", ""]
    lm = core_sum(size, "lmskg")
    out += ["### Sum of the nine per-query medians", "", "| peer | sum (ms) | peer / lmskg | peer / bare |",
            "|---|---:|---:|---:|"]
    for n in names:
        s = core_sum(size, n)
        out.append(f"| {TITLES[n]} | {_ms(s)} | {_x(s, lm)} | {_x(s, core_sum(size, 'bare'))} |")
    out.append("")
    http = [n for n in names if n != "rdflib"]
    common = size["peers"].get("lmskg", {}).get("mixed_queries")
    which = (f"the same {len(common)} queries on every peer, the benchmark's own without queries/*.rq"
             if common else "the whole mix less the queries each peer failed, so the mixes differ between peers")
    out += [f"### Mixed queries ({which}; each client its own order) and PMID lookups (wrk, GET)", "",
            "| peer | mixed 1 client req/s (p50/p95/p99 ms) | mixed 8 clients req/s (p50/p95/p99 ms) | "
            "lmskg / peer at 8 | PMID 1 conn req/s (p50/p95/p99 ms) | PMID 8 conn req/s (p50/p95/p99 ms) |",
            "|---|---:|---:|---:|---:|---:|"]
    lm8 = size["peers"].get("lmskg", {}).get("mixed_8", {}).get("rps")

    def load(r: dict | None) -> str:
        if not r:
            return "–"
        errs = f", {r['errors']} errors" if r.get("errors") else ""
        return f"{r['rps']:.1f} ({_ms(r['p50'])}/{_ms(r['p95'])}/{_ms(r['p99'])}{errs})"

    for n in http:
        p = size["peers"][n]
        out.append(f"| {TITLES[n]} | {load(p.get('mixed_1'))} | {load(p.get('mixed_8'))} | "
                   f"{_x(lm8, p.get('mixed_8', {}).get('rps'))} | {load(p.get('wrk_1'))} | {load(p.get('wrk_8'))} |")
    out += ["", "### Start-up and memory", "",
            "| peer | first answer after start (s) | load (s) | PSS when ready (MB) | PSS after the runs (MB) |",
            "|---|---:|---:|---:|---:|"]
    for n in http:
        p = size["peers"][n]
        load_s = p.get("load_s")
        out.append(f"| {TITLES[n]} | {p['startup_s']:.2f} | {f'{load_s:.1f}' if load_s else '–'} | "
                   f"{p['memory_ready_mb']['pss']:.0f} | {p['memory_mb']['pss']:.0f} |")
    if "rdflib" in names:
        r = size["rdflib"]
        out.append(f"| {TITLES['rdflib']} | – | {r['load_s']:.1f} | {r['rss_mb']:.0f} (peak RSS) | – |")
    warm = size["peers"].get("lmskg", {}).get("warmup")
    if warm:
        out += ["", "lmskg serve warm-up (optional_heavy repeated from the first answer; seconds since start → ms): "
                + ", ".join(f"{t:.2f}s→{_ms(ms)}" for t, ms in _thin(warm)), ""]
    out.append("")
    return out


def _thin(curve: list, keep: int = 12) -> list:
    if len(curve) <= keep:
        return curve
    step = len(curve) / keep
    return [curve[int(i * step)] for i in range(keep)] + [curve[-1]]


def targets(size: dict) -> list[str]:
    p = size["peers"]
    lm, bare, virt = core_sum(size, "lmskg"), core_sum(size, "bare"), core_sum(size, "virtuoso")

    def rps(name: str, key: str) -> float | None:
        return (p.get(name, {}).get(key) or {}).get("rps")

    def verdict(ok: bool | None) -> str:
        return "–" if ok is None else "met" if ok else "**not met**"

    lines = [f"## Targets on the {size['label']} graph ({size['graph']['quads']:,} quads), from this run", "",
             "| target | measured | verdict |", "|---|---|---|"]
    ratio = lm / bare if lm and bare else None
    lines.append(f"| sum of medians ≤ 1.1x the bare endpoint | {_x(lm, bare)} ({_ms(lm)} vs {_ms(bare)} ms) | "
                 f"{verdict(None if ratio is None else ratio <= 1.1)} |")
    lines.append(f"| sum of medians below Virtuoso's | {_x(lm, virt)} ({_ms(lm)} vs {_ms(virt)} ms) | "
                 f"{verdict(None if not (lm and virt) else lm < virt)} |")
    l8, v8, r8 = rps("lmskg", "mixed_8"), rps("virtuoso", "mixed_8"), rps("rdflib-endpoint", "mixed_8")
    lines.append(f"| mixed req/s at 8 clients ≥ Virtuoso's | {_x(l8, v8)} | "
                 f"{verdict(None if not (l8 and v8) else l8 >= v8)} |")
    lines.append(f"| mixed req/s at 8 clients ≥ 30x rdflib-endpoint's | {_x(l8, r8)} | "
                 f"{verdict(None if not (l8 and r8) else l8 >= 30 * r8)} |")
    w8 = rps("lmskg", "wrk_8")
    lines.append(f"| PMID lookups at 8 connections ≥ 1,500 req/s | {w8:.0f} req/s |" if w8 else
                 "| PMID lookups at 8 connections ≥ 1,500 req/s | – |")
    lines[-1] += f" {verdict(None if w8 is None else w8 >= 1500)} |"
    start = p.get("lmskg", {}).get("startup_s")
    lines.append(f"| first answer within 1 s of starting | {start:.2f} s | {verdict(start <= 1.0)} |" if start else
                 "| first answer within 1 s of starting | – | – |")
    b = size["build"]
    per_core = b["docs"] / b["cpu_s"] if b.get("cpu_s") else None
    lines.append(f"| build ≥ 200 documents/s per core | {per_core:.0f} documents per CPU-second |"
                 f" {verdict(per_core >= 200)} |" if per_core else "| build ≥ 200 documents/s per core | – | – |")
    return [*lines, ""]


def scaling(results: dict) -> list[str]:
    cal = results.get("calibration_build") or {}
    lines = ["## Build as the corpus grows", "",
             "`lmskg build` as one command (start-up included). *Marginal* is the extra documents over the extra "
             f"seconds against the {cal.get('docs', '–')}-document calibration build of the same run, so the "
             "fixed start-up (imports, ontology, publishing) cancels out.", "",
             "| size | documents | quads | wall (s) | documents/s | marginal documents/s | documents per CPU-s | "
             "peak RSS (MB) | RSS growth / quad growth |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    first = None
    for size in results["sizes"]:
        b, g = size["build"], size["graph"]
        growth = "–"
        if first and b.get("peak_rss_mb") and first[0]:
            growth = f"{(b['peak_rss_mb'] / first[0]) / (g['quads'] / first[1]):.2f}"
        elif first is None:
            first = (b.get("peak_rss_mb"), g["quads"])
        per_cpu = f"{b['docs'] / b['cpu_s']:.1f}" if b.get("cpu_s") else "–"
        marginal = "–"
        if cal.get("wall_s") and b["docs"] > cal["docs"] and b["wall_s"] > cal["wall_s"]:
            marginal = f"{(b['docs'] - cal['docs']) / (b['wall_s'] - cal['wall_s']):.1f}"
        lines.append(f"| {size['label']} | {b['docs']:,} | {g['quads']:,} | {b['wall_s']:.1f} | "
                     f"{b['docs'] / b['wall_s']:.1f} | {marginal} | {per_cpu} | {b.get('peak_rss_mb', 0):.0f} | "
                     f"{growth} |")
    return [*lines, ""]


def render_ab(ab: dict) -> str:
    names = ab["peers"]
    lines = [f"Interleaved on {ab['quads']:,} quads, {ab['date']}: each query sent to "
             + " and ".join(names) + f" in turn, {ab['reps']} times after a warm-up (median ms).", "",
             "| query | " + " | ".join(names) + f" | {names[0]} / {names[1]} |", "|---|" + "---:|" * (len(names) + 1)]
    for q, values in ab["medians"].items():
        cells = [f"{v:.2f}" if v is not None else "–" for v in values]
        ratio = f"{values[0] / values[1]:.2f}x" if values[0] and values[1] else "–"
        lines.append(f"| {q} | " + " | ".join(cells) + f" | {ratio} |")
    s = ab["core_sums"]
    lines.append("| **sum of the nine** | " + " | ".join(f"**{v:.1f}**" for v in s) + f" | **{s[0] / s[1]:.2f}x** |")
    w = ab["wrk_8"]
    if all(w):
        lines += ["", "PMID lookups, wrk, 8 connections, median of rounds (req/s): "
                  + ", ".join(f"{n} {v:.0f}" for n, v in zip(names, w, strict=True)) + f" ({w[0] / w[1]:.2f}x)"]
    return "\n".join(lines) + "\n"


def render(results: dict) -> str:
    m = results["machine"]
    out = ["# Benchmark results", "",
           "Produced by `.venv/bin/python -m benchmarks.run` (see the README's Benchmarks section); the raw figures "
           "are in `benchmarks/work/results.json` (the published run's copy: `benchmarks/results.json`). Medians "
           "throughout; the machine is shared and noisy.", "",
           "What the profiles show, and what blocks the targets not met: `benchmarks/ANALYSIS.md`.", "",
           f"- date: {m['date']}; machine: {m['nproc']} cores ({m['cpu']}), {m['memory']}, Linux {m['kernel']}",
           "- versions: " + ", ".join(f"{k} {v}" for k, v in m.items()
                                      if k not in ("date", "nproc", "memory", "cpu", "kernel")),
           "- graphs from: " + ("`lmskg build` on generated documents" if results["graph_from"] == "build" else
                                "N-Quads written by benchmarks.synth from the generated documents")
           + f" (seed {results['seed']}, {results['per_doc']:.0f} triples per document on average)"
           + ("; **quick mode**: short loops" if results.get("quick") else ""), ""]
    if results["sizes"]:
        out += targets(results["sizes"][-1])
        out += scaling(results)
    for size in results["sizes"]:
        out += render_size(size)
    for ab in results.get("ab", {}).values():
        out += [f"## Interleaved A/B: {' vs '.join(ab['peers'])}", "", render_ab(ab)]
    return "\n".join(out) + "\n"


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "work" / "results.json"
    sys.stdout.write(render(json.loads(path.read_text())))


if __name__ == "__main__":
    main()
