"""Both sides of the crisis as a PettingZoo AEC environment.

The engine decides whose turn it is: the side of the pending event.  Turns do
not alternate (on a quiet day one side may decide twice running), so the next
agent is read from the game after every step rather than from a fixed cycle.
Each agent observes through ``observe(game, side)``, so its view is filtered
wherever hidden information is; only the agent whose turn it is sees a
non-zero action mask, as in PettingZoo's classic games.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
from gymnasium import spaces
from gymnasium.utils import EzPickle, seeding
from pettingzoo import AECEnv
from pettingzoo.utils import wrappers

from ..engine.compiled import Compiled
from ..engine.game import HUMAN, Game
from ..scenario.model import Scenario
from .crisis import SEED_BOUND
from .observe import Prestige, action_space, compile_scenario, observation_space, observe, row
from .render import situation_text


def env(illegal_reward: float | None = None, **kwargs: Any) -> AECEnv:
    """The wrapped environment, as PettingZoo's classic games ship it.

    An illegal move ends the game with ``illegal_reward`` for the side that made it
    (and 0 for the other); moves outside the action space and out-of-order calls are
    refused.  The default is one below the worst prestige any ending pays (nuclear
    war), so a forfeit is never a way out of a bad position.
    """
    aec = raw_env(**kwargs)
    if illegal_reward is None:
        sides = range(len(aec.possible_agents))
        illegal_reward = min(aec.prestige.worst(j) for j in sides) - 1.0
    aec = wrappers.TerminateIllegalWrapper(aec, illegal_reward=illegal_reward)
    aec = wrappers.AssertOutOfBoundsWrapper(aec)
    return wrappers.OrderEnforcingWrapper(aec)


class raw_env(AECEnv, EzPickle):  # PettingZoo's name for the unwrapped env
    """Both sides of a scenario; the reward is each side's prestige at the ending."""

    metadata: ClassVar[dict[str, Any]] = {
        "render_modes": ["ansi"],
        "name": "thirteendays_crisis_v0",
        "is_parallelizable": False,
        "render_fps": 1,
    }

    def __init__(
        self, scenario: str | Scenario | Compiled = "cuban_missile_crisis", render_mode: str | None = None
    ) -> None:
        super().__init__()
        EzPickle.__init__(self, scenario, render_mode)
        if render_mode is not None and render_mode not in self.metadata["render_modes"]:
            raise ValueError(f"unknown render_mode '{render_mode}' (the AEC env renders 'ansi')")
        self.compiled = compile_scenario(scenario)
        c = self.compiled
        self.render_mode = render_mode
        self.possible_agents = list(c.side_ids)
        self.agents = self.possible_agents[:]
        self._view_space = observation_space(c)
        flat = spaces.flatten_space(self._view_space)
        self.observation_spaces = {
            a: spaces.Dict(
                {
                    "observation": flat,
                    "action_mask": spaces.Box(0, 1, shape=(c.max_options,), dtype=np.int8),
                }
            )
            for a in self.possible_agents
        }
        self.action_spaces = {a: action_space(c) for a in self.possible_agents}
        self.prestige = Prestige.of(c)
        self.game: Game | None = None
        self._np_random: np.random.Generator | None = None

    def observation_space(self, agent: str) -> spaces.Space:
        return self.observation_spaces[agent]

    def action_space(self, agent: str) -> spaces.Space:
        return self.action_spaces[agent]

    def reset(self, seed: int | None = None, options: dict | None = None) -> None:
        if seed is not None or self._np_random is None:
            self._np_random, _ = seeding.np_random(seed)
        game_seed = seed if seed is not None else int(self._np_random.integers(SEED_BOUND))
        self.game = Game(self.compiled, side=None, seed=game_seed, record=self.render_mode is not None)
        self.game.controllers = [HUMAN] * len(self.compiled.side_ids)  # both sides are agents
        self.agents = self.possible_agents[:]
        self.rewards = dict.fromkeys(self.agents, 0.0)
        self._cumulative_rewards = dict.fromkeys(self.agents, 0.0)
        self.terminations = dict.fromkeys(self.agents, False)
        self.truncations = dict.fromkeys(self.agents, False)
        self.infos = {a: {} for a in self.agents}
        self._next_turn()

    def observe(self, agent: str) -> dict[str, np.ndarray]:
        view = row(observe(self._game(), agent), 0)
        return {
            "observation": spaces.flatten(self._view_space, view),
            "action_mask": view["options"].copy(),
        }

    def step(self, action: int | None) -> None:
        agent = self.agent_selection
        if self.terminations[agent] or self.truncations[agent]:
            self._was_dead_step(action)
            return
        self._cumulative_rewards[agent] = 0.0
        self._clear_rewards()
        self._game().step(np.array([action], dtype=np.int64))
        self._next_turn()

    def render(self) -> str | None:
        if self.render_mode is None:
            return None
        return situation_text(self._game())

    def close(self) -> None:
        pass

    # ----- helpers ------------------------------------------------------------------------------
    def _game(self) -> Game:
        if self.game is None:
            raise RuntimeError("call reset() first")
        return self.game

    def _next_turn(self) -> None:
        """Hand the turn to the side the engine waits on, or pay both sides at the end."""
        game = self._game()
        p = game.pending
        if p is not None:
            self.agent_selection = p.side
            return
        prestige = self.prestige.of_games(game.endings, slice(None), game.state)[0]
        for j, agent in enumerate(self.possible_agents):
            self.rewards[agent] = float(prestige[j])
            self.infos[agent] = {"ending": game.result().ending_id()}
        self.terminations = dict.fromkeys(self.agents, True)
        self._accumulate_rewards()
        self.agent_selection = self.possible_agents[0]
