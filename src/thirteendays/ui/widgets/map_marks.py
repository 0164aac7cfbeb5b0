"""The marks drawn on a situation map: ships, arrowheads, symbols, dashes, range circles.

Shared by the map's layers and its legend, so a legend's swatch is drawn by the very
code that draws the layer (a tank is a tank, a gate a gate).
"""

from __future__ import annotations

import itertools
import math
from functools import cache

import pygame

from ..theme import Palette
from .map_view import NM_KM, circle


def colour_of(p: Palette, style: str):
    return {"danger": p.warn, "us": p.concede, "ussr": p.escalate, "muted": p.ink_soft}.get(style, p.ink)


def along(points: list[tuple[int, int]], t: float) -> tuple[tuple[float, float], float]:
    """The point a fraction ``t`` along a path (by segments), and the heading there in degrees."""
    n = len(points) - 1
    pos = max(0.0, min(1.0, t)) * n
    i = min(n - 1, int(pos))
    (ax, ay), (bx, by) = points[i], points[i + 1]
    f = pos - i
    return (ax + (bx - ax) * f, ay + (by - ay) * f), math.degrees(math.atan2(by - ay, bx - ax))


@cache
def _circle(lon: float, lat: float, nm: float) -> tuple[tuple[float, float], ...]:
    return tuple(circle(lon, lat, nm * NM_KM, 90))


def _centre(pts: list[tuple[int, int]]) -> tuple[int, int]:
    return (sum(x for x, _ in pts) // len(pts), sum(y for _, y in pts) // len(pts))


def _ship(surface, pt, heading: float, colour, s: float) -> None:
    rad = math.radians(heading)
    length, beam = 9 * s, 3.5 * s
    x, y = pt
    fx, fy = math.cos(rad), math.sin(rad)
    bow = (x + fx * length, y + fy * length)
    port = (x - fx * length * 0.6 - fy * beam, y - fy * length * 0.6 + fx * beam)
    star = (x - fx * length * 0.6 + fy * beam, y - fy * length * 0.6 - fx * beam)
    pygame.draw.polygon(surface, colour, [bow, port, star])


def _head(surface, a, b, colour, size: int) -> None:
    ang = math.atan2(b[1] - a[1], b[0] - a[0])
    left = (b[0] - size * math.cos(ang - 0.45), b[1] - size * math.sin(ang - 0.45))
    right = (b[0] - size * math.cos(ang + 0.45), b[1] - size * math.sin(ang + 0.45))
    pygame.draw.polygon(surface, colour, [b, left, right])


def _symbol_r(s: float) -> int:
    return max(4, int(6 * s))


def symbol_box(symbol: str, pt: tuple[int, int], s: float) -> pygame.Rect:
    """The box a marker's symbol covers (a pixel to spare), for what must stay clear of it:
    place names, and the ends of their leader lines."""
    x, y = pt
    r = _symbol_r(s)
    if symbol == "missile":
        return pygame.Rect(x - r // 2 - 1, y - 2 * r - 1, r + 3, 3 * r + 3)
    if symbol == "burst":
        reach = math.ceil(1.6 * r) + 2
        return pygame.Rect(x - reach, y - reach, 2 * reach + 1, 2 * reach + 1)
    if symbol == "cross":
        return pygame.Rect(x - r - 2, y - r - 2, 2 * r + 5, 2 * r + 5)
    if symbol == "plane":
        return pygame.Rect(x - r - 1, y - r - 1, 2 * r + 3, r + r // 2 + 3)
    if symbol == "tank":
        return pygame.Rect(x - r - 1, y - r - 1, r + int(1.6 * r) + 3, r + r // 2 + 3)
    return pygame.Rect(x - r - 1, y - r - 1, 2 * r + 3, 2 * r + 3)


def _symbol(surface, symbol: str, pt, colour, p: Palette, s: float, t: float) -> None:
    x, y = pt
    r = _symbol_r(s)
    if symbol == "missile":
        pygame.draw.polygon(surface, colour, [(x, y - 2 * r), (x + r // 2, y + r), (x - r // 2, y + r)])
        pygame.draw.line(surface, p.paper, (x - r // 2, y + r), (x + r // 2, y + r), 2)
    elif symbol == "burst":
        for i in range(8):
            a = i * math.pi / 4
            pygame.draw.line(
                surface, colour, (x, y), (x + 1.6 * r * math.cos(a), y + 1.6 * r * math.sin(a)), 2
            )
        pygame.draw.circle(surface, colour, (x, y), r // 2)
    elif symbol == "cross":
        pygame.draw.line(surface, colour, (x - r, y - r), (x + r, y + r), 3)
        pygame.draw.line(surface, colour, (x - r, y + r), (x + r, y - r), 3)
    elif symbol == "plane":
        pygame.draw.line(surface, colour, (x - r, y), (x + r, y), 3)
        pygame.draw.line(surface, colour, (x, y - r), (x, y + r // 2), 3)
    elif symbol == "tank":
        pygame.draw.rect(surface, colour, (x - r, y - r // 2, 2 * r, r))
        pygame.draw.line(surface, colour, (x, y), (x + int(1.6 * r), y - r // 2), 2)
    elif symbol == "gate":
        pygame.draw.rect(surface, p.paper, (x - r, y - r, 2 * r, 2 * r))
        pygame.draw.rect(surface, colour, (x - r, y - r, 2 * r, 2 * r), 3)
    else:
        pygame.draw.circle(surface, colour, (x, y), r)


def _dashed(surface, colour, pts, width: int, dash: int) -> None:
    dash = max(4, dash)
    carry, on = 0.0, True
    for (ax, ay), (bx, by) in itertools.pairwise(pts):
        seg = math.hypot(bx - ax, by - ay)
        pos = 0.0
        while pos < seg:
            step = min(dash - carry, seg - pos)
            if on:
                f0, f1 = pos / seg, (pos + step) / seg
                pygame.draw.line(
                    surface,
                    colour,
                    (ax + (bx - ax) * f0, ay + (by - ay) * f0),
                    (ax + (bx - ax) * f1, ay + (by - ay) * f1),
                    width,
                )
            pos += step
            carry += step
            if carry >= dash:
                carry, on = 0.0, not on
