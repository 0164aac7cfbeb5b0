"""The situation map's legend and words: beside the map, never on Cuba; only what is visible;
swatches drawn like their layers; Berlin's scale; captions inside the panel."""

from __future__ import annotations

import os

import pygame
import pytest

from thirteendays.play import advisor as advisor_module
from thirteendays.play.map_layers import ShownLayer, ShownPanel
from thirteendays.scenario.map_model import MapLayer, MapSpec
from thirteendays.settings import Settings
from thirteendays.ui.shots import build
from thirteendays.ui.widgets import map_labels, map_panel
from thirteendays.ui.widgets import text as text_module
from thirteendays.ui.widgets.map_legend import _swatch, visible_rows
from thirteendays.ui.widgets.map_panel import Frame, base_data, beside

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

SIZES = [(1024, 640), (1280, 720), (1920, 1080), (3840, 2160)]


@pytest.fixture(autouse=True)
def _few_rollouts(monkeypatch):
    monkeypatch.setattr(advisor_module, "ROLLOUTS", 50)


def map_screen(scenario: str, day: int, size, text_scale: float):
    app, surface = build(
        "map",
        size=size,
        scenario=scenario,
        day=day,
        settings=Settings(reduced_motion=True, text_scale=text_scale),
    )
    app.tick(0.016, surface)
    return app, surface


def layout_of(app):
    from thirteendays.play.map_layers import shown_panels
    from thirteendays.ui.screens.common import Frame as ScreenFrame
    from thirteendays.ui.screens.common import header

    screen, ctx = app.top, app.ctx
    frame = ScreenFrame(ctx, ctx.size)
    y = header(None, ctx, frame.inner, screen.title(), "SITUATION MAP")
    rect = pygame.Rect(frame.inner.left, y, frame.inner.width, frame.inner.bottom - y)
    panels = shown_panels(ctx.session.game, ctx.session.scenario.map, ctx.session.view().day)
    lay, rows = screen.legend_layout(rect, panels)
    return screen, panels, lay, rows


def cuba_on_screen(panel_view, map_rect: pygame.Rect) -> pygame.Rect:
    frame = Frame(map_rect, panel_view)
    (cuba,) = [c for c in base_data("caribbean")["countries"] if c["name"] == "Cuba"]
    pts = [frame(x, y) for poly in cuba["polygons"] for x, y in poly]
    xs, ys = [x for x, _ in pts], [y for _, y in pts]
    return pygame.Rect(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("text_scale", [0.75, 1.0, 2.0])
def test_the_legend_never_covers_cuba_and_lies_beside_the_map(size, text_scale):
    app, _ = map_screen("cuban_missile_crisis", 12, size, text_scale)
    screen, panels, lay, rows = layout_of(app)
    assert rows and lay.box is not None
    assert not lay.box.colliderect(lay.map), "the legend lies on the map"
    cuba = cuba_on_screen(panels[0].view, lay.map)
    assert lay.map.contains(cuba), "Cuba is cut off"
    assert not cuba.colliderect(lay.box)
    for panel in panels[1:]:  # nor does an inset hide it
        assert not screen.inset_boxes(lay.map, panel.view)[0].colliderect(cuba)


def test_the_legend_lists_only_layers_reaching_the_drawn_area():
    app, _ = map_screen("cuban_missile_crisis", 12, (1280, 720), 1.0)
    *_, rows = layout_of(app)
    texts = [r.text for r in rows]
    assert not any(t.startswith("R-14") for t in texts), "the R-14 ring is wider than the map"
    assert any(t.startswith("R-12") for t in texts)
    # and a ring far off the panel is never listed, while one on it is
    spec = MapSpec.model_validate(
        {
            "region": [0, 0, 10, 10],
            "layers": [
                {"id": "far", "draw": "ring", "points": [[80, 60]], "radius_nm": 50, "legend": "far away"},
                {"id": "near", "draw": "ring", "points": [[5, 5]], "radius_nm": 50, "legend": "close by"},
            ],
        }
    )
    shown = tuple(ShownLayer(layer, 1.0, 1.0, "sailing") for layer in spec.layers)
    listed = visible_rows([(ShownPanel(spec, shown, ()), pygame.Rect(0, 0, 400, 400))])
    assert [r.text for r in listed] == ["close by"]


def _swatch_pixels(symbol: str | None, draw: str = "marker") -> bytes:
    from thirteendays.ui.theme import PALETTES

    fields = {"id": "x", "draw": draw, "points": [[0, 0], [1, 1]], "legend": "x", "style": "us"}
    if symbol:
        fields["symbol"] = symbol
    layer = MapLayer.model_validate(fields)
    surface = pygame.Surface((60, 24))
    surface.fill((0, 0, 0))
    _swatch(
        surface, pygame.Rect(4, 2, 48, 20), ShownLayer(layer, 1.0, 1.0, "sailing"), PALETTES["classic"], 1.0
    )
    return pygame.image.tobytes(surface, "RGB")


def test_legend_swatches_are_drawn_like_their_symbols():
    pygame.init()
    swatches = {name: _swatch_pixels(name) for name in ("tank", "gate", "dot", "missile")}
    assert len(set(swatches.values())) == 4, "each symbol has its own swatch"
    assert _swatch_pixels(None, "ships") not in swatches.values()
    app, _ = map_screen("berlin_1961", 6, (1280, 720), 1.0)
    *_, rows = layout_of(app)
    kinds = {(r.shown.layer.draw, r.shown.layer.symbol) for r in rows}
    assert ("marker", "tank") in kinds and ("marker", "gate") in kinds


def test_berlin_has_a_scale_bar_in_kilometres():
    map_panel._BASES.clear()
    map_panel._NAMES.clear()  # the names are placed once per map and size, too
    text_module._SURFACES.clear()
    map_screen("berlin_1961", 6, (1280, 720), 1.0)
    labels = [key[0] for key in text_module._SURFACES]
    assert any(label.endswith(" km") for label in labels), labels[:20]


def test_a_caption_beside_a_point_at_the_right_edge_stays_inside_the_panel():
    pygame.font.init()
    rect = pygame.Rect(0, 0, 400, 300)
    label = pygame.Surface((150, 20))
    for at in ((395, 150), (390, 295), (5, 5), (200, 150)):
        left, top = beside(label, at, rect, 1.0)
        assert rect.contains(pygame.Rect(left, top, 150, 20)), at
    inset = pygame.Rect(200, 150, 200, 150)  # what covers the panel's corner is avoided too
    left, top = beside(label, (300, 120), rect, 1.0, (inset,))
    assert not pygame.Rect(left, top, 150, 20).colliderect(inset)


@pytest.mark.parametrize("scenario", ["cuban_missile_crisis", "berlin_1961"])
def test_map_words_grow_with_the_text_size(monkeypatch, scenario):
    heights = {}
    real = map_labels.place_labels
    for text_scale in (0.75, 2.0):
        seen = []

        def recording(view, size, s, *rest, seen=seen):
            rects = real(view, size, s, *rest)
            seen.extend(r.rect.height for r in rects.values())
            return rects

        monkeypatch.setattr(map_labels, "place_labels", recording)
        map_panel._BASES.clear()
        map_panel._NAMES.clear()  # the names are placed once per map and size, too
        map_screen(scenario, 6, (1920, 1080), text_scale)
        heights[text_scale] = max(seen)
    assert heights[2.0] > heights[0.75]
