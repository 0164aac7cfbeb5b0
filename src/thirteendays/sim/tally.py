"""What one chunk of games came to, gathered day by day as the games run.

A summary needs, for every day, the mean of each track and a histogram of it
(for the bands).  Keeping every game's history, (days + 1) x games x tracks,
and binning it at the end cost about 40% of the engine's time and, for a large
scenario, gigabytes.  A ``Tally`` watches the batch instead (it is the game's
``DayObserver``) and uses one fact of the model: a game that has ended keeps
its final tracks for every later day.  So each evening it bins the games still
going, bins each game's final tracks once, on the evening it ended, and at the
end carries those forward with a cumulative sum.  The histogram is the same,
count for count, as binning the full history of the games it samples.

The means are summed over every game.  The bands are read off the histograms of
a fixed, systematic sample: the first ``BAND_SAMPLE`` games of every seed block
(all of a run's games up to that many, then one in eight).  Binning every game
cost about 14% of the engine's time for quantiles that a sample of a thousand
games a block already pins down far more finely than the 0.5% bins; taking the
sample by block keeps it the same for any chunk size and worker count.
"""

from __future__ import annotations

import numpy as np

from ..engine.compiled import DTYPE, Compiled
from ..engine.state import State
from ..engine.streams import BLOCK

BINS = 200  # histogram resolution for per-day bands: 0.005 of a track
# One extra bin per track holds values of exactly 1.0, folded into the top bin at
# the end: that keeps the clamp out of the daily work without changing any count.
_WIDTH = BINS + 1
_SCALE = np.float32(BINS)
# Games are binned and summed a slab at a time, so that each pass's temporaries
# (a few hundred kB) stay in the core's cache between the passes.
_SLAB = 4096
BAND_SAMPLE = BLOCK // 8  # games of each seed block whose tracks are binned for the bands


def band_sample(n: int) -> np.ndarray:
    """The rows of a chunk of ``n`` games that the bands sample: the head of each block."""
    starts = np.arange(0, n, BLOCK)
    rows = (starts[:, None] + np.arange(BAND_SAMPLE)[None, :]).reshape(-1)
    return rows[rows < n]


class Buffers:
    """Working arrays for chunks of up to ``n`` games, made once per worker thread.

    Fresh arrays of this size every chunk (worse, every evening) cost more in page
    faults than the arithmetic done in them, so a worker reuses one set.
    """

    def __init__(self, n: int, K: int, bands: bool) -> None:
        self.n = n
        slab = min(n, _SLAB)
        self.live = np.empty((n, K), dtype=DTYPE)  # gathered rows: the games going on, or just ended
        self.weights = np.empty(n)  # 1 while a game goes on, 0 once retired
        self.retired = np.empty(n, dtype=bool)  # ended, and its final tracks counted
        self.ones = np.ones(slab)
        self.wide = np.empty((slab, K))  # a slab in float64, for sums as exact as before
        if bands:
            m = band_sample(n).size
            self.sampled = np.empty((m, K), dtype=DTYPE)  # the sampled games' tracks, gathered
            # Bin offsets, row by row: track k's bins start at k * WIDTH.  ``offsets``
            # is per game, so that a retired game's row can point at the spare region.
            self.base = np.tile(np.arange(K, dtype=np.int32) * _WIDTH, slab)
            self.offsets = np.empty(m * K, dtype=np.int32)
            self.idx32 = np.empty(slab * K, dtype=np.int32)
            self.idx = np.empty(slab * K, dtype=np.intp)


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
        self.sampled = 0  # games whose tracks the bands are read from
        if not tracks:
            return
        K, days = c.K, c.days
        start = np.asarray(c.start, dtype=DTYPE)
        self.track_sum = np.zeros((days + 1, K))  # day 0: every game at the start
        self.track_sum[0] = start.astype(np.float64) * n
        self._frozen_sum = np.zeros((days + 1, K))  # final tracks of the games that ended each day
        usable = buffers is not None and buffers.n >= n and (not bands or hasattr(buffers, "base"))
        b = buffers if usable else Buffers(n, K, bands)
        self._b = b
        b.weights[:n] = 1.0
        b.retired[:n] = False
        if bands:
            self._rows = band_sample(n)
            m = self.sampled = self._rows.size
            self._offsets = b.offsets[: m * K]
            for lo in range(0, m * K, b.base.size):  # a contiguous copy; a broadcast loops over K
                chunk = self._offsets[lo : lo + b.base.size]
                chunk[:] = b.base[: chunk.size]
            self._hist = np.zeros((days + 1, (K + 1) * _WIDTH), dtype=np.int64)
            self._frozen_hist = np.zeros_like(self._hist)
            self._count(self._hist[0], start[None, :], b.base, m)

    def _count(self, hist: np.ndarray, x: np.ndarray, offsets: np.ndarray, times: int = 1) -> None:
        """Add the (m, K) tracks x, a slab at most, to a flat histogram row (for day 0)."""
        size = x.size
        small, idx = self._b.idx32[:size], self._b.idx[:size]
        np.multiply(x.reshape(-1), _SCALE, out=small, dtype=DTYPE, casting="unsafe")
        small += offsets[:size]
        np.copyto(idx, small)
        np.add.at(hist, idx, times)

    def _sum(self, day_sum: np.ndarray, x: np.ndarray, weights: np.ndarray | None = None) -> None:
        """Add the (m, K) tracks x, slab by slab, into ``day_sum``.

        ``weights`` (m,) is 1 for a game that counts and 0 for one retired; None
        counts them all.  The sum is a float64 matrix-vector product: as exact as
        a float64 sum and several times faster (an axis-0 sum of (N, K) loops
        over only K).
        """
        b, K = self._b, self.c.K
        ones, wide_buf, copyto = b.ones, b.wide, np.copyto
        total = np.zeros(K)
        for lo in range(0, x.shape[0], _SLAB):
            hi = min(lo + _SLAB, x.shape[0])
            wide = wide_buf[: hi - lo]
            copyto(wide, x[lo:hi])
            total += (ones[: hi - lo] if weights is None else weights[lo:hi]) @ wide
        day_sum += total

    def _bin(self, hist: np.ndarray, x: np.ndarray, offsets: np.ndarray | None = None) -> None:
        """Count the (m, K) tracks x into a flat histogram row, slab by slab.

        ``offsets`` (m * K,) points each value at its track's bins, or a retired
        game's at the spare region; None means each track's own bins.  Bins are the
        value times BINS rounded to float32, then floored, as the bands always were;
        float32 to int32 and int32 to intp are each several times faster than
        float32 to intp, and ``np.add.at`` counts intp indices fastest of all.
        """
        b, K = self._b, self.c.K
        small_buf, idx_buf, base = b.idx32, b.idx, b.base
        multiply, copyto, add_at = np.multiply, np.copyto, np.add.at
        flat = x.reshape(-1)
        for lo in range(0, x.shape[0], _SLAB):
            hi = min(lo + _SLAB, x.shape[0])
            size = (hi - lo) * K
            small, idx = small_buf[:size], idx_buf[:size]
            multiply(flat[lo * K : hi * K], _SCALE, out=small, dtype=DTYPE, casting="unsafe")
            small += base[:size] if offsets is None else offsets[lo * K : hi * K]
            copyto(idx, small)
            add_at(hist, idx, 1)

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
        self._sum(self._frozen_sum[day], final)
        if self._offsets is None:
            return
        sampled = rows[rows % BLOCK < BAND_SAMPLE]
        if sampled.size:
            self._bin(self._frozen_hist[day], np.take(state.final, sampled, axis=0))
            at = (sampled // BLOCK) * BAND_SAMPLE + sampled % BLOCK  # their places in the sample
            self._offsets.reshape(self.sampled, -1)[at] = self.c.K * _WIDTH

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
        if 2 * going >= n:  # most still going: sum them all, the retired with weight 0
            self._sum(self.track_sum[day], state.tracks, b.weights[:n])
        else:
            rows = np.flatnonzero(~b.retired[:n])
            self._sum(self.track_sum[day], np.take(state.tracks, rows, axis=0, out=b.live[:going]))
        if self._hist is not None:  # the sample, the retired ones into the spare region
            sample = np.take(state.tracks, self._rows, axis=0, out=b.sampled[: self.sampled])
            self._bin(self._hist[day], sample, self._offsets)

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
            del self._frozen_hist  # a finished chunk waiting to be merged keeps only its results

    # ----- results -----------------------------------------------------------------------
    def hist(self) -> np.ndarray | None:
        """Per-day histograms, (days + 1, K, BINS), with values of 1.0 in the top bin."""
        if self._hist is None:
            return None
        h = self._hist[:, : self.c.K * _WIDTH].reshape(self.c.days + 1, self.c.K, _WIDTH)
        out = h[:, :, :BINS].copy()
        out[:, :, BINS - 1] += h[:, :, BINS]
        return out
