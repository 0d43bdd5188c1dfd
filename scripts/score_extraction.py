#!/usr/bin/env python3
"""Build a graph from documents and print extraction precision and recall against their *.gold.yaml files.

    .venv/bin/python scripts/score_extraction.py tests/data/documents/*.txt graph_data/sources/*.txt
    .venv/bin/python scripts/score_extraction.py --details DIR_OR_FILES...

A document is scored only if a ``<name>.gold.yaml`` lies beside it. The graph is built in a temporary folder.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="+", type=Path, help="documents or folders of documents")
    parser.add_argument("--details", action="store_true", help="list every extra row and missed fact")
    args = parser.parse_args(argv)
    from lmskg.build import collect
    from lmskg.evaluation import evaluate

    documents = [p for p in collect(args.paths) if p.with_name(f"{p.name.rsplit('.', 1)[0]}.gold.yaml").is_file()]
    if not documents:
        print("no documents with a .gold.yaml beside them", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as home:
        report = evaluate(documents, Path(home))
    print(report.render(details=args.details))
    return 0


if __name__ == "__main__":
    sys.exit(main())
