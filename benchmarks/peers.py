"""The endpoints compared, each started on loopback from the same build, timed to its first answer, stopped.

| peer | what runs | reads |
|---|---|---|
| ``lmskg`` | ``lmskg serve`` | the build's home (``LMSKG_HOME``) |
| ``bare`` | :mod:`benchmarks.bare_endpoint`, Flask + waitress + in-memory pyoxigraph | ``graph.nq`` |
| ``oxigraph`` | ``oxigraph serve-read-only --union-default-graph`` | the build's on-disk store |
| ``virtuoso`` | ``virtuoso-t`` 7.2 (Debian), its own database, bulk-loaded | ``graph.nq`` |
| ``rdflib-endpoint`` | ``rdflib-endpoint serve`` (FastAPI + uvicorn + rdflib ``Dataset``) | ``graph.nq`` |
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

VENV_BIN = Path(sys.executable).parent
PING = "ASK { ?s ?p ?o }"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        for task in Path(f"/proc/{p}/task").glob("*"):
            with contextlib.suppress(OSError):
                todo += [int(c) for c in (task / "children").read_text().split()]
    return pids


def memory_mb(pid: int) -> tuple[float, float]:
    """(PSS, RSS) in MB summed over the process and its descendants; PSS shares pages fairly between them."""
    pss = rss = 0
    for p in _tree(pid):
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    pss += int(line.split()[1])
                elif line.startswith("Rss:"):
                    rss += int(line.split()[1])
        except OSError:
            pass
    return pss / 1024, rss / 1024


@dataclass
class Peer:
    name: str
    command: list[str]
    path: str = "/sparql"
    env: dict[str, str] = field(default_factory=dict)
    port: int = field(default_factory=free_port)
    log: Path | None = None
    proc: subprocess.Popen | None = None
    started: float = 0.0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{self.path}"

    def spawn(self) -> None:
        cmd = [c.replace("{port}", str(self.port)) for c in self.command]
        out = self.log.open("ab") if self.log else subprocess.DEVNULL
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(cmd, env={**os.environ, **self.env}, stdout=out, stderr=subprocess.STDOUT,
                                     start_new_session=True)

    def start(self, timeout: float) -> float:
        """Start and wait for the first answer to a query; returns the seconds that took."""
        self.spawn()
        return self.wait_ready(timeout)

    def wait_ready(self, timeout: float) -> float:
        deadline = time.perf_counter() + timeout
        url = f"{self.url}?{urlencode({'query': PING})}"
        while time.perf_counter() < deadline:
            if self.proc is not None and self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.proc.returncode} (log: {self.log})")
            try:
                req = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
                with urllib.request.urlopen(req, timeout=5) as response:
                    if response.status == 200:
                        response.read()
                        return time.perf_counter() - self.started
            except urllib.error.HTTPError as exc:
                if exc.code in (404, 405):
                    self.stop()
                    raise RuntimeError(f"{self.name}: {self.url} answers {exc.code}") from exc
            except OSError:
                pass
            time.sleep(0.02)
        self.stop()
        raise TimeoutError(f"{self.name} did not answer within {timeout:.0f} s (log: {self.log})")

    def memory(self) -> tuple[float, float]:
        return memory_mb(self.proc.pid) if self.proc else (0.0, 0.0)

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(5)


def lmskg(home: Path, log: Path) -> Peer:
    return Peer("lmskg", [str(VENV_BIN / "lmskg"), "serve", "--host", "127.0.0.1", "--port", "{port}"],
                env={"LMSKG_HOME": str(home)}, log=log)


def bare(graph: Path, log: Path) -> Peer:
    return Peer("bare", [sys.executable, "-m", "benchmarks.bare_endpoint", str(graph), "--port", "{port}"], log=log)


def oxigraph(store: Path, log: Path) -> Peer:
    return Peer("oxigraph", [str(VENV_BIN / "oxigraph"), "serve-read-only", "--location", str(store),
                             "--bind", "127.0.0.1:{port}", "--union-default-graph"], path="/query", log=log)


def rdflib_endpoint(graph: Path, log: Path) -> Peer:
    return Peer("rdflib-endpoint", [str(VENV_BIN / "rdflib-endpoint"), "serve", str(graph), "--host", "127.0.0.1",
                                    "--port", "{port}"], path="/", log=log)


VIRTUOSO_INI = """[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{isql}
DisableUnixSocket = 1
ServerThreads = 20
CheckpointInterval = 0
O_DIRECT = 0
CaseMode = 2
MaxStaticCursorRows = 5000
CheckpointAuditTrail = 0
AllowOSCalls = 0
SchedulerInterval = 10
DirsAllowed = ., {data}
ThreadCleanupInterval = 0
ThreadThreshold = 10
ResourcesCleanupInterval = 0
FreeTextBatchSize = 100000
SingleCPU = 0
PrefixResultNames = 0
RdfFreeTextRulesSize = 100
IndexTreeMaps = 256
MaxMemPoolSize = 200000000
MaxQueryMem = 2G
VectorSize = 1000
MaxVectorSize = 1000000
AdjustVectorSize = 0
ThreadsPerQuery = 2
AsyncQueueMaxThreads = 10
NumberOfBuffers = 340000
MaxDirtyBuffers = 250000

[HTTPServer]
ServerPort = 127.0.0.1:{port}
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
MaxClientConnections = 10
DavRoot = DAV
EnabledDavVSP = 0
HTTPProxyEnabled = 0
TempASPXDir = 0
MaxKeepAlives = 10
KeepAliveTimeout = 10
HTTPThreadSize = 280000
HttpPrintWarningsInOutput = 0
Charset = UTF-8
EnabledGzipContent = 0

[Client]
SQL_PREFETCH_ROWS = 100
SQL_PREFETCH_BYTES = 16000
SQL_QUERY_TIMEOUT = 0
SQL_TXN_TIMEOUT = 0

[SPARQL]
ResultSetMaxRows = 10000000
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime = 0
DefaultGraph =
"""


class Virtuoso(Peer):
    """Virtuoso 7.2 on its own database under ``work``; :meth:`load` bulk-loads the N-Quads once."""

    def __init__(self, work: Path, log: Path) -> None:
        super().__init__("virtuoso", [], log=log)
        self.db = work
        self.isql_port = free_port()
        self.db.mkdir(parents=True, exist_ok=True)

    def configure(self, data: Path) -> None:
        ini = self.db / "virtuoso.ini"
        ini.write_text(VIRTUOSO_INI.format(db=self.db, isql=self.isql_port, port=self.port, data=data))
        self.command = [shutil.which("virtuoso-t") or "virtuoso-t", "+foreground", "+configfile", str(ini)]

    def isql(self, sql: str, timeout: float) -> str:
        proc = subprocess.run([shutil.which("isql-vt") or "isql-vt", f"127.0.0.1:{self.isql_port}", "dba", "dba",
                               f"exec={sql}"], capture_output=True, text=True, timeout=timeout, check=False)
        if proc.returncode != 0 or "*** Error" in proc.stdout + proc.stderr:
            raise RuntimeError(f"isql {sql!r}: {proc.stdout[-400:]} {proc.stderr[-400:]}")
        return proc.stdout

    def load(self, graph: Path, timeout: float) -> float:
        """Bulk-load ``graph`` (N-Quads) and checkpoint; returns the seconds it took."""
        t0 = time.perf_counter()
        self.isql(f"ld_dir('{graph.parent}', '{graph.name}', 'urn:lmskg:default');", 60)
        self.isql("rdf_loader_run();", timeout)
        self.isql("checkpoint;", timeout)
        errors = self.isql("SELECT COUNT(*) FROM DB.DBA.LOAD_LIST WHERE ll_error IS NOT NULL;", 60)
        if errors.split() and "1" in errors.split()[-3:-2]:
            raise RuntimeError(f"virtuoso could not load {graph}")
        return time.perf_counter() - t0


def virtuoso_available() -> bool:
    return shutil.which("virtuoso-t") is not None and shutil.which("isql-vt") is not None
