"""The command line, run as a user runs it: in a subprocess, checking exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SCENARIOS

TUTORIAL = str(SCENARIOS / "tutorial.yaml")


def run(*args: str, stdin: str | None = None, env: dict | None = None, cwd: Path | None = None):
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "thirteendays", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd,
        timeout=300,
    )


def test_validate_passes_good_files_and_fails_bad(tmp_path: Path):
    ok = run("validate", TUTORIAL)
    assert ok.returncode == 0, ok.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        (SCENARIOS / "tutorial.yaml").read_text().replace("effects: {world: -0.05}", "efects: {world: -0.05}")
    )
    res = run("validate", str(bad))
    assert res.returncode == 1
    assert f"{bad}:" in res.stderr and "did you mean 'effects'" in res.stderr
    assert "Traceback" not in res.stderr


def test_malicious_scenario_is_refused_and_nothing_runs(tmp_path: Path):
    marker = tmp_path / "ran"
    evil = tmp_path / "evil.yaml"
    evil.write_text(f'format: 1\nid: !!python/object/apply:os.system ["touch {marker}"]\n')
    res = run("validate", str(evil))
    assert res.returncode == 1
    assert "TD003" in res.stderr
    assert not marker.exists()


@pytest.mark.parametrize(
    "args",
    [
        ["simulate", "--runs", "0"],
        ["simulate", "--us", "genius"],
        ["play", "--seed", "minus"],
        ["play", "--scenario", "no_such_scenario", "--text"],
        ["play", "--side", "cuba", "--text", "--scenario", TUTORIAL],
        ["frobnicate"],
        ["validate"],
        ["play", "--text", "--continue", "--load", "pre21"],
    ],
)
def test_usage_errors_exit_2_without_a_traceback(args):
    res = run(*args)
    assert res.returncode == 2, (res.stdout, res.stderr)
    assert "Traceback" not in res.stderr
    assert res.stderr.strip()


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["play", "--seed", "abc"], "'abc' is not a whole number"),
        (["play", "--difficulty", "easy"], "invalid choice: 'easy'"),
        (["play", "--text", "--load", "nosuchsave"], "no such save file"),
        (["play", "--text", "--opponent", "hawk", "--difficulty", "cautious"], "give one"),
    ],
)
def test_a_usage_error_is_one_line_with_a_hint_not_the_usage_block(args, said, tmp_path: Path):
    """'--seed abc' printed argparse's seven-line usage block before its one problem; a save
    name that names nothing exited 1; two names for the opponent let one silently win."""
    res = run(*args, env={"THIRTEENDAYS_HOME": str(tmp_path / "home")}, cwd=tmp_path)
    assert res.returncode == 2, (res.stdout, res.stderr)
    assert res.stderr.count("\n") == 1 and said in res.stderr and "usage:" not in res.stderr


def test_simulate_prints_ending_shares_and_json():
    res = run("simulate", "--runs", "2000", "--scenario", "tutorial", "--us", "historical", "--ussr", "ai")
    assert res.returncode == 0, res.stderr
    assert "95% interval" in res.stdout and "Nuclear war" in res.stdout
    res = run("simulate", "--runs", "2000", "--scenario", "tutorial", "--json", "--seed", "3")
    data = json.loads(res.stdout)
    assert abs(sum(e["share"] for e in data["endings"].values()) - 1) < 1e-9
    again = json.loads(
        run("simulate", "--runs", "2000", "--scenario", "tutorial", "--json", "--seed", "3").stdout
    )
    assert again == data


def test_text_play_from_piped_input_reaches_the_ending_and_epilogue(tmp_path: Path):
    res = run(
        "play", "--text", "--scenario", TUTORIAL, "--seed", "3", "--opponent", "historical", stdin="2\n1\n2\n"
    )
    assert res.returncode == 0, res.stderr
    assert "The end: Withdrawal and a secret trade" in res.stdout
    assert "Your path beside history" in res.stdout
    assert "Epilogue" in res.stdout and "Hotline Agreement" in res.stdout


def test_text_play_saves_when_input_runs_out_and_continue_resumes(tmp_path: Path):
    home = {"THIRTEENDAYS_HOME": str(tmp_path / "home")}
    first = run("play", "--text", "--scenario", TUTORIAL, "--seed", "3", stdin="2\n", env=home)
    assert first.returncode == 1
    assert "saved" in first.stdout
    second = run("play", "--text", "--continue", stdin="1\n1\n1\n", env=home)
    assert second.returncode == 0, second.stderr
    assert "The end:" in second.stdout


def test_play_without_a_display_says_how_to_play_in_the_terminal():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")}
    res = subprocess.run(
        [sys.executable, "-m", "thirteendays", "play", "--scenario", TUTORIAL],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert res.returncode == 2
    assert "--text" in res.stderr and "Traceback" not in res.stderr


def test_replay_command(tmp_path: Path):
    home = {"THIRTEENDAYS_HOME": str(tmp_path / "home")}
    run("play", "--text", "--scenario", TUTORIAL, "--seed", "3", stdin="2\n", env=home)
    save = tmp_path / "home" / "data" / "saves" / "autosave.json"
    assert save.exists()
    res = run("replay", str(save))
    assert res.returncode == 0, res.stderr
    assert "response -> quarantine (player)" in res.stdout
    bad = tmp_path / "broken.json"
    bad.write_text("{oops")
    res = run("replay", str(bad))
    assert res.returncode == 1 and res.stderr.startswith(f"{bad}:1:")


def test_schema_command_prints_the_schema():
    res = run("schema")
    assert res.returncode == 0
    assert json.loads(res.stdout)["title"] == "Thirteen Days scenario"


def test_lint_exit_codes_and_strict():
    fixtures = Path(__file__).parent / "fixtures"
    assert run("lint", str(fixtures / "base.yaml")).returncode == 0
    error = run("lint", "--no-simulate", str(fixtures / "broken" / "td104_read_never_set.yaml"))
    assert error.returncode == 1 and "TD104 error" in error.stdout
    warning = str(fixtures / "broken" / "td105_unused_flag.yaml")
    assert run("lint", "--no-simulate", warning).returncode == 0
    strict = run("lint", "--no-simulate", "--strict", warning)
    assert strict.returncode == 1 and "TD105 warning" in strict.stdout


def test_the_play_test_report_is_reproducible_in_every_format():
    args = ("test", TUTORIAL, "--runs", "3000", "--seed", "5")
    first = run(*args, "--format", "json")
    assert first.returncode == 0, first.stderr
    data = json.loads(first.stdout)
    assert data["coverage"]["complete"] and data["coverage"]["covered"] == data["coverage"]["total"]
    assert run(*args, "--format", "json").stdout == first.stdout
    csv_out = run(*args, "--format", "csv").stdout.splitlines()
    assert csv_out[0] == "kind,id,option,day,value,low,high"
    assert any(line.startswith("ending,") for line in csv_out) and any(
        line.startswith("band,") for line in csv_out
    )
    text = run(*args).stdout
    assert "Coverage: " in text and "Hits per event and option" in text and "Track bands" in text
    other = json.loads(run("test", TUTORIAL, "--runs", "3000", "--seed", "6", "--format", "json").stdout)
    assert other["random_play"]["endings"] != data["random_play"]["endings"]


def test_the_historical_scenario_plays_to_the_end_from_an_answers_file(tmp_path: Path):
    answers = tmp_path / "answers.txt"
    answers.write_text("1\n" * 40)
    with answers.open() as stdin:
        res = subprocess.run(
            [sys.executable, "-m", "thirteendays", "play", "--text", "--seed", "11"],
            stdin=stdin,
            capture_output=True,
            text=True,
            timeout=300,
            env={**os.environ, "THIRTEENDAYS_HOME": str(tmp_path / "home")},
        )
    assert res.returncode == 0, res.stderr
    assert "Day 1 — Tuesday, October 16, 1962" in res.stdout
    assert "The end:" in res.stdout and "Your path beside history" in res.stdout
    assert "New START" in res.stdout


def test_simulate_the_default_scenario_historical_against_ai():
    res = run("simulate", "--runs", "10000", "--us", "historical", "--ussr", "ai")
    assert res.returncode == 0, res.stderr
    assert "Withdrawal, and a secret trade" in res.stdout and "Nuclear war" in res.stdout


def test_a_bare_play_opens_the_title_and_any_game_option_starts_a_game():
    from thirteendays.cli import build_parser, starts_at_title

    parse = build_parser().parse_args
    assert starts_at_title(parse(["play"]))
    for extra in (
        ["--side", "ussr"],
        ["--seed", "3"],
        ["--scenario", "tutorial"],
        ["--continue"],
        ["--text"],
        ["--opponent", "hawk"],
    ):
        assert not starts_at_title(parse(["play", *extra])), extra
