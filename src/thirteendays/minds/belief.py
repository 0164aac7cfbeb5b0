"""What a side believes of the other: its resolve, its hidden tracks and its secrets.

A searching mind (and the advisers, who share its rollouts) must not read the
truth it could not know.  ``believe`` copies the rows to be played out and
replaces every hidden part with a sample from the deciding side's belief:

* the other side's **resolve** is drawn from the scenario's prior, updated by
  the signals the side has seen: each public (non-secret) choice of the other
  side is evidence through the same tilt the computer's own play uses
  (``minds/policies.RESOLVE_TILT``: firm sides concede less), and each public
  commitment it has made and kept counts as one firm move more;
* the other side's **estimated tracks** are drawn around this side's
  estimate, inside its intelligence band (a track not known yet from its whole range);
* the other side's **unrevealed secret flags** are set by a coin toss: the side
  knows such a fact may exist, not whether it does.

Everything is drawn from the caller's seeds (one per game row), never from the
game's streams, so believing changes no die of the game itself.
"""

from __future__ import annotations

import numpy as np

from ..engine.compiled import Compiled, CompiledEvent
from ..engine.game import Game
from ..engine.hidden import draw
from ..engine.intel import bands, secret_flags, tables
from ..engine.state import State
from ..engine.streams import Streams
from .policies import RESOLVE_TILT

CANDIDATES = 256  # prior draws per game, reweighted by the evidence
# How far around its estimate a side samples the other side's tracks, as a share of
# the band's half-width: enough spread that the searching mind weighs its error, not
# so much that the band's edges (where the hazard is steepest) dominate its rollouts.
SPREAD = 0.5
_SALT = 0xBE11EF


def secret_options(c: Compiled, ev: CompiledEvent) -> np.ndarray:
    """(O + 1,) bool: which of the event's options were taken in secret, and the padded
    "did not fire" entry, which is no evidence either."""
    return np.array([o.secret for o in c.scenario.events[ev.index].options] + [True])


def _log_likelihood(game: Game, rows: np.ndarray, other: int, grid: np.ndarray) -> np.ndarray:
    """log P(the other side's public choices | its resolve = grid), (G, M).

    Each choice is modelled as the computer's own tilted choice among the event's
    options with its base weights: P(o) = w_o e^{f_o t} / sum_j w_j e^{f_j t}, where
    t = RESOLVE_TILT * (resolve - prior mean).  Secret options are no evidence (they
    were never seen); commitments made and not broken add one firm move each.
    """
    c = game.compiled
    centre = float(c.hidden.means()[other])
    t = RESOLVE_TILT * (grid - centre)  # (G, M)
    out = np.zeros_like(grid)
    state = game.state
    for ev in c.events:
        if ev.side != other or ev.firmness is None:
            continue
        chosen = state.choices[ev.index, rows]  # (G,)
        taken = chosen >= 0
        if not taken.any():
            continue
        seen = taken & ~secret_options(c, ev)[np.where(taken, chosen, ev.n_options)]
        if not seen.any():
            continue
        logw = ev.ai_logw.astype(np.float64)
        f = ev.firmness.astype(np.float64)
        # log-sum-exp over options for every candidate resolve: (G, M)
        terms = logw[None, None, :] + f[None, None, :] * t[:, :, None]
        norm = np.logaddexp.reduce(terms, axis=2)
        pick = np.where(seen, chosen, 0)
        ll = logw[pick][:, None] + f[pick][:, None] * t - norm
        out += np.where(seen[:, None], ll, 0.0)
    promises = c.hidden.commitments
    if promises.ids:
        mine = promises.side == other
        bits = state.commitments[rows]
        standing = np.zeros(rows.size)
        for b in np.flatnonzero(mine):
            standing += (bits >> np.uint64(b)) & np.uint64(1)
        out += standing[:, None] * t  # a kept public promise: one firm signal more
    return out


def believe_state(game: Game, rows: np.ndarray, copies: int, side: int, seeds: list) -> State:
    """``copies`` samples per game in ``rows`` of the world as ``side`` believes it to be."""
    c = game.compiled
    out = game.state.select(rows, copies)
    other = 1 - side
    gens = Streams(
        [np.random.SeedSequence(s.entropy, spawn_key=(*s.spawn_key, _SALT)) for s in seeds], [1] * len(seeds)
    ).generators
    # The other side's resolve: prior candidates, weighted by the signals seen.
    spec = c.hidden.resolve[other]
    if spec is not None:
        grid = np.stack([draw(spec, g, CANDIDATES) for g in gens])  # (G, M)
        ll = _log_likelihood(game, rows, other, grid)
        w = np.exp(ll - ll.max(axis=1, keepdims=True))
        w /= w.sum(axis=1, keepdims=True)
        picks = np.stack([g.choice(CANDIDATES, size=copies, p=p) for g, p in zip(gens, w, strict=True)])
        out.resolve[:, other] = np.take_along_axis(grid, picks, axis=1).reshape(-1)
    else:
        out.resolve[:, other] = c.hidden.means()[other]
    # The other side's tracks: around this side's estimate, within SPREAD of its band
    # (a track not known yet: anywhere in its whole range).
    guessed = tables(c).estimated(side)
    if guessed:
        view = game.state.select(rows)
        b = bands(c, view, game.rng, max(1, game.day), side, rows=rows)
        u = np.concatenate([g.random((copies, c.K)) for g in gens])  # (G * copies, K)
        low, high = np.repeat(b.low, copies, axis=0), np.repeat(b.high, copies, axis=0)
        known = np.repeat(b.known, copies, axis=0)
        centre = np.repeat(np.where(b.known, b.estimate, c.start[None, :]), copies, axis=0)
        for t in guessed:
            k = t.index
            near = centre[:, k] + SPREAD * (2.0 * u[:, k] - 1.0) * (high[:, k] - low[:, k]) / 2.0
            anywhere = low[:, k] + (high[:, k] - low[:, k]) * u[:, k]
            out.tracks[:, k] = np.clip(np.where(known[:, k], near, anywhere), 0.0, 1.0)
        out.final[:] = out.tracks
    # The other side's unrevealed secrets: it may or may not have them.
    for f, reveal in secret_flags(c, side):
        bit = np.uint64(1 << f)
        hidden = np.ones(out.n, dtype=bool) if reveal is None else ~reveal(out)
        coin = np.concatenate([g.random(copies) for g in gens]) < 0.5
        out.flags[hidden & coin] |= bit
        out.flags[hidden & ~coin] &= ~bit
    return out
