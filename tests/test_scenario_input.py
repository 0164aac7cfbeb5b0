"""Every scenario input gets a clean answer or a positioned diagnostic: never a traceback.

Each class of bad input found in issue 9 is fed to the command line's entry
function as a file in a temporary folder; the engine-level classes are ones
`validate` used to pass and the engine then crashed on.
"""

from __future__ import annotations

import os
import re
import warnings
from pathlib import Path

import numpy as np
import pytest

from conftest import ROOT
from thirteendays.cli import main
from thirteendays.engine import compiled as compiled_module
from thirteendays.engine.game import Game
from thirteendays.scenario import loader
from thirteendays.scenario.loader import MAX_BYTES, load_text, read_capped
from thirteendays.scenario.model import Scenario

BASE = (ROOT / "tests" / "fixtures" / "base.yaml").read_text()
LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>TD\d{3}) error: ")


def variant(old: str, new: str) -> str:
    assert old in BASE
    return BASE.replace(old, new, 1)


CLASSES = {
    "february 29th of a common year": (variant("start: 1962-10-22", "start: 1962-02-29"), "TD001", 5),
    "year 0": (variant("start: 1962-10-22", "start: 0000-10-22"), "TD001", 5),
    "november 31st": (variant("start: 1962-10-22", "start: 1983-11-31"), "TD001", 5),
    "an hour of 25": (variant("start: 1962-10-22", "start: 1962-10-22 25:00:00"), "TD001", 5),
    "5,000 digits": (variant("days: 3", "days: " + "9" * 5000), "TD001", 6),
    "a raw NUL": (variant("title: Fixture", "title: Fix\x00ture"), "TD005", 4),
    "an escaped NUL": (variant("title: Fixture", 'title: "Fix\\0ture"'), "TD005", 4),
    "a bell": (variant("title: Fixture", "title: Fix\x07ture"), "TD005", 4),
    "U+FFFE": (variant("title: Fixture", "title: Fix\ufffeture"), "TD005", 4),
    "a lone surrogate": (variant("title: Fixture", 'title: "Fix\\ud800ture"'), None, 4),
    "!!float 'x'": (variant("bias: -8.0", 'bias: !!float "x"'), "TD001", 17),
    "!!int ''": (variant("days: 3", 'days: !!int ""'), "TD001", 6),
    "!!bool 'maybe'": (variant("days: 3", 'days: !!bool "maybe"'), "TD001", 6),
    "!!timestamp 'garbage'": (variant("start: 1962-10-22", 'start: !!timestamp "garbage"'), "TD001", 5),
    "65 flags": (
        variant(
            "flags: [quarantine, deal]",
            "flags: [quarantine, deal, " + ", ".join(f"f{i}" for i in range(63)) + "]",
        ),
        "TD012",
        18,
    ),
    "NaN bias": (variant("bias: -8.0", "bias: .nan"), "TD012", 17),
    "infinite effect": (variant("effects: {us.military: 0.1}", "effects: {us.military: -.inf}"), "TD012", 31),
    "1e308 effect": (variant("effects: {us.military: 0.1}", "effects: {us.military: 1.0e+308}"), "TD012", 31),
    "1e308 coupling": (variant("{us.military: 0.05}", "{us.military: 1.0e+308}"), "TD012", 15),
    "start 9999-12-31": (variant("start: 1962-10-22", "start: 9999-12-31"), "TD022", 5),
    "no catch-all ending": (
        variant("    title: Standoff\n", "    title: Standoff\n    when: {flag: deal}\n"),
        "TD108",
        93,
    ),
}


def errors_in(stderr: str) -> list[re.Match]:
    return [m for line in stderr.splitlines() if (m := LINE.match(line))]


@pytest.mark.parametrize("name", list(CLASSES))
@pytest.mark.parametrize("command", ["validate", "lint", "test"])
def test_each_class_exits_1_with_its_code_at_its_line(tmp_path: Path, capsys, name: str, command: str):
    text, code, line = CLASSES[name]
    path = tmp_path / "scenario.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    args = [command, str(path)] + (["--runs", "50"] if command == "test" else [])
    assert main(args) == 1
    out = capsys.readouterr()
    found = errors_in(out.err if command != "lint" else out.out + out.err)
    assert found, (out.out, out.err)
    assert all(m["file"] == str(path) for m in found)
    if code:
        assert (code, line) in {(m["code"], int(m["line"])) for m in found}, out
    assert "Traceback" not in out.err


def test_validate_names_the_field_for_engine_limits(capsys, tmp_path: Path):
    path = tmp_path / "s.yaml"
    path.write_text(CLASSES["65 flags"][0])
    assert main(["validate", str(path)]) == 1
    assert "at most 64" in capsys.readouterr().err


@pytest.mark.parametrize("sign", [1, -1])
def test_the_engine_runs_everything_validate_accepts_at_the_edges(sign: int):
    """The largest numbers the model allows give finite tracks, no overflow, and an ending for every game."""
    big, odds = sign * 1000, sign * 40
    text = (
        variant("effects: {us.military: 0.1}", f"effects: {{us.military: {big}, world: {-big}}}")
        .replace("{us.military: 0.05}", f"{{us.military: {big}}}")
        .replace("noise: {world: 0.02}", "noise: {world: 1, us.military: 1}")
        .replace(
            "hazard: {bias: -8.0, weights: {us.military: 2.0, ussr.military: 2.0}}",
            f"hazard: {{bias: {-odds}, weights: {{us.military: {odds / 2}, ussr.military: {-odds / 2}}}}}"
            f"\n  drift: {{world: {big}}}\n  decay: {{world: 1}}",
        )
        .replace(
            "set: [quarantine]", f"set: [quarantine]\n        ai: {{weight: 1000, per: {{world: {odds}}}}}"
        )
    )
    result = load_text(text)
    assert result.ok, [d.format() for d in result.diagnostics]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an overflow in exp() or a NaN is a failure here
        for policy in ("ai", "random", "hawk", "dove", "historical"):
            outcome = Game(result.scenario, n=256).run({"us": policy, "ussr": "ai"})
            assert (outcome.endings >= 0).all()
            assert np.isfinite(outcome.state.tracks).all()
            assert (outcome.state.tracks >= 0).all() and (outcome.state.tracks <= 1).all()


@pytest.mark.parametrize(
    ("old", "new", "path"),
    [
        ("bias: -8.0", "bias: -41", "model.hazard.bias"),
        (
            "weights: {us.military: 2.0, ussr.military: 2.0}",
            "weights: {us.military: 30, ussr.military: -11}",
            "model.hazard",
        ),
        ("set: [quarantine]", "set: [quarantine]\n        ai: {per: {world: 41}}", "events[0].options[0].ai"),
    ],
)
def test_log_odds_past_what_exp_can_take_are_refused(old: str, new: str, path: str):
    result = load_text(variant(old, new))
    assert [(d.code, d.path) for d in result.diagnostics] == [("TD012", path)]


def test_a_message_never_echoes_more_than_about_200_characters(tmp_path: Path, capsys):
    huge = "q" * 50_000
    path = tmp_path / "s.yaml"
    path.write_text(variant("set: [quarantine]", f"set: [{huge}]").replace("side: ussr", f"side: {huge}", 1))
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert len(errors_in(err)) >= 2
    assert max(len(line) for line in err.splitlines()) < len(str(path)) + 400


def test_the_size_cap_holds_while_reading_a_huge_sparse_file(tmp_path: Path, capsys):
    path = tmp_path / "huge.yaml"
    with path.open("wb") as f:
        f.truncate(3 * 1024**3)  # 3 GB of zeros, taking no disk space
    assert len(read_capped(path)) == MAX_BYTES + 1
    assert main(["validate", str(path)]) == 1
    assert "TD004" in capsys.readouterr().err


@pytest.mark.parametrize("kind", ["folder", "fifo", "device"])
def test_what_is_not_a_regular_file_is_refused_without_reading_or_blocking(tmp_path: Path, capsys, kind):
    if kind == "folder":
        path = tmp_path / "folder.yaml"
        path.mkdir()
    elif kind == "fifo":
        path = tmp_path / "pipe.yaml"
        os.mkfifo(path)  # nobody writes: a blocking open would hang the test
    else:
        path = Path("/dev/zero")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "cannot read" in err and "Traceback" not in err


def test_an_unreadable_file_is_a_usage_error(tmp_path: Path, capsys, monkeypatch):
    path = tmp_path / "secret.yaml"
    path.write_text(BASE)

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(loader.os, "open", refuse)  # tests run as root, where chmod 000 still reads
    assert main(["validate", str(path)]) == 2
    assert "Permission denied" in capsys.readouterr().err


def test_a_compile_failure_is_a_diagnostic(monkeypatch):
    def broken(self, scenario):
        raise OverflowError("Python int too large to convert to C int")

    monkeypatch.setattr(compiled_module.Compiled, "__init__", broken)
    result = load_text(BASE, "f.yaml")
    assert [d.code for d in result.diagnostics] == ["TD023"]
    assert result.scenario is None


def test_any_unforeseen_failure_is_still_a_diagnostic(monkeypatch):
    def broken(data):
        raise RuntimeError("something nobody foresaw")

    monkeypatch.setattr(loader.Scenario, "model_validate", broken)
    result = load_text(BASE, "f.yaml")
    assert [d.code for d in result.diagnostics] == ["TD005"]
    assert "RuntimeError" in result.diagnostics[0].message


def test_a_game_with_no_matching_ending_says_none_in_result_and_log():
    """Only a hand-built Scenario can lack a catch-all now; the log must still agree with the result."""
    data = load_text(BASE).scenario.model_dump()
    data["endings"] = [{"id": "never", "title": "Never", "text": "x", "when": {"flag": "deal"}}]
    data["events"][1]["options"] = [o for o in data["events"][1]["options"] if o["id"] == "run"]
    scenario = Scenario.model_validate(data)
    game = Game(scenario, side="us", seed=1, opponent="historical")
    result = game.run({"us": "historical"})
    assert result.ending_id() is None
    (end,) = [entry for entry in game.log if entry.kind == "end"]
    assert end.ending == ""


@pytest.mark.parametrize("name", ["a\x00b.yaml", "x" * 5000 + ".yaml", "/tmp/" + "y" * 400 + ".yaml"])
def test_impossible_file_names_are_short_usage_errors(capsys, name: str):
    assert main(["validate", name]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err) < 300, err
