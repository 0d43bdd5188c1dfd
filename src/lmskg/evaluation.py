"""Extraction judged by the official scorer: the table queries of a graph against curated ``*.gold.yaml`` files.

The scorer is ``shared/tools/score.py`` (every rule is in its docstring); this module only feeds it. It runs
the seven table queries on a store, serialises each result as CSV exactly as ``lmskg query --format csv``
does, reads the graph's exact synonyms and calls the scorer's own ``score_tables``, so the figures here are
the figures ``score.py run`` prints for the same graph.

The scorer is found at ``$LMSKG_SCORER`` or at ``../shared/tools/score.py`` beside the checkout.
"""

from __future__ import annotations

import importlib.util
import io
import os
import sys
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from types import ModuleType

import pyoxigraph as ox

from lmskg.errors import LmskgError

ROOT = Path(__file__).resolve().parents[2]
SCORER_ENV = "LMSKG_SCORER"
DEFAULT_SCORER = ROOT.parent / "shared" / "tools" / "score.py"
DEFAULT_TERMS = ROOT.parent / "shared" / "reference" / "terms.tsv"


def scorer_path() -> Path:
    """Where the official scorer is: ``$LMSKG_SCORER`` or ``../shared/tools/score.py``."""
    return Path(os.environ.get(SCORER_ENV) or DEFAULT_SCORER)


@lru_cache(maxsize=4)
def load_scorer(path: Path | None = None) -> ModuleType:
    """The scorer module, imported from its file; LmskgError when it is not there."""
    path = path or scorer_path()
    if not path.is_file():
        raise LmskgError(f"{path}: the official scorer is not there (set {SCORER_ENV} to its path)")
    spec = importlib.util.spec_from_file_location("lmskg_official_score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def table_rows(store: object, queries: Path, scorer: ModuleType | None = None) -> dict[str, list[dict]]:
    """The rows of every table query the scorer reads, parsed from their CSV serialisation."""
    scorer = scorer or load_scorer()
    tables = {}
    for name in scorer.TABLES:
        tables[name] = _csv_rows(store, (queries / f"{name}.rq").read_text(encoding="utf-8"), scorer)
    return tables


def synonyms(store: object, scorer: ModuleType | None = None) -> list[tuple[str, str]]:
    """Each (label, exact synonym) pair of the graph, as the scorer reads them (its rule 16)."""
    scorer = scorer or load_scorer()
    return [(r.get("label"), r.get("synonym")) for r in _csv_rows(store, scorer.SYNONYMS_QUERY, scorer)]


def score(store: object, gold: Sequence[Path], queries: Path, *, terms: Path = DEFAULT_TERMS) -> object:
    """The scorer's ``Result`` (per document and fact type tallies) of ``store`` against the ``gold`` files."""
    scorer = load_scorer()
    vocabulary = scorer.Terms(terms)
    vocabulary.add_own_synonyms(synonyms(store, scorer))
    gold_docs = [scorer.load_gold(path, vocabulary) for path in gold]
    return scorer.score_tables(gold_docs, table_rows(store, queries, scorer), vocabulary)


def counts(result: object) -> dict[str, dict[str, tuple[int, int, int]]]:
    """``{document: {fact type: (tp, fp, fn)}}`` of a scorer ``Result``, with the overall tally as ``"*"``."""
    scorer = load_scorer()
    out = {stem: {t: tuple(tally.counts[t]) for t in scorer.FACT_TYPES} for stem, tally in result.docs.items()}
    out["*"] = {t: tuple(result.overall.counts[t]) for t in scorer.FACT_TYPES}
    return out


def _csv_rows(store: object, sparql: str, scorer: ModuleType) -> list[dict]:
    buffer = io.BytesIO()
    results = store.query(sparql)                              # type: ignore[attr-defined]
    results.serialize(buffer, ox.QueryResultsFormat.CSV)
    _, rows = scorer.parse_csv_text(buffer.getvalue().decode("utf-8"))
    return rows
