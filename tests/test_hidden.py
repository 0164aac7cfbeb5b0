"""Hidden types, intelligence bands, belief and audience costs (issue 11, item 1)."""

from __future__ import annotations

import numpy as np
import pytest

from conftest import SCENARIOS
from thirteendays.engine.compiled import Compiled
from thirteendays.engine.game import Game
from thirteendays.engine.intel import bands
from thirteendays.engine.streams import BLOCK, Streams
from thirteendays.envs.observe import observe
from thirteendays.minds.belief import believe_state
from thirteendays.play import new_game, view_for
from thirteendays.play.intel import masked_log
from thirteendays.scenario.loader import load_file
from thirteendays.scenario.model import Scenario

US, USSR = 0, 1


@pytest.fixture(scope="module")
def crisis() -> Scenario:
    return load_file(SCENARIOS / "cuban_missile_crisis.yaml").scenario


def without_hidden(s: Scenario) -> Scenario:
    sides = {k: v.model_copy(update={"hidden": None}) for k, v in s.sides.items()}
    return s.model_copy(update={"sides": sides})


# ----- hidden types -----------------------------------------------------------------------
def test_resolve_is_drawn_per_game_from_the_seed(crisis):
    a = Game(crisis, side="us", seed=11).state.resolve
    b = Game(crisis, side="us", seed=11).state.resolve
    c = Game(crisis, side="us", seed=12).state.resolve
    assert (a == b).all() and not (a == c).all()
    assert ((a > 0) & (a < 1)).all()


def test_resolve_does_not_depend_on_how_a_run_is_chunked(crisis):
    runs = BLOCK + 500
    whole = Game(crisis, n=runs, streams=Streams.for_run(3, runs)).state.resolve
    first = Game(crisis, n=BLOCK, streams=Streams.for_run(3, runs, 0, 1)).state.resolve
    rest = Game(crisis, n=500, streams=Streams.for_run(3, runs, 1, 1)).state.resolve
    assert (np.concatenate([first, rest]) == whole).all()


def test_declaring_hidden_types_moves_no_die_of_the_game(crisis):
    """Policies that ignore resolve play the very same games with or without the declarations."""
    plain = Compiled(without_hidden(crisis))
    policies = {"us": "random", "ussr": "historical"}
    with_types = Game(crisis, n=2000, seed=4, record=False).run(policies)
    without = Game(plain, n=2000, seed=4, record=False).run(policies)
    assert (with_types.endings == without.endings).all()
    assert (with_types.state.tracks == without.state.tracks).all()
    assert (without.state.resolve == 0.5).all()


def test_the_drawn_resolve_matches_the_declared_distribution(crisis, tutorial):
    us = Game(crisis, n=1000, seed=1).state.resolve[:, US]  # beta(3, 2): mean 0.6, sd 0.2
    assert abs(us.mean() - 0.6) < 4 * 0.2 / np.sqrt(1000)
    assert abs(us.std() - 0.2) < 0.02
    # Beta(3, 2) has CDF 4x^3 - 3x^4: compare the empirical quartiles' probabilities.
    for q in (0.25, 0.5, 0.75):
        x = np.quantile(us, q)
        assert abs(4 * x**3 - 3 * x**4 - q) < 0.05
    soviet = Game(tutorial, n=1000, seed=1).state.resolve[:, USSR]  # choice [0.3, 0.5, 0.9], weights 2:5:1
    values, counts = np.unique(soviet.round(6), return_counts=True)
    assert values.tolist() == pytest.approx([0.3, 0.5, 0.9])
    assert counts / 1000 == pytest.approx([2 / 8, 5 / 8, 1 / 8], abs=0.05)


def test_resolve_changes_the_computers_play(tutorial):
    """The same dice, a firm and a soft Presidium: the soft one turns its ships back more often."""
    shares = {}
    for resolve in (0.05, 0.95):
        game = Game(tutorial, n=4000, seed=2, record=False)
        game.state.resolve[:, USSR] = resolve
        result = game.run({"us": "historical", "ussr": "ai"})
        ships = game.compiled.event("ships")
        taken = result.state.choices[ships.index]
        shares[resolve] = float((taken[taken >= 0] == ships.option_ids.index("turn-back")).mean())
    assert shares[0.05] > shares[0.95] + 0.15, shares


def test_a_condition_reads_resolve(tutorial):
    """A very firm Presidium will not withdraw for a pledge alone (tutorial.yaml)."""
    c = Compiled(tutorial)
    withdraw = c.event("decision").option_when[0]
    game = Game(c, n=3, seed=1)
    game.state.resolve[:, USSR] = [0.3, 0.84, 0.9]
    assert withdraw(game.state).tolist() == [True, True, False]
    game.state.flags |= np.uint64(1 << c.flag_ids.index("trade"))
    assert withdraw(game.state).all()


# ----- intelligence -------------------------------------------------------------------------
def test_bands_contain_the_truth_at_the_declared_rate(crisis):
    game = Game(crisis, n=20_000, seed=8, record=False)
    game.run({"us": "ai", "ussr": "ai"})
    c = game.compiled
    for side, tracks in ((US, ("ussr.military", "ussr.political")), (USSR, ("us.political",))):
        b = bands(c, game.state, game.rng, 5, side)
        truth = game.state.settled_tracks()
        for tid in tracks:
            k = c.track_ids.index(tid)
            inside = (b.low[:, k] <= truth[:, k] + 1e-6) & (truth[:, k] <= b.high[:, k] + 1e-6)
            interior = (truth[:, k] > 0.25) & (truth[:, k] < 0.75)  # away from clipping at 0 and 1
            assert abs(inside[interior].mean() - 0.9) < 0.02, (tid, inside[interior].mean())


def test_reconnaissance_narrows_the_band(tutorial):
    c = Compiled(tutorial)
    game = Game(c, n=2, seed=3)
    k = c.track_ids.index("ussr.military")
    game.state.flags[1] |= np.uint64(1 << c.flag_ids.index("quarantine"))
    b = bands(c, game.state, game.rng, 1, US)
    width = b.high[:, k] - b.low[:, k]
    assert width[0] == pytest.approx(0.30, abs=1e-5) and width[1] == pytest.approx(0.10, abs=1e-5)
    own = c.track_ids.index("us.military")
    assert (b.low[:, own] == b.high[:, own]).all() and b.exact[own] and not b.exact[k]


def test_a_track_hidden_until_revealed_reads_unknown(tutorial):
    session = new_game("tutorial", "us", 1, "historical").session
    view = session.view()
    politics = next(t for t in view.tracks if t.id == "ussr.political")
    assert not politics.known and politics.shown == "unknown"
    assert politics.value == pytest.approx(tutorial.tracks["ussr.political"].start)


def test_viewing_never_changes_the_game(tutorial):
    def play(look: bool) -> tuple:
        game = Game(tutorial, side="us", seed=21, opponent="ai")
        for choice in ("quarantine", "show-photos", "pledge"):
            if look:
                for _ in range(3):
                    view_for(game, "us"), view_for(game, "ussr"), observe(game, "ussr")
                    masked_log(game, "us")
            decision = game.decision()
            if decision is None or choice not in decision.option_ids:
                break
            game.choose(choice)
        return game.state.tracks.tolist(), game.state.flags.tolist(), [e.to_dict() for e in game.log]

    assert play(True) == play(False)


def test_estimates_are_fixed_for_a_day_and_differ_between_days(crisis):
    game = Game(crisis, side="us", seed=5)
    assert view_for(game, "us") == view_for(game, "us")  # asking again shows the same estimate
    c = game.compiled
    k = c.track_ids.index("ussr.political")
    day = [bands(c, game.state, game.rng, d, US).estimate[0, k] for d in (1, 2, 1)]
    assert day[0] == day[2] != day[1]  # each day's intelligence report has its own error


# ----- belief -------------------------------------------------------------------------------
def _seeds(n: int) -> list[np.random.SeedSequence]:
    return [np.random.SeedSequence(99, spawn_key=(i,)) for i in range(n)]


def test_belief_about_resolve_follows_the_signals_not_the_truth(tutorial):
    c = Compiled(tutorial)
    game = Game(c, n=2, seed=1)
    ships = c.event("ships")
    game.state.choices[ships.index] = [
        ships.option_ids.index("turn-back"),
        ships.option_ids.index("continue"),
    ]
    game.state.resolve[:, USSR] = [0.9, 0.3]  # the truth runs against the signals
    believed = believe_state(game, np.array([0, 1]), 2000, US, _seeds(2))
    soft, firm = believed.resolve[:2000, USSR], believed.resolve[2000:, USSR]
    assert soft.mean() < 0.5 < firm.mean()  # prior mean 0.5; the ships moved it
    values = np.unique(believed.resolve[:, USSR]).astype(np.float64)
    assert np.isclose(values[:, None], [0.3, 0.5, 0.9], atol=1e-6).any(axis=1).all()  # the prior's support
    assert (believed.resolve[:, US] == np.repeat(game.state.resolve[:, US], 2000)).all()  # its own: exact


def test_belief_samples_the_other_sides_tracks_inside_the_band(crisis):
    game = Game(crisis, side="us", seed=2)
    c = game.compiled
    believed = believe_state(game, np.array([0]), 500, US, _seeds(1))
    b = bands(c, game.state, game.rng, max(1, game.day), US)
    k = c.track_ids.index("ussr.political")
    values = believed.tracks[:, k]
    assert (values >= b.low[0, k] - 1e-6).all() and (values <= b.high[0, k] + 1e-6).all()
    assert values.std() > 0.02  # a spread, not the truth repeated
    own = c.track_ids.index("us.military")
    assert (believed.tracks[:, own] == game.state.tracks[0, own]).all()
    warheads = np.uint64(1 << c.flag_ids.index("warheads"))
    has = (believed.flags & warheads) != 0
    assert 0.3 < has.mean() < 0.7  # Washington does not know: a coin per sample


def test_a_kept_public_commitment_reads_as_firmness(tutorial):
    c = Compiled(tutorial)
    game = Game(c, n=2, seed=1)
    bit = np.uint64(1 << c.hidden.commitments.bit("ussr", "ships_sail"))
    game.state.commitments[1] |= bit
    believed = believe_state(game, np.array([0, 1]), 2000, US, _seeds(2))
    assert believed.resolve[2000:, USSR].mean() > believed.resolve[:2000, USSR].mean() + 0.03


# ----- audience costs -----------------------------------------------------------------------
def _ussr_game(tutorial, seed: int, path: tuple[str, ...]) -> Game | None:
    game = Game(tutorial, side="ussr", seed=seed, opponent="historical")
    for choice in path:
        d = game.decision()
        if d is None or choice not in d.option_ids:
            return None
        game.choose(choice)
    return game


def test_breaking_a_public_commitment_costs_prestige_and_pressure(tutorial):
    for seed in range(200):
        game = Game(tutorial, side="ussr", seed=seed, opponent="historical")
        if game.decision() is None or "continue" not in game.decision().option_ids:
            continue
        game.choose("continue")
        d = game.decision()
        if d is None or d.event.id != "decision" or "withdraw" not in d.option_ids:
            continue
        view = view_for(game, "ussr")
        withdraw = next(o for o in view.decision.options if o.id == "withdraw")
        assert any("You said publicly: the ships will sail on" in w for w in withdraw.warnings)
        before = float(game.state.tracks[0, game.compiled.track_ids.index("ussr.political")])
        game.choose("withdraw")
        assert int(game.state.audience[0, USSR]) == 1 and int(game.state.commitments[0]) == 0
        entry = next(e for e in game.log if e.kind == "choice" and e.option == "withdraw")
        k = game.compiled.track_ids.index("ussr.political")
        assert entry.after[k] == pytest.approx(min(1.0, before + 0.1 + 0.0), abs=0.05)
        result = game.result()
        ending = next(e for e in tutorial.endings if e.id == result.ending_id())
        assert result.prestige()["ussr"] == ending.prestige.get("ussr", 0) - 1
        assert view_for(game, "ussr").ending.prestige == tuple(result.prestige().items())
        return
    raise AssertionError("no seed let the Soviet player sail on and then withdraw")


def test_a_save_replays_the_same_hidden_types(tmp_path):
    from thirteendays.engine.replay import replay, save_of

    session = new_game("tutorial", "us", 77, "ai").session
    session.choose(session.view().decision.options[1].id)
    game = session.game
    again = replay(save_of(game), game.scenario)
    assert (again.state.resolve == game.state.resolve).all()
    assert (again.state.tracks == game.state.tracks).all()
    assert view_for(again, "us") == view_for(game, "us")  # the same estimates, day by day


def test_the_searching_minds_nerve_is_its_own_resolve(crisis):
    from thirteendays.minds.search import RESOLVE_NERVE, SearchLevel, rollout_values

    level = SearchLevel("probe", rollouts=64, risk=1.0, base="historical")  # a base blind to resolve
    utilities = []
    for resolve in (0.05, 0.95):
        game = Game(crisis, side="us", seed=4, opponent="ai")
        game.state.resolve[:, US] = resolve
        pending = game.pending  # the first American decision, scored as the American mind would
        prestige, war, utility = rollout_values(game, pending, level)
        utilities.append((prestige, war, utility))
    (p0, w0, u0), (p1, w1, u1) = utilities
    assert (p0 == p1).all() and (w0 == w1).all()  # the same rollouts: only its nerve differs
    open_ = np.isfinite(u0)
    assert u1[open_] - u0[open_] == pytest.approx(RESOLVE_NERVE * 0.9 * w0[open_], abs=1e-6)
    assert (w0[open_] > 0).any()
