"""Maps declared by the scenario: layers follow the game's flags and days, through compiled masks."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from conftest import SCENARIOS
from thirteendays import load_text
from thirteendays.play import new_game
from thirteendays.play.map_layers import shown_panels
from thirteendays.scenario.map_model import MapSpec
from thirteendays.ui.shots import historical_choices


def shown_ids(panels) -> list[set[str]]:
    return [{s.layer.id for s in panel.layers} for panel in panels]


def start(scenario: str):
    return new_game(scenario, "us", 1, "historical").session


def test_the_cuba_map_on_day_12_has_the_jupiters_and_the_line_once_proclaimed():
    session = start("cuban_missile_crisis")
    spec = session.scenario.map
    main, europe = shown_ids(shown_panels(session.game, spec, 1))
    assert "quarantine-line" not in main and "u2-down" not in main
    assert "jupiters" in europe and "r12-range" in main
    historical_choices(session, 12)
    panels = shown_panels(session.game, spec, session.view().day)
    main, europe = shown_ids(panels)
    assert session.view().day == 12
    assert "quarantine-line" in main and "jupiters" in europe
    ships = next(s for s in panels[0].layers if s.layer.id == "soviet-ships")
    assert ships.course in ("halted", "back") and ships.at == pytest.approx(0.75)
    legend = [text for _, _, text in panels[0].legend + panels[1].legend]
    assert any("Jupiter" in text for text in legend)
    assert all(s.layer.legend in legend for p in panels for s in p.layers if s.layer.legend)


def test_ships_sail_day_by_day_until_the_line():
    session = start("cuban_missile_crisis")
    spec = session.scenario.map
    at = []
    for day in (1, 4, 7):
        ships = next(
            s for s in shown_panels(session.game, spec, day)[0].layers if s.layer.id == "soviet-ships"
        )
        at.append(ships.at)
    assert at == sorted(at) and at[0] < at[-1]


def test_berlin_is_a_schematic_of_sectors_the_wall_and_checkpoint_charlie():
    session = start("berlin_1961")
    spec = session.scenario.map
    assert spec.base == "none" and spec.projection == "plane"
    (main,) = shown_ids(shown_panels(session.game, spec, 1))
    assert {"american-sector", "soviet-sector", "wall", "gate"} <= main
    assert "Checkpoint Charlie" in spec.places


def test_a_layer_naming_an_unknown_place_or_missing_its_radius_is_refused():
    with pytest.raises(ValidationError, match="no place named"):
        MapSpec.model_validate(
            {"region": [0, 0, 1, 1], "layers": [{"id": "a", "draw": "marker", "points": ["Nowhere"]}]}
        )
    with pytest.raises(ValidationError, match="radius_nm"):
        MapSpec.model_validate(
            {"region": [0, 0, 1, 1], "layers": [{"id": "a", "draw": "ring", "points": [[0, 0]]}]}
        )


def test_a_map_condition_naming_an_unknown_flag_is_a_diagnostic_with_its_place():
    text = (SCENARIOS / "berlin_1961.yaml").read_text(encoding="utf-8")
    text = text.replace("when: {flag: escorts}", "when: {flag: escortz}", 1)
    result = load_text(text, "berlin.yaml")
    assert not result.ok
    bad = [d for d in result.diagnostics if "escortz" in d.message]
    assert bad and bad[0].line > 0 and "escorts" in (bad[0].hint + bad[0].message)


def test_the_old_map_name_still_loads():
    text = (SCENARIOS / "tutorial.yaml").read_text(encoding="utf-8")
    assert "\nmap: caribbean\n" in text
    assert load_text(text, "tutorial.yaml").scenario.map == "caribbean"


@pytest.mark.parametrize("scenario", ["cuban_missile_crisis", "berlin_1961"])
def test_place_names_never_overlap_or_leave_their_panel(monkeypatch, scenario):
    """Names are drawn as outlined text on the cached base, which the overflow test does not
    see: here every name's box, as the real map screen places it, is checked at each size."""
    import itertools

    import pygame

    from thirteendays.ui.shots import build
    from thirteendays.ui.widgets import map_labels, map_panel

    placed = []
    real = map_labels.place_labels

    def recording(view, size, s, *rest):
        rects = real(view, size, s, *rest)
        placed.append((view.title, size, rects))
        return rects

    monkeypatch.setattr(map_labels, "place_labels", recording)
    day = 12 if scenario.startswith("cuban") else 6
    for size in ((1024, 640), (1280, 720), (1920, 1080), (3840, 2160)):
        map_panel._BASES.clear()
        map_panel._NAMES.clear()  # the names are placed once per map and size, too
        app, surface = build("map", size=size, scenario=scenario, day=day)
        app.tick(0.016, surface)
    assert placed
    for title, size, spots in placed:
        rects = {name: spot.rect for name, spot in spots.items()}
        panel = pygame.Rect((0, 0), size)
        for name, box in rects.items():
            assert panel.contains(box), (title, size, name)
        for (a, ra), (b, rb) in itertools.combinations(rects.items(), 2):
            assert not ra.colliderect(rb), (title, size, a, b)


def test_the_quarantine_line_appears_only_after_the_speech():
    """Decided on October 21, announced on the evening of the 22nd: on the map from the 23rd."""
    session = start("cuban_missile_crisis")
    spec = session.scenario.map
    historical_choices(session, 7)
    assert session.view().day == 7 and "quarantine" in session.view().flags
    (main, _) = shown_ids(shown_panels(session.game, spec, 7))
    assert "quarantine-line" not in main
    historical_choices(session, 8)
    (main, _) = shown_ids(shown_panels(session.game, spec, session.view().day))
    assert session.view().day == 8 and "quarantine-line" in main
