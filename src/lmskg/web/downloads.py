"""Dumps of the whole graph (/download/) and the ontology release files (/download/ontology/)."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from flask import Blueprint, Response, current_app, render_template, send_file

from lmskg.errors import StoreError
from lmskg.web.common import pool
from lmskg.web.errors import NotFound

bp = Blueprint("downloads", __name__)

# file name → (export format, media type, description)
DUMPS: dict[str, tuple[str, str, str]] = {
    "lmskg.nq": ("nq", "application/n-quads", "N-Quads, with the named graphs (the canonical dump)"),
    "lmskg.trig": ("trig", "application/trig", "TriG, with the named graphs"),
    "lmskg.ttl": ("ttl", "text/turtle", "Turtle, the union of all graphs"),
    "lmskg.jsonld": ("jsonld", "application/ld+json", "JSON-LD, with the named graphs"),
    "lmskg.nt": ("nt", "application/n-triples", "N-Triples, the union of all graphs"),
    "lmskg.rdf": ("xml", "application/rdf+xml", "RDF/XML, the union of all graphs"),
}
RELEASE_TYPES = {
    ".ttl": "text/turtle", ".owl": "application/rdf+xml", ".rdf": "application/rdf+xml",
    ".jsonld": "application/ld+json", ".json": "application/json", ".nq": "application/n-quads",
    ".nt": "application/n-triples", ".obo": "text/plain", ".trig": "application/trig",
    ".tsv": "text/tab-separated-values",
    ".md": "text/markdown", ".txt": "text/plain", ".sssom.tsv": "text/tab-separated-values",
}
_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


def release_files() -> list[Path]:
    folder = Path(current_app.config["ONTOLOGY_RELEASE_DIR"])
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


@bp.route("/download/", methods=["GET", "HEAD"])
@bp.route("/download", methods=["GET", "HEAD"])
def index() -> str:
    return render_template("downloads.html", dumps=DUMPS, releases=[p.name for p in release_files()])


def _cached_dump(name: str) -> Path:
    fmt = DUMPS[name][0]
    build = Path(pool().build)
    folder = Path(current_app.config.get("EXPORT_DIR") or Path(current_app.config["HOME"]) / "exports") / build.name
    target = folder / name
    if target.is_file():
        return target
    graph = pool().graph_file() if pool().remote is not None else None
    with _locks_guard:
        lock = _locks.setdefault(str(target), threading.Lock())
    with lock:
        if not target.is_file():
            _export_in_subprocess(Path(current_app.config["HOME"]), fmt, target, graph)
    return target


EXPORT = "import sys; from pathlib import Path; from lmskg.commands.export import export_file; " \
         "export_file(Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]), " \
         "graph=Path(sys.argv[4]) if sys.argv[4:] else None)"


def _export_in_subprocess(home: Path, fmt: str, target: Path, graph: Path | None = None) -> None:
    """Write a dump in a fresh process: server processes are forked and must not open RocksDB themselves."""
    try:
        done = subprocess.run([sys.executable, "-c", EXPORT, str(home), fmt, str(target),
                               *([str(graph)] if graph else [])], capture_output=True,
                              text=True, timeout=3600, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as exc:
        raise StoreError(f"writing {target.name} took too long") from exc
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["unknown error"])[-1]
        raise StoreError(f"cannot write {target.name}: {last}")


@bp.route("/download/<name>", methods=["GET", "HEAD"])
def dump(name: str) -> Response:
    if name not in DUMPS:
        raise NotFound(f"no download named {name}; see /download/")
    path = pool().graph_file() if name == "lmskg.nq" else _cached_dump(name)
    response = send_file(path, mimetype=DUMPS[name][1], as_attachment=False, download_name=name,
                         conditional=True, max_age=300)
    response.headers["Content-Type"] = f"{DUMPS[name][1]}; charset=utf-8"
    return response


@bp.route("/download/ontology/<name>", methods=["GET", "HEAD"])
def release(name: str) -> Response:
    for path in release_files():
        if path.name == name:
            mimetype = next((t for ext, t in sorted(RELEASE_TYPES.items(), key=lambda kv: -len(kv[0]))
                             if name.endswith(ext)), "application/octet-stream")
            return send_file(path.resolve(), mimetype=mimetype, conditional=True, max_age=300)
    raise NotFound(f"no ontology release file named {name}; see /download/")
