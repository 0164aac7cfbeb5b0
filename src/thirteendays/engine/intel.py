"""Intelligence with error: what one side estimates of the other side's tracks, and what it knows.

A side sees its own tracks (and the world's) exactly.  A track the other side
owns and declares ``intel`` for is seen as an estimate inside a band: the band's
half-width is the declared ``error`` (narrowed by reconnaissance where a
``narrows`` condition holds), and the estimate is the truth plus uniform noise
scaled so that the band contains the truth at the declared ``confidence``.
A track with ``hidden_until`` is not known at all until its condition holds.

The noise for a day is drawn from a side branch of the game's seed keyed by the
day and the viewing side, so looking (any number of times, by any front end)
never consumes or shifts the game's own dice, and a day's estimate is the same
whenever it is asked for.  Everything is vectorised over the batch, so the Gym
observation of 100,000 games costs a few array operations.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .conditions import Mask, compile_condition

if TYPE_CHECKING:
    from .compiled import Compiled
    from .state import State
    from .streams import Streams

INTEL_SALT = 0x1D7E1


@dataclass(frozen=True)
class Bands:
    """One side's picture of the tracks of a batch: (N, K) each."""

    estimate: np.ndarray  # float32: the truth where it is seen exactly; NaN where unknown
    low: np.ndarray
    high: np.ndarray
    exact: np.ndarray  # (K,) bool: seen exactly (own, the world's, or no intel declared)
    known: np.ndarray  # (N, K) bool: False where the track is hidden from this side


@dataclass(frozen=True)
class TrackIntel:
    index: int
    error: float
    scale: float  # noise half-width per unit of band half-width: 1 / confidence
    narrows: tuple[tuple[Mask, float], ...]
    hidden_until: Mask | None


class IntelTables:
    """Per track: who owns it and how well the other side estimates it."""

    def __init__(self, c: Compiled) -> None:
        s = c.scenario
        self.owner = np.array(
            [c.side_ids.index(t.side) if t.side in c.side_ids else -1 for t in s.tracks.values()],
            dtype=np.intp,
        )
        self.intel: list[TrackIntel] = []
        self.secret: dict[int, list[tuple[int, Mask | None]]] = {}
        for k, t in enumerate(s.tracks.values()):
            if t.intel is None:
                continue
            narrows = tuple(
                (m, n.to) for n in t.intel.narrows if (m := compile_condition(n.when, c.names)) is not None
            )
            self.intel.append(
                TrackIntel(
                    k,
                    t.intel.error,
                    1.0 / t.intel.confidence,
                    narrows,
                    compile_condition(t.intel.hidden_until, c.names),
                )
            )

    def estimated(self, side: int) -> list[TrackIntel]:
        """The tracks ``side`` sees only as estimates: the other side's, with intel declared."""
        return [t for t in self.intel if self.owner[t.index] not in (-1, side)]


def tables(c: Compiled) -> IntelTables:
    """The compiled scenario's intel tables, built once and kept on it."""
    found = c.__dict__.get("_intel_tables")
    if found is None:
        found = c.__dict__["_intel_tables"] = IntelTables(c)
    return found


def noise(rng: Streams, day: int, side: int, k: int) -> np.ndarray:
    """Uniform draws in [-1, 1), (N, K), for one day and one viewing side; the game's dice untouched."""
    return rng.child(INTEL_SALT, int(day), int(side)).random(k) * 2.0 - 1.0


def bands(
    c: Compiled,
    state: State,
    rng: Streams,
    day: int,
    side: int | None,
    tracks: np.ndarray | None = None,
    rows: np.ndarray | None = None,
) -> Bands:
    """What ``side`` makes of the tracks (``tracks``, default the state's settled ones) on ``day``.

    ``side`` None is an onlooker, who sees everything exactly.  ``rows``: the state
    holds only these games of the batch ``rng`` draws for, so each keeps its own noise.
    """
    values = state.settled_tracks() if tracks is None else tracks
    n = values.shape[0]
    est = np.array(values, dtype=np.float32)
    low, high = est.copy(), est.copy()
    exact = np.ones(c.K, dtype=bool)
    known = np.ones((n, c.K), dtype=bool)
    if side is None:
        return Bands(est, low, high, exact, known)
    guessed = tables(c).estimated(side)
    if not guessed:
        return Bands(est, low, high, exact, known)
    u = noise(rng, day, side, c.K)
    if rows is not None:
        u = u[rows]
    for t in guessed:
        k = t.index
        exact[k] = False
        width = np.full(n, t.error, dtype=np.float32)
        for when, to in t.narrows:
            width = np.where(when(state), np.minimum(width, to), width)
        guess = np.clip(values[:, k] + u[:, k] * width * t.scale, 0.0, 1.0)
        est[:, k] = guess
        low[:, k] = np.clip(guess - width, 0.0, 1.0)
        high[:, k] = np.clip(guess + width, 0.0, 1.0)
        if t.hidden_until is not None:
            seen = t.hidden_until(state)
            known[:, k] = seen
            est[~seen, k] = np.nan
            low[~seen, k] = 0.0
            high[~seen, k] = 1.0
    return Bands(est, low, high, exact, known)


def secret_flags(c: Compiled, side: int) -> list[tuple[int, Mask | None]]:
    """Flags ``side`` may not see, with what reveals each; compiled once per side."""
    cache = tables(c).secret
    if side not in cache:
        cache[side] = _secret_flags(c, side)
    return cache[side]


def _secret_flags(c: Compiled, side: int) -> list[tuple[int, Mask | None]]:
    """Flags ``side`` may not see, each with the condition that reveals it (None: never in play).

    The other side's declared secrets, and every flag that only the other side's
    secret options set (a secret move's mark must not betray the move).
    """
    s = c.scenario
    fix = {f: i for i, f in enumerate(c.flag_ids)}
    out: dict[int, Mask | None] = {}
    for j, sid in enumerate(c.side_ids):
        if j == side:
            continue
        for secret in s.sides[sid].secrets:
            if secret.flag in fix:
                out[fix[secret.flag]] = compile_condition(secret.revealed_when, c.names)
        public = {f for e in s.events for o in e.options if not (o.secret and e.side == sid) for f in o.set}
        public |= {
            f for x in s.incidents if not x.visible_to or c.side_ids[side] in x.visible_to for f in x.set
        }
        for e in s.events:
            if e.side != sid:
                continue
            for o in e.options:
                if o.secret:
                    for f in o.set:
                        if f not in public and f in fix:
                            out.setdefault(fix[f], None)
    return sorted(out.items())


def visible_flags(c: Compiled, state: State, side: int | None) -> np.ndarray:
    """(N,) uint64: the flags ``side`` may see, per game."""
    flags = state.flags.copy()
    if side is None:
        return flags
    for f, reveal in secret_flags(c, side):
        bit = np.uint64(1 << f)
        hide = np.ones(state.n, dtype=bool) if reveal is None else ~reveal(state)
        flags[hide] &= ~bit
    return flags


def seen_row(c: Compiled, row: State, rng: Streams, day: int, side: int) -> Bands:
    """Turn the one-game ``row`` (a copy of the truth) into the state as ``side`` sees it.

    The other side's estimated tracks read at their estimates (unknown ones at their
    start), its secret flags cleared, its secret moves unmade and its resolve at the
    prior mean. It lives in the engine so the game can word what a side read when it
    chose (the log keeps that) with exactly the view the front ends show.
    """
    b = bands(c, row, rng, day, side)
    row.tracks = np.where(b.known, b.estimate, c.start[None, :]).astype(row.tracks.dtype)
    row.final = row.tracks.copy()
    row.flags = visible_flags(c, row, side)
    means = c.hidden.means()
    for k in range(len(c.side_ids)):
        if k != side:  # the other side's resolve is never known: only its prior mean
            row.resolve[:, k] = means[k]
    for e, event in zip(c.events, c.scenario.events, strict=True):
        if e.side != side:  # the other side's secret moves read as moves not made
            for o, option in enumerate(event.options):
                if option.secret:
                    row.choices[e.index][row.choices[e.index] == o] = -1
    return b
