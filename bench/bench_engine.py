"""Engine benchmarks: throughput, the numpy floor, what-ifs, memory and scaling.

Run:  python bench/bench_engine.py            (about a minute)
      python bench/bench_engine.py --quick    (smaller sizes, skips the 10M memory run)

Every comparison is measured side by side in this one run and printed as a
ratio, because the machines are noisy and absolute numbers drift between runs.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time

import numpy as np
from threadpoolctl import threadpool_limits

from thirteendays import Game, load_scenario
from thirteendays.engine.compiled import Compiled
from thirteendays.engine.streams import Streams
from thirteendays.sim.advisor import advise
from thirteendays.sim.montecarlo import simulate
from thirteendays.sim.synthetic import synthetic_scenario
from timing import best_of

AI = {"us": "ai", "ussr": "ai"}
PEER_GAMES_PER_SECOND = 530  # kuitang/brink's batch balance run, measured on this kind of machine


def floor(c: Compiled, n: int, events_per_day: float, seed: int = 0) -> None:
    """numpy alone: the same random draws and track updates, with no game logic."""
    streams = Streams.for_run(seed, n)
    x = np.broadcast_to(c.start, (n, c.K)).astype(np.float32)
    effects = np.random.default_rng(0).random((5, c.K), dtype=np.float32) * 0.1
    per_day = round(events_per_day)
    for _ in range(c.days):
        for _ in range(per_day):
            u = streams.random(2)
            x += np.take(effects, (u[:, 0] * 4).astype(np.intp), axis=0)
            np.clip(x, 0, 1, out=x)
        x = x @ c.step.T
        x += streams.coarse(c.K) * c.noise_scale
        x += c.noisy_offset
        np.clip(x, 0, 1, out=x)
        streams.random()  # the hazard roll
        for _ in c.incidents_on_day.get(1, []):
            streams.random(1)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    big = 262_144 if args.quick else 1_048_576
    c = Compiled(load_scenario())
    print(
        f"scenario: {c.scenario.id}, {len(c.events)} events, {c.K} tracks, {c.days} days; policies ai vs ai"
    )

    # 1. Batch throughput, all cores, and one thread.
    simulate(c, 65_536, AI, bands=False, tracks=False)
    t_batch = best_of(lambda: simulate(c, big, AI, seed=1, bands=False, tracks=False))
    t_one_thread = best_of(lambda: simulate(c, big, AI, seed=1, bands=False, tracks=False, workers=1))
    rate = big / t_batch
    rate1 = big / t_one_thread
    print(f"batch:          {rate:12,.0f} complete playthroughs/s ({big:,} games, all cores)")
    print(f"batch, 1 thread:{rate1:12,.0f} playthroughs/s")

    # 2. The same engine stepping one game at a time.
    singles = 300
    t_single = best_of(lambda: [Game(c, seed=i, record=False).run(AI) for i in range(singles)], 2)
    single_rate = singles / t_single
    print(
        f"one at a time:  {single_rate:12,.0f} playthroughs/s -> batch is {rate / single_rate:,.0f}x faster"
    )

    # 3. The floor: numpy's own time for the same draws and updates, single-threaded both.
    events_per_day = len(c.events) / c.days
    with threadpool_limits(1, user_api="blas"):
        n = 65_536
        t_floor = best_of(lambda: floor(c, n, events_per_day))
        t_engine = best_of(lambda: Game(c, n=n, seed=1, record=False, history=False).run(AI))
    print(
        f"numpy floor:    {n / t_floor:12,.0f} games/s; engine/floor time ratio {t_engine / t_floor:.2f} "
        "(target <= 3)"
    )

    # 4. What-if from mid-game: 10,000 rollouts for one option.
    g = Game(c, side="us", seed=5)
    for option in ["deliberate", "more-u2", "silent", "hear-out", "cold"]:
        g.choose(option)
    advise(g, "blockade", 1000)
    t_whatif = best_of(lambda: advise(g, "blockade", 10_000), 5)
    g0 = Game(c, side="us", seed=5)
    t_whatif0 = best_of(lambda: advise(g0, "deliberate", 10_000), 5)
    print(
        f"what-if:        {t_whatif * 1000:8.1f} ms for 10,000 rollouts from day 6 (target < 30 ms); "
        f"{t_whatif0 * 1000:.1f} ms from day 1"
    )

    # 5. Memory: 10M runs in a fresh process, peak RSS.
    if not args.quick:
        code = (
            "import resource; from thirteendays import load_scenario, simulate; "
            "s = simulate(load_scenario(), 10_000_000, {'us': 'ai', 'ussr': 'ai'}, seed=1); "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
        )
        t = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        rss_mb = int(out.stdout.strip()) / 1024
        base = subprocess.run(
            [
                sys.executable,
                "-c",
                "import resource, thirteendays; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        print(
            f"memory:         10,000,000 runs with track bands in {time.perf_counter() - t:.1f} s, "
            f"peak RSS {rss_mb:,.0f} MB (target < 1024; import alone {int(base.stdout) / 1024:.0f} MB)"
        )

    # 6. Scaling with games, events and tracks.
    print("scale, games:   ", end="")
    for n in (1_000, 10_000, 100_000, big):
        dt = best_of(lambda n=n: simulate(c, n, AI, bands=False, tracks=False), 2)
        print(f"{n:,}: {n / dt:,.0f}/s  ", end="")
    print()
    n = 65_536 if not args.quick else 16_384
    base_t = None
    print("scale, events:  ", end="")
    for events in (10, 100, 1000):
        s = Compiled(synthetic_scenario(events=events, tracks=6))
        dt = best_of(lambda s=s: simulate(s, n, AI, bands=False, tracks=False), 2)
        base_t = base_t or dt
        print(f"{events}: {dt / base_t:5.1f}x time  ", end="")
    print()
    base_t = None
    print("scale, tracks:  ", end="")
    for k in (4, 16, 64):
        s = Compiled(synthetic_scenario(events=30, tracks=k))
        dt = best_of(lambda s=s: simulate(s, n, AI, bands=False, tracks=False), 2)
        base_t = base_t or dt
        print(f"{k}: {dt / base_t:5.1f}x time  ", end="")
    print()
    print(
        f"peer:           {PEER_GAMES_PER_SECOND} games/s (kuitang/brink, as measured on this kind of "
        f"machine; not re-run here) -> {rate / PEER_GAMES_PER_SECOND:,.0f}x"
    )
    print(f"this process peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")


if __name__ == "__main__":
    main()
