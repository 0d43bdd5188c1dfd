"""The command line: help, exit codes and one-line errors."""

from __future__ import annotations

import subprocess
import sys

from lmskg.cli import COMMANDS, cli


def test_help_lists_every_command(runner):
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert name in result.output


def test_every_command_has_help(runner):
    for name in COMMANDS:
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, (name, result.output)
        assert "Usage:" in result.output


def test_unknown_command_is_a_usage_error(runner):
    result = runner.invoke(cli, ["frobnicate"])
    assert result.exit_code == 2
    assert "No such command" in result.output


def test_query_without_a_build_fails_with_one_line(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "q.rq").write_text("SELECT * WHERE { ?s ?p ?o }")
    result = runner.invoke(cli, ["query", "q.rq"])
    assert result.exit_code == 1
    assert "lmskg build" in result.output
    assert "Traceback" not in result.output


def test_console_script_errors_have_no_traceback(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-c", "from lmskg.cli import main; main()", "query", "missing.rq"],
        cwd=tmp_path, capture_output=True, text=True,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "missing.rq" in proc.stderr
