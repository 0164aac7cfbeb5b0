"""Loading and checking scenarios: the 13 days with libyaml and pure Python, and lint/test at 1,000 incidents.

Run:  python bench/bench_load.py            (about half a minute)
      python bench/bench_load.py --quick    (fewer repeats)

The two parsers are timed side by side in this one run and compared as a
ratio, because the machines are noisy; absolute figures are the best of several
warm runs.  Lint and test of the large scenario report both wall and CPU time:
on a shared machine the wall clock also counts other people's work.
Targets (issue 9): the 13 days load in under 50 ms; lint of 1,000 incidents in under 5 s.
"""

from __future__ import annotations

import argparse
import tempfile
from importlib import resources
from pathlib import Path

from thirteendays.scenario.lint import lint
from thirteendays.scenario.loader import load_file, load_text
from thirteendays.scenario.yaml_safe import HAS_LIBYAML, load_yaml
from thirteendays.sim.scenario_test import coverage, random_play
from thirteendays.sim.synthetic import scenario_yaml, synthetic_scenario
from timing import best_cpu, best_of, timed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    repeat = 5 if args.quick else 15

    data = resources.files("thirteendays.scenarios").joinpath("cuban_missile_crisis.yaml").read_bytes()
    print(f"The 13 days ({len(data):,} bytes), best of {repeat} warm loads")
    print("(a load is: parse, validate, cross-check and compile; YAML is the parse alone)")
    parsers = ["c", "python"] if HAS_LIBYAML else ["python"]
    whole = {
        p: best_of(lambda p=p: load_text(data, "cmc.yaml", parser=p), repeat, warm=True) for p in parsers
    }
    parse = {
        p: best_of(lambda p=p: load_yaml(data, "cmc.yaml", parser=p), repeat, warm=True) for p in parsers
    }
    cpu = {p: best_cpu(lambda p=p: load_text(data, "cmc.yaml", parser=p), repeat) for p in parsers}
    for p in parsers:
        label = "libyaml" if p == "c" else "pure Python"
        print(
            f"  {label:<12} load {whole[p] * 1e3:7.1f} ms wall ({cpu[p] * 1e3:6.1f} ms CPU)"
            f"   of which YAML {parse[p] * 1e3:6.1f} ms"
        )
    if HAS_LIBYAML:
        print(
            f"  pure Python / libyaml: {whole['python'] / whole['c']:.1f}x (whole load), "
            f"{parse['python'] / parse['c']:.1f}x (YAML only)"
        )
    default = "c" if HAS_LIBYAML else "python"
    verdict = "met" if min(whole[default], cpu[default]) < 0.050 else "NOT met"
    print(
        f"  target < 50 ms: {verdict} ({whole[default] * 1e3:.1f} ms wall, {cpu[default] * 1e3:.1f} ms CPU)"
    )

    s = synthetic_scenario(events=60, incidents=1000, days=13, incident_days=13, incident_words=110)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "incidents-1000.yaml"
        path.write_text(scenario_yaml(s), encoding="utf-8")
        size = path.stat().st_size
        print(
            f"\nA generated scenario: {len(s.events)} events, {len(s.incidents)} incidents on every one of "
            f"{s.days} days, {size / 1024:.0f} KB"
        )
        wall, cpu, result = timed(lambda: load_file(path))
        assert result.ok, [d.format() for d in result.diagnostics][:3]
        print(f"  load                   {wall:6.2f} s wall {cpu:6.2f} s CPU")
        wall_l, cpu_l, _ = timed(lambda: lint(load_file(path)))
        print(f"  lint (with its sweep)  {wall_l:6.2f} s wall {cpu_l:6.2f} s CPU")
        sides = list(s.sides)

        def play_test() -> None:
            scenario = load_file(path).scenario
            coverage(scenario, seed=0)
            random_play(scenario, 20_000, 0, {sides[0]: "random", sides[1]: "random"})

        wall_t, cpu_t, _ = timed(play_test)
        print(f"  test (20,000 games)    {wall_t:6.2f} s wall {cpu_t:6.2f} s CPU")
        print(
            f"  target lint < 5 s: {'met' if cpu_l < 5 else 'NOT met'} on CPU time "
            f"({'met' if wall_l < 5 else 'not met'} on this machine's wall clock)"
        )

    if not args.quick:
        print("\nScaling (CPU seconds; the sweep and the search keep to a work budget past ~500 incidents)")
        print(f"  {'incidents':>9} {'KB':>6} {'load':>6} {'lint':>6} {'test':>6}")
        for n in (125, 250, 500, 1000, 2000):
            big = synthetic_scenario(events=60, incidents=n, days=13, incident_days=13, incident_words=40)
            text = scenario_yaml(big)
            _, cpu_load, loaded = timed(lambda text=text: load_text(text))
            _, cpu_lint, _ = timed(lambda loaded=loaded: lint(loaded))
            _, cpu_test, _ = timed(
                lambda loaded=loaded: (
                    coverage(loaded.scenario, seed=0),
                    random_play(loaded.scenario, 20_000, 0, {"us": "random", "ussr": "random"}),
                )
            )
            print(f"  {n:>9} {len(text) / 1024:>6.0f} {cpu_load:>6.2f} {cpu_lint:>6.2f} {cpu_test:>6.2f}")


if __name__ == "__main__":
    main()
