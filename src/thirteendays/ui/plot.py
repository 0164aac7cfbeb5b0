"""``simulate --plot``: ending shares and per-day track bands, drawn off-screen to a PNG."""

from __future__ import annotations

from pathlib import Path

import pygame

from ..play.dates import day_dates_short
from ..scenario.model import Scenario
from ..sim.montecarlo import Summary
from .app import init_pygame
from .theme import PALETTES, ending_colour
from .widgets.chart import draw_chart
from .widgets.text import line_height, render


def plot_summary(
    summary: Summary, scenario: Scenario, out: Path, size: tuple[int, int] = (1400, 900)
) -> Path:
    init_pygame(audio=False)  # a picture needs no sound card
    p = PALETTES["classic"]
    w, h = size
    surface = pygame.Surface(size)
    surface.fill(p.paper)
    pad = 30
    title = f"{scenario.title}: {summary.runs:,} games, " + ", ".join(
        f"{k}={v}" for k, v in summary.policies.items()
    )
    surface.blit(render(title, "title", 30, p.ink), (pad, pad))
    y = pad + line_height("title", 30) + 10
    # Ending shares as horizontal bars with their 95% intervals.
    shares = summary.shares()
    titles = {e.id: e.title for e in scenario.endings}
    colours = {e.id: ending_colour(p, e.kind) for e in scenario.endings}
    bar_w = w // 2 - 2 * pad
    label_w = 16 + max(render(titles[e], "body", 16, p.ink).get_width() for e in shares)
    row = 34
    surface.blit(render("Share of each ending (95% interval)", "bold", 18, p.ink), (pad, y))
    y += 30
    for eid, (share, lo, hi) in sorted(shares.items(), key=lambda kv: -kv[1][0]):
        surface.blit(render(titles[eid], "body", 16, p.ink), (pad, y + 6))
        x0 = pad + label_w
        span = bar_w - label_w - 70
        pygame.draw.rect(surface, p.paper_edge, (x0, y + 6, span, row - 12), 1)
        pygame.draw.rect(
            surface,
            colours[eid],
            (x0, y + 6, int(span * share), row - 12),
        )
        pygame.draw.line(
            surface, p.ink, (x0 + int(span * lo), y + row // 2), (x0 + int(span * hi), y + row // 2), 2
        )
        surface.blit(render(f"{share * 100:5.1f}%", "bold", 16, p.ink), (x0 + span + 8, y + 6))
        y += row
    # Track bands: median and 10-90%.
    bands = summary.bands()
    series, band = {}, {}
    for k, tid in enumerate(summary.track_ids):
        label = scenario.tracks[tid].label
        if bands is not None:
            series[label] = bands[1, :, k]
            band[label] = (bands[0, :, k], bands[2, :, k])
        else:
            series[label] = summary.track_means()[:, k]
    labels = ["start"] + [day_dates_short(scenario, d) for d in range(1, scenario.days + 1)]
    draw_chart(
        surface,
        pygame.Rect(w // 2, pad + 60, w // 2 - pad, h - pad - 70),
        series,
        p.ink,
        p.paper_edge,
        15,
        bands=band or None,
        x_labels=labels,
        title="Tracks by day: median, 10-90% band",
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    pygame.image.save(surface, str(out))
    return out
