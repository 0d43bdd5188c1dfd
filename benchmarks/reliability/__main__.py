"""The long reliability runs: ``.venv/bin/python -m benchmarks.reliability [CHECK ...]`` (or ``make reliability``).

Checks: fuzz, load, limits, faults, security (default: all). Each builds what it needs in a temporary folder,
serves it with ``lmskg serve`` on 127.0.0.1 only, stops every process it started, and writes its figures to
``benchmarks/reliability/results/<check>.json``; the exit code is 1 when any figure misses its target.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.reliability.harness import ROOT, build

CHECKS = ("fuzz", "load", "limits", "faults", "security")
SOURCES = ROOT / "graph_data" / "sources"


def served_home(work: Path) -> Path:
    """The shipped documents built into a fresh home: the graph `make serve` serves."""
    home = work / "home"
    build(home, SOURCES)
    return home


def passed(name: str, figures: dict[str, object]) -> bool:
    if name == "fuzz":
        return (figures["failure_count"] == 0 and figures["all_worker_checks_pass"]
                and figures["outbound_connections"] == 0 and int(str(figures["requests"])) >= 10_000)
    return bool(figures.get("passed"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.reliability", description=__doc__)
    parser.add_argument("checks", nargs="*", help=f"any of {', '.join(CHECKS)} (default: all), or report")
    parser.add_argument("--requests", type=int, default=10_000, help="fuzz requests (default 10,000)")
    parser.add_argument("--seconds", type=float, default=60.0, help="load duration per phase (default 60)")
    args = parser.parse_args(argv)
    if args.checks == ["report"]:
        from benchmarks.reliability.report import write

        print(write())
        return 0
    unknown = set(args.checks) - set(CHECKS)
    if unknown:
        parser.error(f"unknown check(s): {', '.join(sorted(unknown))}; choose from {', '.join(CHECKS)} or report")
    chosen = args.checks or list(CHECKS)
    work = Path(tempfile.mkdtemp(prefix="lmskg-reliability-"))
    ok = True
    try:
        home = served_home(work)
        for name in chosen:
            started = time.monotonic()
            print(f"== {name}", file=sys.stderr, flush=True)
            if name == "fuzz":
                from benchmarks.reliability import fuzz

                figures = fuzz.run(home, count=args.requests)
            elif name == "load":
                from benchmarks.reliability import load

                figures = load.run(home, seconds=args.seconds)
            elif name == "limits":
                from benchmarks.reliability import limits

                figures = limits.run(home)
            elif name == "faults":
                from benchmarks.reliability import faults

                figures = faults.run(work / "faults")
            else:
                from benchmarks.reliability import security

                figures = security.run(home)
            good = passed(name, figures)
            ok &= good
            summary = {k: v for k, v in figures.items() if k not in ("failures", "worker_checks", "raw_http")}
            print(json.dumps(summary, indent=1, default=str)[:4000], file=sys.stderr)
            print(f"== {name}: {'PASS' if good else 'FAIL'} in {time.monotonic() - started:.0f} s",
                  file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    from benchmarks.reliability.report import write

    print(f"figures written to {write()}", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
