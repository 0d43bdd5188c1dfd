"""Real triplestores on loopback, started and stopped by the tests: Oxigraph server (PyPI ``oxigraph``) and
Virtuoso 7 open source (Debian ``virtuoso-opensource``, installed by scripts/install-system-deps.sh). The
server processes come from benchmarks/peers.py, which the benchmarks start them with."""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import peers  # noqa: E402

SERVERS = ("oxigraph", "virtuoso")


@dataclass
class Server:
    """A running store: its query URL, update URL, the environment holding its credentials."""

    name: str
    peer: peers.Peer
    update_url: str
    env: dict[str, str]

    @property
    def url(self) -> str:
        return self.peer.url

    def restart(self) -> None:
        self.peer.stop()
        self.peer.start(60)


def oxigraph_server(folder: Path, port: int | None = None) -> peers.Peer:
    binary = shutil.which("oxigraph", path=str(peers.VENV_BIN)) or shutil.which("oxigraph")
    if binary is None:
        pytest.skip("Oxigraph server is not installed: pip install oxigraph (a test extra of lmskg)")
    peer = peers.Peer("oxigraph", [binary, "serve", "--location", str(folder / "store"),
                                   "--bind", "127.0.0.1:{port}", "--union-default-graph"],
                      path="/query", log=folder / "oxigraph.log")
    if port is not None:
        peer.port = port
    return peer


def start(name: str, folder: Path) -> Server:
    folder.mkdir(parents=True, exist_ok=True)
    if name == "oxigraph":
        peer = oxigraph_server(folder)
        peer.start(30)
        return Server(name, peer, f"http://127.0.0.1:{peer.port}/update", {})
    if not peers.virtuoso_available():
        pytest.skip("Virtuoso is not installed: run scripts/install-system-deps.sh (Debian virtuoso-opensource)")
    virtuoso = peers.Virtuoso(folder / "db", folder / "virtuoso.log")
    virtuoso.configure(folder)
    virtuoso.start(120)
    # a new Virtuoso database has the account dba/dba; /sparql-auth takes it by HTTP digest
    return Server(name, virtuoso, f"http://127.0.0.1:{virtuoso.port}/sparql-auth",
                  {"LMSKG_STORE_USER": "dba", "LMSKG_STORE_PASSWORD": "dba"})
