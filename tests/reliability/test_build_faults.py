"""Build faults: bad documents are named and left out; an unwritable or full output location loses nothing."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from lmskg.cli import cli
from lmskg.errors import StoreError
from lmskg.store import current_build, publish

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "graph_data" / "sources"
ONE = SOURCES / "ojmn-2013-maimone-abstract.txt"
PUBMED = ROOT / "tests" / "data" / "documents" / "08_pubmed-lumbar-tes-and-review.xml"
SMALL = ROOT / "tests" / "web" / "data" / "graph.nq"


def env_for(home: Path) -> dict[str, str]:
    return {"LMSKG_HOME": str(home), "LMSKG_SOURCES": str(SOURCES),
            "LMSKG_ONTOLOGY": str(ROOT / "ontology" / "lmskg.ttl")}


def digest(home: Path) -> str:
    return hashlib.sha256((current_build(home) / "graph.nq").read_bytes()).hexdigest()


@pytest.mark.slow
def test_corrupt_and_truncated_documents_are_named_and_the_others_build(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copyfile(ONE, docs / ONE.name)
    text = PUBMED.read_bytes()
    (docs / "truncated.xml").write_bytes(text[: len(text) // 2])
    (docs / "no-records.xml").write_text("<?xml version='1.0'?><PubmedArticleSet></PubmedArticleSet>\n")
    (docs / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (docs / "cut-utf8.md").write_bytes("Leiomyosarcoma of T3 in a 52\u2011".encode()[:-1])
    (docs / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    result = runner.invoke(cli, ["build", "--no-progress", str(docs)], env=env_for(tmp_path / "home"))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    errors = sorted(line for line in result.output.splitlines() if line.startswith("Error: "))
    assert errors == sorted([
        f"Error: {docs / 'binary.txt'} line 2: not UTF-8 text (byte 0x80 at offset 128)",
        f"Error: {docs / 'cut-utf8.md'} line 1: not UTF-8 text (byte 0xe2 at offset 28)",
        f"Error: {docs / 'dangling.txt'}: no such file",
        f"Error: {docs / 'no-records.xml'}: no PubmedArticle record in this XML file",
        *[line for line in errors if line.startswith(f"Error: {docs / 'truncated.xml'} line ")],
    ])
    assert any("truncated.xml line" in line and "malformed XML" in line for line in errors)
    assert "Built 1 document, " in result.output
    assert "graph/ojmn-2013-maimone-abstract>" in (current_build(tmp_path / "home") / "graph.nq").read_text()


@pytest.mark.slow
def test_an_unwritable_output_location_is_one_clear_line(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n")
    result = runner.invoke(cli, ["build", "--no-progress", str(ONE)], env=env_for(blocker / "home"))
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == (
        f"Error: cannot write the graph to {blocker / 'home'}: Not a directory; the previous graph is unchanged")


def _mount_tmpfs(target: Path, options: str) -> bool:
    target.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(target)], capture_output=True)
    return done.returncode == 0


@contextmanager
def tmpfs(target: Path, options: str) -> Iterator[Path]:
    """A small tmpfs at ``target`` (needs root and permission to mount, as on the CI machine)."""
    if not _mount_tmpfs(target, options):
        pytest.skip("mounting a tmpfs needs root and CAP_SYS_ADMIN; the full-disk run in benchmarks/reliability "
                    "reports the same figures where this is allowed")
    try:
        yield target
    finally:
        subprocess.run(["umount", "-l", str(target)], capture_output=True, check=False)


@pytest.mark.slow
def test_a_full_disk_keeps_the_previous_graph_and_leaves_no_partial_build(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with tmpfs(tmp_path / "small", "size=4m") as mount:
        home = mount / "home"
        first = runner.invoke(cli, ["build", "--no-progress", str(ONE)], env=env_for(home))
        assert first.exit_code == 0, first.output
        before = digest(home)
        second = runner.invoke(cli, ["build", "--no-progress", str(SOURCES)], env=env_for(home))
        assert second.exit_code == 1
        assert "Traceback" not in second.output
        assert second.output.strip().splitlines()[-1] == (
            f"Error: cannot write the graph to {home}: No space left on device")
        assert digest(home) == before
        leftovers = [p.name for p in (home / "builds").iterdir() if p.name.startswith(".")]
        leftovers += [p.name for p in home.iterdir() if p.name.startswith(".graph-")]
        assert leftovers == []
        # once space is freed, the same build goes through
        subprocess.run(["mount", "-o", "remount,size=16m", str(mount)], check=True, capture_output=True)
        third = runner.invoke(cli, ["build", "--no-progress", str(SOURCES)], env=env_for(home))
        assert third.exit_code == 0, third.output
        assert digest(home) != before


def test_a_read_only_output_location_loses_nothing(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "ro", "size=8m") as mount:
        home = mount / "home"
        publish(home, SMALL)
        before = digest(home)
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True, capture_output=True)
        other = tmp_path / "other.nq"
        other.write_text(SMALL.read_text() + "<http://e/s> <http://e/p> <http://e/o> .\n")
        with pytest.raises(StoreError, match="Read-only file system"):
            publish(home, other)
        assert digest(home) == before


def test_space_left_by_a_killed_build_is_reclaimed(tmp_path: Path) -> None:
    home = tmp_path / "home"
    publish(home, SMALL)
    gone = max(2, os.getpid() + 4_000_000)  # beyond pid_max: certainly not running
    (home / "builds" / f".staging-{gone}-0123456789abcdef").mkdir()
    (home / "builds" / f".staging-{gone}-0123456789abcdef" / "graph.nq").write_text("partial")
    (home / f".graph-{gone}.nq.tmp").write_text("partial")
    mine = home / "builds" / f".staging-{os.getpid()}-fedcba9876543210"
    mine.mkdir()
    other = tmp_path / "other.nq"
    other.write_text(SMALL.read_text() + "<http://e/s> <http://e/p> <http://e/o> .\n")
    publish(home, other)
    assert sorted(p.name for p in (home / "builds").iterdir() if p.name.startswith(".")) == [mine.name]
    assert not list(home.glob(".graph-*"))
