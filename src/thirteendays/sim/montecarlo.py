"""Monte Carlo runs: many games in chunks, with summaries that merge exactly.

Games are seeded by fixed-size blocks (see ``engine.streams``), and a chunk is
a run of whole blocks, so a seed and a run count give the same numbers for any
chunk size and any number of workers.  Summaries are sums and histograms,
gathered day by day while a chunk plays (``sim.tally``) and added across
chunks, so memory is set by the chunk size, never by the run count, and the
chunk size is set from the scenario's dimensions so that any scenario within
the schema's limits simulates in well under 1 GB.
"""

from __future__ import annotations

import math
import os
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
from threadpoolctl import threadpool_limits

from ..engine.compiled import Compiled
from ..engine.game import Game
from ..engine.streams import BLOCK, Streams, block_count
from ..scenario.model import Scenario
from .tally import BINS, Buffers, Tally

__all__ = ["BINS", "MAX_RUNS", "Summary", "chunk_plan", "simulate", "wilson"]

MAX_RUNS = 10**10  # about three hours at engine speed on two cores; counts stay exact in int64
MEMORY_BUDGET = 512 * 2**20  # bytes for all chunks in flight; the interpreter and scenario sit beside it
DEFAULT_CHUNK = 8 * BLOCK  # larger chunks gain nothing measurable on the shipped scenarios


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson score interval for a share k/n; sound near 0 and 1, unlike k/n ± z·se."""
    if n == 0:
        return 0.0, 1.0
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass
class Summary:
    """What a batch of runs came to: ending shares and per-day track statistics."""

    scenario_id: str
    runs: int
    seed: int
    policies: dict[str, str]
    ending_ids: list[str]
    track_ids: list[str]
    counts: np.ndarray  # (endings,)
    war: int
    track_sum: np.ndarray  # (days + 1, K)
    hist: np.ndarray | None = None  # (days + 1, K, BINS), over the ``band_games`` sampled
    band_games: int = 0  # the games the bands are read from: the first BAND_SAMPLE of each seed block
    event_hits: dict[str, int] = field(default_factory=dict)
    option_hits: dict[str, dict[str, int]] = field(default_factory=dict)

    def share(self, ending: str) -> float:
        return float(self.counts[self.ending_ids.index(ending)]) / self.runs

    def shares(self) -> dict[str, tuple[float, float, float]]:
        """Each ending's share with its 95% interval."""
        return {
            eid: (int(k) / self.runs, *wilson(int(k), self.runs))
            for eid, k in zip(self.ending_ids, self.counts, strict=True)
        }

    def track_means(self) -> np.ndarray:
        return self.track_sum / self.runs

    def bands(self, q: tuple[float, ...] = (0.1, 0.5, 0.9)) -> np.ndarray | None:
        """Per-day quantiles of each track, (len(q), days + 1, K), read off the histograms.

        The histograms sample the head of every seed block (``sim.tally``): every game of
        a run up to 1,024, then one in eight, which fixes a quantile far inside its 0.5% bin.
        """
        if self.hist is None or not self.band_games:
            return None
        cdf = np.cumsum(self.hist, axis=-1) / self.band_games
        out = np.empty((len(q), *self.hist.shape[:2]))
        for i, level in enumerate(q):
            out[i] = (np.argmax(cdf >= level, axis=-1) + 0.5) / BINS
        return out

    def to_json(self) -> dict:
        means = self.track_means()
        data = {
            "scenario": self.scenario_id,
            "runs": self.runs,
            "seed": self.seed,
            "policies": self.policies,
            "endings": {
                eid: {"share": s, "low": lo, "high": hi} for eid, (s, lo, hi) in self.shares().items()
            },
            "war": self.war / self.runs,
            "track_means": {
                tid: [round(float(v), 4) for v in means[:, k]] for k, tid in enumerate(self.track_ids)
            },
        }
        bands = self.bands()
        if bands is not None:
            data["band_games"] = self.band_games
            data["track_bands"] = {
                tid: {
                    "p10": [round(float(v), 4) for v in bands[0, :, k]],
                    "p50": [round(float(v), 4) for v in bands[1, :, k]],
                    "p90": [round(float(v), 4) for v in bands[2, :, k]],
                }
                for k, tid in enumerate(self.track_ids)
            }
        if self.event_hits:
            data["event_hits"] = self.event_hits
            data["option_hits"] = self.option_hits
        return data


def bytes_per_game(c: Compiled) -> int:
    """Peak working memory of one game in a chunk, from the scenario's dimensions.

    The state is a few (N, K) float32 arrays, an (E, N) int8 table of choices and
    an (I, N) table of incidents; the daily dynamics, the tally's binning and the
    endings add short-lived (N, K) temporaries.  The constants were measured with
    tracemalloc over synthetic scenarios at the schema's limits (tests keep them honest).
    """
    return 40 * c.K + (5 * len(c.events)) // 4 + 3 * len(c.incidents) + 256


def chunk_plan(c: Compiled, chunk: int | None = None, workers: int | None = None) -> tuple[int, int]:
    """Blocks per chunk and worker threads that keep every chunk in flight within the budget.

    ``chunk`` (games) is an upper bound the caller may lower for memory or progress;
    results never depend on it.  One block is the smallest chunk (seeds are per
    block), so a scenario whose block alone is large gets fewer workers instead.
    """
    workers = workers or min(4, os.cpu_count() or 1)
    per_block = BLOCK * bytes_per_game(c)
    workers = max(1, min(workers, MEMORY_BUDGET // per_block))
    fit = max(1, MEMORY_BUDGET // workers // per_block)
    wanted = max(1, (chunk or DEFAULT_CHUNK) // BLOCK)
    return min(fit, wanted), workers


def simulate(
    scenario: Scenario | Compiled,
    runs: int,
    policies: dict[str, str],
    seed: int = 0,
    *,
    chunk: int | None = None,
    bands: bool = True,
    tracks: bool = True,
    hits: bool = False,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Summary:
    """Play ``runs`` games with the given policies; the same seed gives the same Summary.

    Chunks run on ``workers`` threads (default: one per core, at most 4): numpy
    releases the GIL inside its loops, so two chunks overlap well.  Results are
    merged in chunk order, so they are the same for any number of workers and
    any ``chunk`` (an upper bound on games per chunk; the default and the cap
    come from the scenario's size, see ``chunk_plan``).  At most ``MAX_RUNS``.
    """
    if isinstance(runs, bool) or not isinstance(runs, int | np.integer):
        raise TypeError(f"runs must be a whole number, not {type(runs).__name__}")
    if not 1 <= runs <= MAX_RUNS:
        raise ValueError(f"runs must be between 1 and {MAX_RUNS:,} (got {runs:,})")
    runs = int(runs)
    c = scenario if isinstance(scenario, Compiled) else Compiled(scenario)
    blocks_per_chunk, workers = chunk_plan(c, chunk, workers)
    n_blocks = block_count(runs)
    root = np.random.SeedSequence(seed)
    bands = bands and tracks
    summary = Summary(
        c.scenario.id,
        runs,
        seed,
        dict(policies),
        list(c.ending_ids),
        list(c.track_ids),
        np.zeros(len(c.ending_ids), dtype=np.int64),
        0,
        np.zeros((c.days + 1, c.K)),
        np.zeros((c.days + 1, c.K, BINS), dtype=np.int64) if bands else None,
    )
    option_counts = [np.zeros(e.n_options, dtype=np.int64) for e in c.events]

    largest = min(blocks_per_chunk * BLOCK, runs)
    buffers: dict[int, Buffers] = {}  # one set per worker thread, reused chunk after chunk

    def play(first: int) -> Tally:
        streams = Streams.for_run(root, runs, first, min(blocks_per_chunk, n_blocks - first))
        buf = None
        if tracks:
            buf = buffers.get(threading.get_ident())
            if buf is None:
                buf = buffers[threading.get_ident()] = Buffers(largest, c.K, bands)
        tally = Tally(c, streams.n, tracks=tracks, bands=bands, hits=hits, buffers=buf)
        Game(c, side=None, n=streams.n, streams=streams, record=False, history=False, observer=tally).run(
            policies
        )
        return tally

    done = 0
    # The engine's matrices are tiny (tracks x tracks); a multi-threaded BLAS only
    # fights the chunk threads for the cores, so it is held to one thread here.
    with threadpool_limits(limits=1, user_api="blas"), ThreadPoolExecutor(max_workers=workers) as pool:
        # A bounded window of chunks in flight keeps memory flat for any run count;
        # a finished chunk is only its tally, a few small arrays.
        pending: deque = deque()
        for first in range(0, n_blocks, blocks_per_chunk):
            pending.append(pool.submit(play, first))
            if len(pending) > workers:
                done += _merge(summary, pending.popleft().result(), option_counts)
                if progress:
                    progress(done, runs)
        while pending:
            done += _merge(summary, pending.popleft().result(), option_counts)
            if progress:
                progress(done, runs)
    if hits:
        summary.event_hits = {e.id: int(oc.sum()) for e, oc in zip(c.events, option_counts, strict=True)}
        summary.option_hits = {
            e.id: {o: int(k) for o, k in zip(e.option_ids, oc, strict=True)}
            for e, oc in zip(c.events, option_counts, strict=True)
        }
    return summary


def _merge(summary: Summary, tally: Tally, option_counts: list[np.ndarray]) -> int:
    """Add one chunk's tally into the running summary; returns the chunk's size."""
    summary.counts += tally.counts
    summary.war += tally.war
    if tally.track_sum is not None:
        summary.track_sum += tally.track_sum
    hist = tally.hist()
    if summary.hist is not None and hist is not None:
        summary.hist += hist
        summary.band_games += tally.sampled
    for oc, chunk_counts in zip(option_counts, tally.option_counts, strict=False):
        oc += chunk_counts
    return tally.n
