"""Monte Carlo runs: many games in chunks, with summaries that merge exactly.

Games are seeded by fixed-size blocks (see ``engine.streams``), and a chunk is
a run of whole blocks, so a seed and a run count give the same numbers for any
chunk size.  Summaries are sums and histograms, which add across chunks, so
memory stays flat however many runs are asked for.
"""

from __future__ import annotations

import math
import os
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
from threadpoolctl import threadpool_limits

from ..engine.compiled import Compiled
from ..engine.game import Game
from ..engine.outcomes import Result
from ..engine.streams import BLOCK, Streams, block_sizes
from ..scenario.model import Scenario

BINS = 200  # histogram resolution for per-day bands: 0.005 of a track


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
    hist: np.ndarray | None = None  # (days + 1, K, BINS)
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
        """Per-day quantiles of each track, (len(q), days + 1, K), read off the histograms."""
        if self.hist is None:
            return None
        cdf = np.cumsum(self.hist, axis=-1) / self.runs
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


def simulate(
    scenario: Scenario | Compiled,
    runs: int,
    policies: dict[str, str],
    seed: int = 0,
    *,
    chunk: int = 8 * BLOCK,
    bands: bool = True,
    tracks: bool = True,
    hits: bool = False,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Summary:
    """Play ``runs`` games with the given policies; the same seed gives the same Summary.

    Chunks run on ``workers`` threads (default: one per core, at most 4): numpy
    releases the GIL inside its loops, so two chunks overlap well.  Results are
    merged in chunk order, so they are the same for any number of workers.
    """
    if runs < 1:
        raise ValueError("runs must be at least 1")
    c = scenario if isinstance(scenario, Compiled) else Compiled(scenario)
    blocks_per_chunk = max(1, chunk // BLOCK)
    n_blocks = len(block_sizes(runs))
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

    def play(first: int) -> Result:
        streams = Streams.for_run(root, runs, first, min(blocks_per_chunk, n_blocks - first))
        game = Game(c, side=None, n=streams.n, streams=streams, record=False, history=tracks)
        return game.run(policies)

    done = 0
    starts = range(0, n_blocks, blocks_per_chunk)
    workers = workers or min(4, os.cpu_count() or 1)
    # The engine's matrices are tiny (tracks x tracks); a multi-threaded BLAS only
    # fights the chunk threads for the cores, so it is held to one thread here.
    with threadpool_limits(limits=1, user_api="blas"), ThreadPoolExecutor(max_workers=workers) as pool:
        # A bounded window of chunks in flight keeps memory flat for any run count.
        pending: deque = deque()
        for first in starts:
            pending.append(pool.submit(play, first))
            if len(pending) > workers:
                done += _merge(summary, pending.popleft().result(), c, option_counts, hits)
                if progress:
                    progress(done, runs)
        while pending:
            done += _merge(summary, pending.popleft().result(), c, option_counts, hits)
            if progress:
                progress(done, runs)
    if hits:
        summary.event_hits = {e.id: int(oc.sum()) for e, oc in zip(c.events, option_counts, strict=True)}
        summary.option_hits = {
            e.id: {o: int(k) for o, k in zip(e.option_ids, oc, strict=True)}
            for e, oc in zip(c.events, option_counts, strict=True)
        }
    return summary


def _merge(summary: Summary, result: Result, c: Compiled, option_counts: list[np.ndarray], hits: bool) -> int:
    """Add one chunk's results into the running summary; returns the chunk's size."""
    ended = result.endings[result.endings >= 0]
    summary.counts += np.bincount(ended, minlength=len(c.ending_ids))
    summary.war += int(result.state.war.sum())
    history = result.history
    if history is not None:
        summary.track_sum += history.sum(axis=1, dtype=np.float64)
        if summary.hist is not None:
            bins = np.minimum((history * BINS).astype(np.int32), BINS - 1)  # (D+1, n, K)
            offsets = (np.arange(c.days + 1)[:, None, None] * c.K + np.arange(c.K)[None, None, :]) * BINS
            flat = np.bincount((bins + offsets).ravel(), minlength=summary.hist.size)
            summary.hist += flat.reshape(summary.hist.shape)
    if hits:
        for e, oc in zip(c.events, option_counts, strict=True):
            chosen = result.state.choices[e.index]
            oc += np.bincount(chosen[chosen >= 0], minlength=e.n_options)
    return result.n
