"""Building a few documents written by a test and asking the shipped queries about them."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from lmskg.build import build
from lmskg.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def built(folder: Path, home: Path) -> tuple[ox.Store, list[str]]:
    """The graph built from every file in ``folder``, and the build's failures."""
    result = build([folder], Settings(home=home, sources=folder, ontology=ROOT / "ontology" / "lmskg.ttl"),
                   progress=False)
    store = ox.Store()
    store.bulk_load(path=str(result.path), format=ox.RdfFormat.N_QUADS)
    return store, result.failures


def rows(store: ox.Store, query_file: str) -> list[dict[str, str]]:
    """The rows of ``queries/<query_file>``, each a mapping of the bound variables to their values."""
    solutions = store.query((ROOT / "queries" / query_file).read_text(encoding="utf-8"),
                            use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    return [{n: s[n].value for n in names if s[n] is not None} for s in solutions]


def case_facts(store: ox.Store) -> dict[str, list[tuple[str, ...]]]:
    """What the case queries answer, without the IRIs that name the document: comparable across documents."""
    def strip(row: dict[str, str]) -> tuple[str, ...]:
        return tuple(sorted(f"{k}={v}" for k, v in row.items() if k not in ("case", "publication", "document",
                                                                            "evidence", "graph")))

    return {q: sorted(strip(r) for r in rows(store, q))
            for q in ("cases.rq", "case-lesions.rq", "case-findings.rq", "case-treatments.rq", "case-outcomes.rq")}
