"""Reporting for the W3C suites: the pass rate and every expected failure with its reason, after the run."""

from __future__ import annotations

import sys


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    module = sys.modules.get("test_w3c_query")
    summary = getattr(module, "SUMMARY", None) if module else None
    if not summary:
        return
    write = terminalreporter.write_line
    total, passed = summary["total"], summary["passed"]
    terminalreporter.section("W3C SPARQL 1.1 query evaluation")
    write(f"passed {passed} of {total} tests ({100 * passed / total:.1f}%)")
    expected = summary["expected"]
    failures = summary["failures"]
    reasons: dict[str, list[str]] = {}
    for test_id in sorted(failures):
        reasons.setdefault(expected.get(test_id, "UNEXPECTED: " + failures[test_id]), []).append(test_id)
    for reason, ids in reasons.items():
        write(f"{len(ids)} expected to fail: {reason}")
        write("    " + ", ".join(ids))
