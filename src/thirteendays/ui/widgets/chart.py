"""A line chart of the tracks over the days, with optional 10-90% bands."""

from __future__ import annotations

import numpy as np
import pygame

from .text import fit_width, line_height, render

SERIES = [
    (176, 58, 46),
    (46, 109, 164),
    (184, 124, 14),
    (110, 80, 160),
    (60, 140, 90),
    (90, 90, 90),
    (200, 90, 150),
    (30, 150, 160),
]
DASHES = [0, 6, 3, 9, 0, 4, 7, 2]


def draw_chart(
    surface: pygame.Surface,
    rect: pygame.Rect,
    series: dict[str, np.ndarray],
    ink,
    soft,
    size: int,
    *,
    bands: dict[str, tuple[np.ndarray, np.ndarray]] | None = None,
    x_labels: list[str] | None = None,
    title: str = "",
) -> None:
    """series: label -> values per day (0..1).  Lines differ in colour and in a marker shape."""
    top = rect.top
    if title:
        surface.blit(render(title, "bold", size, ink), (rect.left, top))
        top += line_height("bold", size) + 4
    top += line_height("body", size - 2) // 2 + 2  # the "100%" label is centred on the plot's top edge
    legend_h = line_height("body", size) * ((len(series) + 1) // 2) + 6
    plot = pygame.Rect(
        rect.left + int(size * 2.6),
        top,
        rect.width - int(size * 2.6),
        rect.bottom - top - legend_h - line_height("body", size) - 4,
    )
    if plot.width < 20 or plot.height < 20:
        return
    pygame.draw.rect(surface, soft, plot, width=1)
    for frac in (0.25, 0.5, 0.75):
        yy = plot.bottom - int(plot.height * frac)
        pygame.draw.line(surface, soft, (plot.left, yy), (plot.right, yy), 1)
    for frac in (0.0, 0.5, 1.0):
        lab = render(f"{int(frac * 100)}%", "body", size - 2, ink)
        surface.blit(
            lab,
            (plot.left - lab.get_width() - 4, plot.bottom - int(plot.height * frac) - lab.get_height() // 2),
        )
    # The x axis spans every labelled day; a series may stop early (a crisis that ended).
    n = max([len(v) for v in series.values()] + [len(x_labels or [])]) if series else 0
    if n < 2:
        return

    def point(i: int, v: float) -> tuple[int, int]:
        return (
            plot.left + int(plot.width * i / (n - 1)),
            plot.bottom - int(plot.height * float(np.clip(v, 0, 1))),
        )

    for k, (label, values) in enumerate(series.items()):
        colour = SERIES[k % len(SERIES)]
        if bands and label in bands:
            lo, hi = bands[label]
            poly = [point(i, v) for i, v in enumerate(hi)] + [
                point(i, v) for i, v in reversed(list(enumerate(lo)))
            ]
            band = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
            pygame.draw.polygon(band, (*colour, 50), poly)
            surface.blit(band, (0, 0))
        pts = [point(i, v) for i, v in enumerate(values)]
        pygame.draw.lines(surface, colour, False, pts, 3)
        for i, pt in enumerate(pts):
            _marker(surface, k, pt, colour, max(3, size // 4)) if i % 2 == 0 else None
    if x_labels:
        widest = max(render(lab, "body", size - 2, ink).get_width() for lab in x_labels) + 8
        step = max(1, -(-widest * (n - 1) // max(1, plot.width)))  # labels never overlap
        last_right = -(10**9)
        for i in range(0, len(x_labels), step):
            lab = render(x_labels[i], "body", size - 2, ink)
            x = point(i, 0)[0] - lab.get_width() // 2
            x = max(plot.left, min(x, plot.right - lab.get_width()))
            if x < last_right + 4:  # pushed in at the right edge onto its neighbour: leave it out
                continue
            surface.blit(lab, (x, plot.bottom + 2))
            last_right = x + lab.get_width()
    ly = rect.bottom - legend_h + 4
    col_w = rect.width // 2
    # One size for every label, the one the longest needs: a legend in mixed sizes looks broken.
    label_size = min(
        (fit_width(label, "body", size - 2, col_w - size * 2 - 10) for label in series), default=size
    )
    for k, label in enumerate(series):
        lx = rect.left + (k % 2) * col_w
        yy = ly + (k // 2) * line_height("body", size)
        colour = SERIES[k % len(SERIES)]
        pygame.draw.line(surface, colour, (lx, yy + size // 2), (lx + size * 2, yy + size // 2), 3)
        _marker(surface, k, (lx + size, yy + size // 2), colour, max(3, size // 4))
        surface.blit(render(label, "body", label_size, ink), (lx + size * 2 + 6, yy))


def _marker(surface: pygame.Surface, k: int, pt: tuple[int, int], colour, r: int) -> None:
    """Each series has its own marker shape, so lines are told apart without colour."""
    x, y = pt
    shape = k % 4
    if shape == 0:
        pygame.draw.circle(surface, colour, pt, r)
    elif shape == 1:
        pygame.draw.rect(surface, colour, pygame.Rect(x - r, y - r, 2 * r, 2 * r))
    elif shape == 2:
        pygame.draw.polygon(surface, colour, [(x, y - r - 1), (x + r + 1, y + r), (x - r - 1, y + r)])
    else:
        pygame.draw.polygon(surface, colour, [(x, y - r - 1), (x + r + 1, y), (x, y + r + 1), (x - r - 1, y)])
