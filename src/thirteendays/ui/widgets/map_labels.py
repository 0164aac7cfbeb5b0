"""Where a map's place names go, and the leader lines of those that cannot sit by their dots.

A name read beside the wrong dot names the wrong place (a QA player saw "Sagua la Grande"
over the sea by Key West), so a name is placed beside its own dot only where it lies nearer
that dot than any other; where the dots are too crowded for that (Havana, Guanajay and
San Cristóbal are a few pixels apart on a small window) it is moved out to the nearest
free spot and a thin leader line is drawn from it to its dot.  One function for drawing
and for the tests.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pygame

from ...scenario.map_model import MapView
from .map_marks import symbol_box
from .map_panel import Frame, _dot_radius, _label_px, halo_text, scale_bar_box

RINGS = (1.0, 2.0, 3.0, 4.5, 6.0, 8.0)  # how far out (in line heights) a name with a leader is tried
ANGLES = tuple(range(0, 360, 30))


@dataclass(frozen=True)
class PlacedName:
    rect: pygame.Rect  # the name's box on the panel
    at: tuple[int, int]  # its place's point on the panel
    leader: tuple[tuple[int, int], tuple[int, int]] | None  # from by the dot to the box's edge, or None
    footprint: pygame.Rect | None = None  # what is drawn over the dot (its dot, its markers)


def dots_of(view: MapView, frame: Frame) -> dict[str, tuple[int, int]]:
    """The places drawn with a dot: sites, and named cities and bases."""
    return {
        name: frame(*place.at)
        for name, place in view.places.items()
        if place.kind == "site" or (place.kind != "point" and place.named)
    }


def markers_of(view: MapView, frame: Frame, ws: float) -> list[tuple[tuple[int, int], pygame.Rect]]:
    """(point, box) of every marker a layer may draw (shown or not: names are laid out once)."""
    out = []
    for layer in view.layers:
        if layer.draw == "marker":
            for w in layer.points:
                pt = frame(*(view.places[w].at if isinstance(w, str) else w))
                out.append((pt, symbol_box(layer.symbol, pt, ws)))
    return out


def marker_boxes(view: MapView, frame: Frame, ws: float) -> list[pygame.Rect]:
    return [box for _, box in markers_of(view, frame, ws)]


def _core(pt: tuple[int, int], r: int) -> pygame.Rect:
    """The heart of a marker, which a name or a leader may not cover (its rim it may)."""
    return pygame.Rect(pt[0] - r, pt[1] - r, 2 * r + 1, 2 * r + 1)


def _crosses(a: tuple[tuple[int, int], tuple[int, int]], b: tuple[tuple[int, int], tuple[int, int]]) -> bool:
    """Whether two segments cross (touching ends do not count): two leaders must not form an X."""

    def side(p, q, r) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    (p1, p2), (q1, q2) = a, b
    d1, d2 = side(q1, q2, p1), side(q1, q2, p2)
    d3, d4 = side(p1, p2, q1), side(p1, p2, q2)
    return d1 * d2 < 0 and d3 * d4 < 0


def trimmed(line: tuple[tuple[int, int], tuple[int, int]], cover: list[pygame.Rect]) -> tuple[int, int]:
    """Where a leader from its dot to its name should start: the first point out of what covers
    the dot, so its end is seen touching the symbol rather than hidden under it."""
    (x0, y0), (x1, y1) = line
    steps = max(1, math.ceil(math.hypot(x1 - x0, y1 - y0)))
    for i in range(steps + 1):
        pt = (round(x0 + (x1 - x0) * i / steps), round(y0 + (y1 - y0) * i / steps))
        if not any(box.collidepoint(pt) for box in cover):
            return pt
    return (x1, y1)


def distance(rect: pygame.Rect, pt: tuple[float, float]) -> float:
    """From a point to the nearest pixel of a box (0 inside it): how near a name reads to a dot."""
    dx = max(rect.left - pt[0], 0, pt[0] - (rect.right - 1))
    dy = max(rect.top - pt[1], 0, pt[1] - (rect.bottom - 1))
    return math.hypot(dx, dy)


def nearest_point(rect: pygame.Rect, pt: tuple[int, int]) -> tuple[int, int]:
    return (min(max(pt[0], rect.left), rect.right - 1), min(max(pt[1], rect.top), rect.bottom - 1))


def reads_as_its_own(rect: pygame.Rect, own: tuple[int, int], others: list[tuple[int, int]], r: int) -> bool:
    """The name is nearer its own dot than any other, by a margin of a dot's radius."""
    mine = distance(rect, own)
    return all(distance(rect, o) >= mine + r for o in others)


def place_labels(
    view: MapView,
    size: tuple[int, int],
    s: float,
    marks: float | None = None,
    keep_clear: tuple[pygame.Rect, ...] = (),
) -> dict[str, PlacedName]:
    """Each named place's name on a panel of ``size`` (``s``: the labels' scale; ``marks``:
    the scale dots and markers are drawn at, the same by default; ``keep_clear``: what is drawn
    over the panel, its insets).

    First beside its dot: the scenario's anchor and offset, then the four sides and the
    corners, taking the first that stays inside the panel, clear of the names, dots and
    leaders already placed, of the markers and of the scale bar, and nearer its own dot than any
    other.  Failing that, the nearest free spot further out, with a leader line that starts
    just outside whatever is drawn over the dot (a marker hid its end on small windows).
    """
    panel = pygame.Rect((0, 0), size)
    frame = Frame(panel, view)
    ws = s if marks is None else marks
    r = _dot_radius(s)
    drawn = _dot_radius(ws)
    dots = dots_of(view, frame)
    dot_boxes = {name: pygame.Rect(x - r, y - r, 2 * r, 2 * r) for name, (x, y) in dots.items()}
    markers = markers_of(view, frame, ws)
    core_r = max(2, _dot_radius(ws) // 2)
    bar = scale_bar_box(size, view, s)[0]
    out: dict[str, PlacedName] = {}
    for name, place in view.places.items():
        if not place.named:
            continue
        x, y = frame(*place.at)
        if any(box.collidepoint(x, y) for box in keep_clear):
            continue  # its dot is under an inset: a name there would point at nothing
        w, h = halo_text(place.label or name, "bold", _label_px(s), (0, 0, 0), (255, 255, 255)).get_size()
        dot = pygame.Rect(x - drawn - 1, y - drawn - 1, 2 * drawn + 3, 2 * drawn + 3)
        at_dot = [m for pt, m in markers if math.dist(pt, (x, y)) <= 1.5]  # this place's own symbol
        footprint = dot.unionall([m for _, m in markers if m.colliderect(dot)])  # all drawn over the dot
        gap = max([r + 3, *(max(x - m.left, m.right - x, y - m.top, m.bottom - y) + 2 for m in at_dot)])
        cores = [_core(pt, core_r) for pt, m in markers if m not in at_dot]
        at = {
            "e": (x + gap, y - h // 2),
            "w": (x - gap - w, y - h // 2),
            "n": (x - w // 2, y - gap - h),
            "s": (x - w // 2, y + gap),
            "ne": (x + gap, y - gap - h + h // 3),
            "se": (x + gap, y + gap - h // 3),
            "nw": (x - gap - w, y - gap - h + h // 3),
            "sw": (x - gap - w, y + gap - h // 3),
        }
        dx, dy = place.offset
        left, top = at[place.anchor]
        declared = pygame.Rect(left + round(dx * h), top + round(dy * h), w, h)
        others = [pt for other, pt in dots.items() if other != name]
        blocks = [
            *(
                p.rect.inflate(h // 2 * 2, 2) for p in out.values()
            ),  # a space between names, so two never read as one
            *(d for other, d in dot_boxes.items() if other != name),
            *cores,
            *keep_clear,
            bar,
        ]
        leaders = [p.leader for p in out.values() if p.leader is not None]

        def free(box: pygame.Rect, blocks=blocks, leaders=leaders) -> bool:
            return (
                panel.contains(box)
                and box.collidelist(blocks) < 0
                and not any(box.clipline(*line) for line in leaders)
            )

        near = gap + h  # beyond this a name reads as floating, and gets a leader
        beside = [declared, *(pygame.Rect(ax, ay, w, h) for ax, ay in at.values())]
        found = next(
            (
                box
                for box in beside
                if distance(box, (x, y)) <= near and free(box) and reads_as_its_own(box, (x, y), others, r)
            ),
            None,
        )
        if found is not None:
            out[name] = PlacedName(found, (x, y), None, footprint)
            continue

        def roomy(box: pygame.Rect, blocks=blocks) -> bool:
            return panel.contains(box) and box.collidelist(blocks) < 0

        marks = {
            **{other: d for other, d in dot_boxes.items() if other != name},
            **dict(enumerate(cores)),
        }
        clear = footprint.inflate(4 * r, 4 * r)  # room for a leader to be seen between mark and name

        def apart(box: pygame.Rect, free=free, clear=clear) -> bool:
            return free(box) and not box.colliderect(clear)

        def roomy_apart(box: pygame.Rect, roomy=roomy, clear=clear) -> bool:
            return roomy(box) and not box.colliderect(clear)

        spot = (
            _with_leader((x, y), w, h, gap, apart, marks, out, others)
            # a panel too crowded for a clean leader: one that may cross others, never none
            or _with_leader((x, y), w, h, gap, roomy_apart, {}, {}, others)
            or PlacedName(declared, (x, y), ((x, y), nearest_point(declared, (x, y))))
        )
        start, end = spot.leader or ((x, y), (x, y))
        cover = [footprint, *(m for _, m in markers)]  # the leader starts in sight, on no marker
        out[name] = PlacedName(spot.rect, (x, y), (trimmed((start, end), cover), end), footprint)
    return out


def _with_leader(xy, w, h, gap, free, marks, placed, others) -> PlacedName | None:
    """The nearest free spot round the dot whose leader crosses no other dot, name or leader.  Spots
    nearer their own dot than any other are taken first, on any ring: a name lying beside
    another dot reads as that place, leader or not."""
    x, y = xy
    tries = []
    for ring in RINGS:
        reach = gap + ring * h
        for a in ANGLES:
            ux, uy = math.cos(math.radians(a)), -math.sin(math.radians(a))
            cx = x + ux * (reach + w / 2 * abs(ux))
            cy = y + uy * (reach + h / 2 * abs(uy))
            tries.append(pygame.Rect(round(cx - w / 2), round(cy - h / 2), w, h))
    tries.sort(key=lambda b: (not reads_as_its_own(b, xy, others, 0), distance(b, xy)))
    for box in tries:
        if not free(box):
            continue
        line = (xy, nearest_point(box, xy))
        if any(d.clipline(*line) for d in marks.values()):
            continue
        if any(p.rect.inflate(4, 4).clipline(*line) for p in placed.values()):
            continue
        if any(p.leader is not None and _crosses(line, p.leader) for p in placed.values()):
            continue
        return PlacedName(box, xy, line)
    return None
