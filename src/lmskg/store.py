"""The graph store: built graphs published atomically under a home folder, opened for querying.

A build is published as a folder ``<home>/builds/<id>/`` holding ``graph.nq`` (the canonical N-Quads dump),
``store/`` (an on-disk Oxigraph store of the same quads) and ``statistics.json`` (its counts, see
:mod:`lmskg.statistics`). ``<home>/current`` is a symbolic link to the newest complete build, replaced in one
atomic rename, so a failed or interrupted build never touches the graph being served, and a server never reads
a folder a build is still writing.

Backends implement :class:`GraphStore`; :func:`open_store` returns the embedded Oxigraph one.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterator, Sequence
from contextlib import suppress
from pathlib import Path
from typing import IO, Protocol

import pyoxigraph as ox

from lmskg import statistics
from lmskg.errors import QueryError, StoreError

GRAPH_FILE = "graph.nq"
STORE_DIR = "store"
KEEP_BUILDS = 2


class GraphStore(Protocol):
    """What the rest of lmskg needs of a triplestore."""

    def query(
        self,
        sparql: str,
        *,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> object: ...

    def named_graphs(self) -> list[str]: ...

    def dump(self, output: IO[bytes] | Path, fmt: ox.RdfFormat, *, from_graph: str | None = None) -> None: ...

    def __len__(self) -> int: ...


class OxigraphStore:
    """An embedded Oxigraph store. Without dataset parameters a query sees the union of all named graphs."""

    def __init__(self, store: ox.Store) -> None:
        self._store = store

    @property
    def native(self) -> ox.Store:
        return self._store

    def query(
        self,
        sparql: str,
        *,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> object:
        options: dict[str, object] = {}
        if default_graph is not None:
            options["default_graph"] = [ox.NamedNode(iri) for iri in default_graph]
        else:
            options["use_default_graph_as_union"] = True
        if named_graphs is not None:
            options["named_graphs"] = [ox.NamedNode(iri) for iri in named_graphs]
        try:
            return self._store.query(sparql, **options)
        except SyntaxError as exc:
            raise QueryError(str(exc)) from exc

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def dump(self, output: IO[bytes] | Path, fmt: ox.RdfFormat, *, from_graph: str | None = None) -> None:
        if from_graph is not None:
            self._store.dump(output, fmt, from_graph=ox.NamedNode(from_graph))
        else:
            self._store.dump(output, fmt)

    def __len__(self) -> int:
        return len(self._store)


def current_build(home: Path) -> Path:
    """The folder of the newest complete build, or a StoreError saying how to make one."""
    link = home / "current"
    if not link.exists():
        raise StoreError(f"no graph has been built in {home}: run `lmskg build` first")
    build = link.resolve()
    if not (build / GRAPH_FILE).is_file():
        raise StoreError(f"the build in {build} is incomplete or corrupt: run `lmskg build` to rebuild it")
    return build


def open_store(home: Path, *, in_memory: bool = True) -> OxigraphStore:
    """Open the current build: loaded into memory (fastest scans) or read-only from disk (instant)."""
    build = current_build(home)
    try:
        if in_memory:
            store = ox.Store()
            store.bulk_load(path=str(build / GRAPH_FILE), format=ox.RdfFormat.N_QUADS)
        else:
            store = ox.Store.read_only(str(build / STORE_DIR))
    except (OSError, SyntaxError, ValueError, RuntimeError) as exc:  # RuntimeError: the store is corrupt
        raise StoreError(f"cannot open the graph in {build} ({exc}): run `lmskg build` to rebuild it") from exc
    return OxigraphStore(store)


def check_store(build: Path) -> None:
    """Open the on-disk store of ``build`` once; a StoreError naming the rebuild command when it cannot be read."""
    try:
        store = ox.Store.read_only(str(build / STORE_DIR))
        del store
    except (OSError, ValueError, RuntimeError) as exc:  # RuntimeError: "Corruption: ..."
        raise StoreError(f"the graph store in {build} is missing or corrupt ({exc}): "
                         "run `lmskg build` to rebuild it") from exc


def publish(home: Path, nquads: Path) -> Path:
    """Publish the N-Quads file ``nquads`` as the current build and return the build's folder.

    The file is copied into a fresh folder with an on-disk store beside it; only when both are complete
    does ``current`` switch to it, in one atomic rename. Older builds beyond the last few are removed.
    """
    builds = home / "builds"
    staging: Path | None = None
    try:
        builds.mkdir(parents=True, exist_ok=True)
        _remove_stale_staging(builds)  # space left by a build that was killed (it may be what filled the disk)
        build_id = _digest(nquads)
        final = builds / build_id
        if not (final / GRAPH_FILE).is_file():
            staging = builds / f".staging-{os.getpid()}-{build_id}"
            shutil.rmtree(staging, ignore_errors=True)
            staging.mkdir()
            shutil.copyfile(nquads, staging / GRAPH_FILE)
            disk = ox.Store(str(staging / STORE_DIR))
            disk.bulk_load(path=str(staging / GRAPH_FILE), format=ox.RdfFormat.N_QUADS)
            disk.flush()
            statistics.write(staging, statistics.compute(disk, staging / GRAPH_FILE))
            del disk
            _fsync_tree(staging)
            shutil.rmtree(final, ignore_errors=True)
            staging.rename(final)
            staging = None
        _point(home / "current", Path("builds") / build_id)
        _prune(builds, keep={build_id})
    except (OSError, RuntimeError) as exc:  # RuntimeError: the engine's own I/O errors
        if staging is not None:  # never leave a half-written build behind (on a full disk it keeps it full)
            shutil.rmtree(staging, ignore_errors=True)
        raise StoreError(f"cannot write the graph to {home}: {getattr(exc, 'strerror', None) or exc}") from exc
    return final


def _digest(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            sha.update(chunk)
    return sha.hexdigest()[:16]


def _point(link: Path, target: Path) -> None:
    tmp = link.with_name(f".{link.name}-{os.getpid()}")
    with suppress(FileNotFoundError):
        tmp.unlink()
    tmp.symlink_to(target)
    os.replace(tmp, link)


def _fsync_tree(folder: Path) -> None:
    for path in _walk_files(folder):
        with path.open("rb") as f:
            os.fsync(f.fileno())


def _walk_files(folder: Path) -> Iterator[Path]:
    for root, _, files in os.walk(folder):
        for name in files:
            yield Path(root) / name


def _prune(builds: Path, keep: set[str]) -> None:
    complete = sorted(
        (p for p in builds.iterdir() if p.is_dir() and not p.name.startswith(".")),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for old in complete[KEEP_BUILDS:]:
        if old.name not in keep:
            shutil.rmtree(old, ignore_errors=True)
    _remove_stale_staging(builds)


def _remove_stale_staging(builds: Path) -> None:
    """Remove what builds killed midway left: their staging folders and temporary N-Quads files."""
    for stale in builds.glob(".staging-*"):
        pid = stale.name.split("-")[1]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(stale, ignore_errors=True)
    for stale in builds.parent.glob(".graph-*.nq.tmp"):  # written by lmskg.build.write_and_publish
        pid = stale.name[len(".graph-"):-len(".nq.tmp")]
        if pid.isdigit() and not _alive(int(pid)):
            with suppress(OSError):
                stale.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
