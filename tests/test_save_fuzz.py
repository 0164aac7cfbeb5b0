"""Fuzz: mutated saves never make opening a save or ``replay`` raise.

A real save of the tutorial is mutated (fields replaced by hostile values,
removed, added, choices shuffled and cut) and written to disk; opening it must
give a session or one-line diagnostics, and ``replay`` must exit 0 or 1.
Seeded and bounded, so it runs the same in CI every time.
"""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thirteendays.cli import main
from thirteendays.play import new_game, open_save
from thirteendays.storage import autosave_path

FIELDS = ["scenario_id", "scenario_hash", "seed", "side", "opponent", "choices", "format", "scenario_file"]

hostile_text = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "\ud800",
            "\x00",
            "us",
            "ussr",
            "tutorial",
            "cuban-missile-crisis",
            "/proc/self/status",
            "/proc/self/x.yaml",
            "scenarios/tutorial.yaml",
            "scenarios/../../etc/passwd.yaml",
            "../tutorial.yaml",
            "x" * 5000,
            "ai",
            "hawk",
        ]
    ),
)
hostile_number = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([0, 1, 2**64 - 1, 2**64, -1, 1.5, float("nan"), float("inf"), True]),
)
leaf = st.one_of(st.none(), st.booleans(), hostile_number, hostile_text)
json_value = st.recursive(
    leaf,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=12,
)


@st.composite
def mutations(draw):
    changes = []
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["replace", "remove", "add", "choices", "nest"]))
        changes.append((kind, draw(st.sampled_from(FIELDS)), draw(json_value), draw(st.integers(0, 6))))
    return changes


def apply(data: dict, changes) -> str:
    for kind, key, value, n in changes:
        if kind == "replace":
            data[key] = value
        elif kind == "remove":
            data.pop(key, None)
        elif kind == "add":
            data[f"extra_{n}"] = value
        elif kind == "choices" and isinstance(data.get("choices"), list):
            choices = data["choices"]
            data["choices"] = choices[n:] + choices[:n] if n % 2 else choices[: max(0, len(choices) - n)]
        elif kind == "nest":
            data[key] = json.loads("[" * (n * 300) + "1" + "]" * (n * 300))
    return json.dumps(data, allow_nan=True)


_BASE: list[str] = []


def base_save() -> dict:
    """A real save of two choices (made once; each example gets a fresh copy)."""
    if _BASE:
        return json.loads(_BASE[0])
    session = new_game("tutorial", "us", 7, "historical").session
    while session.view().decision is not None and len(session.game.player_choices) < 2:
        session.choose(session.view().decision.options[0].id)
    session.save()
    _BASE.append(autosave_path().read_text())
    return json.loads(_BASE[0])


@settings(
    derandomize=True,
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(changes=mutations())
def test_mutated_saves_never_raise(tmp_path: Path, capsys, changes):
    path = tmp_path / "mutated.json"
    text = apply(base_save(), changes)
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    before = path.read_bytes()
    opened = open_save(path)
    if not opened.ok:
        lines = opened.lines()
        assert lines and all("\n" not in line and len(line) < 600 for line in lines)
    capsys.readouterr()
    status = main(["replay", str(path)])
    err = capsys.readouterr().err
    assert status in (0, 1) and "Traceback" not in err
    assert status == (0 if opened.ok else 1)
    assert path.read_bytes() == before
