"""A war never arrives unexplained: the day's report names what began it."""

from __future__ import annotations

from conftest import SCENARIOS
from thirteendays.engine.compiled import Compiled
from thirteendays.engine.game import Game
from thirteendays.play.words import war_cause
from thirteendays.scenario.loader import load_file


def test_an_incident_that_pushes_a_track_past_its_limit_is_named_as_the_wars_cause():
    """A play-tester's Khrushchev went to war on October 27 with no "WAR." line and no cause:
    the incident was logged before the limits were checked, so no entry carried the war."""
    result = load_file(SCENARIOS / "cuban_missile_crisis.yaml")
    c = Compiled(result.scenario)
    by_incident = 0
    for seed in range(40):
        game = Game(c, side="ussr", seed=seed, opponent="ai")
        while (d := game.decision()) is not None:
            hawkish = [o.id for o in d.options if o.stance and o.stance.value == "escalate"]
            game.choose(hawkish[0] if hawkish else d.option_ids[-1])
        if not game.state.war[0]:
            continue
        marked = [e for e in game.log if e.cause == "war"]
        assert marked, f"seed {seed}: a war with no cause in the log"
        day = marked[0].day
        said = war_cause(result.scenario, game.log, day, "ussr")
        assert said.startswith("It began with") or said.startswith("No one ordered it"), said
        by_incident += (
            marked[0].kind == "incident"
            and not c.incidents[[i.id for i in c.incidents].index(marked[0].incident)].risk
        )
    assert by_incident >= 1  # the case that went unexplained: a riskless incident past a limit
