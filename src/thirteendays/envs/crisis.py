"""``thirteendays/Crisis-v0``: one side of the crisis against a scripted opponent."""

from __future__ import annotations

from typing import Any, ClassVar, SupportsFloat

import gymnasium as gym
import numpy as np

from ..engine.compiled import Compiled
from ..engine.game import Game
from ..engine.policies import get_policy
from ..scenario.model import Scenario
from .observe import Prestige, action_space, compile_scenario, observation_space, observe, row
from .render import frame, situation_text

SEED_BOUND = 2**63  # seeds drawn from np_random for resets without a seed


class CrisisEnv(gym.Env):
    """
    ## Description

    One side of a Thirteen Days scenario (the Cuban Missile Crisis by default)
    against a scripted opponent.  Each step is one decision of that side: the
    event before it and the options open to it.  The opponent's decisions, the
    daily dynamics, incidents and the risk of an accident turning into war all
    happen between steps, in the same engine a player's game uses.

    ## Action Space

    `Discrete(max_options)`: the index of an option of the pending event, in the
    scenario's order.  Only the options marked in `info["action_mask"]` (and in
    the observation's `options`) are open.  An option that is not open forfeits
    the game: the episode terminates with `illegal_reward` and
    `info["illegal_action"]` is True, as PettingZoo's classic games do.

    ## Observation Space

    A `Dict`, the side's view of the game (built by `thirteendays.envs.observe`):
    - `day`: `Discrete(days + 1)`, the day of the crisis;
    - `tracks`: `Box(0, 1, (K,), float32)`, the tension tracks (military alerts,
      political pressure, world alarm...) as the side sees them: its own exactly, the
      other side's as its intelligence estimates (the starting value where not known yet);
    - `band`: `Box(0, 1, (K, 2), float32)`, each track's low and high as the side knows
      them (equal where seen exactly; 0 and 1 where not known yet);
    - `flags`: `MultiBinary(F)`, the scenario's flags the side knows are set;
    - `event`: `Discrete(E + 1)`, the pending event's index, `E` when none;
    - `options`: `MultiBinary(max_options)`, the open options (the action mask).

    ## Rewards

    The side's prestige for the ending the game reaches, less any audience cost it paid
    for breaking a public commitment (`engine/outcomes.py`;
    nuclear war is the worst), paid on the step the game ends; 0 on every other step.

    ## Starting State

    The scenario's first day, advanced to the side's first decision.

    ## Episode End

    Termination when the crisis ends: by war, by an ending option, or after the
    last day.  There is no truncation: a crisis has at most one decision per event.

    ## Arguments

    ```python
    gymnasium.make("thirteendays/Crisis-v0", scenario="cuban_missile_crisis", side="us",
                   opponent="ai", render_mode=None)
    ```
    `scenario` is a shipped scenario's name (`cuban_missile_crisis`, `berlin_1961`,
    `tutorial`), a path, or a loaded `Scenario`; `opponent` a policy name (`ai`,
    `historical`, `hawk`, `dove`, `random`).  `render_mode` is `"ansi"` (the
    terminal's text) or `"rgb_array"` (the window's frame; pygame is imported then).

    ## Version History

    * v0: Initial version.
    """

    metadata: ClassVar[dict[str, Any]] = {"render_modes": ["ansi", "rgb_array"], "render_fps": 1}

    def __init__(
        self,
        scenario: str | Scenario | Compiled = "cuban_missile_crisis",
        side: str = "us",
        opponent: str = "ai",
        render_mode: str | None = None,
        illegal_reward: float | None = None,
    ) -> None:
        self.compiled = compile_scenario(scenario)
        c = self.compiled
        if side not in c.side_ids:
            raise ValueError(f"unknown side '{side}' (choose from {', '.join(c.side_ids)})")
        get_policy(opponent)
        if render_mode is not None and render_mode not in self.metadata["render_modes"]:
            raise ValueError(f"unknown render_mode '{render_mode}' (choose from ansi, rgb_array)")
        self.side = side
        self.side_index = c.side_ids.index(side)
        self.opponent = opponent
        self.render_mode = render_mode
        self.prestige = Prestige.of(c)
        self.illegal_reward = (
            self.prestige.worst(self.side_index) - 1.0 if illegal_reward is None else float(illegal_reward)
        )
        self.observation_space = observation_space(c)
        self.action_space = action_space(c)
        self.game: Game | None = None
        self._forfeit = False
        self._paid = False

    def reset(
        self, *, seed: int | None = None, options: dict[str, Any] | None = None
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """A new game; ``seed`` s plays exactly ``Game(scenario, side, seed=s, opponent=...)``."""
        super().reset(seed=seed)
        game_seed = seed if seed is not None else int(self.np_random.integers(SEED_BOUND))
        # The log is what the renderers narrate; without a render mode it is not kept.
        self.game = Game(
            self.compiled,
            side=self.side,
            seed=game_seed,
            opponent=self.opponent,
            record=self.render_mode is not None,
        )
        self._forfeit = False
        self._paid = False  # a crisis over before the side's first decision is paid by the next step
        return self._observe()

    def step(self, action: Any) -> tuple[dict[str, Any], SupportsFloat, bool, bool, dict[str, Any]]:
        game = self._game()
        if self._forfeit or self._paid:
            raise RuntimeError("the episode has ended; call reset()")
        p = game.pending
        if p is not None:
            a = int(action)
            if not (0 <= a < p.event.n_options and p.legal[a, 0]):
                self._forfeit = True
                obs, info = self._observe()
                info["illegal_action"] = True
                return obs, self.illegal_reward, True, False, info
            game.step(np.array([a], dtype=np.int64))
        # With nothing pending the game has already ended (a crisis over before the side's
        # first decision): the action is ignored and this step pays the ending.
        reward = 0.0
        if game.finished:
            reward = float(self.prestige.of_games(game.endings, self.side_index, game.state)[0])
            self._paid = True
        obs, info = self._observe()
        return obs, reward, game.finished, False, info

    def render(self) -> str | np.ndarray | None:
        if self.render_mode is None:
            gym.logger.warn("render() needs a render_mode: pass render_mode='ansi' or 'rgb_array'")
            return None
        game = self._game()
        return situation_text(game) if self.render_mode == "ansi" else frame(game)

    # ----- helpers ------------------------------------------------------------------------
    def _game(self) -> Game:
        if self.game is None:
            raise RuntimeError("call reset() before step() or render()")
        return self.game

    def _observe(self) -> tuple[dict[str, Any], dict[str, Any]]:
        game = self._game()
        obs = row(observe(game, self.side), 0)
        if self._forfeit:
            obs["event"] = np.int64(len(self.compiled.events))
            obs["options"] = np.zeros_like(obs["options"])
        info: dict[str, Any] = {"action_mask": obs["options"].copy(), "day": game.day}
        if game.finished:
            info["ending"] = game.result().ending_id()
        return obs, info
