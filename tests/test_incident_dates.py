"""Incidents pinned to dates (``weights`` by day) and ``thirteendays test --history``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import numpy as np
import pytest

from conftest import ROOT, SCENARIOS
from thirteendays.cli import main
from thirteendays.engine.compiled import Compiled
from thirteendays.engine.state import State
from thirteendays.engine.streams import Streams
from thirteendays.engine.tension import roll_incidents
from thirteendays.scenario.loader import load_file
from thirteendays.sim.history_test import history_run

FIXTURE = ROOT / "tests" / "fixtures" / "base.yaml"
INCIDENT = """incidents:
  - id: mishap
    title: A mishap
    text: Something goes wrong.
    days: [1, 2, 3]
    chance: {base: 0.05, per: {us.military: 0.1}}
    effects: {world: 0.05}
    note: A fixture.
    source: Fixture for the tests
"""


def _scenario(tmp_path: Path, weights: str | None):
    text = FIXTURE.read_text(encoding="utf-8").replace("endings:\n", INCIDENT + "endings:\n", 1)
    if weights is not None:
        text = text.replace(
            "    effects: {world: 0.05}\n", f"    effects: {{world: 0.05}}\n    weights: {weights}\n"
        )
    path = tmp_path / "weighted.yaml"
    path.write_text(text, encoding="utf-8")
    return load_file(path)


def _fired_by_day(c: Compiled, n: int, seed: int) -> list[np.ndarray]:
    state = State.initial(c, n)
    streams = Streams.for_run(seed, n)
    out = []
    for day in (1, 2, 3):
        before = state.incidents[0].copy()
        roll_incidents(c, state, streams, day)
        out.append(state.incidents[0] & ~before)
    return out


def test_a_weight_scales_the_days_chance_and_leaves_the_others(tmp_path: Path):
    result = _scenario(tmp_path, "{2: 20, 3: 0}")
    assert result.ok, [d.format() for d in result.diagnostics]
    c = Compiled(result.scenario)
    n = 20_000
    day1, day2, day3 = _fired_by_day(c, n, seed=3)
    p1 = 0.05 + 0.1 * 0.3  # base + per * the start of us.military
    assert abs(day1.mean() - p1) < 4 * np.sqrt(p1 * (1 - p1) / n)
    assert day2.sum() == n - day1.sum()  # 20 x 0.08 clips to 1: every game left gets it
    assert day3.sum() == 0  # a weight of 0 shuts the day


def test_without_weights_every_day_keeps_its_chance(tmp_path: Path):
    c = Compiled(_scenario(tmp_path, None).scenario)
    n = 20_000
    _, day2, _ = _fired_by_day(c, n, seed=3)
    assert 0.05 < day2.mean() < 0.11


def test_weighted_incidents_are_deterministic_by_seed(tmp_path: Path):
    c = Compiled(_scenario(tmp_path, "{2: 5}").scenario)
    first = _fired_by_day(c, 5000, seed=9)
    again = _fired_by_day(c, 5000, seed=9)
    other = _fired_by_day(c, 5000, seed=10)
    assert all(np.array_equal(a, b) for a, b in zip(first, again, strict=True))
    assert not all(np.array_equal(a, b) for a, b in zip(first, other, strict=True))


def test_a_weight_outside_the_window_is_an_error_at_its_line(tmp_path: Path):
    result = _scenario(tmp_path, "{4: 2}")
    assert not result.ok
    lines = [d.format() for d in result.diagnostics]
    assert len(lines) == 1 and "TD022" in lines[0] and "day 4" in lines[0], lines


def test_history_counts_incidents_per_day_among_games_still_running(tmp_path: Path):
    result = _scenario(tmp_path, "{2: 20}")
    report = history_run(result.scenario, runs=2000, seed=1)
    days = report.incident_days("mishap")
    assert set(days) == {1, 2, 3}
    assert 0.04 < days[1] < 0.13
    # Day 2 is certain for every running game that has not had it yet: the share of all
    # running games is one minus those already hit on day 1 (and the few that went to war
    # on day 2 before the incidents were rolled).
    fired = report.fired["mishap"]
    assert report.running[2] - 20 <= fired[1] + fired[2] <= report.running[1] and days[2] > 0.85
    assert days[3] == 0.0  # once: it has happened everywhere by then
    assert report.never("mishap") == pytest.approx(1 - report.fired["mishap"].sum() / 2000)
    assert report.running[1] == 2000 and report.running[2] <= 2000


def test_history_without_a_defcon_model_reports_none(tmp_path: Path):
    result = _scenario(tmp_path, None)
    assert result.scenario.model.defcon is None
    report = history_run(result.scenario, runs=200, seed=1)
    assert report.defcon is None and report.defcon_shares(1) == {}


def test_history_is_the_same_for_the_same_seed():
    scenario = load_file(SCENARIOS / "cuban_missile_crisis.yaml").scenario
    a, b = history_run(scenario, 300, 4), history_run(scenario, 300, 4)
    assert all(np.array_equal(a.fired[k], b.fired[k]) for k in a.fired)
    assert a.endings == b.endings


def test_the_cli_prints_history_as_text_json_and_csv(capsys):
    path = str(SCENARIOS / "tutorial.yaml")
    assert main(["test", path, "--history", "--runs", "300", "--seed", "2"]) == 0
    text = capsys.readouterr().out
    assert "every side following history" in text and "submarine" in text and "DEFCON" in text
    assert main(["test", path, "--history", "--runs", "300", "--seed", "2", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["runs"] == 300 and data["policy"] == "historical"
    assert data["days"][0]["flags"]["quarantine"] == pytest.approx(1.0)  # history quarantines on day 1
    assert set(data["incidents"]) == {"submarine", "sub-surfaces"}
    assert main(["test", path, "--history", "--runs", "300", "--seed", "2", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {r["kind"] for r in rows} >= {"incident", "incident_never", "defcon", "flag", "ending"}
    flag_day1 = next(r for r in rows if r["kind"] == "flag" and r["id"] == "quarantine" and r["day"] == "1")
    assert float(flag_day1["share"]) == pytest.approx(1.0)
