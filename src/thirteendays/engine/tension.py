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


def hazard(c: Compiled, tracks: np.ndarray, state: State | None = None) -> np.ndarray:
    """Daily probability (N,) that an accident turns into war.

    With ``hazard.defcon`` and a state, the log-odds for the day's DEFCON (the lowest
    of the sides) are added: a posture, not only a track, can make accidents deadlier.
    With ``hazard.until`` and a state, games where it holds have no hazard at all.
    """
    logit = c.hazard_bias + tracks @ c.hazard_w
    if state is not None and c.has_hazard_defcon:
        logit = logit + c.hazard_defcon[c.defcon_level(state)]
    p = (1.0 / (1.0 + np.exp(-logit))).astype(DTYPE)
    if state is not None and c.hazard_until is not None:
        p[c.hazard_until(state)] = 0.0  # settled: the day's accidents no longer start a war
    return p


def daily_dynamics(c: Compiled, s: State, rng: Streams, explain: bool = False) -> DynamicsParts | None:
    """Move every live game's tracks by one day of coupling, decay, drift and noise."""
    x = s.tracks
    new = x @ c.step.T
    if c.has_noise:
        # Uniform shocks with each track's standard deviation: bounded, near normal once
        # summed over days, and (on a 1/65536 grid) a tenth of the cost of normal draws.
        # U(0,1) * scale + (offset - scale/2) is the affine offset plus U(-.5,.5) * scale.
        eps = rng.coarse(c.K)
        eps *= c.noise_scale
        new += eps
        new += c.noisy_offset
    else:
        new += c.offset
    raw = new.copy() if explain else None
    np.clip(new, 0.0, 1.0, out=new)
    s.tracks = new  # ended games drift too; State.final keeps where they stopped
    if not explain:
        return None
    noise = (eps - 0.5 * c.noise_scale) if c.has_noise else np.zeros_like(x)
    return DynamicsParts(
        x @ c.coupling.T, c.decay * (c.start - x), np.broadcast_to(c.drift, x.shape).copy(), noise, new - raw
    )


def roll_hazard(c: Compiled, s: State, rng: Streams) -> np.ndarray:
    """Roll the day's accident for every game; returns the probabilities used."""
    p = hazard(c, s.tracks, s)
    u = rng.random()
    s.war |= s.alive & (u < p)
    return p


def check_limits(c: Compiled, s: State) -> np.ndarray:
    """War where a track is at its limit or DEFCON at ``defcon.war_at``; returns the games newly at war."""
    hit = np.zeros(s.n, dtype=bool)
    for k in c.war_tracks:
        hit |= s.tracks[:, k] >= c.war_at[k]
    if c.defcon_war_at:
        hit |= c.defcon_level(s) <= c.defcon_war_at
    hit &= ~s.over & ~s.war
    s.war |= hit
    return hit


def roll_incidents(
    c: Compiled, s: State, rng: Streams, day: int
) -> list[tuple[int, np.ndarray, np.ndarray, np.ndarray]]:
    """Roll each incident possible today.

    Returns (incident, games hit, their deltas, which of them it took to war) per
    incident: all are rolled before a caller reads any, so the war flag alone could not
    say which of a day's incidents began one.
    """
    out = []
    for index in c.incidents_on_day.get(day, []):
        inc = c.incidents[index]
        u = rng.random(2) if inc.risk > 0 else rng.random(1)
        eligible = s.alive & ~s.war
        if inc.once:
            eligible &= ~s.incidents[index]
        if inc.when is not None:
            eligible &= inc.when(s)
        if not eligible.any():  # the draw above still happened: streams stay aligned
            none = np.empty(0, dtype=np.intp)
            out.append((index, none, np.zeros((0, c.K), dtype=DTYPE), np.zeros(0, dtype=bool)))
            continue
        # A day's weight scales the whole chance before clipping, so a weight of 20 on
        # a base of 0.05 makes the day certain, and tension still moves the other days.
        weight = inc.weights.get(day, 1.0)
        raw = inc.base + s.tracks @ inc.per if inc.per.any() else inc.base
        chance = np.clip(weight * raw, 0.0, 1.0) if weight != 1.0 or inc.per.any() else inc.base
        happened = eligible & (u[:, 0] < chance)
        rows = np.flatnonzero(happened)  # incidents are rare: touch only the games they hit
        deltas = np.zeros((rows.size, c.K), dtype=DTYPE)
        if rows.size:
            before = s.tracks[rows]
            s.tracks[rows] = np.clip(before + inc.effects, 0.0, 1.0)
            deltas = s.tracks[rows] - before
        if inc.sets:
            s.flags |= np.where(happened, inc.sets, np.uint64(0))
        if inc.clears:
            s.flags &= ~np.where(happened, inc.clears, np.uint64(0))
        if rows.size and inc.defcon.any():
            set_defcon(s, rows, inc.defcon)
        s.incidents[index] |= happened
        started = np.zeros(rows.size, dtype=bool)
        if inc.risk > 0:
            war = happened & (u[:, 1] < inc.risk)
            s.war |= war
            started = war[rows]
        out.append((index, rows, deltas, started))
    return out


def set_defcon(s: State, rows: np.ndarray, levels: np.ndarray) -> None:
    """Set DEFCON in the given games: each column with a level (non-zero) takes it."""
    cols = np.flatnonzero(levels)
    s.defcon[np.ix_(rows, cols)] = levels[cols]
