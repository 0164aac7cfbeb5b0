"""Endings are typed: screens and plots read ``kind``, never an id such as ``nuclear-war``."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from conftest import SCENARIOS
from thirteendays import load_scenario, load_text
from thirteendays.scenario.model import Ending, EndingKind


@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_shipped_war_ending_is_typed_war(path):
    scenario = load_scenario(path)
    wars = [e for e in scenario.endings if e.kind == EndingKind.WAR]
    assert len(wars) == 1, "each shipped scenario has one war ending"
    assert wars[0].when is not None and wars[0].when.model_dump(exclude_none=True) == {"war": True}
    for ending in scenario.endings:
        if ending.kind == EndingKind.REMOVED:  # a leader's fall may name who gains by it
            assert ending.when is None
        else:
            assert (ending.winner is not None) == (ending.kind == EndingKind.VICTORY)
        if ending.winner:
            assert ending.winner in scenario.sides


def test_a_victory_must_name_its_winner_and_only_a_victory_may():
    with pytest.raises(ValidationError, match="winner"):
        Ending(id="x", title="X", text="x", kind="victory")
    with pytest.raises(ValidationError, match="winner"):
        Ending(id="x", title="X", text="x", kind="war", winner="us")
    assert Ending(id="x", title="X", text="x").kind == EndingKind.SETTLEMENT


def test_an_unknown_winner_is_a_diagnostic(tmp_path):
    text = (SCENARIOS / "tutorial.yaml").read_text(encoding="utf-8")
    text = text.replace("    winner: us", "    winner: martians", 1)
    result = load_text(text, "bad.yaml")
    assert any("martians" in d.message for d in result.diagnostics)


def test_colours_come_from_the_kind_and_a_good_track_is_never_alarm_red():
    from thirteendays.ui.theme import PALETTES, ending_colour, gauge_colour

    p = PALETTES["classic"]
    assert ending_colour(p, "war") == p.escalate
    assert ending_colour(p, "victory") != p.escalate
    assert ending_colour(p, "settlement") != p.escalate
    berlin = load_scenario(SCENARIOS / "berlin_1961.yaml")
    access = berlin.tracks["access"]
    assert access.warn_at is None and access.war_at is None
    assert gauge_colour(p, 0.95, None) not in (p.gauge_high, p.escalate)
    assert gauge_colour(p, 0.95, 0.8) == p.gauge_high
