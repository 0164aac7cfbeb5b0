"""Sweeps: parameter paths, grids, sensitivity, the same numbers on every executor, bad input."""

from __future__ import annotations

import csv
import json
import logging
import os
import socket
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SCENARIOS
from thirteendays.cli import main
from thirteendays.scenario.model import Scenario
from thirteendays.sim import sweep
from thirteendays.sim.montecarlo import simulate
from thirteendays.sim.sweep_params import ParamError, apply, parameters, resolve
from thirteendays.sim.sweep_run import run_points

TUTORIAL = str(SCENARIOS / "tutorial.yaml")
AI = {"us": "ai", "ussr": "ai"}


def sweep_cli(capsys: pytest.CaptureFixture, *args: str) -> tuple[int, str, str]:
    code = main(["sweep", *args])
    out, err = capsys.readouterr()
    return code, out, err


# ----- parameter paths -----------------------------------------------------------------------
def test_paths_with_dotted_track_ids_resolve_to_the_scenario_values(tutorial: Scenario):
    m = tutorial.model
    assert resolve(tutorial, "model.hazard.bias").value == m.hazard.bias
    row, col = next((r, c) for r, cols in m.coupling.items() for c in cols)
    assert resolve(tutorial, f"model.coupling[{row}][{col}]").value == m.coupling[row][col]
    track = next(iter(m.noise))
    assert resolve(tutorial, f"model.noise[{track}]").value == m.noise[track]
    assert resolve(tutorial, "model.defcon.thresholds[2]").value == m.defcon.thresholds[2]
    inc = tutorial.incidents[0]
    assert resolve(tutorial, f"incidents[{inc.id}].chance.base").value == inc.chance.base
    assert resolve(tutorial, f"incidents[{inc.id}].risk").bounds.high == 1.0


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("model.hazrd.bias", "did you mean 'hazard'"),
        ("model.noise[us.militar]", "did you mean 'us.military'"),
        ("incidents[nope-at-all].risk", "no 'nope-at-all' in 'incidents'"),
        ("model.hazard", "is not a number"),
        ("model.defcon.thresholds[9]", "positions 0 to 3"),
        ("model..bias", "is not a parameter path"),
        ("model.hazard[x]bias", "is not a parameter path"),
    ],
)
def test_unknown_paths_are_refused_with_a_hint(tutorial: Scenario, path: str, words: str):
    with pytest.raises(ParamError, match=words.replace("[", r"\[").replace(".", r"\.")):
        resolve(tutorial, path)


def test_apply_rebuilds_through_the_models_and_leaves_the_original_alone(tutorial: Scenario):
    tracks = list(tutorial.tracks)
    missing = next(
        (r, c) for r in tracks for c in tracks if c not in tutorial.model.coupling.get(r, {}) and r != c
    )
    varied = apply(
        tutorial, [("model.hazard.bias", -7.5), (f"model.coupling[{missing[0]}][{missing[1]}]", 0.04)]
    )
    assert varied.model.hazard.bias == -7.5
    assert varied.model.coupling[missing[0]][missing[1]] == 0.04
    assert tutorial.model.hazard.bias != -7.5
    assert missing[1] not in tutorial.model.coupling.get(missing[0], {})
    assert varied.events == tutorial.events  # everything else is untouched


def test_values_the_format_forbids_are_refused(tutorial: Scenario):
    inc = tutorial.incidents[0].id
    with pytest.raises(ParamError, match="less than or equal to 1"):
        apply(tutorial, [(f"incidents[{inc}].chance.base", 1.5)])
    with pytest.raises(ParamError, match="must rise"):
        apply(tutorial, [("model.defcon.thresholds[0]", 0.99)])


def test_every_listed_parameter_resolves_to_its_value(tutorial: Scenario):
    params = parameters(tutorial)
    assert any(p.path == "model.hazard.bias" for p in params)
    for p in params:
        assert resolve(tutorial, p.path).value == p.value


@pytest.mark.parametrize(
    ("text", "values"),
    [("-10:-8:5", [-10, -9.5, -9, -8.5, -8]), ("0.1,0.3", [0.1, 0.3]), ("2", [2.0]), ("3:1:3", [3, 2, 1])],
)
def test_ranges(text: str, values: list[float]):
    assert sweep.parse_range(text) == pytest.approx(values)


@pytest.mark.parametrize("text", ["1:2:0", "1:2", "a:b:3", "", "1:2:1", "nan"])
def test_ranges_with_no_values_are_refused(text: str):
    with pytest.raises(sweep.StudyError):
        sweep.parse_range(text)


# ----- grids ---------------------------------------------------------------------------------
def test_grid_from_the_command_line(capsys, tmp_path: Path, tutorial: Scenario):
    code, out, _ = sweep_cli(
        capsys,
        TUTORIAL,
        "--vary=model.hazard.bias=-10:-6:3",
        "--us",
        "ai,hawk",
        "--runs",
        "3000",
        "--seed",
        "4",
        "--workers",
        "1",
        "--out",
        str(tmp_path / "grid"),
    )
    assert code == 0
    assert "model.hazard.bias" in out and "hawk" in out
    rows = list(csv.DictReader((tmp_path / "grid.csv").open()))
    data = json.loads((tmp_path / "grid.json").read_text())
    assert len(rows) == len(data["points"]) == 6
    assert [r["us"] for r in rows] == ["ai"] * 3 + ["hawk"] * 3
    for policy in ("ai", "hawk"):
        wars = [p["war"] for p in data["points"] if p["policies"]["us"] == policy]
        # Common random numbers: a higher war bias can only add wars, never remove one.
        assert wars == sorted(wars) and wars[-1] > wars[0]
    # A point is exactly `simulate` on the varied scenario with the same seed.
    mid = data["points"][1]
    direct = simulate(apply(tutorial, [("model.hazard.bias", -8.0)]), 3000, AI, 4, bands=False, tracks=False)
    assert mid["counts"]["war"] == direct.war
    assert list(mid["counts"]["endings"].values()) == [int(c) for c in direct.counts]
    assert float(rows[1]["war_share"]) == direct.war / 3000


# ----- sensitivity ---------------------------------------------------------------------------
def test_sensitivity_ranks_parameters_and_finds_those_without_effect(capsys, tmp_path: Path):
    code, out, _ = sweep_cli(
        capsys,
        TUTORIAL,
        "--sensitivity",
        "20%",
        "--runs",
        "2000",
        "--workers",
        "1",
        "--json",
        str(tmp_path / "s.json"),
    )
    assert code == 0
    data = json.loads((tmp_path / "s.json").read_text())
    params = data["parameters"]
    swings = [p["war_swing"] for p in params]
    assert swings == sorted(swings, reverse=True) and swings[0] > 0
    assert out.splitlines()[4].startswith(params[0]["path"] + " ")  # the table lists the largest swing first
    base = data["baseline"]["counts"]
    for p in params:
        assert p["low_value"] == pytest.approx(p["value"] * 0.8) or p["clipped"]
        assert p["high_value"] == pytest.approx(p["value"] * 1.2) or p["clipped"]
        same = p["counts"]["low"] == base and p["counts"]["high"] == base
        assert p["no_effect"] == same
    moved = {p["path"] for p in params}
    assert all(path.startswith(("model.", "incidents[")) for path in moved)
    assert not moved & set(data["zero_not_moved"])
    assert f"{sum(p['no_effect'] for p in params)} have no effect" in out


def test_sensitivity_holds_moves_inside_the_format(tutorial: Scenario):
    plan = sweep.sensitivity(tutorial, 0.5, ["incidents[*].chance.base", "tracks[*].war_at"])
    for step in plan.steps:
        assert step.param.bounds.low <= step.low <= step.high <= step.param.bounds.high
        if step.param.value * 1.5 > step.param.bounds.high:
            assert step.clipped


# ----- the same numbers everywhere -----------------------------------------------------------
def test_process_pool_and_dask_local_cluster_give_identical_numbers(
    capsys, tmp_path: Path, tutorial: Scenario
):
    from dask.distributed import LocalCluster

    points = sweep.grid(
        tutorial,
        [("model.hazard.bias", [-9.0, -7.0]), ("model.noise[us.military]", [0.01, 0.04])],
        {"us": ["ai"], "ussr": ["ai", "dove"]},
        2000,
    )
    serial = run_points(tutorial, points, 2000, 11, workers=1)
    pool = run_points(tutorial, points, 2000, 11, workers=2)
    args = [TUTORIAL, "--vary", "model.hazard.bias=-9:-7:2", "--ussr", "ai,dove", "--runs", "2000"]
    code, _, _ = sweep_cli(capsys, *args, "--workers", "2", "--json", str(tmp_path / "local.json"))
    assert code == 0
    cluster_options = {"processes": False, "dashboard_address": None, "silence_logs": logging.CRITICAL}
    with LocalCluster(n_workers=2, threads_per_worker=1, **cluster_options) as cluster:
        dask = run_points(tutorial, points, 2000, 11, scheduler=cluster.scheduler_address)
        code, _, err = sweep_cli(
            capsys, *args, "--scheduler", cluster.scheduler_address, "--json", str(tmp_path / "dask.json")
        )
        assert code == 0, err
    assert serial == pool == dask
    assert len({o.counts for o in serial}) == len(points)  # the points really differ
    assert (tmp_path / "local.json").read_text() == (tmp_path / "dask.json").read_text()


def test_a_scheduler_without_workers_is_one_line_and_exit_1(capsys, tmp_path: Path):
    from dask.distributed import LocalCluster

    with LocalCluster(
        n_workers=0, processes=False, dashboard_address=None, silence_logs=logging.CRITICAL
    ) as c:
        code, _, err = sweep_cli(
            capsys,
            TUTORIAL,
            "--vary",
            "model.hazard.bias=-9:-7:2",
            "--runs",
            "500",
            "--scheduler",
            c.scheduler_address,
            "--connect-timeout",
            "1",
            "--out",
            str(tmp_path / "r"),
        )
    assert code == 1 and err.count("\n") == 1 and "has no workers" in err and "dask worker" in err
    assert not list(tmp_path.iterdir())


def test_params_globs_take_brackets_literally(tutorial: Scenario):
    inc = tutorial.incidents[0].id
    plan = sweep.sensitivity(tutorial, 0.2, [f"incidents[{inc}].*"])
    assert plan.steps and all(s.param.path.startswith(f"incidents[{inc}].") for s in plan.steps)
    everything = sweep.sensitivity(tutorial, 0.2, ["*"])
    assert len(everything.steps) + len(everything.zero) == len(parameters(tutorial))


# ----- bad input -----------------------------------------------------------------------------
def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["--vary", "model.hazrd.bias=-10:-8:5"], 2, "did you mean 'hazard'"),
        (["--vary", "model.hazard.bias=-10:-8:0"], 2, "no values"),
        (["--vary", "model.hazard.bias"], 2, "PATH=LO:HI:N"),
        (["--vary", "model.hazard.bias=-10:-8:100", "--runs", "30000000"], 2, "above the limit"),
        (["--vary", "model.hazard.bias=1:2:2", "--vary", "model.hazard.bias=3:4:2"], 2, "twice"),
        (["--vary", "model.defcon.thresholds[0]=0.1:0.99:3"], 2, "must rise"),
        (["--vary", "model.hazard.bias=1:2:2", "--us", "hawkish"], 2, "did you mean 'hawk'"),
        (["--sensitivity", "150%"], 2, "between 0% and 100%"),
        (["--sensitivity", "20%", "--us", "ai,hawk"], 2, "one policy"),
        (["--sensitivity", "20%", "--params", "nothing.*"], 2, "no parameter matches"),
        ([], 2, "not both"),
        (["--vary", "model.hazard.bias=1:2:2", "--plot", "x.png"], 2, "needs --sensitivity"),
        (["--vary", "model.hazard.bias=1:2:2", "--scheduler", "nowhere"], 2, "not an address"),
        (
            [
                *("--vary", "model.hazard.bias=1:2:2", "--connect-timeout", "1"),
                *("--scheduler", f"tcp://127.0.0.1:{_closed_port()}"),
            ],
            1,
            "cannot reach the Dask scheduler",
        ),
    ],
)
def test_bad_input_gives_one_line_and_an_exit_status(capsys, tmp_path: Path, args, code: int, words: str):
    got, _, err = sweep_cli(capsys, TUTORIAL, *args, "--out", str(tmp_path / "r"))
    assert got == code
    assert err.count("\n") == 1 and words in err, err
    assert not list(tmp_path.iterdir())  # nothing is written when the study does not run


def test_an_invalid_scenario_gives_its_diagnostics_and_exit_1(capsys, tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(Path(TUTORIAL).read_text().replace("bias:", "bais:", 1))
    code, out, err = sweep_cli(capsys, str(bad), "--sensitivity", "20%")
    assert code == 1 and not out
    assert all(line.startswith(f"{bad}:") for line in err.splitlines()) and "did you mean 'bias'" in err


def test_a_missing_file_is_a_usage_error(capsys, tmp_path: Path):
    code, _, err = sweep_cli(capsys, str(tmp_path / "none.yaml"), "--sensitivity", "20%")
    assert code == 2 and err.count("\n") == 1


def test_list_names_every_parameter(capsys, tutorial: Scenario):
    code, out, _ = sweep_cli(capsys, TUTORIAL, "--list")
    assert code == 0
    assert f"model.hazard.bias = {tutorial.model.hazard.bias:g}" in out.splitlines()
    assert len(out.splitlines()) == len(parameters(tutorial))


# ----- the chart, as a user runs it ----------------------------------------------------------
def test_tornado_chart_is_a_valid_png(tmp_path: Path):
    out = tmp_path / "charts" / "tornado.png"
    out.parent.mkdir()  # a missing folder is refused, as by every command that writes a file
    res = subprocess.run(
        [
            *(sys.executable, "-m", "thirteendays", "sweep", TUTORIAL, "--sensitivity", "20%"),
            *("--runs", "1000", "--workers", "1", "--plot", str(out)),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"},
        cwd=tmp_path,
        timeout=120,
    )
    assert res.returncode == 0, res.stderr
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    assert width == 1400 and height > 300


def test_a_huge_range_or_a_folder_prefix_is_refused_before_any_work(capsys, tmp_path: Path):
    code, _, err = sweep_cli(capsys, TUTORIAL, "--vary", "model.hazard.bias=1:2:99999999999", "--runs", "10")
    assert code == 2 and "at most 10,000 points" in err and err.count("\n") == 1
    folder = tmp_path / "out"
    folder.mkdir()
    code, _, err = sweep_cli(capsys, TUTORIAL, "--vary", "model.hazard.bias=-9:-8:2", "--out", f"{folder}/")
    assert code == 2 and "is a folder" in err
    assert list(folder.iterdir()) == []
