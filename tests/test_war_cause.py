"""A war never arrives unexplained: the day's report names what began it."""

from __future__ import annotations

import itertools

from conftest import SCENARIOS
from thirteendays.engine.compiled import Compiled
from thirteendays.engine.game import Game
from thirteendays.play.words import war_cause
from thirteendays.scenario.loader import load_file, load_text


def _first_options(scenario, side: str, opponent: str, seed: int) -> Game:
    """A game played to its end taking the first open option of every decision."""
    game = Game(scenario, side=side, seed=seed, opponent=opponent)
    while (d := game.decision()) is not None:
        game.choose(d.option_ids[0])
    return game


def test_every_war_of_a_hawkish_khrushchev_has_its_cause_said():
    """A play-tester's Khrushchev went to war on October 27 with no "WAR." line and no cause."""
    result = load_file(SCENARIOS / "cuban_missile_crisis.yaml")
    c = Compiled(result.scenario)
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


def test_an_incident_that_pushes_a_track_past_its_limit_is_named_as_the_wars_cause():
    """The incident is logged before the limits are checked: the war it causes by a push, not
    by its own risk, must still be laid at its door."""
    text = (SCENARIOS / "tutorial.yaml").read_text(encoding="utf-8")
    for old, new in (
        ("chance: {base: 0.05, per: {ussr.military: 0.3}}", "chance: {base: 1.0}"),
        (
            "effects: {ussr.military: 0.1, us.military: 0.05}\n    set: [sub_contact]\n    risk: 0.02",
            "effects: {ussr.military: 0.9, us.military: 0.05}\n    set: [sub_contact]\n    risk: 0.0",
        ),
    ):
        assert old in text
        text = text.replace(old, new)
    result = load_text(text)
    assert result.ok, [d.format() for d in result.diagnostics]
    game = Game(result.scenario, side="us", seed=1, opponent="historical")
    game.choose("quarantine")
    while (d := game.decision()) is not None:
        game.choose(d.option_ids[0])
    marked = [e for e in game.log if e.cause == "war"]
    assert [(e.kind, e.incident) for e in marked] == [("incident", "submarine")]
    assert war_cause(result.scenario, game.log, marked[0].day, "us").startswith("It began with")


def test_of_a_days_incidents_only_the_one_that_began_the_war_is_named():
    """Cuban guns, the U-2 and Maultsby on one Saturday: the war came with Maultsby, and the
    report blamed the guns, since every incident logged after the war began carried it."""
    c = Compiled(load_file(SCENARIOS / "cuban_missile_crisis.yaml").scenario)
    shared_days = 0
    for seed in range(40):
        game = _first_options(c, "ussr", "dove", seed)
        incidents = [e for e in game.log if e.kind == "incident"]
        assert sum(e.cause == "war" for e in game.log) <= 1, seed
        for a, b in itertools.pairwise(incidents):
            if a.day == b.day:  # each starts where the one before it left the tracks
                assert a.after == b.before, (seed, a.incident, b.incident)
                shared_days += any(e.cause == "war" for e in (a, b)) and a.cause != "war"
    assert shared_days, "no war came from a later incident of a busy day: the test tests nothing"


def test_a_war_begun_by_a_move_kept_from_the_reader_still_ends_the_day_with_war():
    """Kennedy's day ended on 'Changes you could not trace' and then the war ending, with no
    'WAR.' at all: the secret move that began it was (rightly) not in his log."""
    from thirteendays.play.view import view_for

    sc = load_file(SCENARIOS / "cuban_missile_crisis.yaml").scenario
    secret = {(e.id, o.id) for e in sc.events for o in e.options if o.secret}
    checked = 0
    for seed in range(12):
        game = _first_options(sc, "us", "hawk", seed)
        began = [e for e in game.log if e.cause == "war"]
        if not (began and began[0].kind == "choice" and (began[0].event, began[0].option) in secret):
            continue
        said = [row.text for row in view_for(game, "us").explanation]
        assert "WAR." in said and "What began it, your side never learned." in said, (seed, said)
        checked += 1
    assert checked, "no war began with a secret move: the test tests nothing"
