"""A scenario's situation map: shipped coastlines, its places, and the layers the game shows.

The base (sea, land, the places' dots) is drawn once per panel, size and
palette and cached; each frame blits it and draws the layers, which are few and cheap: rings
are drawn out over the first second, ships glide from yesterday's position to today's.  The
scale bar and the names with their halos and leaders go on last, over the layers, so nothing
runs through them.
"""

from __future__ import annotations

import json
import math
from functools import cache
from importlib import resources

import pygame

from ...play.map_layers import ShownLayer, ShownPanel
from ...scenario.map_model import MapSpec, MapView
from ..theme import Palette
from .map_marks import _centre, _circle, _dashed, _head, _symbol, colour_of
from .map_ships import draw_ships
from .map_view import NM_KM
from .text import render

# (the view itself is kept beside its surface, so its id cannot be reused while cached)
_BASES: dict[tuple, tuple[MapView, pygame.Surface]] = {}
_LABELS: dict[tuple, pygame.Surface] = {}
RING_SECONDS = 1.0
MAX_TEXT_FACTOR = 1.2  # the map's words grow with the text size, but never so far as to pile up
NICE_NM = (10, 25, 50, 100, 200, 250, 500, 1000, 2000)
NICE_KM = (0.5, 1, 2, 5, 10, 20, 50, 100)


@cache
def base_data(name: str) -> dict:
    text = resources.files("thirteendays.assets").joinpath("map", f"{name}.json").read_text()
    return json.loads(text)


class Frame:
    """Longitude/latitude (or plane x/y) to pixels: the region fitted whole, centred in the rect."""

    def __init__(self, rect: pygame.Rect, view: MapView) -> None:
        x0, y0, x1, y1 = view.region
        self.squash = math.cos(math.radians((y0 + y1) / 2)) if view.projection == "equirectangular" else 1.0
        w, h = (x1 - x0) * self.squash, y1 - y0
        self.k = min(rect.width / w, rect.height / h)
        self.cx, self.cy = (x0 + x1) / 2, (y0 + y1) / 2
        self.rect = rect

    def __call__(self, x: float, y: float) -> tuple[int, int]:
        return (
            round(self.rect.centerx + (x - self.cx) * self.squash * self.k),
            round(self.rect.centery - (y - self.cy) * self.k),
        )

    def km_per_px(self) -> float:
        return 111.32 / self.k  # a degree of latitude is 111.32 km


def halo_text(text: str, face: str, size: int, colour, halo) -> pygame.Surface:
    """Text with a contrasting outline, readable on land and on sea alike."""
    key = (text, face, size, colour, halo)
    found = _LABELS.get(key)
    if found is not None:
        return found
    core = render(text, face, size, colour)
    ring = render(text, face, size, halo)
    r = max(1, size // 10)
    out = pygame.Surface((core.get_width() + 2 * r, core.get_height() + 2 * r), pygame.SRCALPHA)
    for dx in range(-r, r + 1):
        for dy in range(-r, r + 1):
            if dx or dy:
                out.blit(ring, (r + dx, r + dy))
    out.blit(core, (r, r))
    if len(_LABELS) > 512:
        _LABELS.clear()
    _LABELS[key] = out
    return out


def _where(view: MapView, point) -> tuple[float, float]:
    return view.places[point].at if isinstance(point, str) else point


def _base(view: MapView, size: tuple[int, int], p: Palette, s: float, ts: float = 1.0) -> pygame.Surface:
    """``s``: the window's scale (lines, dots); ``ts``: the text's own factor (the text-size setting)."""
    key = (id(view), size, p, round(s, 3), round(ts, 3))
    found = _BASES.get(key)
    if found is not None and found[0] is view:
        return found[1]
    rect = pygame.Rect((0, 0), size)
    frame = Frame(rect, view)
    layer = pygame.Surface(size)
    if view.base == "none":
        layer.fill(p.paper)
    else:
        layer.fill(p.sea)
        for country in base_data(view.base)["countries"]:
            for poly in country["polygons"]:
                pts = [frame(x, y) for x, y in poly]
                if len(pts) >= 3:
                    pygame.draw.polygon(layer, p.land, pts)
                    pygame.draw.polygon(layer, p.land_edge, pts, 1)
    for place in view.places.values():
        x, y = frame(*place.at)
        r = _dot_radius(s)
        if place.kind == "site":
            pygame.draw.rect(layer, p.warn, (x - r, y - r, 2 * r, 2 * r))
        elif place.kind != "point" and place.named:
            pygame.draw.circle(layer, p.ink, (x, y), r)
            pygame.draw.circle(layer, p.paper, (x, y), r, 1)
    _BASES[key] = (view, layer)
    if len(_BASES) > 12:
        _BASES.pop(next(iter(_BASES)))
    return layer


def _dot_radius(s: float) -> int:
    return max(3, int(4 * s))


def _label_px(s: float) -> int:
    return max(10, int(13 * s))


_NAMES: dict[tuple, tuple[MapView, dict]] = {}


def placed_names(
    view: MapView, size: tuple[int, int], ls: float, ws: float, keep_clear: tuple[pygame.Rect, ...] = ()
) -> dict:
    """The places' names as drawn (``map_labels.place_labels``), worked out once per map and size."""
    from . import map_labels

    key = (id(view), size, round(ls, 3), round(ws, 3), tuple(tuple(r) for r in keep_clear))
    found = _NAMES.get(key)
    if found is None or found[0] is not view:
        if len(_NAMES) > 16:
            _NAMES.clear()
        found = _NAMES[key] = (view, map_labels.place_labels(view, size, ls, ws, keep_clear))
    return found[1]


def _draw_names(
    surface: pygame.Surface, rect: pygame.Rect, view: MapView, placed: dict, p: Palette, ls: float
) -> None:
    """Names and their leaders, over the layers: a route or a ring never runs through a name,
    and a leader's end is seen beside the marker over its dot, not under it."""
    x0, y0 = rect.topleft
    for spot in placed.values():
        if spot.leader is not None:  # a thin line, haloed, from a crowded name to its dot
            (ax, ay), (bx, by) = spot.leader
            pygame.draw.line(surface, p.paper, (ax + x0, ay + y0), (bx + x0, by + y0), 3)
            pygame.draw.line(surface, p.ink, (ax + x0, ay + y0), (bx + x0, by + y0), 1)
    size = _label_px(ls)
    for name, spot in placed.items():
        place = view.places[name]
        surface.blit(halo_text(place.label or name, "bold", size, p.ink, p.paper), spot.rect.move(x0, y0))


def scale_bar_box(size: tuple[int, int], view: MapView, ls: float) -> tuple[pygame.Rect, int, str, int, int]:
    """Where the scale bar goes on a panel of ``size``: (its paper, bar length, words, x, y).

    A bar of a round distance, about a sixth of the panel wide.  Sea charts count in
    nautical miles; a ``plane`` map (a city schematic) is drawn in kilometres, so its bar
    counts kilometres.  On the main map it sits bottom right, above the data credit; an
    inset sits bottom left.  ``ls``: the scale of the map's words.  One function for
    drawing it and for keeping place names off it.
    """
    box, px, words, _, bar = scale_bar_parts(size, view, ls)
    return box, px, words, bar.left + 1, bar.bottom - _BAR_BELOW


_BAR_BELOW = 3  # the bar's line and its ticks reach this far below the bar's y


def scale_bar_parts(
    size: tuple[int, int], view: MapView, ls: float
) -> tuple[pygame.Rect, int, str, pygame.Rect, pygame.Rect]:
    """(paper, bar length, words, the words' box, the bar's box with its ticks): the words sit
    above the ticks with a gap, so the bar never runs through them (it once did, at small sizes)."""
    frame = Frame(pygame.Rect((0, 0), size), view)
    if view.projection == "equirectangular":
        per_px, unit, nice_values = frame.km_per_px() / NM_KM, "nautical miles", NICE_NM
    else:
        per_px, unit, nice_values = 1.0 / frame.k, "km", NICE_KM
    target = size[0] / 6 * per_px
    nice = max((n for n in nice_values if n <= target), default=nice_values[0])
    px = round(nice / per_px)
    words = f"{nice:g} {unit}"
    label_w, label_h = render(words, "body", _bar_px(ls), (0, 0, 0)).get_size()
    wide = max(px, label_w)
    right = isinstance(view, MapSpec)
    x = size[0] - wide - int(16 * ls) if right else int(12 * ls)
    y = size[1] - int((30 if right else 14) * ls)
    tick = _tick_px(ls)
    bar = pygame.Rect(x - 1, y - tick, px + 3, tick + _BAR_BELOW)
    text = pygame.Rect(x, bar.top - max(2, int(3 * ls)) - label_h, label_w, label_h)
    box = pygame.Rect(x - 4, text.top - 2, wide + 8, max(y + int(8 * ls), bar.bottom + 2) - text.top + 2)
    return box, px, words, text, bar


def _tick_px(ls: float) -> int:
    return max(4, int(5 * ls))


def _bar_px(ls: float) -> int:
    return max(9, int(11 * ls))


def _scale_bar(
    surface: pygame.Surface, view: MapView, p: Palette, ls: float, rect: pygame.Rect | None = None
) -> None:
    """The scale bar of a panel at ``rect`` (the whole surface by default)."""
    rect = rect or surface.get_rect()
    box, px, words, text, bar = (
        r.move(rect.topleft) if isinstance(r, pygame.Rect) else r
        for r in scale_bar_parts(rect.size, view, ls)
    )
    x, y = bar.left + 1, bar.bottom - _BAR_BELOW
    pygame.draw.rect(surface, p.paper, box)
    pygame.draw.line(surface, p.ink, (x, y), (x + px, y), 3)
    for tick in (x, x + px // 2, x + px):
        pygame.draw.line(surface, p.ink, (tick, y - _tick_px(ls)), (tick, y + 2), 2)
    surface.blit(render(words, "body", _bar_px(ls), p.ink), text)


def draw_panel(
    surface: pygame.Surface,
    rect: pygame.Rect,
    panel: ShownPanel,
    p: Palette,
    s: float,
    t: float,
    ts: float = 1.0,
    avoid: tuple[pygame.Rect, ...] = (),
) -> None:
    """One panel: the cached base, then the layers.  ``t``: seconds since the map opened;
    ``ts``: the factor the text-size setting gives the map's words; ``avoid``: what will be
    drawn over the panel (its insets), which captions keep clear of."""
    ts = text_factor(rect, s, ts)
    surface.blit(_base(panel.view, rect.size, p, s, ts), rect)
    keep_clear = tuple(a.move(-rect.left, -rect.top) for a in avoid)  # the insets: names keep out
    placed = placed_names(panel.view, rect.size, s * ts, s, keep_clear)
    if isinstance(panel.view, MapSpec):  # the scale bar and the data credit, bottom right
        corner = pygame.Rect(0, 0, rect.width // 4 + int(40 * s), int(44 * s * ts))
        corner.bottomright = rect.bottomright
        avoid = (*avoid, corner)
    # captions keep off the places' names
    avoid = (*avoid, *(spot.rect.move(rect.topleft) for spot in placed.values()))
    frame = Frame(rect, panel.view)
    clip = surface.get_clip()
    surface.set_clip(rect)
    still = [x for x in panel.layers if x.layer.draw != "ships"]
    if t >= RING_SECONDS and still:
        # Once the rings are drawn out nothing but the ships moves: the rest is drawn once
        # and kept, like the base (dashed rings are the costliest thing on the map).
        surface.blit(_still_layers(panel, still, rect, p, s, ts, avoid), rect)
    else:
        for shown in still:
            _draw_layer(surface, frame, panel.view, shown, p, s, t, ts, avoid)
    for shown in panel.layers:
        if shown.layer.draw == "ships":
            _draw_layer(surface, frame, panel.view, shown, p, s, t, ts, avoid)
    _scale_bar(surface, panel.view, p, s * ts, rect)  # over the rings that cross it
    _draw_names(surface, rect, panel.view, placed, p, s * ts)
    surface.set_clip(clip)
    pygame.draw.rect(surface, p.ink, rect, 2)


_STILL: dict[tuple, tuple[MapView, pygame.Surface]] = {}


def _still_layers(
    panel: ShownPanel,
    still: list[ShownLayer],
    rect: pygame.Rect,
    p: Palette,
    s: float,
    ts: float,
    avoid: tuple[pygame.Rect, ...],
) -> pygame.Surface:
    """The layers that do not move, drawn whole on a transparent sheet the size of the panel."""
    local = tuple(tuple(a.move(-rect.left, -rect.top)) for a in avoid)
    key = (id(panel.view), rect.size, p, round(s, 3), round(ts, 3), tuple(id(x.layer) for x in still), local)
    found = _STILL.get(key)
    if found is not None and found[0] is panel.view:
        return found[1]
    sheet = pygame.Surface(rect.size, pygame.SRCALPHA)
    frame = Frame(sheet.get_rect(), panel.view)
    here = tuple(pygame.Rect(a) for a in local)
    for shown in still:
        _draw_layer(sheet, frame, panel.view, shown, p, s, RING_SECONDS, ts, here)
    if len(_STILL) > 8:
        _STILL.clear()
    _STILL[key] = (panel.view, sheet)
    return sheet


def _draw_layer(
    surface: pygame.Surface,
    frame: Frame,
    view: MapView,
    shown: ShownLayer,
    p: Palette,
    s: float,
    t: float,
    ts: float = 1.0,
    avoid: tuple[pygame.Rect, ...] = (),
) -> None:
    layer = shown.layer
    colour = colour_of(p, layer.style)
    pts = [frame(*_where(view, w)) for w in layer.points]
    width = max(2, int(2.5 * s))
    if layer.draw == "ring":
        share = min(1.0, t / RING_SECONDS)
        for lon, lat in (_where(view, w) for w in layer.points):
            ring = [frame(x, y) for x, y in _circle(lon, lat, layer.radius_nm)]
            shown_pts = ring[: max(2, int(len(ring) * share))]
            _dashed(surface, colour, shown_pts, width, int(10 * s))
    elif layer.draw == "area":
        box = pygame.Rect(min(x for x, _ in pts), min(y for _, y in pts), 1, 1)
        box.width = max(x for x, _ in pts) - box.left + 1
        box.height = max(y for _, y in pts) - box.top + 1
        tint = pygame.Surface(box.size, pygame.SRCALPHA)  # only the area's own box: cheap per frame
        pygame.draw.polygon(tint, (*colour, 60), [(x - box.left, y - box.top) for x, y in pts])
        surface.blit(tint, box)
        pygame.draw.polygon(surface, colour, pts, max(1, int(1.5 * s)))
    elif layer.draw == "line":
        pygame.draw.lines(surface, colour, False, pts, width + 1)
    elif layer.draw == "route":
        _dashed(surface, colour, pts, width, int(7 * s))
    elif layer.draw == "arrow":
        pygame.draw.lines(surface, colour, False, pts, width + 1)
        _head(surface, pts[-2], pts[-1], colour, int(12 * s))
    elif layer.draw == "marker":
        for x, y in pts:
            _symbol(surface, layer.symbol, (x, y), colour, p, s, t)
    elif layer.draw == "ships":
        draw_ships(surface, frame.rect, pts, shown, colour, p, s, t, ts, avoid)
    if layer.text and layer.draw != "ships":
        size = max(10, int(12 * s * ts))
        label = halo_text(layer.text, "bold", size, colour, p.paper)
        x, y = pts[-1] if layer.draw != "area" else _centre(pts)
        if layer.draw == "area":
            surface.blit(label, label.get_rect(center=(x, y)))
        else:
            surface.blit(label, beside(label, (x, y), frame.rect, s, avoid))


def text_factor(rect: pygame.Rect, s: float, ts: float) -> float:
    """The text-size factor a panel's words get: a small inset keeps them at the standard size
    at most, so large text cannot pile its names on top of each other."""
    return min(ts, MAX_TEXT_FACTOR, max(1.0, rect.width / (600 * s)))


def beside(
    label: pygame.Surface,
    at: tuple[float, float],
    rect: pygame.Rect,
    s: float,
    avoid: tuple[pygame.Rect, ...] = (),
) -> tuple[int, int]:
    """Where a caption goes beside a point: below right, below left, above right or above left,
    the first that stays inside the panel and clear of ``avoid``; else the first, kept inside."""
    x, y = int(at[0]), int(at[1])
    w, h = label.get_size()
    gap = int(12 * s)
    tries = [
        (x + gap, y + gap // 2),
        (x - gap - w, y + gap // 2),
        (x + gap, y - gap // 2 - h),
        (x - gap - w, y - gap // 2 - h),
    ]
    inner = rect.inflate(-4, -4)
    for left, top in tries:
        box = pygame.Rect(left, top, w, h)
        if inner.contains(box) and not any(box.colliderect(a) for a in avoid):
            return left, top
    left, top = tries[0] if tries[0][0] + w <= inner.right else tries[1]
    return max(inner.left, min(left, inner.right - w)), max(inner.top, min(top, inner.bottom - h))
