#!/usr/bin/env python3
"""Score the extraction with the official scorer and record the figures in docs/extraction-quality.md.

    make score                      # = .venv/bin/python scripts/score_extraction.py
    .venv/bin/python scripts/score_extraction.py --sets dev -v

Three sets of documents, each built on its own and scored by ``../shared/tools/score.py run``:

* ``seed``: the shipped seed documents (``../shared/corpus/seed``);
* ``tests``: the original test documents (``tests/data/documents``);
* ``dev``: the real development documents present in ``.corpus/`` (fetched as ``../shared/corpus/dev/README.md``
  says and checked against its ``SHA256SUMS``; a text whose sum differs is left out and named).

The page keeps its hand-written section "Remaining misses explained" between rewrites.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "tools" / "score.py"
DEV_GOLD = SHARED / "corpus" / "dev"
CORPUS = ROOT / ".corpus"
PAGE = ROOT / "docs" / "extraction-quality.md"
KEPT = re.compile(r"(<!-- explained -->.*?<!-- /explained -->)", re.S)
FACT_TYPES = ["publication field", "author", "case attribute", "lesion site", "finding", "treatment", "outcome",
              "cohort statistic"]


def documents(name: str) -> tuple[list[Path], list[Path], list[str]]:
    """(texts, gold files, problems) of one set."""
    if name == "seed":
        texts = sorted((SHARED / "corpus" / "seed").glob("*.txt"))
        return texts, [t.with_name(f"{t.stem}.gold.yaml") for t in texts], []
    if name == "tests":
        folder = ROOT / "tests" / "data" / "documents"
        texts = sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".xml")
                       and p.with_name(f"{p.stem}.gold.yaml").is_file())
        return texts, [t.with_name(f"{t.stem}.gold.yaml") for t in texts], []
    sums = {}
    for line in (DEV_GOLD / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, file = line.split()
        sums[file] = digest
    texts, problems = [], []
    for file, digest in sorted(sums.items()):
        path = CORPUS / file
        if not path.is_file():
            problems.append(f"{file}: not fetched")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            problems.append(f"{file}: its SHA-256 differs from SHA256SUMS (left out)")
        else:
            texts.append(path)
    return texts, [DEV_GOLD / f"{t.stem}.gold.yaml" for t in texts], problems


def run(texts: list[Path], gold: list[Path], python: Path) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "score.json"
        proc = subprocess.run([sys.executable, str(SCORER), "run", "--project", str(ROOT), "--python", str(python),
                               "--docs", *map(str, texts), "--gold", *map(str, gold), "--json", str(out)],
                              capture_output=True, text=True, check=False)
        if proc.returncode != 0 or not out.is_file():
            sys.exit(f"score.py failed (exit {proc.returncode}):\n{proc.stderr[-4000:]}")
        return json.loads(out.read_text(encoding="utf-8"))


def _row(name: str, block: dict) -> str:
    return (f"| {name} | {block['tp']} | {block['fp']} | {block['fn']} | {block['precision']:.3f} "
            f"| {block['recall']:.3f} | {block['f1']:.3f} |")


def render(results: dict[str, dict], problems: dict[str, list[str]], kept: str) -> str:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                            check=False).stdout.strip() or "unknown"
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True,
                           text=True, check=False).stdout.strip()
    lines = ["# Extraction quality", "",
             f"Measured {datetime.date.today().isoformat()} at commit `{commit}`"
             f"{' with uncommitted changes' if dirty else ''} by `make score` "
             "(`scripts/score_extraction.py`, which runs the official scorer `../shared/tools/score.py run` on each "
             "set of documents). Seed: the shipped documents; tests: the original test documents of "
             "`tests/data/documents`; dev: the real development documents of `../shared/corpus/dev` fetched into "
             "`.corpus/`.", ""]
    header = ["| | tp | fp | fn | P | R | F1 |", "|---|---:|---:|---:|---:|---:|---:|"]
    for name, result in results.items():
        lines += [f"## {name}: {result['docs']} documents", ""]
        for problem in problems.get(name, []):
            lines.append(f"- {problem}")
        if problems.get(name):
            lines.append("")
        lines += [*header, _row("**all facts**", result["overall"])]
        lines += [_row(t, result["by_type"][t]) for t in FACT_TYPES] + [""]
        lines += ["| document | tp | fp | fn | P | R | F1 |", "|---|---:|---:|---:|---:|---:|---:|"]
        lines += [_row(stem, doc["total"]) for stem, doc in result["documents"].items()] + [""]
    lines += ["## Every miss", "", "`FN` a curated fact no row gives, `FP` a row no curated fact supports.", ""]
    for name, result in results.items():
        for stem, doc in result["documents"].items():
            misses = [f"FN {x}" for x in doc["false_negatives"]] + [f"FP {x}" for x in doc["false_positives"]]
            if misses:
                lines += [f"### {name} / {stem}", "", *(f"- {_escape(m)}" for m in misses), ""]
    lines += ["## Remaining misses explained", "", kept, ""]
    return "\n".join(lines)


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", default="seed,tests,dev", help="comma-separated: seed, tests, dev")
    parser.add_argument("--python", type=Path, default=ROOT / ".venv" / "bin" / "python",
                        help="the python with lmskg installed")
    parser.add_argument("--no-write", action="store_true", help="print the figures, leave the page alone")
    args = parser.parse_args(argv)
    if not SCORER.is_file():
        sys.exit(f"{SCORER}: the official scorer is not there")
    results, problems = {}, {}
    for name in args.sets.split(","):
        texts, gold, problems[name] = documents(name.strip())
        for problem in problems[name]:
            print(f"{name}: {problem}", file=sys.stderr)
        if texts:
            results[name] = run(texts, gold, args.python)
            o = results[name]["overall"]
            print(f"{name:6} docs={results[name]['docs']:3}  P={o['precision']:.3f} R={o['recall']:.3f} "
                  f"F1={o['f1']:.3f}  tp={o['tp']} fp={o['fp']} fn={o['fn']}")
            for t in FACT_TYPES:
                b = results[name]["by_type"][t]
                print(f"        {t:18} P={b['precision']:.3f} R={b['recall']:.3f} tp={b['tp']} fp={b['fp']} "
                      f"fn={b['fn']}")
    if not args.no_write:
        old = PAGE.read_text(encoding="utf-8") if PAGE.is_file() else ""
        found = KEPT.search(old)
        kept = found.group(1) if found else "<!-- explained -->\n<!-- /explained -->"
        PAGE.write_text(render(results, problems, kept), encoding="utf-8")
        print(f"wrote {PAGE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
