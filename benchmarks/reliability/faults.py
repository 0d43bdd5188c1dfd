"""Faults during builds and at start, with a server running where it matters.

* ``kill -9`` of ``lmskg build`` at random moments (extraction, writing, publishing): the previous graph stays
  current, byte for byte, and the running server keeps answering from it; a later build reclaims the leftovers.
* A full disk (a 4 MiB tmpfs) and a read-only output location: one clear line, nothing lost.
* Corrupt and truncated documents: each named, the others built.
* A corrupt store at start: a clear message naming ``lmskg build``.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import time
from pathlib import Path

from benchmarks.reliability.harness import LMSKG, ONTOLOGY, ROOT, build, get, query_target, save, serve

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
DOCUMENTS = ROOT / "tests" / "data" / "documents"


def corpus(folder: Path, copies: int = 3) -> Path:
    """The shipped documents and the test documents, each also under a few other names: ~40 documents."""
    folder.mkdir(parents=True, exist_ok=True)
    originals = [*sorted((ROOT / "graph_data" / "sources").iterdir()),
                 *sorted(p for p in DOCUMENTS.iterdir() if p.suffix in (".txt", ".xml"))]
    for path in originals:
        for k in range(copies):
            shutil.copyfile(path, folder / (path.name if k == 0 else f"copy{k}-{path.name}"))
    return folder


def _env(home: Path) -> dict[str, str]:
    return {**os.environ, "LMSKG_HOME": str(home), "LMSKG_ONTOLOGY": str(ONTOLOGY)}


def _state(home: Path) -> tuple[str, str]:
    target = os.readlink(home / "current")
    return target, hashlib.sha256((home / "current" / "graph.nq").read_bytes()).hexdigest()


def _count(server) -> str:  # type: ignore[no-untyped-def]
    status, body, _, _ = get(server, query_target(COUNT, format="csv"), timeout=30)
    return f"{status}:{body.decode().split()[-1] if status == 200 else body[:80]!r}"


def _phase(home: Path, pid: int) -> str:
    """What the build with process id ``pid`` is doing, from the files it has made so far."""
    if list((home / "builds").glob(f".staging-{pid}-*")):
        return "publishing (copying, loading the store)"
    if (home / f".graph-{pid}.nq.tmp").exists():
        return "writing the N-Quads"
    return "reading and extracting"


def _leftovers(home: Path) -> list[str]:
    return sorted(p.name for p in [*home.iterdir(), *(home / "builds").iterdir()] if p.name.startswith("."))


def kill_during_build(work: Path, trials: int = 15, seed: int = 7) -> dict[str, object]:
    """Kill builds at random moments, and at moments chosen inside the writing and publishing phases.

    Each trial adds a document of its own, so that every build would publish a new graph.
    """
    docs = corpus(work / "docs")
    one = ROOT / "graph_data" / "sources" / "ojmn-2013-maimone-abstract.txt"
    home = work / "home"
    build(home, ROOT / "graph_data" / "sources")
    started = time.monotonic()
    full = build(work / "timing-home", docs, check=False)
    build_seconds = time.monotonic() - started
    rng = random.Random(seed)
    results: list[dict[str, object]] = []
    aims = ("anywhere", "writing the N-Quads", "publishing (copying, loading the store)")
    with serve(home, name="kill-server") as server:
        for trial in range(trials):
            shutil.copyfile(one, docs / f"trial-{trial}.txt")
            before_state, before_count = _state(home), _count(server)
            aim = aims[trial % len(aims)]
            process = subprocess.Popen([str(LMSKG), "build", "--no-progress", str(docs)], env=_env(home), cwd=ROOT,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
            t0 = time.monotonic()
            if aim == "anywhere":
                time.sleep(rng.uniform(0.3, build_seconds))
            else:
                while process.poll() is None and _phase(home, process.pid) != aim and time.monotonic() - t0 < 120:
                    time.sleep(0.005)
                time.sleep(rng.uniform(0.0, 0.25 if aim.startswith("publishing") else 0.02))
            phase = _phase(home, process.pid)
            finished_first = process.poll() is not None
            if not finished_first:
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
            killed_after = round(time.monotonic() - t0, 2)
            time.sleep(1.5)  # a server picks up a new build within a second
            state = _state(home)
            export = subprocess.run([str(LMSKG), "export", "--format", "nt", "--output", str(work / "x.nt")],
                                    env=_env(home), cwd=ROOT, capture_output=True, text=True, timeout=120)
            served = _count(server)
            results.append({
                "trial": trial + 1, "aim": aim, "killed_after_s": killed_after,
                "phase": "finished" if finished_first else phase, "build_had_finished": finished_first,
                "previous_graph_intact": finished_first or state == before_state,
                "served_before": before_count, "served_after": served,
                "served_unchanged": finished_first or served == before_count,
                "export_rc": export.returncode, "leftovers": _leftovers(home),
            })
        final = build(home, docs, check=False)
        time.sleep(1.5)
        after_count = _count(server)
        leftovers_after = _leftovers(home)
    killed = [r for r in results if not r["build_had_finished"]]
    return {
        "documents": len(list(docs.iterdir())), "full_build_seconds": round(build_seconds, 1),
        "full_build_rc": full.returncode, "trials": results, "killed": len(killed),
        "killed_by_phase": {p: sum(r["phase"] == p for r in killed) for p in sorted({str(r["phase"]) for r in killed})},
        "all_intact": all(r["previous_graph_intact"] and r["export_rc"] == 0 for r in results),
        "served_throughout": all(r["served_unchanged"] and str(r["served_after"]).startswith("200:") for r in results),
        "count_after_final_build": after_count, "final_build_rc": final.returncode,
        "leftovers_after_final_build": leftovers_after,
        "passed": all(r["previous_graph_intact"] and r["export_rc"] == 0 and r["served_unchanged"] for r in results)
        and final.returncode == 0 and not leftovers_after and len(killed) >= trials // 2,
    }


def _mount(target: Path, options: str) -> bool:
    target.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(target)], capture_output=True)
    return done.returncode == 0


def full_and_read_only(work: Path) -> dict[str, object]:
    one = ROOT / "graph_data" / "sources" / "ojmn-2013-maimone-abstract.txt"
    out: dict[str, object] = {}
    small = work / "small"
    if not _mount(small, "size=4m"):
        return {"skipped": "mount -t tmpfs is not permitted here", "passed": False}
    try:
        home = small / "home"
        build(home, one)
        before = _state(home)
        second = build(home, ROOT / "graph_data" / "sources", check=False)
        out["full_disk"] = {
            "filesystem": "tmpfs size=4m", "rc": second.returncode,
            "message": second.stderr.strip().splitlines()[-1] if second.stderr.strip() else "",
            "previous_graph_intact": _state(home) == before,
            "leftovers": sorted(p.name for p in [*home.iterdir(), *(home / "builds").iterdir()]
                                if p.name.startswith(".")),
        }
        with serve(home, name="full-disk-server") as server:
            out["full_disk"]["served_after"] = _count(server)  # type: ignore[index]
        subprocess.run(["mount", "-o", "remount,ro", str(small)], check=True)
        third = build(home, one, check=False)
        out["read_only"] = {"rc": third.returncode,
                            "message": third.stderr.strip().splitlines()[-1] if third.stderr.strip() else "",
                            "previous_graph_intact": _state(home) == before}
    finally:
        subprocess.run(["umount", "-l", str(small)], capture_output=True)
    blocker = work / "a-file"
    blocker.write_text("x")
    fourth = build(blocker / "home", one, check=False)
    out["not_a_folder"] = {"rc": fourth.returncode, "message": fourth.stderr.strip().splitlines()[-1]}
    full, ro = out["full_disk"], out["read_only"]
    out["passed"] = (full["rc"] == 1 and full["previous_graph_intact"] and not full["leftovers"]  # type: ignore[index]
                     and "No space left on device" in full["message"]  # type: ignore[index]
                     and ro["rc"] == 1 and ro["previous_graph_intact"]  # type: ignore[index]
                     and "Read-only file system" in ro["message"]  # type: ignore[index]
                     and fourth.returncode == 1 and "Traceback" not in fourth.stderr)
    return out


def bad_documents(work: Path) -> dict[str, object]:
    docs = work / "bad-docs"
    docs.mkdir(parents=True, exist_ok=True)
    for path in (ROOT / "graph_data" / "sources").iterdir():
        shutil.copyfile(path, docs / path.name)
    xml = (DOCUMENTS / "08_pubmed-lumbar-tes-and-review.xml").read_bytes()
    (docs / "truncated.xml").write_bytes(xml[: len(xml) // 3])
    (docs / "garbage.xml").write_bytes(os.urandom(4096))
    (docs / "binary.txt").write_bytes(os.urandom(4096))
    (docs / "empty.md").write_text("")
    (docs / "cut.txt").write_bytes("Leiomyosarcoma at T3\u2011".encode()[:-1])  # cut inside a character
    done = build(work / "bad-home", docs, check=False)
    errors = [line for line in done.stderr.splitlines() if line.startswith("Error: ")]
    named = {name: any(name in line for line in errors)
             for name in ("truncated.xml", "garbage.xml", "binary.txt", "empty.md", "cut.txt")}
    return {"rc": done.returncode, "errors": errors, "summary": done.stdout.strip(), "each_named": named,
            "passed": done.returncode == 1 and all(named.values()) and "Built 2 documents" in done.stdout
            and "Traceback" not in done.stderr}


def corrupt_store(work: Path) -> dict[str, object]:
    results: dict[str, object] = {}
    for name in ("store files garbled", "store folder removed", "graph file removed"):
        home = work / f"corrupt-{name.replace(' ', '-')}"
        build(home, ROOT / "graph_data" / "sources" / "ojmn-2013-maimone-abstract.txt")
        current = (home / "current").resolve()
        if name == "store files garbled":
            for path in (current / "store").rglob("*"):
                if path.is_file():
                    path.write_bytes(os.urandom(max(64, path.stat().st_size)))
        elif name == "store folder removed":
            shutil.rmtree(current / "store")
        else:
            (current / "graph.nq").unlink()
        done = subprocess.run([str(LMSKG), "serve", "--port", "0"], env=_env(home), cwd=ROOT, capture_output=True,
                              text=True, timeout=60)
        results[name] = {"rc": done.returncode, "message": done.stderr.strip().splitlines()[-1]}
    return {"cases": results, "passed": all(r["rc"] == 1 and r["message"].endswith("run `lmskg build` to rebuild it")
                                            for r in results.values())}  # type: ignore[index]


def run(work: Path) -> dict[str, object]:
    work.mkdir(parents=True, exist_ok=True)
    figures = {
        "kill_during_build": kill_during_build(work / "kill"),
        "full_and_read_only": full_and_read_only(work / "disk"),
        "bad_documents": bad_documents(work / "docs"),
        "corrupt_store": corrupt_store(work / "store"),
    }
    figures["passed"] = all(part["passed"] for part in figures.values())  # type: ignore[index]
    save("faults", figures)
    return figures
