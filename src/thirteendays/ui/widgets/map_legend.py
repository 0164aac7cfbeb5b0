"""The map's legend: what is visible, drawn as it is on the map, beside the map rather than on it.

A legend over the map hides what the map is for (at 1024×640 with large text it covered
Cuba), so it gets its own strip below the map or its own column to the right, whichever
leaves the map larger.  It lists only layers that actually reach the drawn area (a range
ring wider than the panel is not on the map, whatever the scenario says), and each row's
swatch is drawn by the same code as the layer: a tank is a tank, a gate a gate.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import pygame

from ...play.map_layers import ShownLayer, ShownPanel
from ..theme import Palette
from .map_marks import _circle, _dashed, _head, _ship, _symbol, along, colour_of
from .map_panel import Frame, _where
from .text import line_height, render, wrap

SAMPLES = 16  # points tried along each segment when asking whether a line crosses the panel
MIN_SHARE = 0.8  # a layout whose text must shrink below this share of the wanted size is a last resort


@dataclass(frozen=True)
class LegendRow:
    shown: ShownLayer
    text: str


@dataclass(frozen=True)
class LegendLayout:
    map: pygame.Rect  # where the map goes
    box: pygame.Rect | None  # where the legend goes; None: nothing to list
    size: int  # the legend's text size
    columns: int


def _samples(frame: Frame, panel: ShownPanel, shown: ShownLayer) -> list[tuple[float, float]]:
    """Pixel points the layer draws, dense enough to tell whether it reaches a rectangle."""
    layer, view = shown.layer, panel.view
    pts = [frame(*_where(view, w)) for w in layer.points]
    if layer.draw == "ring":
        return [
            frame(x, y)
            for lon, lat in (_where(view, w) for w in layer.points)
            for x, y in _circle(lon, lat, layer.radius_nm)
        ]
    if layer.draw == "ships":
        return [along(pts, shown.at)[0]] if len(pts) > 1 else list(pts)
    if layer.draw in ("line", "route", "arrow", "area"):
        ring = [*pts, pts[0]] if layer.draw == "area" else pts
        out = list(pts)
        for (ax, ay), (bx, by) in itertools.pairwise(ring):
            out += [(ax + (bx - ax) * i / SAMPLES, ay + (by - ay) * i / SAMPLES) for i in range(1, SAMPLES)]
        return out
    return list(pts)


def visible_rows(placed: list[tuple[ShownPanel, pygame.Rect]]) -> list[LegendRow]:
    """The legend: layers with a legend line that show somewhere in the drawn area, once each.

    ``placed`` is each panel with the rectangle it is drawn in, the main map first; what an
    inset covers of the main map is not visible there.
    """
    rows: list[LegendRow] = []
    seen: set[str] = set()
    for i, (panel, rect) in enumerate(placed):
        covered = [r for _, r in placed[i + 1 :]] if i == 0 else []
        frame = Frame(rect, panel.view)
        for shown in panel.layers:
            text = shown.layer.legend
            if not text or text in seen:
                continue
            if any(
                rect.collidepoint(x, y) and not any(c.collidepoint(x, y) for c in covered)
                for x, y in _samples(frame, panel, shown)
            ):
                seen.add(text)
                rows.append(LegendRow(shown, text))
    return rows


def _swatch_w(size: int) -> int:
    return line_height("body", size) * 2


def _row_lines(rows: list[LegendRow], size: int, col_w: int) -> list[list[str]] | None:
    """Each row's text wrapped beside its swatch in a column ``col_w`` wide (None: too narrow)."""
    room = col_w - _swatch_w(size) - 12
    if room < 40:
        return None
    return [wrap(r.text, "body", size, room) for r in rows]


def _height(lines: list[list[str]], size: int, columns: int, pad: int) -> int:
    """The box's height with the rows filled down the columns in order."""
    per_col = math.ceil(len(lines) / columns)
    lh = line_height("body", size)
    return (
        max(sum(len(x) for x in lines[c * per_col : (c + 1) * per_col]) for c in range(columns)) * lh
        + 2 * pad
    )


def layout_legend(rect: pygame.Rect, rows: list[LegendRow], size: int, s: float, view) -> LegendLayout:
    """Below the map (in one to three columns) or to its right: the placement that leaves the
    map the larger scale.

    Rows wrap beside their swatches; text shrinks only as far as it must for the legend to
    fit (half the height below the map, the whole height beside it), and a placement whose
    text would shrink below ``MIN_SHARE`` of the wanted size is taken only if no other fits.
    """
    if not rows:
        return LegendLayout(rect, None, size, 1)
    gap, pad = int(8 * s), int(8 * s)
    options = []  # (text size, map rect, legend box, columns)
    for columns in (1, 2, 3):
        col_w = (rect.width - 2 * pad - (columns - 1) * gap) // columns
        for fitted in range(size, 8, -1):
            lines = _row_lines(rows, fitted, col_w)
            if lines is not None and (height := _height(lines, fitted, columns, pad)) <= rect.height // 2:
                box = pygame.Rect(rect.left, rect.bottom - height, rect.width, height)
                map_rect = pygame.Rect(rect.left, rect.top, rect.width, rect.height - height - gap)
                options.append((fitted, map_rect, box, columns))
                break
    widest = max(render(r.text, "body", size, (0, 0, 0)).get_width() for r in rows)
    width = min(int(rect.width * 0.36), widest + _swatch_w(size) + 3 * pad)
    for fitted in range(size, 8, -1):
        lines = _row_lines(rows, fitted, width - 2 * pad)
        if lines is not None and (height := _height(lines, fitted, 1, pad)) <= rect.height:
            box = pygame.Rect(rect.right - width, rect.top, width, height)
            map_rect = pygame.Rect(rect.left, rect.top, rect.width - width - gap, rect.height)
            options.append((fitted, map_rect, box, 1))
            break
    if not options:  # a window too small for any: the strip below, at the smallest size
        lines = _row_lines(rows, 9, rect.width - 2 * pad) or [[r.text] for r in rows]
        height = min(rect.height - 40, _height(lines, 9, 1, pad))
        box = pygame.Rect(rect.left, rect.bottom - height, rect.width, height)
        map_rect = pygame.Rect(rect.left, rect.top, rect.width, rect.height - height - gap)
        return LegendLayout(map_rect, box, 9, 1)
    readable = [o for o in options if o[0] >= MIN_SHARE * size]
    if readable:  # the largest map among the layouts that keep the text near its size
        best = max(readable, key=lambda o: (Frame(o[1], view).k, o[0]))
    else:  # else the largest text
        best = max(options, key=lambda o: (o[0], Frame(o[1], view).k))
    fitted, map_rect, box, columns = best
    return LegendLayout(map_rect, box, fitted, columns)


def draw_legend(
    surface: pygame.Surface, lay: LegendLayout, rows: list[LegendRow], p: Palette, s: float
) -> None:
    """The legend's paper and rows, each with a swatch drawn the way its layer is."""
    if lay.box is None:
        return
    box, size = lay.box, lay.size
    pygame.draw.rect(surface, p.paper, box, border_radius=4)
    pygame.draw.rect(surface, p.ink_soft, box, 1, border_radius=4)
    pad, gap = int(8 * s), int(8 * s)
    lh = line_height("body", size)
    per_col = math.ceil(len(rows) / lay.columns)
    col_w = (box.width - 2 * pad - (lay.columns - 1) * gap) // lay.columns
    lines = _row_lines(rows, size, col_w) or [[r.text] for r in rows]
    sample = _swatch_w(size)
    y = box.top + pad
    for i, (row, wrapped) in enumerate(zip(rows, lines, strict=True)):
        if i % per_col == 0:
            y = box.top + pad
        x = box.left + pad + (i // per_col) * (col_w + gap)
        swatch = pygame.Rect(x, y + lh // 6, sample, lh - lh // 3)
        _swatch(surface, swatch, row.shown, p, s)
        for line in wrapped:
            surface.blit(render(line, "body", size, p.ink), (swatch.right + 8, y))
            y += lh


def _swatch(surface: pygame.Surface, r: pygame.Rect, shown: ShownLayer, p: Palette, s: float) -> None:
    layer = shown.layer
    colour = colour_of(p, layer.style)
    mid = r.centery
    k = max(0.6, min(1.2, r.height / (14 * s))) * s  # symbols at the row's height
    if layer.draw in ("ring", "route"):
        _dashed(
            surface,
            colour,
            [(r.left, mid), (r.right, mid)],
            max(2, int(2 * s)),
            int((10 if layer.draw == "ring" else 7) * s),
        )
    elif layer.draw == "area":
        tint = pygame.Surface(r.size, pygame.SRCALPHA)
        tint.fill((*colour, 60))
        surface.blit(tint, r)
        pygame.draw.rect(surface, colour, r, max(1, int(1.5 * s)))
    elif layer.draw == "marker":
        _symbol(surface, layer.symbol, r.center, colour, p, k, 0.0)
    elif layer.draw == "ships":
        for dx in (-0.3, 0.3):
            _ship(surface, (r.centerx + dx * r.width, mid), 0.0, colour, k)
    elif layer.draw == "arrow":
        pygame.draw.line(surface, colour, (r.left, mid), (r.right, mid), max(2, int(2.5 * s)) + 1)
        _head(surface, (r.left, mid), (r.right, mid), colour, int(10 * k))
    else:
        pygame.draw.line(surface, colour, (r.left, mid), (r.right, mid), max(2, int(2.5 * s)) + 1)
