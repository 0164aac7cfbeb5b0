"""What hidden types, intelligence and belief cost: ratios measured side by side in one run.

Run:  python bench/bench_hidden.py            (about a minute)
      python bench/bench_hidden.py --quick

- engine: the shipped Cuban scenario (both sides with a hidden resolve, which the
  ``ai`` reads every decision) against the same scenario with the ``hidden``
  declarations removed, ai vs ai, in alternating rounds (best of each, CPU time);
  target >= 0.9;
- views: ``view_for`` of a person's game (estimates, masked log, history bands),
  and ``observe`` of a 65,536-game batch, in milliseconds.
"""

from __future__ import annotations

import argparse

from thirteendays import load_scenario
from thirteendays.engine.compiled import Compiled
from thirteendays.engine.game import Game
from thirteendays.envs.observe import observe
from thirteendays.play import view_for
from timing import best_cpu

AI = {"us": "ai", "ussr": "ai"}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    n = 32_768 if args.quick else 131_072
    rounds = 2 if args.quick else 4
    scenario = load_scenario("cuban_missile_crisis")
    plain = scenario.model_copy(
        update={"sides": {k: v.model_copy(update={"hidden": None}) for k, v in scenario.sides.items()}}
    )
    hidden_c, plain_c = Compiled(scenario), Compiled(plain)
    best = {"hidden": float("inf"), "plain": float("inf")}
    for _ in range(rounds):
        for name, c in (("plain", plain_c), ("hidden", hidden_c)):
            t = best_cpu(lambda c=c: Game(c, n=n, seed=1, record=False, history=False).run(AI), repeat=1)
            best[name] = min(best[name], t)
    print(f"scenario: {scenario.id}; ai vs ai; {n:,} games a measurement, {rounds} alternating rounds")
    for name in ("plain", "hidden"):
        print(f"{name:<7} {n / best[name]:>12,.0f} games/s (CPU)")
    print(f"ratio hidden / plain: {best['plain'] / best['hidden']:.3f} (target >= 0.9)")

    game = Game(scenario, side="us", seed=3, opponent="ai")
    for _ in range(4):
        d = game.decision()
        if d is None:
            break
        game.choose(d.option_ids[0])
    view_ms = best_cpu(lambda: view_for(game, "us"), repeat=5) * 1000
    batch = Game(hidden_c, side="us", n=65_536, seed=2, record=False, history=False)
    batch.pending  # noqa: B018 - play on to the first decision
    obs_ms = best_cpu(lambda: observe(batch, "us"), repeat=5) * 1000
    print(f"view_for (a person's game, day {game.day}): {view_ms:.1f} ms")
    print(f"observe (65,536 games): {obs_ms:.1f} ms")


if __name__ == "__main__":
    main()
