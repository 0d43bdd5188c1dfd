"""The vertebral column as an SVG, C1 to the coccyx, in the ontology's next-vertebra order.

The order, the short names ("T3": the shortest label or exact synonym without a space) and the regions (the
label of each vertebra's direct class: "cervical vertebra", ...) are read from the ontology graph of the build
being served. A case's lesion levels are filled; the levels each procedure acted on are bars beside the column,
numbered by treatment step.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

RDFS = "http://www.w3.org/2000/01/rdf-schema#"
EXACT = "http://www.geneontology.org/formats/oboInOwl#hasExactSynonym"

ROW, GAP, TOP, LEFT = 14, 3, 16, 116  # vertebra height, gap between vertebrae, top margin, column's left edge
WIDEST, BAR, BAR_GAP = 72, 8, 6


@dataclass(frozen=True)
class Vertebra:
    iri: str
    name: str  # "T3"
    label: str  # "thoracic vertebra 3"
    region: str  # "thoracic vertebra"
    href: str | None = None


def column_order(pairs: Iterable[tuple[str, str]]) -> list[str]:
    """The vertebrae in column order from (vertebra, next vertebra) pairs, starting at the one nothing precedes.

    Raises ValueError when the pairs are not one chain (a vertebra with two successors, a loop, two heads).
    """
    following: dict[str, str] = {}
    for current, nxt in pairs:
        if following.setdefault(current, nxt) != nxt:
            raise ValueError(f"{current} has two next vertebrae")
    heads = set(following) - set(following.values())
    if not following:
        return []
    if len(heads) != 1:
        raise ValueError("the next-vertebra order is not a single chain")
    order = [heads.pop()]
    while order[-1] in following:
        if following[order[-1]] in order:
            raise ValueError("the next-vertebra order has a loop")
        order.append(following[order[-1]])
    if len(order) != len(following) + 1:
        raise ValueError("the next-vertebra order is not a single chain")
    return order


def short_name(label: str, synonyms: Iterable[str]) -> str:
    """The shortest of the label and the exact synonyms that holds no space: "T3" for thoracic vertebra 3."""
    names = [n for n in (label, *synonyms) if n and " " not in n]
    return min(names, key=lambda n: (len(n), n)) if names else label


def level_ranges(levels: Iterable[str | None], column: Sequence[tuple[str, str]]) -> str:
    """Vertebrae written as runs in column order: "C7–T5", "T3, T7–T8"; levels not in ``column`` are left out."""
    position = {v: i for i, (v, _) in enumerate(column)}
    runs = _runs(position[v] for v in levels if v in position)
    return ", ".join(column[a][1] if a == b else f"{column[a][1]}–{column[b][1]}" for a, b in runs)


def _runs(positions: Iterable[int]) -> list[tuple[int, int]]:
    """Consecutive positions as (first, last) runs."""
    runs: list[tuple[int, int]] = []
    for i in sorted(set(positions)):
        if runs and i == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


def _width(i: int, n: int) -> float:
    """Vertebrae widen down to the lumbar spine and narrow through the sacrum to the coccyx."""
    t = i / max(n - 1, 1)
    return round(WIDEST * (0.45 + 0.55 * (t / 0.75 if t <= 0.75 else (1 - t) / 0.25 * 0.9)), 1)


def draw(column: Sequence[Vertebra], lesions: set[str], treated: Sequence[tuple[str, str, Sequence[str]]],
         elsewhere: Sequence[tuple[str, str]], title: str = "Vertebral column") -> Markup:
    """The SVG: ``lesions`` filled, each of ``treated`` ((step number, name, levels)) a bar beside the levels it
    acted on with its step number above, ``elsewhere`` ((site, role)) named to the right. Every text is escaped."""
    n = len(column)
    y = {v.iri: TOP + i * (ROW + GAP) for i, v in enumerate(column)}
    position = {v.iri: i for i, v in enumerate(column)}
    bars_x = LEFT + WIDEST + 14
    notes_x = bars_x + max(len(treated), 1) * (BAR + BAR_GAP) + 16
    height, width = TOP + n * (ROW + GAP) + 40, max(notes_x + 190, LEFT + 360)  # room for the legend
    parts = [f'<svg class="spine" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>']
    for region, first, last in _regions(column):
        middle = (y[first] + y[last] + ROW) / 2
        parts.append(f'<line class="region" x1="{LEFT - 10}" y1="{y[first]}" x2="{LEFT - 10}" '
                     f'y2="{y[last] + ROW}"/><text class="region" x="{LEFT - 14}" y="{middle + 4}" '
                     f'text-anchor="end">{escape(region)}</text>')
    for i, v in enumerate(column):
        w = _width(i, n)
        x = LEFT + (WIDEST - w) / 2
        kind = "vertebra lesion" if v.iri in lesions else "vertebra"
        shape = (f'<rect class="{kind}" x="{x}" y="{y[v.iri]}" width="{w}" height="{ROW}" rx="4"/>'
                 f'<text class="level" x="{LEFT + WIDEST / 2}" y="{y[v.iri] + ROW - 3.5}" '
                 f'text-anchor="middle">{escape(v.name)}</text><title>{escape(v.label)}</title>')
        parts.append(f'<a href="{escape(v.href)}">{shape}</a>' if v.href else f"<g>{shape}</g>")
    for k, (step, name, levels) in enumerate(treated):
        x = bars_x + k * (BAR + BAR_GAP)
        for first, last in _runs(position[lv] for lv in levels if lv in position):
            top, bottom = y[column[first].iri], y[column[last].iri] + ROW
            parts.append(f'<rect class="treated" x="{x}" y="{top}" width="{BAR}" height="{bottom - top}" '
                         f'rx="2"><title>{escape(name)}</title></rect>')
        top = min((y[lv] for lv in levels if lv in y), default=None)
        if top is not None:
            parts.append(f'<text class="step" x="{x + BAR / 2}" y="{top - 3}" text-anchor="middle">'
                         f'{escape(step)}</text>')
    for k, (site, role) in enumerate(elsewhere):
        parts.append(f'<text class="elsewhere" x="{notes_x}" y="{TOP + 10 + k * 18}">'
                     f'{escape(site)} <tspan class="role">({escape(role)})</tspan></text>')
    legend = TOP + n * (ROW + GAP) + 14
    parts.append(f'<rect class="vertebra lesion" x="{LEFT - 60}" y="{legend}" width="14" height="10" rx="2"/>'
                 f'<text class="legend" x="{LEFT - 42}" y="{legend + 9}">lesion</text>'
                 f'<rect class="treated" x="{LEFT + 10}" y="{legend}" width="{BAR}" height="10" rx="2"/>'
                 f'<text class="legend" x="{LEFT + 22}" y="{legend + 9}">levels a procedure acted on '
                 '(numbered by treatment step)</text></svg>')
    return Markup("".join(parts))


def _regions(column: Sequence[Vertebra]) -> list[tuple[str, str, str]]:
    regions: list[tuple[str, str, str]] = []
    for v in column:
        if regions and regions[-1][0] == v.region:
            regions[-1] = (v.region, regions[-1][1], v.iri)
        else:
            regions.append((v.region, v.iri, v.iri))
    return regions


def column(term_base: str) -> list[Vertebra]:
    """The column of the build being served (empty when its ontology has no next-vertebra order)."""
    from lmskg.web.common import select
    from lmskg.web.links import href_for
    from lmskg.web.service import cached

    def compute() -> list[Vertebra]:
        pairs = select(f"SELECT DISTINCT ?v ?next WHERE {{ {{ ?v <{term_base}nextVertebra> ?next }} UNION "
                       f"{{ ?next <{term_base}previousVertebra> ?v }} FILTER(isIRI(?v) && isIRI(?next)) }}")
        try:
            order = column_order((r["v"]["value"], r["next"]["value"]) for r in pairs)
        except ValueError:
            return []
        if not order:
            return []
        values = " ".join(f"<{v}>" for v in order)
        rows = select(f"SELECT ?v ?label ?syn ?class ?classLabel WHERE {{ VALUES ?v {{ {values} }} "
                      f"OPTIONAL {{ ?v <{RDFS}label> ?label }} OPTIONAL {{ ?v <{EXACT}> ?syn }} "
                      f"OPTIONAL {{ ?v <{RDFS}subClassOf> ?class FILTER(isIRI(?class)) "
                      f"?class <{RDFS}label> ?classLabel }} }}")
        labels: dict[str, str] = {}
        synonyms: dict[str, set[str]] = {v: set() for v in order}
        classes: dict[str, tuple[str, str]] = {}
        for r in rows:
            v = r["v"]["value"]
            labels.setdefault(v, r.get("label", {}).get("value", v.rsplit("/", 1)[-1]))
            if "syn" in r:
                synonyms[v].add(r["syn"]["value"])
            if "class" in r:
                classes.setdefault(v, (r["class"]["value"], r["classLabel"]["value"]))
        shared = [c for c, _ in classes.values()]
        # A vertebra alone in its class (the coccyx, directly a vertebra) is its own region.
        return [Vertebra(v, short_name(labels[v], sorted(synonyms[v])), labels[v],
                         classes[v][1] if v in classes and shared.count(classes[v][0]) > 1 else labels[v],
                         href_for(v)) for v in order]

    return cached("vertebral-column", compute)  # type: ignore[no-any-return]
