"""The vertebral column picture and the level runs, from the next-vertebra order alone."""

from __future__ import annotations

import re

import pytest

from lmskg.web.spine import Vertebra, column_order, draw, level_ranges, short_name


def test_column_order_follows_the_chain_from_its_head() -> None:
    assert column_order([("T2", "T3"), ("T1", "T2"), ("C7", "T1")]) == ["C7", "T1", "T2", "T3"]
    assert column_order([]) == []


@pytest.mark.parametrize("pairs", [
    [("A", "B"), ("A", "C")],  # two successors
    [("A", "B"), ("B", "A")],  # a loop, no head
    [("A", "B"), ("C", "D")],  # two chains
])
def test_column_order_refuses_what_is_not_one_chain(pairs: list[tuple[str, str]]) -> None:
    with pytest.raises(ValueError):
        column_order(pairs)


def test_short_name_is_the_shortest_name_without_a_space() -> None:
    assert short_name("thoracic vertebra 3", ["T 3", "T3", "third thoracic vertebra"]) == "T3"
    assert short_name("cervical vertebra 1", ["C1", "atlas"]) == "C1"
    assert short_name("coccyx", ["tailbone", "coccygeal vertebrae"]) == "coccyx"


def test_level_ranges_writes_runs_in_column_order() -> None:
    column = [(f"v{i}", name) for i, name in enumerate(["C7", "T1", "T2", "T3", "T4", "T5"])]
    assert level_ranges(["v3", "v1", "v2"], column) == "T1–T3"
    assert level_ranges(["v5", "v0", "v3"], column) == "C7, T3, T5"
    assert level_ranges(["v9", "elsewhere"], column) == ""


def test_draw_escapes_every_text_and_marks_levels() -> None:
    column = [Vertebra(f"v{i}", f"L{i}", f"lumbar vertebra {i}", "lumbar vertebra", f"/term/L{i}") for i in range(1, 4)]
    svg = str(draw(column, {"v2"}, [("3", "<b>fusion</b>", ["v1", "v2"])], [("<i>brain</i>", "metastasis")]))
    assert "<b>" not in svg and "<i>" not in svg and "&lt;b&gt;fusion&lt;/b&gt;" in svg
    assert svg.count('class="vertebra lesion"') == 2  # the lesion and its legend swatch
    assert svg.count('<rect class="treated"') == 2  # one bar for the two adjacent levels, and the legend
    assert 'href="/term/L2"' in svg
    assert re.search(r'<text class="step" [^>]*>3</text>', svg)  # the bar carries its step number
