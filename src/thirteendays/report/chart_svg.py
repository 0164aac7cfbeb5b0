"""The tracks over the days as an inline SVG.

A report must be one file that opens anywhere, prints cleanly and needs no
network and no scripts, so the chart is vector markup written into the page
rather than a picture that would need pygame (which lives only in ``ui/``) or a
file beside the page.  Lines differ in dash pattern as well as colour, so the
chart reads in greyscale print and for colour-blind readers.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

import numpy as np

# Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 2", "10 4", "4 4", "3 6")

WIDTH, HEIGHT = 760, 300
LEFT, RIGHT, TOP, BOTTOM = 44, 200, 14, 36


def tracks_svg(
    values: np.ndarray,
    labels: Sequence[str],
    day_labels: Sequence[str],
    *,
    ended_on: int | None = None,
    title: str = "The tracks, day by day",
) -> str:
    """An SVG line chart of ``values`` (D + 1, K) in [0, 1]; row 0 is the first morning.

    The x axis spans every labelled day; the lines stop at the last row of ``values``
    (a crisis that ended early has no values for the days it never reached).
    """
    days = max(values.shape[0], len(day_labels)) - 1
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day: float) -> float:
        return LEFT + plot_w * (day / max(days, 1))

    def y(value: float) -> float:
        return TOP + plot_h * (1.0 - float(np.clip(value, 0.0, 1.0)))

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="chart-title" class="chart">',
        f'<title id="chart-title">{escape(title)}</title>',
        f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="none" stroke="#999"/>',
    ]
    for tick in (0.25, 0.5, 0.75):
        parts.append(
            f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
            'stroke="#ddd" stroke-width="1"/>'
        )
    for tick in (0.0, 0.5, 1.0):
        label = f"{int(tick * 100)}%"
        at = f'x="{LEFT - 6}" y="{y(tick) + 4:.1f}"'
        parts.append(f'<text {at} text-anchor="end" class="axis">{label}</text>')
    step = max(1, days // 7)
    for day in range(0, days + 1, step):
        label = day_labels[day] if day < len(day_labels) else str(day)
        parts.append(
            f'<text x="{x(day):.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" class="axis">'
            f"{escape(label)}</text>"
        )
    if ended_on is not None and 0 < ended_on < days:
        parts.append(
            f'<line x1="{x(ended_on):.1f}" x2="{x(ended_on):.1f}" y1="{TOP}" y2="{TOP + plot_h}" '
            'stroke="#900" stroke-dasharray="3 3"/>'
            f'<text x="{x(ended_on) + 4:.1f}" y="{TOP + 12}" class="axis">ended</text>'
        )
    last = min(values.shape[0] - 1, days if ended_on is None else max(1, ended_on))
    for k, label in enumerate(labels):
        colour, dash = COLOURS[k % len(COLOURS)], DASHES[k % len(DASHES)]
        points = " ".join(f"{x(d):.1f},{y(values[d, k]):.1f}" for d in range(last + 1))
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"{dash_attr}>'
            f"<title>{escape(label)}: {round(float(values[last, k]) * 100)}% at the end</title></polyline>"
        )
        ly = TOP + 10 + k * 18
        parts.append(
            f'<line x1="{WIDTH - RIGHT + 12}" x2="{WIDTH - RIGHT + 36}" y1="{ly}" y2="{ly}" '
            f'stroke="{colour}" stroke-width="2"{dash_attr}/>'
            f'<text x="{WIDTH - RIGHT + 42}" y="{ly + 4}" class="legend">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
