"""Issue 11's Done-when: nothing hidden reaches the other side, in any front end.

With the player's view, the other side's resolve, its secret flags (the warheads
and tactical weapons Washington did not know of), its secret moves and the exact
values of the tracks it only estimates appear nowhere: not in the ``PlayerView``,
the terminal's output, the log shown, a save listing, the Gym observation, the
``replay`` output, or the advisers' and the searching opponent's reasoning.
Only a finished game's archives (clearly headed) may name them.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import re

import numpy as np
import pytest

from conftest import SCENARIOS
from thirteendays.cli import main
from thirteendays.engine.game import Game
from thirteendays.engine.replay import replay
from thirteendays.envs.observe import observe
from thirteendays.minds.advisers import consult
from thirteendays.minds.search import SearchLevel, rollout_values
from thirteendays.play import list_saves, new_game, view_for
from thirteendays.play.slots import slot_path
from thirteendays.scenario.loader import load_file
from thirteendays.storage import read_save
from thirteendays.text.play import play_text

SECRET_MOVE = "Keep the missiles and wait"  # the tutorial's secret Soviet option 'hold-out'
MARK = 0.4321  # a resolve no game draws: if it shows, it leaked
MARKS = ("0.4321", "0.432", "43.21", "43%", "43 in 100")
ARCHIVES = "The archives opened"


@pytest.fixture(scope="module")
def crisis():
    return load_file(SCENARIOS / "cuban_missile_crisis.yaml").scenario


def walk(value, found: list) -> None:
    """Every string and number inside a view, however deeply nested."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            walk(getattr(value, f.name), found)
    elif isinstance(value, dict):
        for k, v in value.items():
            walk(k, found)
            walk(v, found)
    elif isinstance(value, list | tuple | frozenset | set):
        for v in value:
            walk(v, found)
    elif isinstance(value, str | float | int | np.floating):
        found.append(value)


def secret_words(scenario) -> list[str]:
    ussr = scenario.sides["ussr"]
    return [w for x in ussr.secrets for w in (x.flag, x.label) if w]


def crisis_game(crisis, choices: int = 4) -> Game:
    game = Game(crisis, side="us", seed=6, opponent="ai")
    game.state.resolve[:, 1] = MARK
    for _ in range(choices):
        d = game.decision()
        if d is None:
            break
        game.choose(d.option_ids[min(1, len(d.option_ids) - 1)])
    return game


def test_the_player_view_holds_nothing_hidden(crisis):
    game = crisis_game(crisis)
    c = game.compiled
    assert not game.state.flag(c, "invasion")[0]  # nothing has revealed the secrets
    view = view_for(game, "us")
    assert {"warheads", "tactical_weapons"}.isdisjoint(view.flags)
    assert {"warheads", "tactical_weapons"} <= view_for(game, "ussr").flags  # Moscow knows
    found: list = []
    walk(view, found)
    texts = [v for v in found if isinstance(v, str)]
    numbers = np.array([float(v) for v in found if isinstance(v, float | np.floating)])
    for word in secret_words(crisis):
        assert not any(word in t for t in texts), word
    assert not np.isclose(numbers, MARK, atol=1e-4).any()  # the Presidium's resolve is not in it
    truth = dict(zip(c.track_ids, game.state.tracks[0].tolist(), strict=True))
    for t in view.tracks:
        if t.estimated:
            assert t.value != pytest.approx(truth[t.id], abs=1e-6), t.id
            assert t.low <= t.value <= t.high
    for e in view.log:  # the log shown: the Soviet tracks are estimates there too
        for k, tid in enumerate(c.track_ids):
            if tid.startswith("ussr.") and e.after:
                raw = next(r for r in game.log if r.kind == e.kind and r.day == e.day and r.event == e.event)
                assert e.after[k] != pytest.approx(raw.after[k], abs=1e-6) or raw.after[k] in (0.0, 1.0)


def test_the_gym_observation_holds_nothing_hidden(crisis):
    game = crisis_game(crisis)
    c = game.compiled
    us, ussr = observe(game, "us"), observe(game, "ussr")
    assert set(us) == {"day", "tracks", "band", "flags", "event", "options"}  # no resolve
    for flag in ("warheads", "tactical_weapons"):
        f = c.flag_ids.index(flag)
        assert us["flags"][0, f] == 0 and ussr["flags"][0, f] == 1
    k = c.track_ids.index("ussr.political")
    assert us["tracks"][0, k] != pytest.approx(game.state.tracks[0, k], abs=1e-6)
    assert ussr["tracks"][0, k] == pytest.approx(game.state.tracks[0, k])
    assert (us["band"][:, :, 0] <= us["tracks"] + 1e-6).all() and (
        us["tracks"] <= us["band"][:, :, 1] + 1e-6
    ).all()


def _us_session_with_secret_hold_out():
    for seed in range(300):
        game = Game(load_file(SCENARIOS / "tutorial.yaml").scenario, side="us", seed=seed, opponent="hawk")
        for choice in ("quarantine", "show-photos", "pledge"):
            d = game.decision()
            if d is None or choice not in d.option_ids:
                break
            game.choose(choice)
        if any(e.option == "hold-out" for e in game.log) and game.finished:
            return new_game("tutorial", "us", seed, "hawk").session
    raise AssertionError("no seed had the computer hold out")


def test_a_whole_terminal_game_prints_nothing_hidden_before_the_archives():
    session = _us_session_with_secret_hold_out()
    session.game.state.resolve[:, 1] = MARK
    out = io.StringIO()
    play_text(session, out, io.StringIO("2\n1\n1\ny\ny\n"))
    text = " ".join(out.getvalue().split())
    assert "The end:" in text and ARCHIVES in text
    during, archives = text.split(ARCHIVES)
    assert SECRET_MOVE not in text  # a secret move stays secret even after the crisis
    for mark in MARKS:
        assert mark not in during, mark
    revealed = session.game.state.flag(session.game.compiled, "sub_contact")[0]
    if not revealed:
        assert "nuclear torpedoes" not in during.lower()
        assert "nuclear torpedoes" in archives.lower()
    assert "43 in 100" in archives  # the archives say what the resolve was, and say they are archives
    assert "Pressure in the Presidium about" in during or "Pressure in the Presidium unknown" in during


def test_save_listing_and_replay_hold_nothing_hidden():
    session = _us_session_with_secret_hold_out()
    for choice in ("quarantine", "show-photos", "pledge"):
        session.choose(choice)
    path = session.save(slot_path("leak"))
    listing = " ".join(e.label for e in list_saves())
    assert "leak" in listing
    for word in ("hold-out", SECRET_MOVE, "nuclear_torpedoes", "resolve"):
        assert word not in listing
    outputs = []
    for extra in ((), ("--json",)):
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            assert main(["replay", str(path), *extra]) == 0
        outputs.append(buffer.getvalue())
    for text in outputs:
        assert "hold-out" not in text and SECRET_MOVE not in text and "nuclear_torpedoes" not in text
    game = replay(read_save(path), session.scenario)
    c = game.compiled
    k = c.track_ids.index("ussr.military")
    shown = [e for e in json.loads(outputs[1]) if e.get("after")]
    raw = [e for e in game.log if e.after and not (e.kind == "choice" and e.option == "hold-out")]
    assert len(shown) == len(raw)
    own = c.track_ids.index("us.military")
    # Washington only estimates the Soviet alert: the export leaves it out, never a precise number.
    assert all(s["after"][k] is None and s["before"][k] is None for s in shown)
    pairs = zip(shown, raw, strict=True)
    assert all(s["after"][own] == pytest.approx(r.after[own], abs=1e-6) for s, r in pairs)


def test_replay_json_of_an_unfinished_game_is_json_alone():
    session = _us_session_with_secret_hold_out()
    session.choose("quarantine")
    path = session.save(slot_path("half"))
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        assert main(["replay", str(path), "--json"]) == 0
    assert isinstance(json.loads(out.getvalue()), list)
    assert "unfinished" in err.getvalue()


def test_the_advisers_and_the_searching_opponent_do_not_read_the_truth(tutorial):
    """Games alike in all but the Presidium's true resolve get the same advice and the same search.

    In the tutorial a very firm Presidium (0.85 and up) refuses to withdraw for a pledge
    alone, so rollouts that read the truth would score the options differently.
    """

    def game_with(resolve: float) -> Game:
        game = Game(tutorial, side="us", seed=3, opponent="ai")
        game.state.resolve[:, 1] = resolve
        game.decision()
        return game

    def advice(resolve: float):
        views = consult(game_with(resolve), rollouts=200)
        return {k: [(o.war, o.prestige, o.likeliest) for o in v.opinions] for k, v in views.items()}

    assert advice(0.05) == advice(0.95)
    level = SearchLevel("probe", rollouts=200, risk=1.0, prior=0.5, rivalry=0.5)
    values = []
    for resolve in (0.05, 0.95):
        game = game_with(resolve)
        values.append(rollout_values(game, game.pending, level))
    for a, b in zip(*values, strict=True):
        assert np.array_equal(a, b)


def test_words_are_chosen_on_the_state_as_the_side_sees_it():
    """Variants and warnings read the seen state: no secret move, flag or resolve in it."""
    from thirteendays.play.intel import seen

    session = _us_session_with_secret_hold_out()
    for choice in ("quarantine", "show-photos", "pledge"):
        session.choose(choice)
    game = session.game
    c = game.compiled
    decision = c.event("decision")
    assert game.state.choices[decision.index, 0] == decision.option_ids.index("hold-out")
    us = seen(game, "us").state
    assert us.choices[decision.index, 0] == -1  # to Washington the secret move was never made
    assert not us.flag(c, "nuclear_torpedoes")[0] or bool(game.state.flag(c, "sub_contact")[0])
    assert us.resolve[0, 1] == pytest.approx(c.hidden.means()[1])
    ussr = seen(game, "ussr").state
    assert ussr.choices[decision.index, 0] == decision.option_ids.index("hold-out")


def test_the_day_report_gives_no_points_for_the_tracks_a_side_only_estimates():
    """Summed day by day, the points of a change would give away what the band hides."""
    session = new_game("cuban_missile_crisis", "us", 1, "historical").session
    game = session.game
    while game.decision() is not None and game.day < 5:
        d = game.decision()
        game.choose(next((o.id for o in d.options if o.historical), d.options[0].id))
    view = session.view()
    guessed = [t for t in view.tracks if t.estimated]
    assert guessed, "the crisis gives Washington estimates of the Soviet tracks"
    rows = [r.text for day in range(1, view.day) for r in view.day_rows(day)]
    for t in guessed:
        assert not any(re.search(rf"{re.escape(t.label)} [+-]\d", text) for text in rows), t.label
    own = [t for t in view.tracks if not t.estimated]
    assert any(re.search(rf"{re.escape(t.label)} [+-]\d", text) for t in own for text in rows)


def test_moscow_learns_of_the_quarantine_from_the_speech_not_from_sundays_decision(crisis):
    """A play-tester's Khrushchev read "Kennedy: Proclaim a naval quarantine" on October 21,
    a day before the speech that told him; the decision was not marked secret."""
    from conftest import scripted_game
    from thirteendays.engine.compiled import Compiled
    from thirteendays.play.view import view_for

    game = scripted_game(Compiled(crisis), {}, "ussr", 4)
    seen = view_for(game, "ussr").log
    assert not [e for e in seen if e.event == "first-response"]
    assert [e for e in seen if e.event == "the-speech"]  # the speech itself is public
    assert [e for e in view_for(game, "us").log if e.event == "first-response"]
