"""Scripted playthroughs, determinism and the batch-of-one principle."""

from __future__ import annotations

import numpy as np
import pytest

from thirteendays.engine.game import Game
from thirteendays.engine.machine import TRANSITIONS, Phase, next_phase, reachable
from thirteendays.engine.streams import BLOCK, Streams
from thirteendays.sim.montecarlo import simulate

# (side, seed, the player's choices, the ending that must follow, opponent policy)
SCRIPTS = [
    ("us", 1, ["quarantine", "show-photos", "secret-trade"], "secret-trade", "historical"),
    ("us", 1, ["quarantine", "u-thant", "pledge"], "withdrawal", "historical"),
    ("us", 2, ["talks", "private-brief", "pledge"], "withdrawal", "historical"),
    ("ussr", 4, ["turn-back", "withdraw"], "secret-trade", "historical"),
    ("ussr", 4, ["stop", "hold-out"], "standoff", "historical"),
]


@pytest.mark.parametrize(("side", "seed", "choices", "ending", "opponent"), SCRIPTS)
def test_scripted_playthroughs(tutorial, side, seed, choices, ending, opponent):
    g = Game(tutorial, side=side, seed=seed, opponent=opponent)
    for option in choices:
        d = g.decision()
        assert d is not None, f"expected a decision before choosing {option}"
        assert d.side == side
        g.choose(option)
    assert g.decision() is None
    assert g.finished and g.phase is Phase.EPILOGUE
    assert g.result().ending_id() == ending


def test_options_with_unmet_conditions_are_not_offered(tutorial):
    g = Game(tutorial, side="us", seed=1, opponent="historical")
    g.choose("quarantine")
    g.choose("show-photos")
    d = g.decision()
    assert d.event.id == "letters"
    assert "invade" not in d.option_ids  # needs pressure above 0.45 or an earlier strike
    with pytest.raises(ValueError, match="not open"):
        g.choose("invade")
    with pytest.raises(ValueError, match="not an option"):
        g.choose("nonsense")


def test_same_seed_and_choices_give_the_same_log(tutorial):
    def play(seed: int) -> list[dict]:
        g = Game(tutorial, side="us", seed=seed)
        for option in ["quarantine", "show-photos", "pledge", "secret-trade"]:
            d = g.decision()
            if d is None:
                break
            g.choose(option if option in d.option_ids else d.option_ids[0])
        return [e.to_dict() for e in g.log]

    assert play(11) == play(11)
    assert play(11) != play(12)


def test_a_single_game_is_game_zero_of_a_batch_run(tutorial):
    single = Game(tutorial, seed=5).run({"us": "ai", "ussr": "ai"})
    batch = simulate(tutorial, 1, {"us": "ai", "ussr": "ai"}, seed=5, bands=False)
    assert batch.counts[single.endings[0]] == 1
    manual = Game(tutorial, seed=5, n=1, record=False, history=False).run({"us": "ai", "ussr": "ai"})
    assert np.array_equal(manual.state.tracks, single.state.tracks)


def test_results_do_not_depend_on_chunk_size(tutorial):
    runs = 3 * BLOCK + 123
    policies = {"us": "random", "ussr": "ai"}
    a = simulate(tutorial, runs, policies, seed=9, chunk=BLOCK)
    b = simulate(tutorial, runs, policies, seed=9, chunk=4 * BLOCK)
    assert np.array_equal(a.counts, b.counts)
    assert np.allclose(a.track_sum, b.track_sum)
    assert np.array_equal(a.hist, b.hist)


def test_policies_are_what_they_say(tutorial_compiled):
    hawk = Game(tutorial_compiled, n=50, seed=1, record=True).run({"us": "hawk", "ussr": "hawk"})
    c = tutorial_compiled
    # the hawk's first choice is the air strike in every game
    assert (hawk.state.chosen(c, "response") == 0).all()
    dove = Game(tutorial_compiled, n=50, seed=1).run({"us": "dove", "ussr": "dove"})
    assert (dove.state.chosen(c, "response") == 2).all()
    hist = Game(tutorial_compiled, n=50, seed=1).run({"us": "historical", "ussr": "historical"})
    assert (hist.state.chosen(c, "response") == 1).all()


def test_random_policy_only_takes_legal_options(tutorial_compiled):
    c = tutorial_compiled
    r = Game(c, n=20_000, seed=3).run({"us": "random", "ussr": "random"})
    letters = c.event_ids.index("letters")
    chosen = r.state.choices[letters]
    invade = c.events[letters].option_ids.index("invade")
    pressure = c.track_ids.index("us.political")
    struck = r.state.chosen(c, "response") == 0
    took_invade = chosen == invade
    assert took_invade.any()
    # invade is offered only after a strike or under pressure; no game without either took it
    low = r.state.tracks[:, pressure] < 0.2
    assert not (took_invade & ~struck & low).any()


def test_tracks_stay_in_bounds_and_games_freeze_when_over(tutorial_compiled):
    r = Game(tutorial_compiled, n=5000, seed=8, history=True).run({"us": "hawk", "ussr": "random"})
    assert np.isfinite(r.history).all()
    assert (r.history >= 0).all() and (r.history <= 1).all()
    over_early = r.state.end_day < tutorial_compiled.days
    assert over_early.any()
    for game in np.flatnonzero(over_early)[:50]:
        day = r.state.end_day[game]
        assert np.array_equal(r.history[day, game], r.history[-1, game])


def test_the_transition_table_is_complete():
    assert reachable() == set(Phase)
    sources = {src for src, _, _ in TRANSITIONS}
    assert sources == set(Phase) - {Phase.EPILOGUE}


class FakeView:
    def __init__(self, day=1, days=3, queued=False, over=False):
        self.day, self.days, self.events_queued, self.all_over = day, days, queued, over


@pytest.mark.parametrize(
    ("phase", "view", "target"),
    [
        (Phase.BRIEFING, FakeView(), Phase.DECISION),
        (Phase.DECISION, FakeView(queued=True), Phase.DECISION),
        (Phase.DECISION, FakeView(queued=False), Phase.RESOLUTION),
        (Phase.DECISION, FakeView(queued=True, over=True), Phase.ENDING),
        (Phase.RESOLUTION, FakeView(), Phase.INCIDENTS),
        (Phase.INCIDENTS, FakeView(), Phase.DAY_END),
        (Phase.DAY_END, FakeView(), Phase.BRIEFING),
        (Phase.DAY_END, FakeView(over=True), Phase.ENDING),
        (Phase.ENDING, FakeView(), Phase.EPILOGUE),
    ],
)
def test_guards_pick_the_right_transition(phase, view, target):
    before = dict(vars(view))
    assert next_phase(phase, view) is target
    assert vars(view) == before  # guards are pure


def test_streams_are_per_block():
    whole = Streams.for_run(3, 2 * BLOCK).random()
    second = Streams.for_run(3, 2 * BLOCK, first_block=1, blocks=1).random()
    assert np.array_equal(whole[BLOCK:], second)


def test_run_needs_a_policy_for_the_players_side(tutorial):
    g = Game(tutorial, side="us", seed=1)
    with pytest.raises(RuntimeError, match="needs a policy"):
        g.run()
    assert g.run({"us": "historical"}).ending_id() is not None


def test_unknown_side_and_policy_are_refused(tutorial):
    with pytest.raises(ValueError, match="unknown side"):
        Game(tutorial, side="cuba")
    with pytest.raises(ValueError, match="unknown policy"):
        Game(tutorial, opponent="genius")


def test_no_accident_starts_a_war_once_the_crisis_is_settled():
    """``hazard.until``: a game whose missiles are to go cannot end in war by the day's accident,
    and the one where they are not is as dangerous as before."""
    from conftest import SCENARIOS
    from thirteendays.engine.compiled import Compiled
    from thirteendays.engine.state import State
    from thirteendays.engine.tension import hazard
    from thirteendays.scenario.loader import load_file

    c = Compiled(load_file(SCENARIOS / "cuban_missile_crisis.yaml").scenario)
    s = State.initial(c, 4)
    s.tracks[:] = 0.95  # every alert near its limit
    bit = np.uint64(1 << c.flag_ids.index("withdrawal"))
    s.flags[:2] |= bit
    p = hazard(c, s.tracks, s)
    assert (p[:2] == 0).all() and (p[2:] > 0.05).all()
    assert (hazard(c, s.tracks)[:2] > 0.05).all()  # without the state nothing says it is settled
