"""The guide works: its tutorial file validates, lints, tests and plays; its reference is current."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT
from thirteendays.scenario.lint import lint
from thirteendays.scenario.loader import load_file
from thirteendays.scenario.reference import diagnostics_doc, field_reference
from thirteendays.sim.scenario_test import coverage

GUIDE = (ROOT / "docs" / "writing-scenarios.md").read_text(encoding="utf-8")


def tutorial_file(tmp_path: Path) -> Path:
    block = GUIDE.split("<!-- tutorial:begin -->")[1].split("<!-- tutorial:end -->")[0]
    text = re.search(r"```yaml\n(.*?)```", block, re.S).group(1)
    path = tmp_path / "lighthouse.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_tutorial_scenario_validates_lints_and_covers_every_option(tmp_path: Path):
    path = tutorial_file(tmp_path)
    result = load_file(path)
    assert result.ok, [d.format() for d in result.diagnostics]
    report = lint(result)
    assert not report.failed(strict=True), [d.format() for d in report.diagnostics]
    cov = coverage(result.scenario)
    assert cov.complete and cov.covered == cov.total


def test_the_tutorial_scenario_plays_in_the_terminal(tmp_path: Path):
    path = tutorial_file(tmp_path)
    env = {**os.environ, "THIRTEENDAYS_HOME": str(tmp_path / "home")}
    res = subprocess.run(
        [sys.executable, "-m", "thirteendays", "play", "--text", "--scenario", str(path), "--seed", "1"],
        input="2\n1\n1\n1\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert res.returncode == 0, res.stderr
    assert "The end:" in res.stdout and "Epilogue" in res.stdout


def test_the_tutorial_steps_add_up_to_the_whole_file(tmp_path: Path):
    steps = GUIDE.split("<!-- tutorial:begin -->")[0]
    whole = tutorial_file(tmp_path).read_text()
    for block in re.findall(r"```yaml\n(.*?)```", steps, re.S):
        for line in block.splitlines():
            if line.strip() and not line.startswith("# yaml-language-server"):
                assert line in whole, line


def test_the_field_reference_is_generated_from_the_models():
    section = GUIDE.split("<!-- reference:begin -->\n")[1].split("\n<!-- reference:end -->")[0]
    assert section == field_reference()


def test_the_diagnostics_doc_is_generated_from_the_catalogue():
    assert (ROOT / "docs" / "diagnostics.md").read_text(encoding="utf-8") == diagnostics_doc()
