"""What the politics rules cost the batch engine: the crisis with and without its `politics`.

Run:  python bench/bench_politics.py           (about a minute)
      python bench/bench_politics.py --quick

The same scenario is played with its rules, with the section stripped, and with
every rule's condition replaced by one that never holds (the same games as without,
but every check still made: the pure overhead), in alternating rounds in this one
run (best CPU time of each).  The machines are shared, so only side-by-side ratios
mean anything.  Policies are ``ai`` against ``ai``, whose games reach the rules' levels.
"""

from __future__ import annotations

import argparse

from thirteendays import load_scenario
from thirteendays.engine.compiled import Compiled
from thirteendays.engine.game import Game
from timing import best_cpu

AI = {"us": "ai", "ussr": "ai"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller batches")
    args = parser.parse_args()
    n = 50_000 if args.quick else 200_000
    rounds = 2 if args.quick else 4
    crisis = load_scenario("cuban_missile_crisis")
    with_rules = Compiled(crisis)
    without = Compiled(crisis.model_copy(update={"politics": {}}))
    never = {"always": False}
    idle = Compiled(
        crisis.model_copy(
            update={
                "politics": {
                    side: [
                        r.model_copy(
                            update={"when": type(r).model_validate({**r.model_dump(), "when": never}).when}
                        )
                        for r in rules
                    ]
                    for side, rules in crisis.politics.items()
                }
            }
        )
    )
    counts = {}

    def play(c: Compiled, key: str):
        def run() -> None:
            counts[key] = Game(c, n=n, seed=1, record=False, history=False).run(AI).ending_counts()

        return run

    runs = {"without": without, "idle": idle, "with": with_rules}
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(rounds):  # alternate, so all see the same machine
        for key, c in runs.items():
            best[key] = min(best[key], best_cpu(play(c, key), 1, warm=False))
    assert counts["idle"] == counts["without"], "rules that never hold must change nothing"
    removed = counts["with"]["president-broken"] + counts["with"]["khrushchev-removed"]
    print(f"cuban-missile-crisis, ai vs ai, {n:,} games a run, best CPU of {rounds} alternating rounds")
    print(f"without politics {n / best['without']:>12,.0f} games/s (CPU)")
    print(f"idle rules       {n / best['idle']:>12,.0f} games/s (CPU)")
    print(f"with politics    {n / best['with']:>12,.0f} games/s (CPU)")
    print(f"overhead ratio idle/without: {best['without'] / best['idle']:.3f} (1.0 = free)")
    print(f"ratio with/without: {best['without'] / best['with']:.3f} (games also end differently)")
    print(f"games ended by a removal: {removed / n:.1%}")


if __name__ == "__main__":
    main()
