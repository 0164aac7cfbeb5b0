"""N games of one side in ONE engine batch: a native Gymnasium vector environment.

Not N copies of the single env: the batch engine plays every game in the same
numpy operations, and a step answers the pending decision of every game that
faces it with ``Game.step``.  The games of a batch move through the days in
lockstep, which shapes the episode:

* a game not facing the pending event (its condition does not hold there, or
  its crisis has already ended) sits the step out: its action is ignored, its
  observation's ``event`` is ``E`` and its action mask is all zero, reward 0;
* every game of the batch terminates on the step the batch's crisis ends, each
  paid its own ending's prestige (a game that ended early waits, idle, until then);
* the step after that is the autoreset step (``AutoresetMode.NEXT_STEP``): a
  fresh batch starts, the actions are ignored, and each game shows its first decision;
* an illegal action for a waiting game forfeits that game, as in the single env:
  it terminates at once with ``illegal_reward`` and its next episode waits,
  idle, for the next batch.

Batch ``b`` after ``reset(seed=s)`` replays ``Game(scenario, side, seed=s_b, n=N)``
with ``s_0 = s`` and the later seeds drawn from ``np_random``.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
from gymnasium.vector import AutoresetMode, VectorEnv
from gymnasium.vector.utils import batch_space

from ..engine.compiled import Compiled
from ..engine.game import Game
from ..engine.policies import get_policy
from ..scenario.model import Scenario
from .crisis import SEED_BOUND
from .observe import Prestige, action_space, compile_scenario, observation_space, observe


class CrisisVectorEnv(VectorEnv):
    """``num_envs`` games of ``thirteendays/Crisis-v0`` played as one engine batch."""

    metadata: ClassVar[dict[str, Any]] = {
        "render_modes": [],
        "autoreset_mode": AutoresetMode.NEXT_STEP,
    }

    def __init__(
        self,
        num_envs: int,
        scenario: str | Scenario | Compiled = "cuban_missile_crisis",
        side: str = "us",
        opponent: str = "ai",
        illegal_reward: float | None = None,
        render_mode: str | None = None,
    ) -> None:
        if num_envs < 1:
            raise ValueError(f"num_envs must be at least 1, got {num_envs}")
        if render_mode is not None:
            raise ValueError("the vector env does not render; render one game with thirteendays/Crisis-v0")
        self.compiled = compile_scenario(scenario)
        c = self.compiled
        if side not in c.side_ids:
            raise ValueError(f"unknown side '{side}' (choose from {', '.join(c.side_ids)})")
        get_policy(opponent)
        self.num_envs = num_envs
        self.side = side
        self.side_index = c.side_ids.index(side)
        self.opponent = opponent
        self.render_mode = None
        self.prestige = Prestige.of(c)
        self.illegal_reward = (
            self.prestige.worst(self.side_index) - 1.0 if illegal_reward is None else float(illegal_reward)
        )
        self.single_observation_space = observation_space(c)
        self.single_action_space = action_space(c)
        self.observation_space = batch_space(self.single_observation_space, num_envs)
        self.action_space = batch_space(self.single_action_space, num_envs)
        self.game: Game | None = None
        self._forfeit = np.zeros(num_envs, dtype=bool)
        self._restart = False
        self._all = np.ones(num_envs, dtype=bool)
        self._arange = np.arange(num_envs)

    # ----- the Gymnasium API ------------------------------------------------------------------
    def reset(
        self, *, seed: int | None = None, options: dict[str, Any] | None = None
    ) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
        super().reset(seed=seed)
        self._new_batch(seed)
        return self._observe()

    def step(
        self, actions: np.ndarray
    ) -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray, np.ndarray, dict[str, Any]]:
        n = self.num_envs
        rewards = np.zeros(n, dtype=np.float32)
        terminated = np.zeros(n, dtype=bool)
        if self.game is None:
            raise RuntimeError("call reset() before step()")
        if self._restart:  # the autoreset step: the last batch ended on the previous step
            self._new_batch(None)
            obs, info = self._observe()
            return obs, rewards, terminated, np.zeros(n, dtype=bool), info
        game = self.game
        p = game.pending
        if p is not None:
            a = np.asarray(actions).astype(np.int64, copy=False).reshape(n)
            inside = (a >= 0) & (a < p.event.n_options)
            ok = np.take(p.legal.ravel(), np.where(inside, a, 0) * n + self._arange) & inside
            acting = p.waiting & ~self._forfeit
            illegal = acting & ~ok
            if illegal.any() or self._forfeit.any():
                # A forfeited game still needs an answer for the engine to play on; its
                # first open option will do, since nobody is paid for that game any more.
                a = np.where(acting & ok, a, p.legal.argmax(axis=0))
                terminated |= illegal
                rewards[illegal] = self.illegal_reward
                self._forfeit |= illegal
            game.step(a)
        if game.finished:
            ended = ~self._forfeit
            rewards[ended] = self.prestige.of_games(game.endings, self.side_index)[ended]
            terminated |= ended
            self._restart = True
        obs, info = self._observe()
        return obs, rewards, terminated, np.zeros(n, dtype=bool), info

    # ----- helpers ------------------------------------------------------------------------------
    def _new_batch(self, seed: int | None) -> None:
        batch_seed = seed if seed is not None else int(self.np_random.integers(SEED_BOUND))
        self.game = Game(
            self.compiled,
            side=self.side,
            seed=batch_seed,
            n=self.num_envs,
            opponent=self.opponent,
            record=False,
            history=False,
        )
        self.game.pending  # noqa: B018 - start the batch: play on to the first decision
        self._forfeit[:] = False
        self._restart = False

    def _observe(self) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
        obs = observe(self.game, self.side)
        if self._forfeit.any():
            obs["event"][self._forfeit] = len(self.compiled.events)
            obs["options"][self._forfeit] = 0
        info = {"action_mask": obs["options"].copy(), "_action_mask": self._all.copy()}
        return obs, info
