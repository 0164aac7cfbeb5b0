"""The searching opponent: seeded, reads the player's habits, and plays for itself."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from conftest import SCENARIOS
from thirteendays.engine.compiled import Compiled
from thirteendays.engine.game import Game
from thirteendays.engine.policies import DIFFICULTIES, MINDS, POLICIES, get_policy
from thirteendays.engine.replay import replay, save_of
from thirteendays.minds.search import (
    LEVELS,
    SearchLevel,
    decisive,
    stance_counts,
    stance_policy,
    stances,
)
from thirteendays.scenario.loader import load_file

FAST = SearchLevel("test", rollouts=24, risk=1.0, prior=0.5)


@pytest.fixture(scope="module")
def crisis() -> Compiled:
    result = load_file(SCENARIOS / "cuban_missile_crisis.yaml")
    assert result.ok
    return Compiled(result.scenario)


def _play(c: Compiled, seed: int, opponent: str, pick: int = 0) -> tuple[list[tuple[str, str]], str | None]:
    game = Game(c, side="us", seed=seed, opponent=opponent)
    while (d := game.decision()) is not None:
        game.choose(d.option_ids[min(pick, len(d.option_ids) - 1)])
    return [(e.event, e.option) for e in game.log if e.kind == "choice"], game.result().ending_id()


def test_every_difficulty_names_a_registered_mind_and_scripts_stay_plain_functions():
    assert list(DIFFICULTIES) == ["history", "cautious", "reckless", "master"]
    for mind in DIFFICULTIES.values():
        assert mind in MINDS
    assert set(LEVELS) <= set(MINDS) and not set(LEVELS) & set(POLICIES)
    assert hasattr(get_policy("master"), "decide")


def test_the_master_opponent_is_the_same_for_the_same_seed_and_choices(crisis, monkeypatch):
    monkeypatch.setitem(LEVELS, "master", FAST)
    first = _play(crisis, 11, "master")
    assert first == _play(crisis, 11, "master")
    assert any(opt for _, opt in first[0])


def test_the_search_answers_a_different_seed_with_its_own_rollouts(crisis, monkeypatch):
    """With no doubt allowed, every estimate's noise shows: each seed has its own rollouts."""
    monkeypatch.setitem(LEVELS, "master", replace(FAST, doubt=0.0))
    logs = {tuple(_play(crisis, seed, "master", pick=1)[0]) for seed in range(4)}
    assert len(logs) > 1


def test_options_the_rollouts_cannot_tell_apart_go_the_minds_own_way():
    """Within ``doubt`` standard errors of the best, the lean decides; beyond them, the values do."""
    rng = np.random.default_rng(3)
    dice = rng.normal(0.0, 1.0, (1, 1, 400))  # shared by every option: common random numbers
    noise = rng.normal(0.0, 0.1, (1, 3, 400))
    legal = np.ones((1, 3), dtype=bool)
    firm = np.array([0.0, 2.0, 1.0])  # concede, hold, escalate: Master's lean
    close = dice + noise + np.array([0.0, -0.005, 0.01])[None, :, None]  # escalation best, by a hair
    assert decisive(close, legal, firm, doubt=3.0)[0] == 1  # too close to call: it holds
    assert decisive(close, legal, firm, doubt=0.0)[0] == int(close.mean(axis=2).argmax())
    clear = dice + noise + np.array([0.0, -0.5, 0.2])[None, :, None]
    assert decisive(clear, legal, firm, doubt=3.0)[0] == 2  # clearly better: it escalates
    shut = legal.copy()
    shut[0, 1] = False
    assert decisive(close, shut, firm, doubt=3.0)[0] == 2  # a closed option is never taken


def test_stance_counts_tally_the_sides_own_past_choices(crisis):
    game = Game(crisis, side=None, n=3, seed=2, record=False, history=False)
    game.run({"us": "hawk", "ussr": "dove"})
    us = stance_counts(crisis, game.state, crisis.side_ids.index("us"))
    fired = sum(int((game.state.choices[e.index] >= 0).sum()) for e in crisis.events if e.side == 0)
    assert us.sum() == fired
    assert (us[:, 2] >= us[:, 0]).all()  # a hawk escalates at least as often as it concedes


def test_the_player_model_only_picks_the_stance_it_believes_in(crisis):
    ev = next(e for e in crisis.events if len(set(stances(e))) == 3)
    n = 500
    legal = np.ones((ev.n_options, n), dtype=bool)
    p = np.tile([0.0, 0.0, 1.0], (n, 1))
    u = np.linspace(0, 0.999, n, dtype=np.float32)
    picked = stance_policy(p)(ev, legal, None, u)
    assert set(stances(ev)[picked]) == {2}


def test_a_game_against_master_saves_and_replays_to_the_same_end(crisis, monkeypatch):
    monkeypatch.setitem(LEVELS, "master", FAST)
    game = Game(crisis.scenario, side="us", seed=4, opponent="master")
    for _ in range(5):
        game.choose(game.decision().option_ids[0])
    again = replay(save_of(game), crisis.scenario)
    assert again.opponent == "master"
    assert [e.option for e in again.log] == [e.option for e in game.log]


def test_fixed_scripts_earn_less_against_master_than_against_the_ai(crisis, monkeypatch):
    """The issue's bound at CI scale: a fixed set of scripts, same seeds, both sides."""
    monkeypatch.setitem(
        LEVELS, "master", SearchLevel("master", rollouts=48, risk=1.0, prior=1.5, rivalry=0.5)
    )
    n = 64  # at 16 games the Soviet margin (about 1 point) was within the dice's noise
    for side, other in (("us", "ussr"), ("ussr", "us")):
        own = {}
        for opp in ("ai", "master"):
            total = 0.0
            for script in ("historical", "hawk", "dove", "random", "ai"):  # the bench's fixed set
                r = Game(crisis, side=None, n=n, seed=5, record=False, history=False).run(
                    {side: script, other: opp}
                )
                total += np.mean([r.prestige(i).get(side, 0) for i in range(n)])
            own[opp] = total
        assert own["master"] < own["ai"], (side, own)


def test_masters_hidden_temperament_is_drawn_once_per_game_seed():
    master = LEVELS["master"]

    class Seeded:
        def __init__(self, seed: int) -> None:
            self.seed = seed

    risks = {master.for_game(Seeded(s)).risk for s in range(6)}
    assert len(risks) > 1 and all(0.5 * master.risk <= r <= 1.5 * master.risk for r in risks)
    assert master.for_game(Seeded(3)) == master.for_game(Seeded(3))
    assert FAST.for_game(Seeded(3)) is FAST
