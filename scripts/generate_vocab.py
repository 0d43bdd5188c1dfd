"""Generate src/lmskg/vocab.py from ontology/lmskg.ttl.

Usage: python scripts/generate_vocab.py [--check]

With --check, exit 1 if the file on disk differs from what would be generated (used by the tests and CI).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from lmskg.ontology import render_vocab  # noqa: E402

TARGET = ROOT / "src" / "lmskg" / "vocab.py"
SOURCE = ROOT / "ontology" / "lmskg.ttl"


def main(argv: list[str]) -> int:
    text = render_vocab(SOURCE)
    if "--check" in argv:
        if not TARGET.is_file() or TARGET.read_text(encoding="utf-8") != text:
            print(f"{TARGET.relative_to(ROOT)} is out of date: run python scripts/generate_vocab.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
