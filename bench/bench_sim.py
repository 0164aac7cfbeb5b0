"""simulate at engine speed, in bounded memory: throughput ratios and peak memory.

Run:  python bench/bench_sim.py            (about two minutes)
      python bench/bench_sim.py --quick    (smaller sizes)

Measured side by side in this one run, in alternating rounds (best of each), and
printed as ratios of the engine's own throughput, because the machines are noisy:
  - the engine: ``simulate(..., bands=False, tracks=False)``, endings only;
  - ``simulate()`` with its default summary (ending shares, per-day bands and means);
  - ``thirteendays simulate`` through ``cli.main`` in this process, output to a buffer
    (it reads the scenario and prints the summary; four times the runs amortise that).
Both ratios target at least 0.9.  Wall-clock ratios are what a user sees; CPU-time
ratios (all threads) are printed beside them because they are steadier on a shared
machine.  The CPU ratio is also shown for a 64-track, 60-day scenario.  Then the peak
RSS of a fresh process simulating 200,000 runs of a 64-track, 60-day synthetic
scenario (the schema's limits; target < 1 GB).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import resource
import subprocess
import sys
import time
from collections.abc import Callable

from thirteendays import cli, load_scenario
from thirteendays.engine.compiled import Compiled
from thirteendays.sim.montecarlo import chunk_plan, simulate
from thirteendays.sim.synthetic import synthetic_scenario
from timing import timed

AI = {"us": "ai", "ussr": "ai"}
MEMORY_CODE = """
import resource, sys
from thirteendays.sim.montecarlo import simulate
from thirteendays.sim.synthetic import synthetic_scenario
s = synthetic_scenario(tracks=64, days=60, events=120, incidents=20)
summary = simulate(s, int(sys.argv[1]), {"us": "ai", "ussr": "ai"}, seed=1)
assert summary.bands() is not None
"""


def cli_run(runs: int) -> None:
    with contextlib.redirect_stdout(io.StringIO()) as out:
        status = cli.main(["simulate", "--runs", str(runs), "--seed", "1"])
    if status != 0 or "games" not in out.getvalue():
        raise SystemExit(f"thirteendays simulate failed with status {status}")


def peak_rss_mb(code: str, *args: str) -> float:
    """Peak RSS of a fresh interpreter running code, read with RUSAGE_CHILDREN."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run([sys.executable, "-c", code, *args], check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if after <= before:  # an earlier child was larger; this one's peak is hidden below it
        return float("nan")
    return after / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    runs = 262_144 if args.quick else 1_048_576
    rounds = 2 if args.quick else 3
    c = Compiled(load_scenario())
    blocks, workers = chunk_plan(c)
    print(
        f"scenario: {c.scenario.id}, {len(c.events)} events, {c.K} tracks, {c.days} days; ai vs ai; "
        f"{runs:,} games a measurement, chunks of {blocks * 8192:,} on {workers} threads"
    )

    variants: dict[str, Callable[[], object]] = {
        "engine": lambda: simulate(c, runs, AI, seed=1, bands=False, tracks=False),
        "simulate()": lambda: simulate(c, runs, AI, seed=1),
        "CLI": lambda: cli_run(4 * runs),
    }
    simulate(c, 65_536, AI, seed=2)  # warm up: imports, caches, thread start-up
    cli_run(65_536)
    best: dict[str, tuple[float, float]] = {name: (float("inf"), float("inf")) for name in variants}
    for _ in range(rounds):
        for name, fn in variants.items():
            wall, cpu, _ = timed(fn)
            best[name] = (min(best[name][0], wall), min(best[name][1], cpu))
    e_wall, e_cpu = best["engine"]
    sizes = {"engine": runs, "simulate()": runs, "CLI": 4 * runs}
    e_wall, e_cpu = e_wall / runs, e_cpu / runs  # seconds a game
    for name, (wall, cpu) in best.items():
        wall, cpu = wall / sizes[name], cpu / sizes[name]
        line = f"{name:<11} {1 / wall:12,.0f} games/s"
        if name != "engine":
            line += f"   ratio to engine: {e_wall / wall:.3f} wall, {e_cpu / cpu:.3f} CPU (target >= 0.9)"
        print(line)

    # The same ratio at the schema's limits, where the summary has 64 values a game a day.
    big = Compiled(synthetic_scenario(tracks=64, days=60, events=120, incidents=20))
    m = 16_384 if args.quick else 65_536
    e = min(timed(lambda: simulate(big, m, AI, seed=1, bands=False, tracks=False))[1] for _ in range(rounds))
    d = min(timed(lambda: simulate(big, m, AI, seed=1))[1] for _ in range(rounds))
    print(f"64 tracks, 60 days: simulate() / engine {e / d:.3f} CPU ({m:,} games; no target)")

    n = 50_000 if args.quick else 200_000
    base = peak_rss_mb("import thirteendays.sim.montecarlo")
    t = time.perf_counter()
    rss = peak_rss_mb(MEMORY_CODE, str(n))
    print(
        f"memory:     {n:,} runs of a 64-track, 60-day scenario with bands in "
        f"{time.perf_counter() - t:.1f} s, peak RSS {rss:,.0f} MB (target < 1024; import alone {base:.0f} MB)"
    )


if __name__ == "__main__":
    main()
