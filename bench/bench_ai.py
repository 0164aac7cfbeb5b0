"""The careful ``ai`` against the author's weights alone: war, removals and engine time, side by side.

Run:  python bench/bench_ai.py            (20,000 games a pairing; timing on 65,536 games)
      python bench/bench_ai.py --quick    (4,000 games a pairing)

"Weights only" is the same compiled scenario with the fears stripped
(``CompiledEvent.prudence`` and ``ai_prior`` set to None), which is exactly the
``ai`` policy as it was before it read its politics and the danger.  Both are timed
in this one process, alternately, by CPU time (the best of several runs), against
the numpy floor of ``bench_engine.py``, so the ratio survives a noisy machine.
"""

from __future__ import annotations

import argparse
from dataclasses import replace

from threadpoolctl import threadpool_limits

from bench_engine import floor
from thirteendays import Game, load_scenario
from thirteendays.engine.compiled import Compiled
from thirteendays.sim.montecarlo import simulate
from timing import best_cpu

AI = {"us": "ai", "ussr": "ai"}
PAIRINGS = [("ai", "ai"), ("historical", "ai"), ("ai", "historical"), ("hawk", "ai"), ("ai", "hawk")]


def weights_only(c: Compiled) -> Compiled:
    """The same scenario with the ai's fears stripped: the author's weights and ``per`` alone."""
    bare = object.__new__(Compiled)
    bare.__dict__.update(c.__dict__)
    bare.events = [replace(e, prudence=None, ai_prior=None) for e in c.events]
    return bare


def shares(c: Compiled, us: str, ussr: str, runs: int) -> dict[str, float]:
    summary = simulate(c, runs, {"us": us, "ussr": ussr}, seed=1962, bands=False, tracks=False)
    return {eid: s for eid, (s, _, _) in summary.shares().items()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    runs = 4_000 if args.quick else 20_000
    careful = Compiled(load_scenario())
    bare = weights_only(careful)
    removed = [e.id for e in careful.scenario.endings if e.kind == "removed"]
    print(f"scenario: {careful.scenario.id}; {runs:,} games a pairing, seed 1962")
    print(f"{'US':>10} {'USSR':>10}   war: weights only -> careful   removed: weights only -> careful")
    for us, ussr in PAIRINGS:
        a, b = shares(bare, us, ussr, runs), shares(careful, us, ussr, runs)
        ra, rb = sum(a[x] for x in removed), sum(b[x] for x in removed)
        war = next(e.id for e in careful.scenario.endings if e.kind == "war")
        print(f"{us:>10} {ussr:>10}   {a[war]:7.1%} -> {b[war]:6.1%}              {ra:7.1%} -> {rb:6.1%}")

    n = 65_536
    events_per_day = len(careful.events) / careful.days
    with threadpool_limits(1, user_api="blas"):
        t_floor = best_cpu(lambda: floor(careful, n, events_per_day), 5)
        times = {}
        for _ in range(2):  # alternate, so neither gets the quieter half of the run
            for name, c in (("weights only", bare), ("careful", careful)):
                t = best_cpu(lambda c=c: Game(c, n=n, seed=1, record=False, history=False).run(AI), 3)
                times[name] = min(times.get(name, t), t)
    r0, r1 = times["weights only"] / t_floor, times["careful"] / t_floor
    print(
        f"engine/floor time ratio, ai vs ai, one thread: weights only {r0:.2f}, careful {r1:.2f} "
        f"({r1 / r0 - 1:+.1%}: the fears' cost, with the longer games they bring)"
    )


if __name__ == "__main__":
    main()
