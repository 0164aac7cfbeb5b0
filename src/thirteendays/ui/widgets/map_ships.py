"""The Soviet ships on a situation map: where the hulls are as they sail, and their caption.

The caption names the ships, so it sits beside the hulls themselves (the nearest free side
of one of them), never on them and never far from them, and is not drawn while the ships
are still off the panel.
"""

from __future__ import annotations

import math

import pygame

from ...play.map_layers import ShownLayer
from ..theme import Palette
from .map_marks import _ship, along

SAIL_SECONDS = 2.5


def convoy(pts, shown: ShownLayer, s: float, t: float) -> tuple[list[tuple[float, float]], float]:
    """Where the ships are drawn ``t`` seconds after the map opened, and their heading: three
    hulls in a wedge behind the leader, gliding from yesterday's spot to today's."""
    k = min(1.0, t / SAIL_SECONDS)
    k = k * k * (3 - 2 * k)
    at = shown.before + (shown.at - shown.before) * k
    (x, y), heading = along(pts, at)
    if shown.course == "back":
        heading += 180
    bob = math.sin(t * 2.0) * 1.5 * s if shown.course != "sailing" else 0.0
    rad = math.radians(heading)
    out = []
    for i, (dx, dy) in enumerate(((0, 0), (-14, 9), (-26, -6))):
        ox = dx * math.cos(rad) - dy * math.sin(rad)
        oy = dx * math.sin(rad) + dy * math.cos(rad)
        out.append((x + ox * s, y + oy * s + bob * (i % 2)))
    return out, heading


def ships_box(ships: list[tuple[float, float]], s: float) -> pygame.Rect:
    """The box the hulls are drawn in (a hull reaches about ``9 * s`` from its centre)."""
    reach = math.ceil(9 * s) + 1
    left, top = min(x for x, _ in ships), min(y for _, y in ships)
    right, bottom = max(x for x, _ in ships), max(y for _, y in ships)
    return pygame.Rect(
        math.floor(left) - reach, math.floor(top) - reach, right - left + 2 * reach, bottom - top + 2 * reach
    )


def ship_caption_box(
    size: tuple[int, int],
    ships: list[tuple[float, float]],
    rect: pygame.Rect,
    s: float,
    avoid: tuple[pygame.Rect, ...] = (),
) -> pygame.Rect | None:
    """Where the ships' caption goes: beside the hulls, never on them, never far from them.

    The caption once took the leading ship's corner and, when that was taken, was pushed
    anywhere inside the panel, so it could sit a long way from the ships it names.  Now it
    tries the sides of each hull and of the group, nearest a hull first, clear of the hulls
    and of ``avoid``; failing that it may lie over other words (a caption by its ships over
    one away from them); and while the ships are still off the panel it is not drawn at all.
    """
    inner = rect.inflate(-4, -4)
    group = ships_box(ships, s)
    if not inner.colliderect(group) or not any(inner.collidepoint(x, y) for x, y in ships):
        return None
    w, h = size
    gap = max(2, int(3 * s))
    hulls = [ships_box([pt], s) for pt in ships]
    tries = []
    for b in (group, *hulls):
        cx, cy = b.center
        tries += [
            (b.right + gap, cy - h // 2),
            (b.left - gap - w, cy - h // 2),
            (cx - w // 2, b.bottom + gap),
            (cx - w // 2, b.top - gap - h),
            (b.right + gap, b.bottom + gap - h // 2),
            (b.left - gap - w, b.bottom + gap - h // 2),
            (b.right + gap, b.top - gap - h + h // 2),
            (b.left - gap - w, b.top - gap - h + h // 2),
        ]
    boxes = [pygame.Rect(left, top, w, h) for left, top in tries]
    inside = [box for box in boxes if inner.contains(box) and box.collidelist(hulls) < 0]
    inside.sort(key=lambda box: min(_gap(box, hull) for hull in hulls))
    for box in inside:
        if box.collidelist(list(avoid)) < 0:
            return box
    if inside:
        return inside[0]
    return boxes[0].clamp(inner)  # a panel too small for any side: kept inside, as near as it can be


def _gap(a: pygame.Rect, b: pygame.Rect) -> float:
    dx = max(b.left - a.right, a.left - b.right, 0)
    dy = max(b.top - a.bottom, a.top - b.bottom, 0)
    return math.hypot(dx, dy)


def draw_ships(
    surface,
    rect: pygame.Rect,
    pts,
    shown: ShownLayer,
    colour,
    p: Palette,
    s: float,
    t: float,
    ts: float,
    avoid: tuple[pygame.Rect, ...] = (),
) -> None:
    from . import map_panel

    ships, heading = convoy(pts, shown, s, t)
    for pt in ships:
        _ship(surface, pt, heading, colour, s)
    caption = ship_caption(shown)
    if caption:
        label = map_panel.halo_text(caption, "bold", max(10, int(12 * s * ts)), colour, p.paper)
        box = ship_caption_box(label.get_size(), ships, rect, s, avoid)
        if box is not None:
            surface.blit(label, box)


def ship_caption(shown: ShownLayer) -> str:
    """The layer's own words and what the ships are doing ("stopped at the line")."""
    words = {"sailing": "", "halted": "stopped at the line", "back": "turning back"}[shown.course]
    return ", ".join(w for w in (shown.layer.text, words) if w)
