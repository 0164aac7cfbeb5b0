"""DEFCON as documented state: set by options and incidents, per side where declared."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np

from conftest import ROOT
from thirteendays.engine.compiled import Compiled
from thirteendays.engine.game import Game
from thirteendays.engine.state import State
from thirteendays.engine.tension import check_limits, hazard
from thirteendays.play import new_game, view_for
from thirteendays.scenario.loader import load_file

FIXTURE = ROOT / "tests" / "fixtures" / "base.yaml"


def _fixture(tmp_path: Path, replacements: list[tuple[str, str]]):
    text = FIXTURE.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "defcon.yaml"
    path.write_text(text, encoding="utf-8")
    return load_file(path), path


PER_SIDE = [
    (
        "  hazard: {bias: -8.0, weights: {us.military: 2.0, ussr.military: 2.0}}\n",
        "  hazard: {bias: -8.0, weights: {us.military: 2.0, ussr.military: 2.0}}\n"
        "  defcon: {start: {us: 5, ussr: 4}}\n",
    ),
    ("        set: [quarantine]\n", "        set: [quarantine]\n        defcon: {us: 3}\n"),
]


def test_an_option_sets_defcon_and_the_view_shows_it():
    session = new_game("tutorial", "us", 4, "historical").session
    assert session.view().defcon == 4  # DEFCON 5, lowered to 4 by the US alert's first threshold
    session.choose("quarantine")
    assert session.view().defcon == 3
    assert int(session.game.state.defcon[0, 0]) == 3


def test_defcon_per_side_each_side_sees_its_own(tmp_path: Path):
    result, _ = _fixture(tmp_path, PER_SIDE)
    assert result.ok, [d.format() for d in result.diagnostics]
    game = Game(result.scenario, side="us", seed=1, opponent="historical")
    assert view_for(game, "us").defcon == 5 and view_for(game, "ussr").defcon == 4
    game.choose("blockade")
    assert view_for(game, "us").defcon == 3 and view_for(game, "ussr").defcon == 4
    assert view_for(game, None).defcon == 3  # an onlooker sees the most alert side


def test_defcon_is_per_game_in_a_batch(tmp_path: Path):
    result, _ = _fixture(tmp_path, PER_SIDE)
    c = Compiled(result.scenario)
    game = Game(c, side="us", seed=2, n=4)
    game.step(np.array([0, 1, 0, 1]))  # blockade (DEFCON 3 for the US) or strike
    assert game.state.defcon[:, 0].tolist() == [3, 5, 3, 5]
    assert game.state.defcon[:, 1].tolist() == [4, 4, 4, 4]


def test_conditions_the_hazard_and_the_war_limit_read_defcon(tutorial_compiled: Compiled):
    c = tutorial_compiled
    state = State.initial(c, 3)
    state.tracks[:] = 0.0  # no track lowers it: DEFCON is the state alone
    state.defcon[:, 0] = [5, 2, 1]
    assert c.defcon_level(state).tolist() == [5, 2, 1]
    p = hazard(c, state.tracks, state)
    assert p[1] > p[0] and np.isclose(p[1] / p[0], np.exp(0.3), rtol=1e-3)  # hazard.defcon {2: 0.3}
    mask = c.names  # defcon_at_most: 2, as the tutorial's 'invade' option reads it
    from thirteendays.engine.conditions import compile_condition
    from thirteendays.scenario.conditions_model import DefconAtMost

    assert compile_condition(DefconAtMost(defcon_at_most=2), mask)(state).tolist() == [False, True, True]
    assert check_limits(c, state).tolist() == [False, False, True]  # defcon.war_at: 1


def test_a_scenario_without_a_defcon_model_shows_none(tmp_path: Path):
    result, path = _fixture(tmp_path, [])
    assert result.scenario.model.defcon is None
    game = Game(result.scenario, side="us", seed=1, opponent="historical")
    assert view_for(game, "us").defcon is None
    # The old guess from the highest track is gone: a condition sees DEFCON 5 throughout.
    c = game.compiled
    game.state.tracks[:] = 0.99
    assert c.defcon_level(game.state).tolist() == [5]
    res = subprocess.run(
        [sys.executable, "-m", "thirteendays", "play", "--text", "--scenario", str(path), "--seed", "1"],
        input="1\n1\n1\n1\n",
        capture_output=True,
        text=True,
        env={"THIRTEENDAYS_HOME": str(tmp_path / "home"), "PATH": ""},
        timeout=120,
        cwd=tmp_path,
    )
    assert res.returncode == 0, res.stderr
    assert "DEFCON" not in res.stdout and "The end:" in res.stdout


def test_the_old_track_model_still_reads_defcon_from_the_track(tmp_path: Path):
    result, _ = _fixture(
        tmp_path,
        [
            (
                "  hazard: {bias: -8.0, weights: {us.military: 2.0, ussr.military: 2.0}}\n",
                "  hazard: {bias: -8.0, weights: {us.military: 2.0, ussr.military: 2.0}}\n"
                "  defcon: {track: us.military, thresholds: [0.2, 0.4, 0.6, 0.8]}\n",
            )
        ],
    )
    c = Compiled(result.scenario)
    state = State.initial(c, 3)
    state.tracks[:, c.track_ids.index("us.military")] = [0.1, 0.5, 0.85]
    assert c.defcon_level(state).tolist() == [5, 3, 1]


def test_setting_defcon_without_a_defcon_state_is_an_error(tmp_path: Path):
    result, _ = _fixture(tmp_path, [PER_SIDE[1]])
    lines = [d.format() for d in result.diagnostics]
    assert len(lines) == 1 and "TD022" in lines[0] and "keeps no DEFCON state" in lines[0], lines


def test_a_per_side_setting_needs_per_side_defcon(tmp_path: Path):
    result, _ = _fixture(
        tmp_path,
        [
            (
                "  hazard: {bias: -8.0, weights: {us.military: 2.0, ussr.military: 2.0}}\n",
                "  hazard: {bias: -8.0, weights: {us.military: 2.0, ussr.military: 2.0}}\n"
                "  defcon: {start: 5}\n",
            ),
            PER_SIDE[1],
        ],
    )
    lines = [d.format() for d in result.diagnostics]
    assert len(lines) == 1 and "single number" in lines[0], lines


def test_an_ending_that_claims_history_must_exclude_what_history_rules_out(tmp_path: Path):
    from thirteendays.scenario.lint import lint

    tutorial = (ROOT / "scenarios" / "tutorial.yaml").read_text(encoding="utf-8")
    exact = "    when: {all: [{flag: withdrawal}, {flag: trade}, {not: {flag: strike}}]}\n"
    assert exact in tutorial
    path = tmp_path / "claims.yaml"
    path.write_text(tutorial.replace(exact, "    when: {all: [{flag: withdrawal}, {flag: trade}]}\n"))
    hits = [d for d in lint(load_file(path), simulate_runs=0).diagnostics if d.code == "TD129"]
    assert len(hits) == 1 and "strike" in hits[0].message and "war" not in hits[0].message
    # The strike path really reaches the ending once the exclusion is gone, and not with it.
    for text, reached in ((path.read_text(), True), (tutorial, False)):
        path.write_text(text)
        c = Compiled(load_file(path).scenario)
        state = State.initial(c, 1)
        for flag in ("withdrawal", "trade", "strike"):
            state.flags[0] |= np.uint64(1 << c.flag_ids.index(flag))
        assert bool(c.ending_when[c.ending_ids.index("secret-trade")](state)[0]) is reached
    path.write_text(tutorial.replace("history_requires:", "# history_requires:"))
    hits = [d for d in lint(load_file(path), simulate_runs=0).diagnostics if d.code == "TD129"]
    assert len(hits) == 1 and "does not say what history requires" in hits[0].message


def test_soviet_forces_go_to_raised_readiness_when_american_bombs_fall():
    """The Soviet column read DEFCON 5 (normal readiness) on the evening of an American air strike."""
    crisis = load_file(ROOT / "scenarios" / "cuban_missile_crisis.yaml").scenario
    game = Game(crisis, side="us", seed=2, opponent="historical")
    while (d := game.decision()) is not None and d.event.id != "first-response":
        game.choose(next((o.id for o in d.options if o.historical), d.option_ids[0]))
    assert view_for(game, "ussr").defcon == 5
    game.choose("air-strike")
    assert view_for(game, "ussr").defcon == 3 and view_for(game, "us").defcon == 2
