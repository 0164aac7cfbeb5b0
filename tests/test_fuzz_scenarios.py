"""Fuzz: mutated shipped scenarios never make load, validate, lint, test or simulate raise.

Hypothesis mutates the real files (byte flips, deleted and repeated lines, values
swapped with each other or for the classes of bad input from issue 9) and every tool must answer
cleanly: data, or diagnostics with positions.  Through the command line's entry
function the exit code is 0, 1 or 2 and stderr never holds a traceback.  The
run is derandomized and bounded, so CI sees the same examples every time.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SCENARIOS
from thirteendays.cli import main
from thirteendays.scenario.lint import lint
from thirteendays.scenario.loader import load_text
from thirteendays.scenario.yaml_safe import HAS_LIBYAML
from thirteendays.sim.montecarlo import simulate
from thirteendays.sim.scenario_test import coverage, random_play

SOURCES = {name: (SCENARIOS / f"{name}.yaml").read_bytes() for name in ("tutorial", "cuban_missile_crisis")}
NASTY = [
    "1962-02-29",
    "0000-01-01",
    "1983-11-31",
    "1962-10-22 25:00:00",
    "9999-12-31",
    "9" * 5000,
    '"\\0"',
    '"\\ud800"',
    "\x07",
    "\ufffe",
    '!!float "x"',
    '!!int ""',
    '!!bool "maybe"',
    '!!timestamp "garbage"',
    "!!python/name:os.system",
    ".nan",
    ".inf",
    "-.inf",
    "1.0e+308",
    "-1",
    "0",
    "61",
    "[]",
    "{}",
    "~",
    "*nowhere",
    "[" * 80,
    "x" * 3000,
    "yes",
    "{always: false}",
]
LINE = re.compile(r"^.+:\d+:\d+: TD\d{3} (error|warning|info): ")
VALUE = re.compile(rb"^(\s*-?\s*[\w.]+: )(.+)$")


@st.composite
def mutated(draw) -> tuple[str, bytes]:
    name = draw(st.sampled_from(sorted(SOURCES)))
    data = bytearray(SOURCES[name])
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["flip", "delete", "repeat", "swap", "value", "value", "value"]))
        lines = bytes(data).split(b"\n")
        if kind == "flip":
            at = draw(st.integers(0, len(data) - 1))
            data[at] = draw(st.integers(0, 255))
            continue
        at = draw(st.integers(0, len(lines) - 1))
        if kind == "delete":
            del lines[at]
        elif kind == "repeat":
            lines.insert(at, lines[at])
        elif kind == "swap":  # two values trade places: a date where a number goes, a list for a string
            candidates = [i for i, line in enumerate(lines) if VALUE.match(line)]
            i = candidates[at % len(candidates)]
            j = candidates[draw(st.integers(0, len(candidates) - 1))]
            a, b = VALUE.match(lines[i]), VALUE.match(lines[j])
            lines[i], lines[j] = a.group(1) + b.group(2), b.group(1) + a.group(2)
        else:
            candidates = [i for i, line in enumerate(lines) if VALUE.match(line)]
            i = candidates[at % len(candidates)]
            new = draw(st.sampled_from(NASTY)).encode("utf-8", "surrogatepass")
            lines[i] = VALUE.sub(lambda m, new=new: m.group(1) + new, lines[i])
        data = bytearray(b"\n".join(lines))
    return name, bytes(data)


FUZZ = settings(
    derandomize=True,
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@FUZZ
@given(case=mutated())
def test_the_library_never_raises_on_a_mutated_scenario(case):
    name, data = case
    parsers = ["c", "python"] if HAS_LIBYAML else ["python"]
    results = [load_text(data, f"{name}.yaml", parser=p) for p in parsers]
    # Both parsers agree on whether the file is good, but for one known difference: PyYAML's
    # pure-Python scanner refuses a tab after "key:", which YAML (and libyaml) allow.
    if len({r.ok for r in results}) > 1:
        python = results[-1]
        assert not python.ok and "'\\t'" in python.diagnostics[0].message, python.diagnostics
    result = results[0]
    for d in result.diagnostics:
        assert LINE.match(d.format()) and len(d.message) <= 200 and "\n" not in d.format()
    report = lint(result, simulate_runs=4)
    assert report.diagnostics or result.ok
    if result.ok:
        s = result.scenario
        sides = list(s.sides)
        cov = coverage(s, seed=1, rounds=1, games=64)
        assert cov.total == sum(len(e.options) for e in s.events)
        summary = random_play(s, 32, 1, {sides[0]: "random", sides[1]: "random"})
        assert sum(summary.counts) == 32  # every game has an ending
        simulate(s, 32, {sides[0]: "ai", sides[1]: "hawk"}, seed=2, workers=1)
    else:
        assert result.diagnostics and all(d.file == f"{name}.yaml" for d in result.diagnostics)


@settings(FUZZ, suppress_health_check=[*FUZZ.suppress_health_check, HealthCheck.function_scoped_fixture])
@given(case=mutated())
def test_the_command_line_answers_a_mutated_scenario_with_0_1_or_2(case, capsys):
    name, data = case
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{name}.yaml"
        path.write_bytes(data)
        for args in (
            ["validate", str(path)],
            ["lint", "--no-simulate", str(path)],
            ["simulate", "--runs", "16", "--scenario", str(path)],
        ):
            code = main(args)
            out = capsys.readouterr()
            assert code in (0, 1, 2), (args, out)
            assert "Traceback" not in out.err
            if code == 1 and args[0] == "validate":
                assert any(LINE.match(line) for line in out.err.splitlines()), out.err
