"""The map's own words stay by what they name: the ships' caption beside the ships, and a
crowded name's leader line ending where the eye can see it, clear of every marker."""

from __future__ import annotations

import math
import os

import pygame
import pytest

from thirteendays.play import advisor as advisor_module
from thirteendays.settings import Settings
from thirteendays.ui.shots import build
from thirteendays.ui.widgets import map_panel, map_ships

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

SIZES = [(1024, 640), (1280, 800), (1920, 1080)]
TEXT_SCALES = [1.0, 1.5, 2.0]


@pytest.fixture(autouse=True)
def _few_rollouts(monkeypatch):
    monkeypatch.setattr(advisor_module, "ROLLOUTS", 50)


class Recording(pygame.Surface):
    """A window surface that remembers where each picture was put."""

    def __init__(self, size: tuple[int, int]) -> None:
        super().__init__(size)
        self.seen: list[tuple[pygame.Surface, pygame.Rect]] = []

    def blit(self, source, dest, *args, **kwargs):
        placed = super().blit(source, dest, *args, **kwargs)
        if not args and hasattr(self, "seen"):  # a whole picture (a subsurface keeps no list)
            self.seen.append((source, pygame.Rect(dest if len(dest) == 4 else (dest, source.get_size()))))
        return placed


def gap(box: pygame.Rect, hull: pygame.Rect) -> float:
    dx = max(hull.left - box.right, box.left - hull.right, 0)
    dy = max(hull.top - box.bottom, box.top - hull.bottom, 0)
    return math.hypot(dx, dy)


def test_the_ships_caption_sits_beside_the_ships_it_names(monkeypatch):
    hulls: list[tuple[float, float]] = []
    captions: set[int] = set()
    real_ship, real_halo = map_ships._ship, map_panel.halo_text

    def ship(surface, pt, heading, colour, s):
        hulls.append(pt)
        real_ship(surface, pt, heading, colour, s)

    def halo(text, *args):
        label = real_halo(text, *args)
        if text.startswith("Soviet ships"):
            captions.add(id(label))
        return label

    monkeypatch.setattr(map_ships, "_ship", ship)
    monkeypatch.setattr(map_panel, "halo_text", halo)
    seen = drawn = 0
    problems = []
    for day in (1, 3, 8, 12):
        app, _ = build("map", day=day, settings=Settings(reduced_motion=False))
        if app.ctx.session.advisor is not None:
            app.ctx.session.advisor.cancel()
        for size in SIZES:
            for scale in TEXT_SCALES:
                app.ctx.size = size
                app.ctx.settings = Settings(reduced_motion=False, text_scale=scale)
                s = app.ctx.scale
                for t in (0.0, 1.3, 4.0):  # sailing in, and at rest
                    app.ctx.time = app.top.opened + t
                    surface = Recording(size)
                    hulls.clear()
                    app.top.draw(surface)
                    boxes = [rect for label, rect in surface.seen if id(label) in captions]
                    reach = 9 * s
                    hull_boxes = [
                        pygame.Rect(round(x - reach), round(y - reach), round(2 * reach), round(2 * reach))
                        for x, y in hulls
                    ]
                    where = f"day {day} {size} text {scale} t={t}"
                    seen += bool(hulls)
                    if not boxes:
                        continue
                    drawn += 1
                    (box,) = boxes
                    if not hulls:
                        problems.append(f"{where}: a caption with no ships")
                        continue
                    nearest = min(gap(box, hull) for hull in hull_boxes)
                    if nearest > 8 * s:  # under a hull's length
                        problems.append(f"{where}: caption {nearest:.0f} px from the nearest ship")
                    if box.collidelist(hull_boxes) >= 0:
                        problems.append(f"{where}: caption over the ships")
    assert seen and drawn  # the ships and their caption were drawn
    assert not problems, "\n".join(problems[:20])


def test_every_leader_ends_in_sight_beside_its_dot_never_under_a_marker(monkeypatch):
    from thirteendays.ui.widgets.map_labels import marker_boxes
    from thirteendays.ui.widgets.map_panel import Frame, _dot_radius

    drawn = []
    real = map_panel._draw_names

    def spy(surface, rect, view, placed, p, ls):
        real(surface, rect, view, placed, p, ls)
        drawn.append((rect, view, placed))

    monkeypatch.setattr(map_panel, "_draw_names", spy)
    problems, leaders = [], 0
    for scenario, day in (("cuban_missile_crisis", 12), ("berlin_1961", 6)):
        app, _ = build("map", scenario=scenario, day=day, settings=Settings(reduced_motion=True))
        if app.ctx.session.advisor is not None:
            app.ctx.session.advisor.cancel()
        for size in SIZES:
            for scale in TEXT_SCALES:
                app.ctx.size = size
                app.ctx.settings = Settings(reduced_motion=True, text_scale=scale)
                s = app.ctx.scale
                surface = pygame.Surface(size)
                drawn.clear()
                app.top.draw(surface)
                ink = app.ctx.palette.ink
                for rect, view, placed in drawn:
                    frame = Frame(pygame.Rect((0, 0), rect.size), view)
                    r = _dot_radius(s)
                    marks = marker_boxes(view, frame, s) + [
                        pygame.Rect(x - r, y - r, 2 * r + 1, 2 * r + 1)
                        for x, y in (
                            frame(*place.at) for place in view.places.values() if place.kind != "point"
                        )
                    ]
                    for name, spot in placed.items():
                        if spot.leader is None:
                            continue
                        leaders += 1
                        (x, y), _ = spot.leader
                        where = f"{view.title} {size} text {scale}: {name}"
                        if any(m.collidepoint(x, y) for m in marks):
                            problems.append(f"{where}: the leader ends under a dot or marker at {(x, y)}")
                        if math.dist((x, y), spot.at) > 4 * max(r, 6 * s):
                            problems.append(f"{where}: the leader stops short of its dot")
                        if tuple(surface.get_at((x + rect.left, y + rect.top)))[:3] != tuple(ink):
                            problems.append(f"{where}: the leader's end is not seen")
    assert leaders  # crowded maps do have leaders to check
    assert not problems, "\n".join(problems[:20])
