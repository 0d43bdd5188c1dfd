"""Write benchmarks/RELIABILITY.md from the figures in benchmarks/reliability/results/*.json.

``.venv/bin/python -m benchmarks.reliability report`` (run after the checks; ``make reliability`` does both).
"""

from __future__ import annotations

import json
import os
import platform
from pathlib import Path

from benchmarks.reliability.harness import RESULTS, ROOT

OUT = ROOT / "benchmarks" / "RELIABILITY.md"
DEFECTS = ROOT / "benchmarks" / "reliability" / "defects.md"


def _load(name: str) -> dict | None:  # type: ignore[type-arg]
    path = RESULTS / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def _n(served: str) -> str:
    """'200:'6566'' (status and triple count) as '6566 triples' (or the status when it was not 200)."""
    status, _, count = str(served).partition(":")
    return f"{count.strip(chr(39))} triples" if status == "200" else f"status {status}"


def _ms(p: dict) -> str:  # type: ignore[type-arg]
    return f"{p['p50_ms']:g} / {p['p95_ms']:g} / {p['p99_ms']:g}" if p else "-"


def _machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next((int(line.split()[1]) // (1 << 20) for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0)
    return (f"{os.cpu_count()} cores ({cpu}), {memory} GiB, Linux {platform.release()}, "
            f"Python {platform.python_version()}")


def render() -> str:
    fuzz, load, limits, faults, security = (_load(n) for n in ("fuzz", "load", "limits", "faults", "security"))
    out: list[str] = []
    w = out.append
    w("# Reliability of the lmskg endpoint and build\n")
    w("Every figure below was produced by `make reliability` (`.venv/bin/python -m benchmarks.reliability`), which "
      "builds the shipped documents (`graph_data/sources`) into a temporary folder, serves them with "
      "`lmskg serve` on 127.0.0.1 and writes the raw figures to `benchmarks/reliability/results/<check>.json`; "
      "this file is written from those by `python -m benchmarks.reliability report`. Each section names the "
      "check that produced it and when. The fast share of these checks runs in `make test` "
      "(`tests/reliability/`).\n")
    w(f"Machine: {_machine()}. The machine was shared with other work during the runs (test suites and "
      "benchmarks of other parts of the project), so latencies are conservative.\n")
    w("| requirement | target | measured | check |")
    w("|---|---|---|---|")
    if fuzz:
        w(f"| fuzzing | >= 10,000 requests, no 5xx but the documented 503, every error a clear 4xx, no hung worker, "
          f"server up | {fuzz['requests']:,} requests, {fuzz['failure_count']} failures, "
          f"{sum(fuzz['documented_503'].values())} documented 503s, worker checks "
          f"{'all pass' if fuzz['all_worker_checks_pass'] else 'FAIL'} | fuzz, {fuzz['date']} |")
    if load:
        m, p = load["mixed"], load["with_pathological"]
        w(f"| load | 8 clients x 60 s, zero errors | {m['requests']:,} requests, {m['errors']} errors; "
          f"p50/p95/p99 {_ms(m['all'])} ms | load, {load['date']} |")
        w(f"| pathological query meanwhile | simple queries' p50 <= 2x | {_ms(m['simple'])} ms -> "
          f"{_ms(p['simple'])} ms: p50 x{load['simple_p50_ratio']}, {p['errors']} errors | load, {load['date']} |")
    if limits:
        t, mem = limits["timeouts"], limits["memory"]
        w(f"| timeout | stopped within 10% of the timeout, worker replaced | worst overshoot "
          f"{t['worst_overshoot_pct']}% over {len(t['runs'])} runs (2, 5, 10 s); every worker replaced | limits, "
          f"{limits['date']} |")
        w(f"| huge results | memory bounded | RSS of the server tree {mem['rss_baseline_mib']} MiB -> peak "
          f"{mem['rss_peak_mib']} MiB (bound {mem['rss_bound_mib']} MiB) | limits, {limits['date']} |")
    if faults:
        k = faults["kill_during_build"]
        w(f"| kill -9 during a build | previous graph intact and served | {k['killed']} builds killed "
          f"({', '.join(f'{n} {p}' for p, n in k['killed_by_phase'].items())}): "
          f"{'all intact, served throughout' if k['all_intact'] and k['served_throughout'] else 'FAIL'} | "
          f"faults, {faults['date']} |")
        d = faults["full_and_read_only"]
        if "full_disk" in d:
            w(f"| full or unwritable output | clear error, nothing lost | exit {d['full_disk']['rc']}, "
              f"`{d['full_disk']['message'].split(': ', 1)[0]}: ...: No space left on device`, previous graph "
              f"{'intact' if d['full_disk']['previous_graph_intact'] else 'DAMAGED'}; read-only: exit "
              f"{d['read_only']['rc']}, intact | faults, {faults['date']} |")
        b = faults["bad_documents"]
        w(f"| corrupt documents | each named, the others build | {sum(b['each_named'].values())} of "
          f"{len(b['each_named'])} named; `{b['summary'].split(':')[0]}` | faults, {faults['date']} |")
        c = faults["corrupt_store"]
        w(f"| corrupt store at start | clear message and the rebuild command | {len(c['cases'])} damages, "
          f"{'each exit 1 with `run lmskg build`' if c['passed'] else 'FAIL'} | faults, {faults['date']} |")
    if security:
        w(f"| no outbound connection | listener sees none | {len(security['outbound_attempts'])} attempts on the "
          f"server, {len(security['pubmed_build']['errors']) + 2} PubMed documents built; "
          f"{security['outbound_connections']} connections | security, {security['date']} |")
        w(f"| security headers | on every HTML response | {len(security['html_pages'])} pages: "
          f"{'all carry CSP, nosniff, Referrer-Policy' if security['html_headers_ok'] else 'FAIL'} | security, "
          f"{security['date']} |")
        timing = security["token_refusal_timing"]
        w(f"| update token | constant time, never logged | refusal medians "
          f"{' / '.join(f'{v:g} ms' for v in timing.values())} (no common prefix / all but the last character); "
          f"{security['token_in_server_output']} occurrences in the server output | security, {security['date']} |")
    w("")
    if fuzz:
        w("## Fuzzing\n")
        w(f"`python -m benchmarks.reliability fuzz --requests {fuzz['requests'] - len(fuzz['raw_http'])}` "
          f"({fuzz['date']}; seed {fuzz['seed']}, {fuzz['clients']} clients, `lmskg serve --timeout "
          f"{fuzz['query_timeout_s']:g}`, {fuzz['expected_workers']} query workers; {fuzz['seconds']} s). "
          "Requests come from `benchmarks/reliability/fuzzgen.py`: token-level mutations of `queries/*.rq` "
          "(deleted, duplicated, swapped tokens; SPARQL keywords, punctuation, terms, outbound clauses put in; "
          "truncation; case changes), random bytes and invalid UTF-8 (direct POST and percent-encoded), huge "
          "(to 3 MB) and deeply nested or chained queries, odd `Accept` headers and `format=` values, repeated and "
          "unknown parameters and dataset IRIs, every method, updates with wrong tokens, RDF with external "
          "entities and remote JSON-LD contexts, path traversal on `/download/`, `/download/ontology/`, "
          "`/static/` and the resource paths, and malformed HTTP on a raw socket.\n")
        w("| answer | count |\n|---|---|")
        for status, n in fuzz["statuses"].items():
            label = {"0": "connection closed without an answer (malformed HTTP: TLS hello, empty request)",
                     "-1": "no answer (client error)"}.get(str(status), str(status))
            w(f"| {label} | {n:,} |")
        w("")
        w("| kind of request | count |\n|---|---|")
        for kind, n in fuzz["kinds"].items():
            w(f"| {kind} | {n:,} |")
        w("")
        w(f"The 503s are all documented ones: {fuzz['documented_503']}. After about every 1,000 requests and at the "
          f"end, as many concurrent queries as there are workers were all answered and the worker count was "
          f"unchanged ({len(fuzz['worker_checks'])} checks, {'all pass' if fuzz['all_worker_checks_pass'] else 'FAIL'}"
          f"). The loopback listener named by every outbound clause saw {fuzz['outbound_connections']} "
          f"connections; the server log holds {fuzz['tracebacks_in_server_log']} tracebacks.\n")
    if load:
        w("## Load\n")
        w(f"`python -m benchmarks.reliability load` ({load['date']}; `{load['server']}`, "
          f"{load['query_workers']} query workers). 8 clients loop for 60 s over the example queries (40%) and "
          "five simple queries (60%: ASK, a label, LIMIT 10 scans, a count of one graph), each bounded to 200,000 "
          "requests; one fresh loopback connection per request. In the second phase a ninth client keeps "
          "`SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }` running (each stopped at the "
          "10 s timeout).\n")
        w("| phase | requests | errors | req/s | all p50/p95/p99 ms | simple p50/p95/p99 ms "
          "| examples p50/p95/p99 ms |")
        w("|---|---|---|---|---|---|---|")
        for name, key in (("mixed", "mixed"), ("with the cartesian product", "with_pathological")):
            p = load[key]
            w(f"| {name} | {p['requests']:,} | {p['errors']} | {p['throughput_per_s']} | {_ms(p['all'])} | "
              f"{_ms(p['simple'])} | {_ms(p['examples'])} |")
        w(f"\nThe simple queries' p50 rose x{load['simple_p50_ratio']} (target <= 2x); the cartesian product was "
          f"answered {load['with_pathological'].get('pathological_answers')} (503 = stopped at the timeout).\n")
    if limits:
        t, mem = limits["timeouts"], limits["memory"]
        w("## Timeouts and limits\n")
        w(f"`python -m benchmarks.reliability limits` ({limits['date']}). Timeouts: `lmskg serve --timeout T "
          "--processes 1 --workers 2` for T = 2, 5, 10 s; each pathological query once, timed at the client; the "
          "worker pids before and after are compared and a simple query must then succeed.\n")
        w("| timeout | query | status | seconds | overshoot | worker replaced |\n|---|---|---|---|---|---|")
        for r in t["runs"]:
            w(f"| {r['timeout_s']:g} s | {r['query']} | {r['status']} | {r['seconds']} | {r['overshoot_pct']}% | "
              f"{'yes' if r['worker_replaced'] else 'NO'} |")
        w(f"\nMemory: 4 clients for {mem['seconds']:g} s ask for a SELECT and a CONSTRUCT far past the caps "
          "(a cartesian product: 100,000 rows / 64 MiB per answer, 503 past either), long concatenated strings, "
          "and download `/download/lmskg.nq` (streamed from disk); the resident memory of the server process tree "
          f"(server processes and {mem['query_workers']} query workers) is sampled every 0.1 s. Answers: "
          f"{mem['answers']}. RSS: {mem['rss_baseline_mib']} MiB before, peak {mem['rss_peak_mib']} MiB, "
          f"{mem['rss_after_mib']} MiB after (the allocator keeps freed pages); the bound checked is the baseline "
          f"plus two capped answers per worker plus 256 MiB = {mem['rss_bound_mib']} MiB. Highest RSS in each "
          f"10 s: {', '.join(str(x) for x in mem.get('rss_peak_per_10s_mib', []))} MiB.\n")
    if faults:
        k = faults["kill_during_build"]
        w("## Faults\n")
        w(f"`python -m benchmarks.reliability faults` ({faults['date']}). **kill -9**: a server runs on a home "
          f"built from the shipped documents; {len(k['trials'])} times, `lmskg build` of {k['documents']} "
          f"documents (a full build takes {k['full_build_seconds']} s; each trial adds one document so that every "
          "build would publish a new graph) is killed with SIGKILL to its process group: at a random moment, or "
          "once it is writing the N-Quads, or once it is publishing (copying the file, loading the on-disk "
          "store). After each kill the `current` link and the graph's SHA-256 are unchanged, `lmskg export` "
          "succeeds and the server answers the same triple count.\n")
        w("| trial | aimed at | killed after | phase reached | graph intact | served before -> after | leftovers |")
        w("|---|---|---|---|---|---|---|")
        for r in k["trials"]:
            w(f"| {r['trial']} | {r['aim']} | {r['killed_after_s']} s | {r['phase']} | "
              f"{'yes' if r['previous_graph_intact'] else 'NO'} | {_n(r['served_before'])} -> "
              f"{_n(r['served_after'])} | {len(r['leftovers'])} |")
        w(f"\nA final complete build published the new graph ({_n(k['count_after_final_build'])} served) and "
          f"removed what the killed builds had left (leftovers after it: {k['leftovers_after_final_build']}).\n")
        d = faults["full_and_read_only"]
        if "full_disk" in d:
            w(f"**Full disk**: a 4 MiB tmpfs (`mount -t tmpfs -o size=4m`, as root) holds a one-document build; "
              f"a two-document build then fails: exit {d['full_disk']['rc']}, "
              f"`` {d['full_disk']['message']} ``; the previous graph is intact, no partial build is left "
              f"({d['full_disk']['leftovers']}), and it is still served ({_n(d['full_disk']['served_after'])}). "
              f"**Read-only** (the same tmpfs remounted `ro`): exit {d['read_only']['rc']}, "
              f"`` {d['read_only']['message']} ``. **Not a folder** (LMSKG_HOME below a file): exit "
              f"{d['not_a_folder']['rc']}, `` {d['not_a_folder']['message']} ``.\n")
        b = faults["bad_documents"]
        w(f"**Corrupt documents**: the two shipped documents plus a truncated PubMed XML, random bytes as `.xml` "
          f"and `.txt`, an empty `.md` and a `.txt` cut inside a UTF-8 character: exit {b['rc']}, "
          f"`{b['summary'].split(':')[0]}`, one line each:\n")
        w("```")
        for line in b["errors"]:
            w(line.replace(str(Path(line.split(" ")[1]).parent), "docs") if " " in line else line)
        w("```\n")
        w("**Corrupt store at start** (`lmskg serve`):\n")
        w("| damage | exit | message |\n|---|---|---|")
        for name, r in faults["corrupt_store"]["cases"].items():
            w(f"| {name} | {r['rc']} | `` {r['message']} `` |")
        w("")
    if security:
        w("## Security\n")
        w(f"`python -m benchmarks.reliability security` ({security['date']}; a server with `LMSKG_UPDATE_TOKEN` "
          "set, so that updates and Graph Store writes are parsed). A loopback listener stands in for every "
          "remote address:\n")
        w("| attempt | status |\n|---|---|")
        for name, status in security["outbound_attempts"].items():
            w(f"| {name} | {status} |")
        pubmed = security["pubmed_build"]
        w(f"\nMeanwhile three PubMed XML documents naming the listener (an external entity, an external DTD, an "
          f"external parameter entity) were built: `{pubmed['stdout'].split(':')[0]}`; "
          f"{'; '.join(e.split('/')[-1] for e in pubmed['errors'])}. The listener saw "
          f"**{security['outbound_connections']} connections**. (A 200 above is a query over an unknown, hence "
          "empty, graph; 201 is RDF stored without resolving anything.) The server parses no SPARQL results "
          "XML (it only writes results); the XML it reads is RDF/XML sent to the Graph Store (Oxigraph's parser, "
          "which resolves no entity) and PubMed documents at build time (expat through ElementTree, which "
          "expands no external entity and stops entity amplification).\n")
        w("HTML pages (`Accept: text/html`):\n")
        w("| page | status | CSP | nosniff | Referrer-Policy |\n|---|---|---|---|---|")
        for page, h in security["html_pages"].items():
            w(f"| `{page}` | {h['status']} | {'yes' if h['csp'] else 'NO'} | {'yes' if h['nosniff'] else 'NO'} | "
              f"{'yes' if h['referrer'] else 'NO'} |")
        refusals = " and ".join(f"{v:g} ms" for v in security["token_refusal_timing"].values())
        w(f"\nThe update token appears {security['token_in_server_output']} times in the server's output; "
          f"refusing a wrong token takes {refusals} "
          "(medians of 300 each, no common prefix vs. all but the last character: `hmac.compare_digest`).\n")
        w("Inert HTML is checked in the suite (`tests/reliability/test_inert_html.py`, headless Chromium): a "
          "document holding `<script>`, `onerror`/`onload` handlers, `javascript:` links and an `iframe srcdoc` "
          "is built, and its document, graph and evidence pages run none of it and show it as text.\n")
    if DEFECTS.is_file():
        w(DEFECTS.read_text(encoding="utf-8").rstrip() + "\n")
    return "\n".join(out).rstrip() + "\n"


def write() -> Path:
    OUT.write_text(render(), encoding="utf-8")
    return OUT
