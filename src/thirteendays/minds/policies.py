"""Scripted minds: vectorised choosers over a whole batch, and the registry of all minds.

A policy gets the event, the legal options as a mask (O, N), the state and one
uniform draw per game, and returns an option index per game.  The engine draws
the uniforms, so every policy consumes randomness identically and a seed gives
the same game whichever policies play.  Policies are picked by name from a
fixed registry; a scenario can never name code.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import numpy as np

from ..engine.compiled import CompiledEvent
from ..engine.prudence import RESOLVE_TILT
from ..engine.state import State

Policy = Callable[[CompiledEvent, np.ndarray, State, np.ndarray], np.ndarray]


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


_SCRATCH = threading.local()
_SCRATCH_SIZES = 4  # batch sizes kept per thread: a game, its what-ifs, a chunk


def _scratch(rows: int, n: int) -> np.ndarray:
    """A (rows, n) float32 work array, reused by this thread's decisions.

    A fresh array of a few megabytes is paged in anew at every decision, which costs
    about as much as the arithmetic on it.  Each thread keeps its own (chunks run on
    threads), per batch size, so no two decisions ever share one at the same time; the
    policy's answer is a new array, so nothing of the scratch escapes.
    """
    kept: dict[int, np.ndarray] | None = getattr(_SCRATCH, "arrays", None)
    if kept is None:
        kept = _SCRATCH.arrays = {}
    buf = kept.get(n)
    if buf is None or buf.shape[0] < rows:
        if buf is None and len(kept) >= _SCRATCH_SIZES:
            kept.pop(next(iter(kept)))
        buf = kept[n] = np.empty((max(rows, 0 if buf is None else buf.shape[0]), n), dtype=np.float32)
    return buf[:rows]


def author_weights(event: CompiledEvent) -> np.ndarray:
    """The author's log-weights, with the standing aversion to risk where compiled."""
    return event.ai_prior if event.ai_prior is not None else event.ai_logw - event.ai_logw.max()


def ai_policy(event: CompiledEvent, legal: np.ndarray, state: State, u: np.ndarray) -> np.ndarray:
    """Scenario weights, tilted by the tracks and by what the side fears, over legal options.

    The log-weight of option j in game n is the author's ``ai`` weight and ``per``
    tilt, ``w_j + per_j . x_n``, plus what the side fears (engine/prudence.py): near
    its own politics' lines it shuns options that push it over them, near a war
    limit or a high accident hazard it shuns escalation and risk and leans to
    concessions, smoothly (logistic in the distance to each line); plus, where the
    side has a hidden resolve, a tilt towards firmness.  Still one uniform per game.
    """
    # Tracks lie in [0, 1] and the fear terms are bounded below and never positive
    # (prudence.MAX_FEAR), so the logits stay within the scenario's own numbers and exp
    # cannot overflow; a game whose every legal weight underflows is caught below.
    fear = event.prudence
    firm = event.firmness is not None
    if fear is not None:
        # One product reads the (strided) tracks once for the author's tilts and the lines'
        # distances; a second adds the lines' fear, the prior (against a row of ones) and the
        # firmness tilt (against the resolve shift), each without a pass of its own.
        o, rows = event.n_options, fear.mix.shape[0]
        feats = rows + 1 + firm
        buf = _scratch(feats + o, state.n)
        np.matmul(fear.mix, state.tracks.T, out=buf[:rows])
        logits, z, fears = buf[:o], buf[o:rows], buf[feats:]
        z += fear.offset
        np.tanh(z, out=z)
        buf[rows] = 1.0
        if firm:
            np.subtract(state.resolve[:, event.side], event.resolve_centre, out=buf[rows + 1])
        np.matmul(fear.guard_firm if firm else fear.guard_prior, buf[o:feats], out=fears)
        logits += fears
        return _sample_legal(np.exp(logits, out=logits), legal, u)
    if event.has_ai_per:
        logits = event.ai_per @ state.tracks.T  # (O, N)
        logits += author_weights(event)[:, None]
        weights = np.exp(logits, out=logits)
    else:
        weights = np.repeat(np.exp(author_weights(event))[:, None], state.n, axis=1)
    if firm:  # the side's own hidden resolve: firmer sides yield less
        # e^{f * shift} with f in {-1, 0, +1}: one exp per game, then whole contiguous rows.
        shift = np.exp(RESOLVE_TILT * (state.resolve[:, event.side] - event.resolve_centre))
        for j, f in enumerate(event.firmness):
            if f > 0:
                weights[j] *= shift
            elif f < 0:
                weights[j] /= shift
    return _sample_legal(weights, legal, u)


def _sample_legal(weights: np.ndarray, legal: np.ndarray, u: np.ndarray) -> np.ndarray:
    """``sample`` over the legal options, consuming ``weights`` (the policy's scratch).

    The running sums are taken in place, so the last row is each game's total and no
    pass is spent on a separate sum; the additions happen in the same order as in
    ``sample``, so the picks are the same to the bit.  A game whose every legal weight
    underflowed takes its legal options evenly.
    """
    if not legal.all():  # most decisions leave every option open: skip a pass over (O, N)
        weights *= legal
    for j in range(1, weights.shape[0]):  # row by row: numpy's axis-0 cumsum is far slower
        weights[j] += weights[j - 1]
    total = weights[-1]
    if not total.all():  # games with nothing legal (not deciding) are harmless; others are not
        lost = (total == 0) & legal.any(axis=0)
        if lost.any():
            weights[:, lost] = np.cumsum(legal[:, lost], axis=0)
    target = u * total
    index = np.zeros(weights.shape[1], dtype=np.int8)
    for row in weights[:-1]:
        index += row <= target
    return index


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
