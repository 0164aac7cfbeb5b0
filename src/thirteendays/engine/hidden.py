"""The hidden part of the truth: each side's resolve, its secret facts, and its public commitments.

Built once per compiled scenario as small tables, so the batch engine pays for
hidden types with one vectorised draw per block when a batch starts, and for
commitments with a few bit operations on the events that make or break one.

Randomness: the draws come from a side branch of each block's seed
(``Streams.child``), never from the game's own streams, so declaring hidden
types does not move a single die of the existing game, and a seed still gives
the same game whatever the chunk size.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..scenario.model_hidden import BetaDraw, ChoiceDraw, Draw, UniformDraw

if TYPE_CHECKING:
    from ..scenario.model import Scenario
    from .state import State
    from .streams import Streams

HIDDEN_SALT = 0x41DDE7
NEUTRAL_RESOLVE = 0.5  # a side that declares no resolve is neither firm nor soft


def draw(spec: Draw, g: np.random.Generator, n: int) -> np.ndarray:
    """``n`` values of one declared distribution from one generator."""
    if isinstance(spec, BetaDraw):
        return g.beta(spec.beta[0], spec.beta[1], size=n)
    if isinstance(spec, UniformDraw):
        lo, hi = spec.uniform
        return lo + (hi - lo) * g.random(n)
    if isinstance(spec, ChoiceDraw):
        return np.asarray(spec.choice, dtype=np.float64)[
            g.choice(len(spec.choice), size=n, p=spec.probabilities())
        ]
    raise TypeError(f"unknown distribution {type(spec).__name__}")  # pragma: no cover


def prior_mean(spec: Draw | None) -> float:
    return NEUTRAL_RESOLVE if spec is None else float(spec.mean)


@dataclass(frozen=True)
class Commitments:
    """Public commitments as bit tables: which option makes or breaks which promise."""

    ids: tuple[tuple[str, str], ...]  # (side id, commitment id) per bit
    side: np.ndarray  # (C,) side index per commitment
    prestige: np.ndarray  # (C,) int16 prestige lost when broken
    pressure: np.ndarray  # (C, K) float32 added to tracks when broken
    commits: dict[int, np.ndarray]  # event index -> (O + 1,) uint64 bits the option makes
    breaks: dict[int, np.ndarray]  # event index -> (O + 1,) uint64 bits the option breaks

    def bit(self, side: str, cid: str) -> int:
        return self.ids.index((side, cid))


class HiddenTables:
    """Everything hidden a compiled scenario declares, as arrays the engine indexes."""

    def __init__(self, s: Scenario, side_ids: list[str], track_ids: list[str], flag_ids: list[str]) -> None:
        self.side_ids = side_ids
        self.resolve: list[Draw | None] = [
            s.sides[sid].hidden.resolve if s.sides[sid].hidden else None for sid in side_ids
        ]
        self.declared = any(r is not None for r in self.resolve)
        fix = {f: i for i, f in enumerate(flag_ids)}
        bits = 0
        for sid in side_ids:
            for secret in s.sides[sid].secrets:
                if secret.start and secret.flag in fix:
                    bits |= 1 << fix[secret.flag]
        self.start_flags = np.uint64(bits)
        self.commitments = _commitments(s, side_ids, track_ids)

    def means(self) -> np.ndarray:
        """Each side's prior mean resolve: what a side expects of the other before any signal."""
        return np.array([prior_mean(r) for r in self.resolve], dtype=np.float32)

    def draw_resolve(self, rng: Streams) -> np.ndarray:
        """Each game's resolve per side, (N, S): drawn once, block by block, on a side branch."""
        out = np.broadcast_to(self.means(), (rng.n, len(self.side_ids))).astype(np.float32)
        if not self.declared:
            return out
        branch = rng.child(HIDDEN_SALT)
        for g, sl in zip(branch.generators, branch.slices, strict=True):
            size = sl.stop - sl.start
            for j, spec in enumerate(
                self.resolve
            ):  # sides in order, so a new side never moves another's draw
                if spec is not None:
                    out[sl, j] = draw(spec, g, size)
        return out


def _commitments(s: Scenario, side_ids: list[str], track_ids: list[str]) -> Commitments:
    ids = [(sid, cid) for sid in side_ids for cid in s.sides[sid].commitments]
    tix = {t: i for i, t in enumerate(track_ids)}
    pressure = np.zeros((len(ids), len(track_ids)), dtype=np.float32)
    prestige = np.zeros(len(ids), dtype=np.int16)
    side = np.zeros(len(ids), dtype=np.intp)
    for b, (sid, cid) in enumerate(ids):
        spec = s.sides[sid].commitments[cid]
        side[b] = side_ids.index(sid)
        prestige[b] = spec.prestige
        for t, v in spec.pressure.items():
            if t in tix:
                pressure[b, tix[t]] = v
    index = {key: b for b, key in enumerate(ids)}
    commits: dict[int, np.ndarray] = {}
    breaks: dict[int, np.ndarray] = {}
    for ei, event in enumerate(s.events):
        made = [_bits(index, event.side, o.commits) for o in event.options]
        broken = [_bits(index, event.side, o.breaks) for o in event.options]
        if any(made):
            commits[ei] = np.array([*made, 0], dtype=np.uint64)
        if any(broken):
            breaks[ei] = np.array([*broken, 0], dtype=np.uint64)
    return Commitments(tuple(ids), side, prestige, pressure, commits, breaks)


def _bits(index: dict[tuple[str, str], int], side: str, names: list[str]) -> int:
    out = 0
    for name in names:
        b = index.get((side, name))
        if b is not None:
            out |= 1 << b
    return out


def apply_commitments(t: Commitments, event: int, choice: np.ndarray, state: State) -> np.ndarray | None:
    """Break, then make, the commitments of the options taken at ``event``; the rows that broke one.

    A broken promise costs its side the declared prestige (kept until the ending)
    and adds the declared pressure at once; it is then no longer standing, so it
    can be made, and broken, again.
    """
    broke = None
    if event in t.breaks:
        hit = np.take(t.breaks[event], choice) & state.commitments
        if hit.any():
            broke = hit != 0
            for b in range(len(t.ids)):
                rows = (hit & np.uint64(1 << b)) != 0
                if rows.any():
                    state.tracks[rows] += t.pressure[b]
                    state.audience[rows, t.side[b]] += t.prestige[b]
            np.clip(state.tracks, 0.0, 1.0, out=state.tracks)
            state.commitments &= ~hit
    if event in t.commits:
        state.commitments |= np.take(t.commits[event], choice)
    return broke
