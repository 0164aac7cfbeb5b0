"""The linter: each broken fixture gets its code at its line; shipped scenarios lint clean."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, SCENARIOS
from thirteendays.scenario.codes import CODES
from thirteendays.scenario.diagnostics import Severity
from thirteendays.scenario.lint import format_report, lint
from thirteendays.scenario.loader import load_file

FIXTURES = Path(__file__).parent / "fixtures"
BROKEN = sorted((FIXTURES / "broken").glob("*.yaml"))
EXPECT = re.compile(r"# expect: (TD\d{3})(?: line (\d+))?")


def test_the_base_fixture_lints_clean():
    report = lint(load_file(FIXTURES / "base.yaml"))
    assert report.diagnostics == [], format_report(report)


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_each_broken_fixture_gets_its_code_at_its_line(path: Path):
    code, line = EXPECT.match(path.read_text().splitlines()[0]).groups()
    report = lint(load_file(path), simulate_runs=0)
    hits = [d for d in report.diagnostics if d.code == code]
    assert hits, format_report(report)
    if line:
        assert int(line) in {d.line for d in hits}, format_report(report)
    assert all(d.file == str(path) for d in report.diagnostics)
    assert report.failed(strict=True)


def test_every_code_is_exercised_by_a_fixture_or_a_loader_test():
    covered = {EXPECT.match(p.read_text().splitlines()[0]).group(1) for p in BROKEN}
    covered |= {"TD004", "TD113"}  # alias bombs: test_yaml_safe; TD113: test_simulated_sweep_notes_untaken
    covered |= {"TD023"}  # the engine refusing a valid scenario: test_scenario_input (no file can do it)
    assert covered == set(CODES)


@pytest.mark.parametrize("name", ["cuban_missile_crisis.yaml", "tutorial.yaml", "berlin_1961.yaml"])
def test_shipped_scenarios_lint_clean(name):
    path = SCENARIOS / name
    report = lint(load_file(path))
    assert not report.failed(strict=True), format_report(report)
    assert report.count(Severity.INFO) == 0, format_report(report)


def test_simulated_sweep_notes_untaken_options(tmp_path: Path):
    text = (
        (FIXTURES / "base.yaml")
        .read_text()
        .replace("      - id: refuse\n", "      - id: refuse\n        when: {track: world, above: 0.99}\n")
    )
    path = tmp_path / "rare.yaml"
    path.write_text(text)
    report = lint(load_file(path), simulate_runs=500)
    assert [d.code for d in report.diagnostics] == ["TD113"]
    assert not report.failed(strict=False)


def test_the_diagnostics_doc_lists_every_code_and_nothing_else():
    doc = (ROOT / "docs" / "diagnostics.md").read_text()
    documented = set(re.findall(r"^## (TD\d{3})", doc, re.M))
    assert documented == set(CODES)
    for code in CODES.values():
        section = doc.split(f"## {code.code}")[1].split("\n## ")[0]
        assert code.severity.value in section and "Example" in section and "Fix" in section
