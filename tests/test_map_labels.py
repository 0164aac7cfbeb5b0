"""Place names read as the right places: each lies nearer its own dot than any other, or is
tied to its dot by a leader line, on every shipped map, window size and text size."""

from __future__ import annotations

import math
import os

import pygame
import pytest

from conftest import SCENARIOS
from thirteendays import load_text
from thirteendays.play import advisor as advisor_module
from thirteendays.scenario.map_model import MapSpec
from thirteendays.settings import Settings
from thirteendays.ui.shots import build
from thirteendays.ui.widgets import map_labels, map_panel
from thirteendays.ui.widgets.map_labels import distance, dots_of, place_labels
from thirteendays.ui.widgets.map_panel import Frame

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

SIZES = [(1024, 640), (1280, 720), (3840, 2160)]  # as the overflow test
TEXT_SCALES = [0.75, 1.0, 2.0]


@pytest.fixture(autouse=True)
def _few_rollouts(monkeypatch):
    monkeypatch.setattr(advisor_module, "ROLLOUTS", 50)


def shipped_maps() -> list[str]:
    out = []
    for path in sorted(SCENARIOS.glob("*.yaml")):
        spec = load_text(path.read_text(encoding="utf-8"), path.name).scenario.map
        if isinstance(spec, MapSpec):
            out.append(path.stem)
    return out


def problems_of(view, size, placed) -> list[str]:
    frame = Frame(pygame.Rect((0, 0), size), view)
    dots = dots_of(view, frame)
    out = []
    for name, spot in placed.items():
        own = frame(*view.places[name].at)
        others = {o: pt for o, pt in dots.items() if o != name}
        if spot.leader is not None:
            start, end = spot.leader
            mark = spot.footprint  # the dot and any marker over it: the leader starts beyond it
            if (
                not mark.collidepoint(own)
                or mark.collidepoint(start)
                or math.dist(own, start) > math.dist(own, end)
            ):
                out.append(f"{name}: its leader does not start by its dot")
            if distance(spot.rect, end) > 0:
                out.append(f"{name}: its leader does not reach its name")
            continue
        mine = distance(spot.rect, own)
        for other, pt in others.items():
            if distance(spot.rect, pt) <= mine:
                out.append(f"{name} lies nearer {other}'s dot than its own, with no leader")
    return out


@pytest.mark.parametrize("scenario", shipped_maps())
def test_every_name_reads_as_its_own_place(monkeypatch, scenario):
    seen = []
    real = map_labels.place_labels

    def recording(view, size, s, *rest):
        placed = real(view, size, s, *rest)
        seen.append((view, size, s, placed))
        return placed

    monkeypatch.setattr(map_labels, "place_labels", recording)
    day = 12 if scenario.startswith("cuban") else 6
    problems = []
    for size in SIZES:
        for scale in TEXT_SCALES:
            map_panel._BASES.clear()
            map_panel._NAMES.clear()  # the names are placed once per map and size, too
            app, surface = build(
                "map",
                size=size,
                scenario=scenario,
                day=day,
                settings=Settings(reduced_motion=True, text_scale=scale),
            )
            app.tick(0.016, surface)
            if app.ctx.session.advisor is not None:
                app.ctx.session.advisor.cancel()
    assert len({(id(v), size) for v, size, _, _ in seen}) >= len(SIZES)
    for view, size, s, placed in seen:
        problems += [f"{view.title} {size} s={s:.2f}: {p}" for p in problems_of(view, size, placed)]
    assert not problems, "\n".join(problems[:20])


def test_crowded_dots_get_leaders_and_lone_dots_do_not():
    pygame.font.init()
    spec = MapSpec.model_validate(
        {
            "region": [0, 0, 100, 60],
            "projection": "plane",
            "places": {
                "Alpha": {"at": [50, 30], "kind": "site"},
                "Beta": {"at": [50.6, 30], "kind": "site"},
                "Gamma": {"at": [50, 30.6], "kind": "site"},
                "Delta": {"at": [50.6, 30.6], "kind": "site"},
                "Lonely": {"at": [10, 10]},
            },
        }
    )
    size = (400, 240)
    placed = place_labels(spec, size, 1.0)
    assert problems_of(spec, size, placed) == []
    assert placed["Lonely"].leader is None
    assert any(p.leader is not None for n, p in placed.items() if n != "Lonely")


def views_of_shipped_maps():
    for path in sorted(SCENARIOS.glob("*.yaml")):
        spec = load_text(path.read_text(encoding="utf-8"), path.name).scenario.map
        if isinstance(spec, MapSpec):
            yield from (spec, *spec.insets)


@pytest.mark.parametrize("size", [(180, 120), (300, 210), (584, 555), (1200, 700), (3300, 1900)])
def test_the_scale_bar_never_runs_through_its_words(size):
    from thirteendays.ui.theme import PALETTES
    from thirteendays.ui.widgets.map_panel import _scale_bar, scale_bar_parts

    pygame.font.init()
    p = PALETTES["classic"]
    for view in views_of_shipped_maps():
        for ls in (0.6, 0.75, 0.87, 1.0, 1.2, 1.41, 2.0, 2.4):
            box, _, words, text, bar = scale_bar_parts(size, view, ls)
            where = f"{view.title} {size} ls={ls}: {words}"
            assert not text.colliderect(bar), where
            assert box.contains(text) and box.contains(bar), where
            sheet = pygame.Surface(size)
            sheet.fill(p.sea)
            _scale_bar(sheet, view, p, ls)
            ink = [
                (x, y)
                for x in range(box.left, box.right)
                for y in range(box.top, box.bottom)
                if 0 <= x < size[0] and 0 <= y < size[1] and tuple(sheet.get_at((x, y)))[:3] == p.ink[:3]
            ]
            assert ink, where
            stray = [pt for pt in ink if not text.collidepoint(pt) and not bar.collidepoint(pt)]
            assert not stray, f"{where}: the bar draws outside its box at {stray[:3]}"
