"""Each kind of bad scenario gets its code at its line and column, all in one pass."""

from __future__ import annotations

import pytest
import yaml

from conftest import SCENARIOS
from thirteendays.scenario.loader import content_hash, load_text

TUTORIAL = (SCENARIOS / "tutorial.yaml").read_text(encoding="utf-8")


def locate(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based line and column of the n-th occurrence of needle."""
    start = -1
    for _ in range(occurrence):
        start = text.index(needle, start + 1)
    line = text.count("\n", 0, start) + 1
    col = start - (text.rfind("\n", 0, start) + 1) + 1
    return line, col


def mutate(old: str, new: str, occurrence: int = 1) -> tuple[str, tuple[int, int]]:
    where = locate(TUTORIAL, old, occurrence)
    parts = TUTORIAL.split(old)
    text = old.join(parts[:occurrence]) + new + old.join(parts[occurrence:])
    return text, where


CASES = [
    # (description, old text, new text, occurrence, code, message fragment, hint fragment)
    (
        "misspelt key",
        "effects: {world: -0.05}",
        "efects: {world: -0.05}",
        1,
        "TD010",
        "unknown key 'efects'",
        "did you mean 'effects'",
    ),
    (
        "misspelt top-level key",
        "incidents:\n",
        "incidnets:\n",
        1,
        "TD010",
        "unknown key 'incidnets'",
        "did you mean 'incidents'",
    ),
    ("bad stance", "stance: hold", "stance: hod", 1, "TD012", "'escalate', 'hold' or 'concede'", ""),
    (
        "unknown flag",
        "set: [quarantine]",
        "set: [quarantne]",
        1,
        "TD020",
        "unknown flag 'quarantne'",
        "did you mean 'quarantine'",
    ),
    (
        "unknown flag in the hazard's settlement",
        "until: {flag: withdrawal}",
        "until: {flag: withdrawl}",
        1,
        "TD020",
        "unknown flag 'withdrawl'",
        "did you mean 'withdrawal'",
    ),
    (
        "unknown track in effects",
        "effects: {world: -0.05}",
        "effects: {wrld: -0.05}",
        1,
        "TD020",
        "unknown track 'wrld'",
        "did you mean 'world'",
    ),
    (
        "unknown side",
        "side: ussr\n",
        "side: ussrr\n",
        1,
        "TD020",
        "unknown side 'ussrr'",
        "did you mean 'ussr'",
    ),
    (
        "unknown option in a condition",
        "option: air-strike}",
        "option: airstrike}",
        1,
        "TD020",
        "unknown option 'airstrike'",
        "did you mean 'air-strike'",
    ),
    ("duplicate event id", "id: strike-reply", "id: ships", 1, "TD021", "duplicate event id 'ships'", ""),
    ("event after the last day", "day: 3\n", "day: 9\n", 1, "TD022", "after the last day", ""),
    ("a number where text belongs", "start: 0.35", "start: high", 1, "TD012", "valid number", ""),
    (
        "bad condition",
        "when: {flag: quarantine}",
        "when: {flg: quarantine}",
        1,
        "TD012",
        "a condition needs one of the keys",
        "flag",
    ),
    ("duplicate key", "    day: 2\n", "    day: 2\n    day: 2\n", 1, "TD002", "duplicate key 'day'", ""),
]


@pytest.mark.parametrize(
    ("name", "old", "new", "occ", "code", "msg", "hint"), CASES, ids=[c[0] for c in CASES]
)
def test_each_defect_is_reported_at_its_position(name, old, new, occ, code, msg, hint):
    text, (line, col) = mutate(old, new, occ)
    if code == "TD002":
        line += 1  # the second of the two keys
    result = load_text(text, "bad.yaml")
    assert not result.ok
    matching = [d for d in result.diagnostics if d.code == code]
    assert matching, [d.format() for d in result.diagnostics]
    d = matching[0]
    assert d.line == line, d.format()
    assert msg in d.message, d.format()
    assert hint in d.hint, d.format()
    formatted = d.format()
    assert formatted.startswith(f"bad.yaml:{d.line}:{d.col}: {code} error: ")
    if code in ("TD010", "TD002"):
        assert d.col == col + (4 if code == "TD002" else 0) or d.col == col, formatted


def test_efects_at_line_42_names_line_42_its_column_and_the_fix():
    data = yaml.safe_load(TUTORIAL)  # test-side only: re-lay the file so events come first
    data = {"events": data.pop("events"), **data}
    lines = yaml.safe_dump(data, sort_keys=False, width=200).splitlines()
    idx = min(i for i, ln in enumerate(lines) if ln.strip().startswith("effects:"))
    lines = ["# padding"] * (41 - idx) + lines
    assert lines[41].strip().startswith("effects:")
    col = lines[41].index("effects") + 1
    lines[41] = lines[41].replace("effects", "efects", 1)
    result = load_text("\n".join(lines) + "\n", "s.yaml")
    (d,) = [d for d in result.diagnostics if d.code == "TD010"]
    assert (d.line, d.col) == (42, col)
    assert "did you mean 'effects'" in d.hint
    assert d.format().startswith(f"s.yaml:42:{col}:")


def test_all_problems_are_reported_in_one_pass():
    text = (
        TUTORIAL.replace("set: [quarantine]", "set: [quarantne]")
        .replace("option: air-strike}", "option: airstrike}")
        .replace("side: ussr\n", "side: soviet\n", 1)
    )
    result = load_text(text, "many.yaml")
    assert {d.code for d in result.diagnostics} == {"TD020"}
    assert len(result.diagnostics) == 3


def test_the_tutorial_loads_clean(tutorial):
    assert tutorial.id == "tutorial"
    assert tutorial.days == 3


def test_content_hash_ignores_comments_but_not_content(tutorial):
    same = load_text("# a new comment\n" + TUTORIAL, "x.yaml").scenario
    changed = load_text(TUTORIAL.replace("start: 0.35", "start: 0.36"), "x.yaml").scenario
    assert content_hash(same) == content_hash(tutorial)
    assert content_hash(changed) != content_hash(tutorial)


def test_a_scenario_must_be_a_mapping():
    result = load_text("- just\n- a list\n", "l.yaml")
    assert [d.code for d in result.diagnostics] == ["TD012"]
