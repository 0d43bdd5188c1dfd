"""The pool of query worker processes, without Flask."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from lmskg.errors import QueryError, StoreError
from lmskg.store import publish
from lmskg.web.pool import QueryTimeout, WorkerPool
from lmskg.web.worker import QueryJob, count_rows

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(f"?a{i} ?b{i} ?c{i} ." for i in range(12)) + " }"


def ask(pool: WorkerPool, sparql: str) -> bool:
    return json.loads(pool.query(QueryJob(sparql)).body)["boolean"]


def test_a_new_build_is_served_by_the_next_query(graph_home: Path, tmp_path: Path) -> None:
    with WorkerPool(graph_home, size=2, timeout=10) as pool:
        assert not ask(pool, "ASK { <http://example.org/new> ?p ?o }")
        source = tmp_path / "next.nq"
        source.write_text('<http://example.org/new> <http://example.org/p> "1" <http://example.org/g> .\n')
        publish(graph_home, source)
        assert all(ask(pool, "ASK { <http://example.org/new> ?p ?o }") for _ in range(4))  # every worker


def test_timeout_kills_only_the_busy_worker(graph_home: Path) -> None:
    with WorkerPool(graph_home, size=2, timeout=1) as pool:
        results: list[object] = []

        def slow() -> None:
            try:
                pool.query(QueryJob(SLOW))
            except QueryTimeout as exc:
                results.append(exc)

        thread = threading.Thread(target=slow)
        thread.start()
        assert ask(pool, "ASK {}")  # the other worker answers meanwhile
        thread.join(timeout=20)
        assert len(results) == 1 and "did not finish within 1 seconds" in str(results[0])
        assert len(pool._all) == 2
        assert ask(pool, "ASK {}")


def test_update_is_published_and_a_bad_one_changes_nothing(graph_home: Path) -> None:
    with WorkerPool(graph_home, size=1, timeout=10) as pool:
        before = (graph_home / "current").resolve()
        with pytest.raises(QueryError):
            pool.update("INSERT DATA { <a> }")
        assert (graph_home / "current").resolve() == before
        folder = pool.update("INSERT DATA { GRAPH <http://g> { <http://s> <http://p> <http://o> } }")
        assert (graph_home / "current").resolve() == folder.resolve() != before
        assert ask(pool, "ASK { GRAPH <http://g> { <http://s> ?p ?o } }")


def test_no_graph_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="lmskg build"):
        WorkerPool(tmp_path / "nothing", size=1)


@pytest.mark.parametrize(("fmt", "body", "rows"), [
    ("json", b'{"head":{"vars":["a"]},"results":{"bindings":[]}}', 0),
    ("json", b'{"head":{"vars":[]},"results":{"bindings":[{}]}}', 1),
    ("json", b'{"head":{"vars":["a"]},"results":{"bindings":[{"a":{"type":"literal","value":"},{"}},{}]}}', 2),
    ("xml", b"<sparql><results><result><binding/></result><result/></results></sparql>", 2),
    ("tsv", b"?a\n\"x\"\n\"y\"\n", 2),
    ("csv", b'a\r\n"line\r\nbreak"\r\nb\r\n', 2),
    ("csv", b"a\r\n", 0),
])
def test_count_rows(fmt: str, body: bytes, rows: int) -> None:
    assert count_rows(body, fmt) == rows


def test_a_worker_answers_from_disk_at_once_then_switches_to_memory(graph_home: Path) -> None:
    import time

    import pyoxigraph as ox

    from lmskg.store import current_build
    from lmskg.web.worker import Holder, evaluate

    holder = Holder(in_memory=True)
    build = str(current_build(graph_home))
    first = holder.use(build)  # returns at once: the on-disk store, read-only
    assert json.loads(evaluate(first, QueryJob("ASK { ?s ?p ?o }")).body)["boolean"] is True
    with pytest.raises((OSError, RuntimeError), match="read"):
        first.update("INSERT DATA { <http://a> <http://b> <http://c> }")  # read-only: it is the disk store
    deadline = time.monotonic() + 30
    while holder.store is first and time.monotonic() < deadline:
        time.sleep(0.05)
    memory = holder.use(build)
    assert memory is not first  # the in-memory copy took over once loaded
    memory.update("INSERT DATA { <http://a> <http://b> <http://c> }")  # writable: a private in-memory copy
    assert isinstance(memory, ox.Store) and len(memory) == len(first) + 1
