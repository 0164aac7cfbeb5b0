"""Scripted minds: vectorised choosers over a whole batch, and the registry of all minds.

A policy gets the event, the legal options as a mask (O, N), the state and one
uniform draw per game, and returns an option index per game.  The engine draws
the uniforms, so every policy consumes randomness identically and a seed gives
the same game whichever policies play.  Policies are picked by name from a
fixed registry; a scenario can never name code.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..engine.compiled import CompiledEvent
from ..engine.state import State

Policy = Callable[[CompiledEvent, np.ndarray, State, np.ndarray], np.ndarray]
# Log-weight between conceding and holding (and holding and escalating) per unit of
# resolve above the side's prior mean: a Presidium at resolve 0.9 where 0.5 is expected
# is e^1.2 = 3.3 times less likely to concede than an average one.
RESOLVE_TILT = 3.0


def sample(weights: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Pick a row per column with probability proportional to ``weights`` (O, N).

    Options run down the first axis so each running sum and comparison works
    on a contiguous row of N games: reductions over a short last axis are
    numpy's slow path.
    """
    target = u * weights.sum(axis=0)
    running = np.zeros(weights.shape[1], dtype=weights.dtype)
    index = np.zeros(weights.shape[1], dtype=np.int8)  # at most 9 options; small ints move fast
    for row in weights[:-1]:
        running += row
        index += running <= target
    return index


def random_policy(event: CompiledEvent, legal: np.ndarray, state: State, u: np.ndarray) -> np.ndarray:
    return sample(legal.astype(np.float32), u)


def ai_policy(event: CompiledEvent, legal: np.ndarray, state: State, u: np.ndarray) -> np.ndarray:
    """Scenario weights, tilted by the tracks: w * exp(per . tracks), over legal options."""
    # Weights are never exactly zero (a weight of 0 is stored as 1e-30), so a game with
    # any legal option always has something to sample; tracks lie in [0, 1], so the
    # logits are bounded by the scenario's own numbers and exp cannot overflow.
    if event.has_ai_per:
        logits = event.ai_per @ state.tracks.T  # (O, N)
        logits += (event.ai_logw - event.ai_logw.max())[:, None]
        weights = np.exp(logits, out=logits)
    else:
        weights = np.repeat(np.exp(event.ai_logw - event.ai_logw.max())[:, None], state.n, axis=1)
    if event.firmness is not None:  # the side's own hidden resolve: firmer sides yield less
        # e^{f * shift} with f in {-1, 0, +1}: one exp per game, then whole contiguous rows.
        firm = np.exp(RESOLVE_TILT * (state.resolve[:, event.side] - event.resolve_centre))
        for j, f in enumerate(event.firmness):
            if f > 0:
                weights[j] *= firm
            elif f < 0:
                weights[j] /= firm
    weights *= legal
    return sample(weights, u)


def _extreme(event: CompiledEvent, legal: np.ndarray, sign: float) -> np.ndarray:
    score = np.where(legal, sign * event.escalation[:, None], -np.inf)
    return score.argmax(axis=0)


def hawk_policy(event: CompiledEvent, legal: np.ndarray, state: State, u: np.ndarray) -> np.ndarray:
    """The most escalatory legal option."""
    return _extreme(event, legal, 1.0)


def dove_policy(event: CompiledEvent, legal: np.ndarray, state: State, u: np.ndarray) -> np.ndarray:
    """The most conciliatory legal option."""
    return _extreme(event, legal, -1.0)


def historical_policy(event: CompiledEvent, legal: np.ndarray, state: State, u: np.ndarray) -> np.ndarray:
    """The option history took; where it is not offered, the computer's likeliest."""
    h = event.historical
    fallback = np.where(legal, event.ai_logw[:, None], -np.inf).argmax(axis=0)
    if h < 0:
        return fallback
    return np.where(legal[h], h, fallback)


def _searching(level: str) -> Policy:
    """A registry entry for a searching difficulty level, imported on first use.

    The search needs the whole game (it forks the batch engine), so the engine
    calls its ``decide(game, pending)`` rather than the plain policy signature;
    the plain signature is kept for tools that only list or validate names.
    """

    class Lazy:
        __name__ = level

        def decide(self, game, pending):
            from .search import LEVELS

            return LEVELS[level].decide(game, pending)

        def __call__(self, event, legal, state, u):
            raise RuntimeError(f"the '{level}' opponent looks ahead and must be called with decide()")

    return Lazy()


# The scripted policies: plain functions of the state, cheap enough to pair exhaustively.
POLICIES: dict[str, Policy] = {
    "historical": historical_policy,
    "hawk": hawk_policy,
    "dove": dove_policy,
    "random": random_policy,
    "ai": ai_policy,
}
# Every mind a side can be given by name: the scripts and the searching levels.
MINDS: dict[str, Policy] = {
    **POLICIES,
    "cautious": _searching("cautious"),
    "reckless": _searching("reckless"),
    "master": _searching("master"),
}

# The difficulty levels a player picks from, in menu order, and the mind behind each.
DIFFICULTIES: dict[str, str] = {
    "history": "historical",
    "cautious": "cautious",
    "reckless": "reckless",
    "master": "master",
}
DIFFICULTY_LABELS: dict[str, str] = {
    "history": "As history",
    "cautious": "Cautious",
    "reckless": "Reckless",
    "master": "Master",
}


def get_policy(name: str | Policy) -> Policy:
    """A policy by registry name; tools may also pass a policy function of their own."""
    if callable(name):
        return name
    try:
        return MINDS[name]
    except KeyError:
        raise ValueError(f"unknown policy '{name}' (choose from {', '.join(MINDS)})") from None
