"""Build speed on the shipped documents: this checkout against an earlier revision, interleaved.

    python -m benchmarks.build_speed [--against REV] [--reps 7] [PATHS...]

Each repetition builds PATHS (default: graph_data/sources) once with this checkout's code and once with REV's
(checked out into a temporary git worktree and imported from there), alternately, each in a fresh interpreter
and a fresh home, so background noise hits both alike. The time measured is the ``build`` call alone (the
ontology load, extraction, serialisation and publishing of the graph), not the interpreter start. Prints the
medians and their ratio.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TIMER = """
import sys, time
from pathlib import Path
from lmskg.build import build
from lmskg.settings import Settings
home, paths = Path(sys.argv[1]), [Path(p) for p in sys.argv[2:]]
settings = Settings(home=home)
t = time.perf_counter()
build(paths, settings, progress=False)
print(time.perf_counter() - t)
"""


def once(src: Path, paths: list[Path]) -> float:
    with tempfile.TemporaryDirectory() as home:
        out = subprocess.run([sys.executable, "-c", TIMER, home, *map(str, paths)], check=True, text=True,
                             capture_output=True, env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"}, cwd=src.parent)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--against", default="HEAD~1", help="the earlier revision (default: HEAD~1)")
    parser.add_argument("--reps", type=int, default=7)
    parser.add_argument("paths", nargs="*", type=Path, default=[ROOT / "graph_data" / "sources"])
    args = parser.parse_args()
    paths = [p.resolve() for p in args.paths]
    missing = [p for p in paths if not p.exists()]
    if missing:
        sys.exit(f"build_speed: no such document or folder: {missing[0]}")
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "earlier"
        added = subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), args.against],
                               capture_output=True, text=True)
        if added.returncode != 0:
            sys.exit(f"build_speed: --against {args.against}: not a revision git can check out "
                     f"({added.stderr.strip().splitlines()[-1] if added.stderr.strip() else 'git failed'})")
        try:
            now, before = [], []
            for _ in range(args.reps):
                now.append(once(ROOT / "src", paths))
                before.append(once(tree / "src", paths))
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=True)
    a, b = statistics.median(before), statistics.median(now)
    print(f"| build of {', '.join(p.name for p in paths)} | median s ({args.reps} runs) |")
    print("|---|---:|")
    print(f"| {args.against} | {a:.3f} |")
    print(f"| this checkout | {b:.3f} |")
    print(f"| ratio (this / {args.against}) | {b / a:.2f} |")


if __name__ == "__main__":
    main()
