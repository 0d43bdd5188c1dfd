"""A query past its time is answered at its deadline, however long its worker takes to exit."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from lmskg.store import publish
from lmskg.web.pool import QueryTimeout, WorkerPool
from lmskg.web.worker import QueryJob

GRAPH = Path(__file__).resolve().parents[1] / "web" / "data" / "graph.nq"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(f"?a{i} ?b{i} ?c{i} ." for i in range(12)) + " }"


def test_the_timeout_is_not_delayed_by_a_slow_worker_exit(tmp_path: Path) -> None:
    home = tmp_path / "home"
    publish(home, GRAPH)
    with WorkerPool(home, size=1, timeout=2.0, in_memory=False) as pool:
        assert pool.query(QueryJob("ASK {}")).ok  # the worker is up
        (worker,) = pool._all
        real_wait = worker.process.wait

        def slow_wait(timeout: float | None = None) -> int:  # an exit that takes 3 s (freeing a large heap)
            time.sleep(3.0)
            return real_wait(timeout)

        worker.process.wait = slow_wait  # type: ignore[method-assign]
        started = time.monotonic()
        try:
            pool.query(QueryJob(SLOW))
        except QueryTimeout:
            pass
        else:
            raise AssertionError("the query should have timed out")
        elapsed = time.monotonic() - started
        assert elapsed < 2.2, elapsed  # within 10% of the timeout
        assert worker not in pool._all and len(pool._all) == 1  # replaced
        assert pool.query(QueryJob("ASK {}"), timeout=30).ok


def test_a_replacement_worker_starting_slowly_does_not_time_out_the_next_query(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import subprocess

    from lmskg.web import pool as pool_module

    home = tmp_path / "home"
    publish(home, GRAPH)
    real_popen = subprocess.Popen

    def slow_start(args, **kwargs):  # type: ignore[no-untyped-def]
        # a busy machine: the replacement worker takes 1.5 s to start, longer than the 1 s query timeout
        return real_popen(["sh", "-c", 'sleep 1.5; exec "$0" "$@"', *args], **kwargs)

    with WorkerPool(home, size=1, timeout=1.0, in_memory=False) as pool:
        assert pool.query(QueryJob("ASK {}"), timeout=30).ok
        monkeypatch.setattr(pool_module.subprocess, "Popen", slow_start)
        with pytest.raises(QueryTimeout):
            pool.query(QueryJob(SLOW))
        started = time.monotonic()
        outcome = pool.query(QueryJob("ASK {}"))  # on the replacement, within the same 1 s limit
        assert outcome.ok, outcome
        assert time.monotonic() - started < 10
