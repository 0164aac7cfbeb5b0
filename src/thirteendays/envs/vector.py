"""N games of one side in ONE engine batch: a native Gymnasium vector environment.

Not N copies of the single env: the batch engine plays every game in the same
numpy operations, and a step answers the pending decision of every game that
faces it with ``Game.step``.  The games of a batch move through the days in
lockstep, which shapes the episodes:

* a game not facing the pending event (its condition does not hold there) sits
  the step out: its action is ignored, its observation's ``event`` is ``E`` and
  its action mask is all zero, reward 0;
* a game terminates on the step its crisis ends (war, an ending option, the last
  day), paid its ending's prestige, as in the single env;
* autoreset is ``AutoresetMode.NEXT_STEP``, but a game can only start again with a
  fresh batch: a game that ended early begins its next episode idle (as above)
  until the last game of its batch ends, and the step after that starts a new
  batch for all, ignoring the actions, with each game at its first decision;
* an illegal action for a waiting game forfeits that game, as in the single env:
  it terminates at once with ``illegal_reward`` (the engine plays its first open
  option from then on, unseen and unpaid).

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
from ..engine.outcomes import determine_endings
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
        self._closed = np.zeros(num_envs, dtype=bool)  # episodes already ended in this batch
        self._forfeit = np.zeros(num_envs, dtype=bool)  # ... of which by an illegal action
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
            a = np.asarray(actions)
            if a.size != n:
                raise ValueError(f"step takes one action per game: {n} of them, got shape {a.shape}")
            a = a.astype(np.int64, copy=False).reshape(n)
            inside = (a >= 0) & (a < p.event.n_options)
            ok = np.take(p.legal.ravel(), np.where(inside, a, 0) * n + self._arange) & inside
            illegal = p.waiting & ~ok & ~self._forfeit
            if illegal.any():
                terminated |= illegal
                rewards[illegal] = self.illegal_reward
                self._forfeit |= illegal
                self._closed |= illegal
            stand_in = np.flatnonzero(p.waiting & self._forfeit)
            if stand_in.size:
                # A forfeited game still needs an answer for the engine to play on; its
                # first open option will do, since nobody is paid for that game any more.
                a = a.copy()
                a[stand_in] = p.legal[:, stand_in].argmax(axis=0)
            game.step(a)
        ended = (self.game.state.over | game.finished) & ~self._closed
        if ended.any():
            endings = game.endings if game.finished else self._endings(np.flatnonzero(ended))
            paid = self.prestige.of_games(endings, self.side_index)
            lost = game.state.audience[:, self.side_index].astype(np.float32)  # broken public promises
            rewards[ended] = (paid - lost)[ended] if game.finished else paid - lost[ended]
            terminated |= ended
            self._closed |= ended
        if not game.finished and self._closed.all():  # nobody left to play for: end the batch
            game.run({self.side: _first_open})
        self._restart = game.finished
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
        self._closed[:] = False
        self._forfeit[:] = False
        self._restart = False

    def _observe(self) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
        obs = observe(self.game, self.side)
        # Ended games face nothing already (the engine asks only live games); a
        # forfeited game plays on in the engine, unseen.
        forfeit = np.flatnonzero(self._forfeit)
        if forfeit.size:
            obs["event"][forfeit] = len(self.compiled.events)
            obs["options"][forfeit] = 0
        info = {"action_mask": obs["options"].copy(), "_action_mask": self._all.copy()}
        return obs, info

    def _endings(self, games: np.ndarray) -> np.ndarray:
        """The endings of games whose crisis is over while the batch plays on.

        Ended games are frozen and endings read only the final state (no condition
        names the day), so judging them now gives what the batch's end would.
        """
        s = self.game.state
        frozen = s.select(games)
        frozen.tracks = frozen.final
        return determine_endings(self.compiled, frozen)


def _first_open(event, legal: np.ndarray, state, u: np.ndarray) -> np.ndarray:
    """Plays out a batch nobody is paid for any more."""
    return legal.argmax(axis=0)
