"""The Caribbean map: coastlines from shipped Natural Earth data, and the crisis on it.

Overlays follow the game: the quarantine line appears when it is proclaimed,
Soviet ships steam towards it, stop or turn back, range rings show what the
missiles could reach, and strikes, a downed U-2 or a withdrawal are marked.
The overlays read the scenario's flags by name; a scenario without them gets
a plain map.
"""

from __future__ import annotations

import math

import pygame

from ..assets import map_data
from ..theme import Palette
from .text import render

NM_KM = 1.852
EARTH_KM = 6371.0
LAT0 = math.radians(28.0)
SITE = (-83.05, 22.72)  # San Cristóbal
SHIP_PATH = [(-58.0, 33.0), (-66.0, 28.5), (-72.5, 25.0), (-77.5, 23.6)]
QUARANTINE_ARC = (-74.5, 22.0, 500)  # centre near the Windward Passage, radius in nm: drawn schematically


class Projection:
    def __init__(self, rect: pygame.Rect, bbox: tuple[float, float, float, float]) -> None:
        x0, y0, x1, y1 = bbox
        sx = rect.width / ((x1 - x0) * math.cos(LAT0))
        sy = rect.height / (y1 - y0)
        self.k = min(sx, sy)
        w = (x1 - x0) * math.cos(LAT0) * self.k
        h = (y1 - y0) * self.k
        self.ox = rect.left + (rect.width - w) / 2
        self.oy = rect.top + (rect.height - h) / 2 + h
        self.x0, self.y0 = x0, y0

    def __call__(self, lon: float, lat: float) -> tuple[int, int]:
        return (int(self.ox + (lon - self.x0) * math.cos(LAT0) * self.k),
                int(self.oy - (lat - self.y0) * self.k))


def circle(lon: float, lat: float, radius_km: float, steps: int = 120) -> list[tuple[float, float]]:
    """Points at a great-circle distance from a centre (destination-point formula)."""
    la1, lo1 = math.radians(lat), math.radians(lon)
    d = radius_km / EARTH_KM
    out = []
    for i in range(steps + 1):
        b = 2 * math.pi * i / steps
        la2 = math.asin(math.sin(la1) * math.cos(d) + math.cos(la1) * math.sin(d) * math.cos(b))
        lo2 = lo1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(la1), math.cos(d) - math.sin(la1) * math.sin(la2))
        out.append((math.degrees(lo2), math.degrees(la2)))
    return out


def _flag(session, name: str) -> bool:
    return name in session.game.compiled.flag_ids and session.flag(name)


def draw_map(surface: pygame.Surface, rect: pygame.Rect, session, p: Palette, s: float) -> None:
    data = map_data()
    proj = Projection(rect, tuple(data["bbox"]))
    pygame.draw.rect(surface, p.sea, rect)
    clip = surface.get_clip()
    surface.set_clip(rect)
    for country in data["countries"]:
        for poly in country["polygons"]:
            pts = [proj(x, y) for x, y in poly]
            if len(pts) >= 3:
                pygame.draw.polygon(surface, p.land, pts)
                pygame.draw.polygon(surface, p.land_edge, pts, 1)
    size = max(10, int(13 * s))
    # Range rings from the missile sites.
    readiness = session.track_value("cuba.readiness") if "cuba.readiness" in session.scenario.tracks else 0.5
    withdrawn = _flag(session, "withdrawal")
    for nm, label in ((1000, "R-12: about 1,000 nm"), (2200, "R-14: about 2,200 nm")):
        ring = [proj(x, y) for x, y in circle(*SITE, nm * NM_KM)]
        colour = p.ink_soft if withdrawn else p.warn
        _dashed(surface, colour, ring, max(1, int(2 * s)), int(10 * s))
        top = min(ring, key=lambda q: q[1] if rect.collidepoint(q) else 1e9)
        if rect.collidepoint(top):
            lab = render(label, "bold", size, colour)
            surface.blit(lab, (top[0] - lab.get_width() // 2, top[1] + 4))
    # The quarantine line.
    if _flag(session, "quarantine"):
        lon, lat, nm = QUARANTINE_ARC
        arc = [q for q in circle(lon, lat, nm * NM_KM, 180) if q[0] > lon - 3 and q[1] > lat - 6]
        pts = [proj(x, y) for x, y in arc]
        if len(pts) > 1:
            pygame.draw.lines(surface, p.concede, False, pts, max(2, int(3 * s)))
            mid = pts[len(pts) // 2]
            surface.blit(render("QUARANTINE LINE", "bold", size, p.concede), (mid[0] + 6, mid[1] - size))
    # Places.
    for name, (x, y) in data["places"].items():
        pt = proj(x, y)
        pygame.draw.circle(surface, p.ink, pt, max(3, int(4 * s)))
        surface.blit(render(name, "body", size, p.ink), (pt[0] + 6, pt[1] - size // 2))
    site = proj(*SITE)
    pygame.draw.circle(surface, p.ink_soft if withdrawn else p.warn, site, int((5 + 6 * readiness) * s), 2)
    if withdrawn:
        r = int(8 * s)
        pygame.draw.line(surface, p.ink, (site[0] - r, site[1] - r), (site[0] + r, site[1] + r), 3)
        pygame.draw.line(surface, p.ink, (site[0] - r, site[1] + r), (site[0] + r, site[1] - r), 3)
    if _flag(session, "strike"):
        _burst(surface, site, int(14 * s), p.warn)
    if _flag(session, "u2_down"):
        banes = proj(-75.72, 20.96)
        _burst(surface, banes, int(9 * s), p.stamp)
        surface.blit(render("U-2 down", "bold", size, p.stamp), (banes[0] + 8, banes[1] + 4))
    if _flag(session, "prepared") or _flag(session, "invasion_ordered"):
        fl = proj(-81.5, 27.0)
        surface.blit(render("US forces massing", "bold", size, p.escalate), (fl[0] - int(60 * s), fl[1]))
    _ships(surface, proj, session, p, s, size)
    surface.set_clip(clip)
    pygame.draw.rect(surface, p.land_edge, rect, 2)
    credit = render("Coastlines: Natural Earth", "body", max(9, size - 3), p.light_text)
    surface.blit(credit, (rect.right - credit.get_width() - 6, rect.bottom - credit.get_height() - 4))


def _ships(surface: pygame.Surface, proj: Projection, session, p: Palette, s: float, size: int) -> None:
    day = session.game.day
    turned = _flag(session, "ships_turned") or _flag(session, "withdrawal")
    ran = _flag(session, "ships_ran")
    progress = min(1.0, max(0.0, (day - 1) / 8.0))  # steaming towards Cuba until about October 24
    if turned:
        progress = max(0.1, 0.55 - 0.08 * max(0, day - 8))
    elif ran:
        progress = min(1.0, 0.7 + 0.1 * max(0, day - 8))
    elif _flag(session, "quarantine"):
        progress = min(progress, 0.62)
    lon, lat = _along(SHIP_PATH, progress)
    pt = proj(lon, lat)
    heading = -1 if turned else 1
    for i in range(3):
        q = (pt[0] + int(i * 14 * s) * (1 if heading > 0 else -1), pt[1] - int(i * 9 * s))
        _ship(surface, q, heading, p.stamp, s)
    label = "Soviet ships turning back" if turned else "Soviet ships running the line" if ran else "Soviet ships"
    surface.blit(render(label, "bold", size, p.stamp), (pt[0] + int(10 * s), pt[1] + int(10 * s)))


def _ship(surface: pygame.Surface, pt: tuple[int, int], heading: int, colour, s: float) -> None:
    x, y = pt
    L, H = int(12 * s), int(4 * s)
    bow = x - L if heading > 0 else x + L
    stern = x + L if heading > 0 else x - L
    pygame.draw.polygon(surface, colour, [(bow, y), (stern, y - H), (stern, y + H)])


def _along(path: list[tuple[float, float]], t: float) -> tuple[float, float]:
    seg = min(len(path) - 2, int(t * (len(path) - 1)))
    local = t * (len(path) - 1) - seg
    (x0, y0), (x1, y1) = path[seg], path[seg + 1]
    return x0 + (x1 - x0) * local, y0 + (y1 - y0) * local


def _burst(surface: pygame.Surface, pt: tuple[int, int], r: int, colour) -> None:
    for i in range(8):
        a = math.pi * i / 4
        pygame.draw.line(surface, colour, pt, (pt[0] + int(r * math.cos(a)), pt[1] + int(r * math.sin(a))), 2)


def _dashed(surface: pygame.Surface, colour, pts: list[tuple[int, int]], width: int, dash: int) -> None:
    on = True
    run = 0.0
    for a, b in zip(pts, pts[1:], strict=False):
        seg = math.dist(a, b)
        if on:
            pygame.draw.line(surface, colour, a, b, width)
        run += seg
        if run >= dash:
            on, run = not on, 0.0
