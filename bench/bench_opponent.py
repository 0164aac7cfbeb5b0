"""The opponent's "Done when" numbers (issue 11), from seeded runs with common random numbers.

Run:  python bench/bench_opponent.py            (about 55 minutes on two cores)
      python bench/bench_opponent.py --quick    (small sizes, about 3 minutes)

Prints, per side: the best simple script against Master (best-ending share, war
share, mean prestige beside the historical plan's 95% interval); the share of
variance explained by strategy; the mean prestige of a fixed set of strategies
against Master and against ``ai``; how many decisions change the best plan's
value by more than 0.5 (a climbed best plan, checked on fresh dice); the advisers'
agreement with careful rollouts on the historical path; and the Master's move
time in a one-game (window) match.
Each line says whether the issue's bound holds; the lines against ``ai`` for strategy's
share and the decisions that matter are printed for reference (see ``REFERENCE``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

from thirteendays.engine.compiled import Compiled
from thirteendays.minds import measure
from thirteendays.scenario.loader import load_file

ROOT = Path(__file__).resolve().parent.parent
FIXED = ("historical", "hawk", "dove", "random", "ai")
# Strategy's share and the decisions that matter are bounds on the game a player meets,
# and every front end's default opponent is Master; ``ai`` is no difficulty level but the
# batch engine's baseline, which samples its options game by game, so against it the same
# plan meets a different answer each game.  Its figures are printed beside, not judged.
REFERENCE = "for reference: ai is the research baseline, not an opponent a player meets"


def verdict(ok: bool) -> str:
    return "HOLDS" if ok else "does not hold yet"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small sizes for a fast look")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--scenario", default=str(ROOT / "scenarios" / "cuban_missile_crisis.yaml"))
    args = ap.parse_args()
    result = load_file(Path(args.scenario))
    if not result.ok:
        for d in result.diagnostics:
            print(d.format(), file=sys.stderr)
        return 1
    scenario = result.scenario
    c = Compiled(scenario)
    q = args.quick
    script_games = 16 if q else 60
    switch_days = [4, 7, 10, 12] if q else [3, 5, 7, 9, 10, 11, 12, 13]
    plans, plan_games = (32, 32) if q else (128, 128)
    master_plans = 16 if q else 32  # every game of a Master match searches at each of its moves
    starts = 1 if q else 3  # climbs to the best plan (measure.best_plan)
    fixed_games = 24 if q else 100
    advice_rollouts, careful = (150, 1000) if q else (600, 6000)
    seed = args.seed
    print(f"{scenario.title}: seed {seed}{' (quick)' if q else ''}; common random numbers throughout\n")
    for side in c.side_ids:
        print(f"== playing {scenario.sides[side].leader} ({side}) ==")
        r = measure.scripts_against(c, side, "master", script_games, seed, switch_days)
        print(
            f"simple scripts vs Master ({r.scripts} scripts x {script_games} games): best '{r.best_name}' "
            f"mean {r.best_mean:+.2f}, best-ending share {r.best_share:.0%}, war {r.best_war:.0%}; "
            f"historical plan {r.historical_mean:+.2f} "
            f"({r.historical_low:+.2f} to {r.historical_high:+.2f}); "
            f"tricks (>30% best ending, <=10% war): {len(r.tricks)} -> {verdict(r.holds)}"
        )
        for name in r.tricks[:5]:
            print(f"    trick: {name}")
        share = measure.variance_explained(c, side, "ai", plans, plan_games, seed)
        print(f"variance explained by strategy vs ai: {share:.0%} ({REFERENCE})")
        # Against Master the sample is small (each game searches), and one seed's figure swings
        # by several points: two seeds, twice the plans, and the verdict on their mean.
        seeds = [seed] if q else [seed, seed + 1]
        var_plans = master_plans if q else 2 * master_plans
        shares = [measure.variance_explained(c, side, "master", var_plans, master_plans, s) for s in seeds]
        share = float(np.mean(shares))
        each = ", ".join(f"{x:.0%} at seed {s}" for x, s in zip(shares, seeds, strict=True))
        print(
            f"variance explained by strategy vs master: {share:.0%} ({each}; {var_plans} plans x "
            f"{master_plans} games) -> {verdict(share >= 0.25)}"
        )
        means = {}
        for opp in ("ai", "master"):
            total = [measure.play_named(c, side, p, fixed_games, opp, seed)[0].mean() for p in FIXED]
            means[opp] = float(np.mean(total))
        print(
            f"fixed strategies {', '.join(FIXED)} ({fixed_games} games each): mean prestige vs ai "
            f"{means['ai']:+.2f}, vs Master {means['master']:+.2f} "
            f"-> {verdict(means['master'] < means['ai'])}"
        )
        n, events = measure.decisions_that_matter(c, side, "ai", plans, plan_games, seed)
        print(f"decisions changing the best plan's value by > 0.5 vs ai: {n} of {events} ({REFERENCE})")
        # One seed's count moved by three between neighbouring seeds: the verdict takes the
        # lower of two.  One climb can stop on a lower hill (at seed 2026 the Soviet side's
        # three best random plans climbed to +1.62, +2.59 and +1.25), so the best plan is
        # climbed from the three best random plans and the best hill kept.
        counts = [
            measure.decisions_that_matter(c, side, "master", master_plans, master_plans, s, starts=starts)
            for s in seeds
        ]
        each = ", ".join(f"{n} at seed {s}" for (n, _), s in zip(counts, seeds, strict=True))
        low = min(n for n, _ in counts)
        print(
            f"decisions changing the best plan's value by > 0.5 vs master: {low} of {counts[0][1]} "
            f"({each}) -> {verdict(low >= 10)}"
        )
        agree, total = measure.adviser_agreement(scenario, side, seed, advice_rollouts, careful)
        share = agree / total if total else 1.0
        print(
            f"advisers' consensus agrees with careful rollouts on the historical path: {agree}/{total} "
            f"({share:.0%}) -> {verdict(share >= 0.8)}"
        )
        times = np.array(measure.master_move_times(scenario, side, seed)) * 1000
        print(
            f"Master move time (one game, {times.size} moves): median {np.median(times):.0f} ms, "
            f"max {times.max():.0f} ms -> {verdict(bool(times.max() < 300))}\n"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
