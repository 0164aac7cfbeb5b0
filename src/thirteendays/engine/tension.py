"""The tension model: daily dynamics, the accident hazard, limits and incidents.

Each day every track moves by Richardson-style terms — coupling to the other
tracks (x' = C x), relaxation towards its starting value, a constant drift —
plus seeded noise, and is clipped to [0, 1].  The day's chance that an accident
becomes war is a logistic function of the tracks (Schelling's "threat that
leaves something to chance", Balance of Power's accidental-war roll), and a
track at its ``war_at`` limit is war outright, as in the 13 Days board game.

Every function works on whole batches; ended games are frozen by masks.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .compiled import DTYPE, Compiled
from .state import State
from .streams import Streams


@dataclass
class DynamicsParts:
    """What moved each track in one day's dynamics, for a batch (N, K) each."""

    coupling: np.ndarray
    decay: np.ndarray
    drift: np.ndarray
    noise: np.ndarray
    clipped: np.ndarray


def hazard(c: Compiled, tracks: np.ndarray) -> np.ndarray:
    """Daily probability (N,) that an accident turns into war."""
    logit = c.hazard_bias + tracks @ c.hazard_w
    return (1.0 / (1.0 + np.exp(-logit))).astype(DTYPE)


def daily_dynamics(c: Compiled, s: State, rng: Streams, explain: bool = False) -> DynamicsParts | None:
    """Move every live game's tracks by one day of coupling, decay, drift and noise."""
    x = s.tracks
    eps = rng.normal(c.K)
    coupling = x @ c.coupling.T
    decay = c.decay * (c.start - x)
    noise = eps * c.noise
    raw = x + coupling + decay + c.drift + noise
    new = np.clip(raw, 0.0, 1.0)
    alive = s.alive
    if alive.all():
        s.tracks = new.astype(DTYPE, copy=False)
    else:
        s.tracks = np.where(alive[:, None], new, x).astype(DTYPE, copy=False)
    if not explain:
        return None
    drift = np.broadcast_to(c.drift, x.shape).copy()
    return DynamicsParts(coupling, decay, drift, noise, new - raw)


def roll_hazard(c: Compiled, s: State, rng: Streams) -> np.ndarray:
    """Roll the day's accident for every game; returns the probabilities used."""
    p = hazard(c, s.tracks)
    u = rng.random()
    s.war |= s.alive & (u < p)
    return p


def check_limits(c: Compiled, s: State) -> np.ndarray:
    """War wherever a track stands at its limit; returns the games newly at war."""
    if not c.has_war_at:
        return np.zeros(s.n, dtype=bool)
    hit = s.alive & ~s.war & (s.tracks >= c.war_at).any(axis=1)
    s.war |= hit
    return hit


def roll_incidents(c: Compiled, s: State, rng: Streams, day: int) -> list[tuple[int, np.ndarray, np.ndarray]]:
    """Roll each incident possible today; returns (incident, happened mask, deltas) per incident."""
    out = []
    for index in c.incidents_on_day.get(day, []):
        inc = c.incidents[index]
        u = rng.random(2) if inc.risk > 0 else rng.random(1)
        eligible = s.alive & ~s.war
        if inc.once:
            eligible &= ~s.incidents[:, index]
        if inc.when is not None:
            eligible &= inc.when(s)
        chance = np.clip(inc.base + s.tracks @ inc.per, 0.0, 1.0)
        happened = eligible & (u[:, 0] < chance)
        before = s.tracks
        s.tracks = np.clip(s.tracks + happened[:, None] * inc.effects, 0.0, 1.0).astype(DTYPE, copy=False)
        if inc.sets.any():
            s.flags |= happened[:, None] & inc.sets
        if inc.clears.any():
            s.flags &= ~(happened[:, None] & inc.clears)
        s.incidents[:, index] |= happened
        if inc.risk > 0:
            s.war |= happened & (u[:, 1] < inc.risk)
        out.append((index, happened, s.tracks - before))
    return out
