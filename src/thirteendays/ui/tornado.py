"""``sweep --sensitivity --plot``: a tornado chart of the war share, drawn off-screen to a PNG.

One row per parameter, largest swing at the top: a bar from the baseline's war
share to the share with the parameter moved down (blue) and up (red).  When
both moves push the same way the longer bar is drawn first, so both stay
visible.  Parameters below the top rows are counted in the footer rather than
dropped silently.
"""

from __future__ import annotations

import math
from pathlib import Path

import pygame

from ..sim.sweep_report import SensitivityResult
from .app import init_pygame
from .theme import PALETTES
from .widgets.text import line_height, render, render_fit

ROWS = 20
ROW_H = 30


def _ticks(lo: float, hi: float, count: int = 6) -> list[float]:
    """Round tick values (in shares) covering [lo, hi]: steps of 1, 2 or 5 times a power of ten."""
    span = max(hi - lo, 1e-6)
    raw = span / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.ceil(lo / step) * step
    return [first + i * step for i in range(int((hi - first) / step + 1e-9) + 1)]


def plot_tornado(result: SensitivityResult, out: Path, rows: int = ROWS, width: int = 1400) -> Path:
    """Draw the chart to ``out`` (PNG) and return the path."""
    init_pygame(audio=False)
    p = PALETTES["classic"]
    shown = result.effective[:rows]
    pad, head = 30, 120
    height = head + max(1, len(shown)) * ROW_H + 110
    surface = pygame.Surface((width, height))
    surface.fill(p.paper)
    pct = round(result.plan.share * 100)
    pol = ", ".join(f"{s}={v}" for s, v in result.policies.items())
    title = f"{result.scenario.title}: what moves the war share (±{pct}% of each parameter)"
    surface.blit(render_fit(title, "title", 28, p.ink, width - 2 * pad), (pad, pad))
    base = result.baseline.war_share
    sub = (
        f"{result.runs:,} games a point, seed {result.seed}, {pol}; "
        f"baseline war share {base * 100:.2f}%; the same random numbers at every point"
    )
    y = pad + line_height("title", 28) + 4
    surface.blit(render_fit(sub, "body", 16, p.ink_soft, width - 2 * pad), (pad, y))
    y += 28
    _legend(surface, pad, y, pct, p)

    label_w = min(
        width // 2,
        24
        + max(
            [render("parameter", "body", 15, p.ink).get_width()]
            + [render(s.step.param.path, "body", 15, p.ink).get_width() for s in shown]
        ),
    )
    x0, x1 = pad + label_w, width - pad - 130
    values = [base] + [v for s in shown for v in (s.low.war_share, s.high.war_share)]
    lo, hi = min(values), max(values)
    margin = max((hi - lo) * 0.05, 0.002)
    lo, hi = max(0.0, lo - margin), min(1.0, hi + margin)

    def x_of(v: float) -> int:
        return x0 + round((v - lo) / (hi - lo) * (x1 - x0))

    top = head
    bottom = top + max(1, len(shown)) * ROW_H
    ticks = _ticks(lo, hi)
    decimals = 0 if len(ticks) < 2 or ticks[1] - ticks[0] >= 0.00999 else 1
    for t in ticks:
        x = x_of(t)
        pygame.draw.line(surface, p.paper_edge, (x, top - 4), (x, bottom), 1)
        label = render(f"{t * 100:.{decimals}f}%", "body", 14, p.ink_soft)
        surface.blit(label, (x - label.get_width() // 2, bottom + 6))
    for i, s in enumerate(shown):
        y = top + i * ROW_H
        surface.blit(render_fit(s.step.param.path, "body", 15, p.ink, label_w - 16), (pad, y + 6))
        bars = [(s.low.war_share, p.concede), (s.high.war_share, p.escalate)]
        bars.sort(key=lambda b: -abs(b[0] - base))  # the longer first, so the shorter stays visible
        for v, colour in bars:
            a, b = sorted((x_of(base), x_of(v)))
            pygame.draw.rect(surface, colour, (a, y + 5, max(1, b - a), ROW_H - 10))
        edge = max(x_of(s.low.war_share), x_of(s.high.war_share))
        a, b = sorted((s.low.war_share * 100, s.high.war_share * 100))
        places = 1 if b - a >= 1 else 2
        swing = render(f"{a:.{places}f}% to {b:.{places}f}%", "body", 13, p.ink_soft)
        surface.blit(swing, (min(edge + 6, width - pad - swing.get_width()), y + 8))
    xb = x_of(base)
    pygame.draw.line(surface, p.ink, (xb, top - 8), (xb, bottom), 2)
    y = bottom + 34
    surface.blit(render("war share", "body", 14, p.ink_soft), ((x0 + x1) // 2 - 30, bottom + 24))
    rest = len(result.effective) - len(shown)
    notes = []
    if rest:
        notes.append(f"{rest} more parameters with smaller swings")
    notes.append(f"{len(result.no_effect)} with no effect at all")
    if result.plan.zero:
        notes.append(f"{len(result.plan.zero)} at 0, so not moved")
    foot = f"{len(result.plan.steps)} parameters moved: " + "; ".join(notes) + " (full list: sweep --out)"
    surface.blit(render_fit(foot, "body", 15, p.ink, width - 2 * pad), (pad, y + 16))
    out.parent.mkdir(parents=True, exist_ok=True)
    pygame.image.save(surface, str(out))
    return out


def _legend(surface: pygame.Surface, x: int, y: int, pct: int, p) -> None:
    for colour, text in ((p.concede, f"parameter -{pct}%"), (p.escalate, f"parameter +{pct}%")):
        pygame.draw.rect(surface, colour, (x, y + 3, 18, 14))
        label = render(text, "body", 15, p.ink)
        surface.blit(label, (x + 24, y))
        x += 24 + label.get_width() + 24
    pygame.draw.line(surface, p.ink, (x, y), (x, y + 20), 2)
    surface.blit(render("baseline", "body", 15, p.ink), (x + 8, y))
