"""The Caribbean map: coastlines from shipped Natural Earth data, and the crisis on it.

Overlays follow the game: the quarantine line appears when it is proclaimed,
Soviet ships steam towards it, stop or turn back, range rings show what the
missiles could reach, and strikes, a downed U-2 or a withdrawal are marked.
The overlays read the scenario's flags by name; a scenario without them gets
a plain map.
"""

from __future__ import annotations

import itertools
import math

import pygame

from ...scenario.maps import MAPS
from ..assets import map_data
from ..theme import Palette
from .text import fit_width, render

NM_KM = 1.852
EARTH_KM = 6371.0
LAT0 = math.radians(28.0)
LEGACY_BBOX = (-106.0, 8.0, -54.0, 46.0)  # what `map: caribbean` has always shown
SITE = (-83.05, 22.72)  # San Cristóbal
R12_SITES = ((-83.05, 22.72), (-80.07, 22.81))  # San Cristóbal, Sagua la Grande
R14_SITES = ((-82.69, 22.92), (-79.54, 22.49))  # Guanajay, Remedios (the R-14s never arrived)
SHIP_PATH = [(-58.0, 33.0), (-66.0, 28.5), (-72.5, 25.0), (-77.5, 23.6)]
QUARANTINE_ARC = (-77.5, 22.5, 500, -15.0, 140.0)  # centre, radius (nm), bearings: drawn schematically
LABEL_OFFSETS = {
    "San Cristóbal": (-1, 1),
    "Havana": (1, -1),
    "Key West": (-1, 0),
    "Miami": (1, 0),
    "Guantánamo Bay": (1, 1),
    "Banes": (1, -1),
    "Washington": (1, 0),
    "New Orleans": (-1, 0),
}


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
        return (
            int(self.ox + (lon - self.x0) * math.cos(LAT0) * self.k),
            int(self.oy - (lat - self.y0) * self.k),
        )


def circle(
    lon: float, lat: float, radius_km: float, steps: int = 120, bearings: tuple[float, float] = (0.0, 360.0)
) -> list[tuple[float, float]]:
    """Points at a great-circle distance from a centre (destination-point formula)."""
    la1, lo1 = math.radians(lat), math.radians(lon)
    d = radius_km / EARTH_KM
    out = []
    b0, b1 = (math.radians(b) for b in bearings)
    for i in range(steps + 1):
        b = b0 + (b1 - b0) * i / steps
        la2 = math.asin(math.sin(la1) * math.cos(d) + math.cos(la1) * math.sin(d) * math.cos(b))
        lo2 = lo1 + math.atan2(
            math.sin(b) * math.sin(d) * math.cos(la1), math.cos(d) - math.sin(la1) * math.sin(la2)
        )
        out.append((math.degrees(lo2), math.degrees(la2)))
    return out


def _flag(view, name: str) -> bool:
    assert name in MAPS["caribbean"], name  # the map's contract with the linter
    return name in view.flags


_BASE: dict[tuple, pygame.Surface] = {}
_ARCS: dict[tuple, list[tuple[int, int]]] = {}


def _arc(
    rect: pygame.Rect,
    proj: Projection,
    lon: float,
    lat: float,
    nm: float,
    steps: int,
    bearings: tuple[float, float] = (0.0, 360.0),
) -> list[tuple[int, int]]:
    key = (rect.size, lon, lat, nm, steps, bearings)
    if key not in _ARCS:
        _ARCS[key] = [proj(x, y) for x, y in circle(lon, lat, nm * NM_KM, steps, bearings)]
    return [(x + rect.left, y + rect.top) for x, y in _ARCS[key]]


def halo_text(text: str, face: str, size: int, colour, halo) -> pygame.Surface:
    from .map_panel import halo_text as outlined  # the one outline renderer, shared with map_panel

    return outlined(text, face, size, colour, halo)


def _base_layer(rect: pygame.Rect, p: Palette, s: float, withdrawn: bool, ts: float = 1.0) -> pygame.Surface:
    """Sea, coasts, range rings and place names: drawn once per size and palette, then blitted."""
    key = (rect.size, p, withdrawn, round(s, 3), round(ts, 3))
    cached = _BASE.get(key)
    if cached is not None:
        return cached
    if len(_BASE) > 8:
        _BASE.clear()
    data = map_data()
    local = pygame.Rect(0, 0, rect.width, rect.height)
    proj = Projection(local, LEGACY_BBOX)
    layer = pygame.Surface(rect.size)
    layer.fill(p.sea)
    for country in data["countries"]:
        for poly in country["polygons"]:
            pts = [proj(x, y) for x, y in poly]
            if len(pts) >= 3:
                pygame.draw.polygon(layer, p.land, pts)
                pygame.draw.polygon(layer, p.land_edge, pts, 1)
    size = max(10, int(13 * s * ts))
    ring_colour = p.ink_soft if withdrawn else p.warn
    for sites, nm, dash in ((R12_SITES, 1000, 10), (R14_SITES, 2200, 4)):  # each range from its own sites
        for site in sites:
            _dashed(layer, ring_colour, _arc(local, proj, *site, nm, 120), max(1, int(2 * s)), int(dash * s))
    for name, (x, y) in data["places"].items():
        pt = proj(x, y)
        pygame.draw.circle(layer, p.ink, pt, max(3, int(4 * s)))
        lab = halo_text(name, "bold", size, p.ink, p.paper)  # readable on land and sea alike
        dx, dy = LABEL_OFFSETS.get(name, (1, 0))
        lx = pt[0] + 7 if dx > 0 else pt[0] - 7 - lab.get_width()
        ly = pt[1] - lab.get_height() // 2 + dy * (lab.get_height() // 2 + 2)
        layer.blit(lab, (lx, ly))
    _BASE[key] = layer
    return layer


def draw_map(
    surface: pygame.Surface, whole: pygame.Rect, view, p: Palette, s: float, ts: float = 1.0
) -> None:
    """The map for a ``PlayerView``: what the side knows of the quarantine, the sites and ships.

    The legend takes a strip below the map, never a corner of it.  ``ts`` is the factor the
    text-size setting gives the map's words.
    """
    quarantine = _flag(view, "quarantine")
    legend_size = max(10, int(12 * s * ts))
    rows = _legend_rows(p, p.warn, quarantine)
    legend_h = len(rows) * (legend_size + int(6 * s)) + int(12 * s)
    rect = pygame.Rect(whole.left, whole.top, whole.width, whole.height - legend_h - int(6 * s))
    proj = Projection(rect, LEGACY_BBOX)
    withdrawn = _flag(view, "withdrawal")
    surface.blit(_base_layer(rect, p, s, withdrawn, ts), rect.topleft)
    clip = surface.get_clip()
    surface.set_clip(rect)
    size = max(10, int(13 * s * ts))
    ring_colour = p.ink_soft if withdrawn else p.warn
    readiness = view.track("cuba.readiness") if "cuba.readiness" in view.scenario.tracks else 0.5
    if quarantine:
        lon, lat, nm, b0, b1 = QUARANTINE_ARC
        local = pygame.Rect(0, 0, rect.width, rect.height)
        pts = _arc(rect, Projection(local, LEGACY_BBOX), lon, lat, nm, 90, (b0, b1))
        pygame.draw.lines(surface, p.concede, False, pts, max(2, int(3 * s)))
        end = pts[8]
        surface.blit(render("QUARANTINE LINE", "bold", size, p.concede), (end[0] + 8, end[1] - size - 4))
    site = proj(*SITE)
    pygame.draw.circle(surface, p.ink_soft if withdrawn else p.warn, site, int((5 + 6 * readiness) * s), 2)
    if withdrawn:
        r = int(8 * s)
        pygame.draw.line(surface, p.ink, (site[0] - r, site[1] - r), (site[0] + r, site[1] + r), 3)
        pygame.draw.line(surface, p.ink, (site[0] - r, site[1] + r), (site[0] + r, site[1] - r), 3)
    if _flag(view, "strike"):
        _burst(surface, site, int(14 * s), p.warn)
    if _flag(view, "u2_down"):
        banes = proj(-75.72, 20.96)
        _burst(surface, banes, int(9 * s), p.stamp)
        surface.blit(render("U-2 down", "bold", size, p.stamp), (banes[0] + 8, banes[1] + 4))
    if _flag(view, "prepared") or _flag(view, "invasion_ordered"):
        fl = proj(-86.0, 33.2)
        lab = render("US forces massing", "bold", size, p.escalate)
        surface.blit(lab, fl)
    _ships(surface, proj, view, p, s, size)
    surface.set_clip(clip)
    box = pygame.Rect(whole.left, rect.bottom + int(6 * s), whole.width, legend_h)
    _legend(surface, box, p, s, legend_size, _legend_rows(p, ring_colour, quarantine))
    pygame.draw.rect(surface, p.land_edge, rect, 2)
    credit = render("Coastlines: Natural Earth", "body", max(9, size - 3), p.light_text)
    surface.blit(credit, (rect.right - credit.get_width() - 6, rect.bottom - credit.get_height() - 4))


def _ships(surface: pygame.Surface, proj: Projection, view, p: Palette, s: float, size: int) -> None:
    day = view.day
    turned = _flag(view, "ships_turned") or _flag(view, "withdrawal")
    ran = _flag(view, "ships_ran")
    progress = min(1.0, max(0.0, (day - 1) / 8.0))  # steaming towards Cuba until about October 24
    if turned:
        progress = max(0.1, 0.55 - 0.08 * max(0, day - 8))
    elif ran:
        progress = min(1.0, 0.7 + 0.1 * max(0, day - 8))
    elif _flag(view, "quarantine"):
        progress = min(progress, 0.62)
    lon, lat = _along(SHIP_PATH, progress)
    pt = proj(lon, lat)
    heading = -1 if turned else 1
    for i in range(3):
        q = (pt[0] + int(i * 14 * s) * (1 if heading > 0 else -1), pt[1] - int(i * 9 * s))
        _ship(surface, q, heading, p.stamp, s)
    label = (
        "Soviet ships turning back" if turned else "Soviet ships running the line" if ran else "Soviet ships"
    )
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
    for a, b in itertools.pairwise(pts):
        seg = math.dist(a, b)
        if on:
            pygame.draw.line(surface, colour, a, b, width)
        run += seg
        if run >= dash:
            on, run = not on, 0.0


def _legend_rows(p: Palette, ring, quarantine: bool) -> list[tuple[str, tuple, str]]:
    rows = [
        ("ring10", ring, "R-12 range from San Cristóbal and Sagua la Grande: about 1,000 nm"),
        ("ring4", ring, "R-14 range from Guanajay and Remedios: about 2,200 nm (approx.)"),
    ]
    if quarantine:
        rows.append(("line", p.concede, "Quarantine line (schematic)"))
    return rows


def _legend(surface: pygame.Surface, box: pygame.Rect, p: Palette, s: float, size: int, rows) -> None:
    """The legend's strip below the map: one size for every row, shrunk only to fit the width."""
    lh = size + int(6 * s)
    x1 = box.left + int(40 * s)
    room = box.right - x1 - int(16 * s)
    size = min(fit_width(text, "body", size, room) for _, _, text in rows)
    pygame.draw.rect(surface, p.paper, box, border_radius=4)
    pygame.draw.rect(surface, p.land_edge, box, 1, border_radius=4)
    y = box.top + int(6 * s)
    for kind, colour, text in rows:
        x0 = box.left + int(8 * s)
        if kind == "line":
            pygame.draw.line(surface, colour, (x0, y + size // 2), (x1, y + size // 2), max(2, int(3 * s)))
        else:
            dash = max(2, int(int(kind[4:]) * s))
            for xx in range(x0, x1, 2 * dash):
                pygame.draw.line(surface, colour, (xx, y + size // 2), (min(x1, xx + dash), y + size // 2), 2)
        surface.blit(render(text, "body", size, p.ink), (x1 + int(8 * s), y))
        y += lh
