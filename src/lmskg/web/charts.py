"""Bar charts drawn as SVG on the server: one labelled bar per row, each bar a link to what it counts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

ROW, BAR_WIDTH, CHARACTER = 18, 300, 6.2  # CHARACTER: the width of a label's character at 11px, roughly


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    href: str | None = None


def bar_chart(bars: Sequence[Bar], title: str) -> Markup:
    """Horizontal bars scaled to the largest value, each with its label and count; every text is escaped."""
    top = max((b.value for b in bars), default=0) or 1
    height = len(bars) * ROW + 4
    label_width = round(max((len(b.label) for b in bars), default=0) * CHARACTER) + 12
    parts = [f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {label_width + BAR_WIDTH + 40} '
             f'{height}" role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>']
    for i, bar in enumerate(bars):
        y = i * ROW + 2
        width = round(BAR_WIDTH * bar.value / top, 1)
        shape = (f'<text class="label" x="{label_width - 6}" y="{y + 12}" text-anchor="end">{escape(bar.label)}</text>'
                 f'<rect class="bar{" empty" if not bar.value else ""}" x="{label_width}" y="{y}" '
                 f'width="{max(width, 1)}" height="{ROW - 4}"/>'
                 f'<text class="count" x="{label_width + max(width, 1) + 4}" y="{y + 12}">{bar.value}</text>'
                 f'<title>{escape(bar.label)}: {bar.value}</title>')
        parts.append(f'<a class="bar" href="{escape(bar.href)}">{shape}</a>' if bar.href and bar.value
                     else f"<g>{shape}</g>")
    parts.append("</svg>")
    return Markup("".join(parts))
