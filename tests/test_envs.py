"""The Gymnasium environments: the checker, registration, seeding, rewards and rendering."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import warnings

import gymnasium as gym
import numpy as np
import pytest
from gymnasium.utils.env_checker import check_env

from conftest import ROOT, SCENARIOS
from thirteendays.engine.game import Game
from thirteendays.envs import ENV_ID, CrisisEnv, CrisisVectorEnv, register_envs
from thirteendays.envs.observe import Prestige, observe

SHIPPED = sorted(p.stem for p in SCENARIOS.glob("*.yaml"))


def test_every_shipped_scenario_is_covered():
    assert SHIPPED == ["berlin_1961", "cuban_missile_crisis", "tutorial"]


@pytest.mark.parametrize("scenario", SHIPPED)
@pytest.mark.parametrize("side", ["us", "ussr"])
def test_check_env_passes(scenario, side):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the checker's warnings are failures too
        # Made through the registry so the checker also renders the other mode (rgb_array).
        check_env(gym.make(ENV_ID, scenario=scenario, side=side, render_mode="ansi").unwrapped)


def test_check_env_passes_through_make_with_frames():
    env = gym.make(ENV_ID, scenario="tutorial", render_mode="rgb_array")
    check_env(env.unwrapped)
    env.reset(seed=3)
    image = env.render()
    assert image.shape == (540, 960, 3) and image.dtype == np.uint8
    assert image.std() > 10  # a drawn screen, not a blank one


def test_registration_by_id_by_module_and_entry_point():
    assert isinstance(gym.make(ENV_ID).unwrapped, CrisisEnv)
    assert isinstance(gym.make(f"thirteendays.envs:{ENV_ID}").unwrapped, CrisisEnv)
    vec = gym.make_vec(ENV_ID, num_envs=3, vectorization_mode="vector_entry_point", scenario="tutorial")
    assert isinstance(vec.unwrapped, CrisisVectorEnv) and vec.num_envs == 3
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())
    target = meta["project"]["entry-points"]["gymnasium.envs"]["__root__"]
    assert target == "thirteendays.envs:register_envs"
    register_envs()  # registering twice is harmless
    assert ENV_ID in gym.registry


def _last_option(mask: np.ndarray) -> int:
    return int(np.flatnonzero(mask)[-1])


def _single_episode(scenario: str, seed: int) -> list[tuple]:
    env = CrisisEnv(scenario)
    obs, info = env.reset(seed=seed)
    steps = []
    done = False
    while not done:
        action = _last_option(info["action_mask"])
        obs, reward, done, _, info = env.step(action)
        steps.append((action, obs["tracks"].tolist(), int(obs["event"]), float(reward), done))
    return steps


def _vector_episode(scenario: str, seed: int) -> list[tuple]:
    env = CrisisVectorEnv(1, scenario)
    obs, info = env.reset(seed=seed)
    steps = []
    done = False
    while not done:
        action = _last_option(info["action_mask"][0])
        obs, reward, term, _, info = env.step(np.array([action]))
        done = bool(term[0])
        steps.append((action, obs["tracks"][0].tolist(), int(obs["event"][0]), float(reward[0]), done))
    return steps


def _game_episode(scenario: str, seed: int) -> list[tuple]:
    game = Game(CrisisEnv(scenario).compiled, side="us", seed=seed)
    prestige = Prestige.of(game.compiled)
    steps = []
    while game.pending is not None:
        action = _last_option(game.pending.legal[:, 0])
        game.step([action])
        p = game.pending
        reward = float(prestige.of_games(game.endings, 0)[0]) if game.finished else 0.0
        tracks = observe(game, "us")["tracks"]  # the side's picture: its intel, not the truth
        event = p.event.index if p is not None else len(game.compiled.events)
        steps.append((action, tracks[0].tolist(), event, reward, game.finished))
    return steps


@pytest.mark.parametrize("scenario", SHIPPED)
def test_same_seed_same_episode_through_single_env_vector_env_and_game(scenario):
    single = _single_episode(scenario, 17)
    assert single == _vector_episode(scenario, 17) == _game_episode(scenario, 17)
    assert single[-1][-1] and len(single) >= 2
    assert single != _single_episode(scenario, 18)


def test_reset_without_a_seed_follows_np_random():
    a, b = CrisisEnv("tutorial"), CrisisEnv("tutorial")
    a.reset(seed=5)
    b.reset(seed=5)
    assert a.reset()[0]["tracks"].tolist() == b.reset()[0]["tracks"].tolist()
    assert a.game.seed == b.game.seed != 5


def test_vector_env_plays_each_game_its_own_way_and_pays_its_ending():
    n = 256
    env = CrisisVectorEnv(n, "cuban_missile_crisis")
    game = Game(env.compiled, side="us", seed=9, n=n)
    obs, info = env.reset(seed=9)
    rng = np.random.default_rng(0)
    total = np.zeros(n)
    ended_at = np.full(n, -1)
    step = 0
    while not game.finished:
        mask = info["action_mask"]
        assert (obs["options"] == mask).all()
        assert ((obs["event"] < len(env.compiled.events)) == mask.any(axis=1)).all()
        actions = (rng.random(mask.shape) * mask).argmax(axis=1)
        game.step(actions)
        obs, reward, term, trunc, info = env.step(actions)
        step += 1
        assert (obs["tracks"] == observe(game, "us")["tracks"]).all()
        assert not trunc.any() and (ended_at[term] < 0).all()  # each game ends once
        assert (reward[~term] == 0).all()
        ended_at[term] = step
        total += reward
    assert (ended_at > 0).all()
    assert (ended_at < step).any()  # some crises ended early, and terminated then
    assert (ended_at[game.state.end_day < game.days] < step).all()
    # The ending's prestige, less what the side paid for breaking public promises.
    assert (total == Prestige.of(env.compiled).of_games(game.endings, 0, game.state)).all()
    assert len(set(map(tuple, game.state.choices.T.tolist()))) > 1  # the games did differ


def _play_out_batch(env: CrisisVectorEnv, info: dict) -> tuple[np.ndarray, np.ndarray, dict]:
    """Step until every game of the batch has terminated once: (terminations, rewards, info)."""
    count = np.zeros(env.num_envs, dtype=int)
    paid = np.zeros(env.num_envs)
    while not count.all():
        _, reward, term, _, info = env.step(info["action_mask"].argmax(axis=1))
        count += term
        paid += reward
    return count, paid, info


def test_vector_env_autoresets_the_step_after_the_batch_ends():
    env = CrisisVectorEnv(4, "tutorial")
    obs, info = env.reset(seed=2)
    first = obs["tracks"].copy()
    count, _, info = _play_out_batch(env, info)
    assert (count == 1).all()
    seed_used = env.game.seed
    obs, reward, term, trunc, info = env.step(np.full(4, 99))  # ignored: this is the reset step
    assert (reward == 0).all() and not term.any() and not trunc.any()
    assert env.game.seed != seed_used and env.game.day == 1
    assert info["action_mask"].any(axis=1).all()  # every new game faces its first decision
    again, _ = CrisisVectorEnv(4, "tutorial").reset(seed=2)
    assert (again["tracks"] == first).all()


def test_an_illegal_action_forfeits_the_game():
    env = CrisisEnv("cuban_missile_crisis", illegal_reward=-50)
    obs, info = env.reset(seed=1)
    illegal = int(np.flatnonzero(info["action_mask"] == 0)[0])
    obs, reward, term, _, info = env.step(illegal)
    assert term and reward == -50 and info["illegal_action"]
    assert not obs["options"].any()
    with pytest.raises(RuntimeError, match="reset"):
        env.step(0)
    default = CrisisEnv("cuban_missile_crisis")
    assert default.illegal_reward == Prestige.of(default.compiled).worst(0) - 1


def test_an_illegal_action_forfeits_only_that_game_of_the_batch():
    env = CrisisVectorEnv(3, "tutorial", illegal_reward=-50)
    obs, info = env.reset(seed=1)
    actions = info["action_mask"].argmax(axis=1)
    actions[1] = 7  # no event has eight options
    obs, reward, term, _, info = env.step(actions)
    assert term.tolist() == [False, True, False] and reward.tolist()[1] == -50
    assert not info["action_mask"][1].any() and obs["event"][1] == len(env.compiled.events)
    count, paid = np.zeros(3, dtype=int), np.zeros(3)
    while not env.game.finished:
        _, reward, term, _, info = env.step(info["action_mask"].argmax(axis=1))
        count += term
        paid += reward
    assert count.tolist() == [1, 0, 1]  # the others end once; the forfeited game not again
    assert paid[1] == 0 and (paid[[0, 2]] != 0).any()


def test_a_batch_where_every_game_forfeits_ends_at_once():
    env = CrisisVectorEnv(2, "cuban_missile_crisis")
    _, info = env.reset(seed=3)
    _, reward, term, _, info = env.step(np.array([4, 4]))  # the first event has three options
    assert term.all() and (reward == env.illegal_reward).all()
    assert env.game.finished
    _, reward, term, _, info = env.step(np.zeros(2, dtype=int))  # the autoreset step
    assert not term.any() and info["action_mask"].any(axis=1).all()


def test_ansi_is_the_terminal_text_and_pygame_stays_unloaded():
    env = CrisisEnv("tutorial", render_mode="ansi")
    env.reset(seed=1)
    text = env.render()
    assert "Day 1" in text and "1. Order air strikes on the missile sites" in text
    assert "Your choice" not in text
    env.step(1)
    assert "End of day 1 (" in env.render() and "Announce a naval quarantine" in env.render()
    code = (
        "import sys, gymnasium as gym, thirteendays.envs\n"
        "e = gym.make('thirteendays/Crisis-v0', render_mode='ansi'); e.reset(seed=1); e.step(0); e.render()\n"
        "print('pygame' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_ansi_at_the_end_tells_the_ending():
    env = CrisisEnv("tutorial", render_mode="ansi", opponent="historical")
    _, info = env.reset(seed=1)
    done = False
    while not done:
        _, _, done, _, info = env.step(int(np.flatnonzero(info["action_mask"])[0]))
    assert "The end:" in env.render() and "Prestige:" in env.render()
    assert info["ending"] is not None


def test_bad_arguments_are_refused_clearly():
    with pytest.raises(ValueError, match="unknown side 'cuba'"):
        CrisisEnv("tutorial", side="cuba")
    with pytest.raises(ValueError, match="unknown policy"):
        CrisisVectorEnv(2, "tutorial", opponent="genius")
    with pytest.raises(ValueError, match="render_mode"):
        CrisisEnv("tutorial", render_mode="human")
    with pytest.raises(ValueError, match="num_envs"):
        CrisisVectorEnv(0)
    env = CrisisVectorEnv(3, "tutorial")
    env.reset(seed=1)
    with pytest.raises(ValueError, match="one action per game: 3"):
        env.step(np.zeros(2, dtype=int))
    with pytest.raises(RuntimeError, match="reset"):
        CrisisVectorEnv(3, "tutorial").step(np.zeros(3, dtype=int))
