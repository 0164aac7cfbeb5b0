"""The PettingZoo AEC environment: PettingZoo's own tests, turns, masks and rewards."""

from __future__ import annotations

import numpy as np
import pytest
from pettingzoo.test import api_test, performance_benchmark, seed_test

from conftest import SCENARIOS
from thirteendays.engine.game import Game
from thirteendays.envs import aec
from thirteendays.envs.observe import Prestige

SHIPPED = sorted(p.stem for p in SCENARIOS.glob("*.yaml"))


@pytest.mark.parametrize("scenario", SHIPPED)
def test_pettingzoo_api_seed_and_performance(scenario, capsys):
    api_test(aec.env(scenario=scenario), num_cycles=300)
    seed_test(lambda: aec.env(scenario=scenario), num_cycles=100)
    performance_benchmark(aec.env(scenario=scenario))
    out = capsys.readouterr().out
    assert "Passed API test" in out
    assert "Finished performance benchmark" in out


def test_turns_follow_the_engine_and_only_the_mover_has_a_mask():
    env = aec.env(scenario="tutorial")
    env.reset(seed=4)
    seen = []
    for agent in env.agent_iter():
        obs, _, term, trunc, _ = env.last()
        if term or trunc:
            env.step(None)
            continue
        other = next(a for a in env.possible_agents if a != agent)
        assert obs["action_mask"].any()
        assert not env.observe(other)["action_mask"].any()
        seen.append(agent)
        env.step(int(np.flatnonzero(obs["action_mask"])[0]))
    assert seen[0] == "us" and "ussr" in seen


def test_both_sides_are_paid_their_prestige_as_the_game_scores_it():
    env = aec.env(scenario="tutorial")
    env.reset(seed=6)
    game = Game(env.unwrapped.compiled, side=None, seed=6)
    game.controllers = ["player", "player"]
    paid = {}
    for agent in env.agent_iter():
        obs, reward, term, trunc, _ = env.last()
        if term or trunc:
            paid[agent] = reward
            env.step(None)
            continue
        action = int(np.flatnonzero(obs["action_mask"])[-1])
        assert game.pending.side == agent
        game.step([action])
        env.step(action)
    table = Prestige.of(game.compiled)
    assert paid == {"us": table.of_games(game.endings, 0)[0], "ussr": table.of_games(game.endings, 1)[0]}


def test_an_illegal_move_ends_the_game_against_the_mover():
    env = aec.env(scenario="cuban_missile_crisis")
    env.reset(seed=1)
    obs, *_ = env.last()
    illegal = int(np.flatnonzero(obs["action_mask"] == 0)[0])
    env.step(illegal)
    assert env.terminations == {"us": True, "ussr": True}
    assert env.rewards["us"] == -11 and env.rewards["ussr"] == 0  # below nuclear war's -10
    custom = aec.env(scenario="cuban_missile_crisis", illegal_reward=-3)
    custom.reset(seed=1)
    custom.step(illegal)
    assert custom.rewards == {"us": -3, "ussr": 0}


def test_ansi_render_is_the_terminal_text():
    env = aec.env(scenario="tutorial", render_mode="ansi")
    env.reset(seed=1)
    assert "The photographs" in env.render()
    with pytest.raises(ValueError, match="render_mode"):
        aec.raw_env(scenario="tutorial", render_mode="rgb_array")
