"""What one chunk of games came to, gathered day by day as the games run.

A summary needs, for every day, the mean of each track and a histogram of it
(for the bands).  Keeping every game's history, (days + 1) x games x tracks,
and binning it at the end cost about 40% of the engine's time and, for a large
scenario, gigabytes.  A ``Tally`` watches the batch instead (it is the game's
``DayObserver``) and uses one fact of the model: a game that has ended keeps
its final tracks for every later day.  So each evening it bins the games still
going, bins each game's final tracks once, on the evening it ended, and at the
end carries those forward with a cumulative sum.  The histogram is the same,
count for count, as binning the full history.
"""

from __future__ import annotations

import numpy as np

from ..engine.compiled import DTYPE, Compiled
from ..engine.state import State

BINS = 200  # histogram resolution for per-day bands: 0.005 of a track
# One extra bin per track holds values of exactly 1.0, folded into the top bin at
# the end: that keeps the clamp out of the daily work without changing any count.
_WIDTH = BINS + 1
_SCALE = np.float32(BINS)


class Buffers:
    """Working arrays for chunks of up to ``n`` games, made once per worker thread.

    Fresh arrays of this size every chunk (and worse, every evening) cost more in
    page faults than the arithmetic done in them, so a worker reuses one set.
    """

    def __init__(self, n: int, K: int, bands: bool) -> None:
        self.n = n
        self.live = np.empty((n, K), dtype=DTYPE)  # gathered rows: games going on, or ended
        self.wide = np.empty((n, K))  # the same in float64, for sums as exact as before
        self.weights = np.empty(n)  # 1 while a game goes on, 0 once retired
        self.ones = np.ones(n)
        self.retired = np.empty(n, dtype=bool)  # ended, and its final tracks counted
        if bands:
            # Bin offsets, row by row: track k's bins start at k * WIDTH.
            self.base = np.tile(np.arange(K, dtype=np.int32) * _WIDTH, n)
            self.offsets = np.empty_like(self.base)
            self.idx32 = np.empty(n * K, dtype=np.int32)
            self.idx = np.empty(n * K, dtype=np.intp)


class Tally:
    """Ending counts, war, and per-day track sums and histograms of one chunk of games.

    The daily work is a few flat, contiguous numpy passes into reused buffers:
    numpy's (N, K) broadcasts and axis-0 reductions run an inner loop of only K
    elements, several times slower than the same work on a flat array.  While
    most games go on, the ended ones are binned too, into a spare region that is
    dropped (cheaper than gathering the rest); once most have ended, the rest are
    gathered.
    """

    def __init__(
        self, c: Compiled, n: int, *, tracks: bool, bands: bool, hits: bool, buffers: Buffers | None = None
    ) -> None:
        self.c = c
        self.n = n
        self.hits = hits
        self.counts = np.zeros(len(c.ending_ids), dtype=np.int64)
        self.war = 0
        self.option_counts: list[np.ndarray] = []
        self.track_sum: np.ndarray | None = None
        self._hist: np.ndarray | None = None
        self._offsets: np.ndarray | None = None
        if not tracks:
            return
        K, days = c.K, c.days
        start = np.asarray(c.start, dtype=DTYPE)
        self.track_sum = np.zeros((days + 1, K))  # day 0: every game at the start
        self.track_sum[0] = start.astype(np.float64) * n
        self._frozen_sum = np.zeros((days + 1, K))  # final tracks of the games that ended each day
        b = buffers if buffers is not None and buffers.n >= n else Buffers(n, K, bands)
        self._b = b
        b.weights[:n] = 1.0
        b.retired[:n] = False
        if bands:
            # A retired game's row points into the spare region after the last track.
            self._offsets = b.offsets[: n * K]
            np.copyto(self._offsets, b.base[: n * K])
            self._hist = np.zeros((days + 1, (K + 1) * _WIDTH), dtype=np.int64)
            self._frozen_hist = np.zeros_like(self._hist)
            np.add.at(self._hist[0], self._bin(start[None, :], b.base), n)

    def _bin(self, x: np.ndarray, offsets: np.ndarray) -> np.ndarray:
        """Flat bin index of each value of the (m, K) tracks, row by row: (m * K,).

        The product is rounded to float32 before it is floored, as the bands always were.
        """
        size = x.size
        # float32 to int32 and int32 to intp are each several times faster than
        # float32 to intp, and ``np.add.at`` counts intp indices fastest of all.
        small, idx = self._b.idx32[:size], self._b.idx[:size]
        np.multiply(x.reshape(-1), _SCALE, out=small, dtype=DTYPE, casting="unsafe")
        small += offsets[:size]
        np.copyto(idx, small)
        return idx

    def _retire(self, day: int, state: State) -> None:
        """Count once, on the day it ended, the final tracks of each game that ended since.

        From then on the game is skipped in the evenings; ``ending`` carries its
        final tracks forward to the days it never reached.
        """
        b, n = self._b, self.n
        rows = np.flatnonzero(state.over & ~b.retired[:n])
        if not rows.size:
            return
        b.retired[rows] = True
        b.weights[rows] = 0.0
        final = np.take(state.final, rows, axis=0, out=b.live[: rows.size])
        self._frozen_sum[day] += self._sum(b.ones[: rows.size], final)
        if self._hist is not None:
            np.add.at(self._frozen_hist[day], self._bin(final, b.base), 1)
            self._offsets.reshape(n, -1)[rows] = self.c.K * _WIDTH

    def _sum(self, weights: np.ndarray, x: np.ndarray) -> np.ndarray:
        """Weighted column sums of (m, K) float32 tracks, as a float64 matrix-vector product.

        As exact as the float64 sum it replaces, and several times faster: an
        axis-0 sum of an (N, K) array runs an inner loop of only K elements.
        """
        wide = self._b.wide[: x.shape[0]]
        np.copyto(wide, x)
        return weights @ wide

    # ----- DayObserver -------------------------------------------------------------------
    def day_end(self, day: int, state: State) -> None:
        """Add the games still going tonight; an ended game is added once, by ``_retire``."""
        if self.track_sum is None:
            return
        b, n = self._b, self.n
        self._retire(day, state)
        going = n - int(np.count_nonzero(b.retired[:n]))
        if going == 0:
            return
        if 2 * going >= n:  # most still going: bin them all, the retired into the spare region
            x, weights, offsets = state.tracks, b.weights[:n], self._offsets
        else:
            rows = np.flatnonzero(~b.retired[:n])
            x = np.take(state.tracks, rows, axis=0, out=b.live[:going])
            weights, offsets = b.ones[:going], b.base
        self.track_sum[day] += self._sum(weights, x)
        if self._hist is not None:
            np.add.at(self._hist[day], self._bin(x, offsets), 1)

    def ending(self, day: int, state: State, endings: np.ndarray) -> None:
        """Count the endings, and carry each game's final tracks from its last day onwards."""
        c = self.c
        self.counts += np.bincount(endings[endings >= 0], minlength=len(c.ending_ids))
        self.war += int(np.count_nonzero(state.war))
        if self.hits:
            for e in c.events:
                chosen = state.choices[e.index]
                self.option_counts.append(np.bincount(chosen[chosen >= 0], minlength=e.n_options))
        if self.track_sum is None:
            return
        self._retire(day, state)
        self.track_sum += np.cumsum(self._frozen_sum, axis=0)
        if self._hist is not None:
            self._hist += np.cumsum(self._frozen_hist, axis=0)

    # ----- results -----------------------------------------------------------------------
    def hist(self) -> np.ndarray | None:
        """Per-day histograms, (days + 1, K, BINS), with values of 1.0 in the top bin."""
        if self._hist is None:
            return None
        h = self._hist[:, : self.c.K * _WIDTH].reshape(self.c.days + 1, self.c.K, _WIDTH)
        out = h[:, :, :BINS].copy()
        out[:, :, BINS - 1] += h[:, :, BINS]
        return out
