"""What a build knows about itself: its triple and graph counts, written beside it when it is published.

``statistics.json`` in a build folder holds, counted when the build is published, the answers to a
whole-graph ``COUNT(*)`` over the union default graph and over ``GRAPH ?g``, and the number of triples of each
named graph. A build folder never changes once published (an update publishes a new one), and the file records
the size of the build's ``graph.nq``, so the counts are trusted only for the very graph they were taken of.

:func:`count_query` recognises exactly those two whole-graph queries, so that a server can answer them
from the file instead of scanning the graph, as Virtuoso does.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

STATISTICS_FILE = "statistics.json"
GRAPH_FILE = "graph.nq"

PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"


@dataclass(frozen=True, slots=True)
class Statistics:
    """``triples``: solutions of ``{ ?s ?p ?o }`` over the union default graph; ``quads``: of
    ``{ GRAPH ?g { ?s ?p ?o } }``; ``graphs``: triples per named graph; ``graph_bytes``: size of graph.nq."""

    triples: int
    quads: int
    graph_bytes: int
    graphs: dict[str, int] = field(default_factory=dict)


def compute(store: ox.Store, graph_file: Path) -> Statistics:
    """The counts of ``store`` (loaded from ``graph_file``) in one pass over its named graphs.

    The union default graph holds every quad, a triple in two graphs counted twice, as the engine evaluates
    it (tests compare the two), so its count is the named graphs' plus the stored default graph's.
    """
    graphs = {row["g"].value: int(row["n"].value)
              for row in store.query(PER_GRAPH, use_default_graph_as_union=True)}  # type: ignore[union-attr]
    quads = sum(graphs.values())
    default = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    return Statistics(quads + default, quads, graph_file.stat().st_size, graphs)


def write(build: Path, statistics: Statistics) -> None:
    data = {"triples": statistics.triples, "quads": statistics.quads, "graph_bytes": statistics.graph_bytes,
            "graphs": statistics.graphs}
    (build / STATISTICS_FILE).write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def read(build: Path) -> Statistics | None:
    """The statistics of ``build``; None when there are none or they were not taken of its graph.nq."""
    try:
        data = json.loads((build / STATISTICS_FILE).read_text(encoding="utf-8"))
        statistics = Statistics(int(data["triples"]), int(data["quads"]), int(data["graph_bytes"]),
                                {str(g): int(n) for g, n in data["graphs"].items()})
        size = (build / GRAPH_FILE).stat().st_size
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return statistics if size == statistics.graph_bytes else None


_COMMENTS = r"(?:\s|#[^\n]*(?:\n|$))*"
_PROLOGUE = rf"{_COMMENTS}(?:(?:PREFIX\s+[A-Za-z][\w.-]*:|PREFIX\s*:|BASE)\s*<[^<>\s]*>{_COMMENTS})*"
_VAR = r"[?$]([A-Za-z_][A-Za-z0-9_]*)"
_TRIPLE = rf"{_VAR}\s+{_VAR}\s+{_VAR}\s*\.?"
_SHAPE = re.compile(
    rf"{_PROLOGUE}SELECT\s*\(\s*COUNT\s*\(\s*\*\s*\)\s*AS\s*{_VAR}\s*\)\s*(?:WHERE\s*)?\{{\s*"
    rf"(?:{_TRIPLE}|GRAPH\s*{_VAR}\s*\{{\s*{_TRIPLE}\s*\}}\s*\.?)\s*\}}\s*",
    re.IGNORECASE,
)


def count_query(sparql: str, statistics: Statistics) -> str | None:
    """A constant query with the same answer as ``sparql`` when it is a whole-graph ``COUNT(*)``
    (over the union default graph, or over ``GRAPH ?g``) of the graph ``statistics`` were taken of; else None.
    """
    match = _SHAPE.fullmatch(sparql)
    if match is None:
        return None
    result, s, p, o, g, gs, gp, go = match.groups()
    pattern = [s, p, o] if g is None else [g, gs, gp, go]
    if len({result, *pattern}) != len(pattern) + 1:  # a repeated variable is a join; AS ?s an error
        return None
    total = statistics.triples if g is None else statistics.quads
    return f"SELECT ?{result} WHERE {{ VALUES ?{result} {{ {total} }} }}"
