from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest

from thirteendays.scenario import yaml_safe
from thirteendays.scenario.yaml_safe import MAX_NODES

PARSERS = ["python", "c"] if yaml_safe.HAS_LIBYAML else ["python"]


@pytest.fixture(params=PARSERS)
def load_yaml(request):
    """Every test here runs on libyaml's C parser and on the pure-Python one: same rules, same positions."""
    return partial(yaml_safe.load_yaml, parser=request.param)


def codes(result) -> list[str]:
    return [d.code for d in result.diagnostics]


def test_yes_no_on_off_stay_strings_and_only_true_false_are_booleans(load_yaml):
    r = load_yaml("a: no\nb: yes\nc: on\nd: off\ne: true\nf: false\ng: No\n")
    assert r.data == {"a": "no", "b": "yes", "c": "on", "d": "off", "e": True, "f": False, "g": "No"}
    assert r.diagnostics == []


def test_duplicate_keys_are_reported_at_the_second_occurrence(load_yaml):
    r = load_yaml("id: a\ntitle: x\nid: b\n", "f.yaml")
    (d,) = r.diagnostics
    assert (d.code, d.line, d.col) == ("TD002", 3, 1)
    assert "first at line 1" in d.message


def test_positions_are_recorded_for_keys_and_values(load_yaml):
    r = load_yaml("a:\n  b: [1, {c: 2}]\n")
    assert r.positions.keys[("a", "b")] == (2, 3)
    assert r.positions.values[("a", "b", 1, "c")] == (2, 14)


def test_python_object_tags_are_refused_and_nothing_runs(load_yaml, tmp_path: Path):
    marker = tmp_path / "pwned"
    text = f'x: !!python/object/apply:os.system ["touch {marker}"]\n'
    r = load_yaml(text, "evil.yaml")
    assert codes(r) == ["TD003"]
    assert r.diagnostics[0].line == 1
    assert not marker.exists()


def test_other_unsafe_tags_are_refused(load_yaml):
    for tag in ("!!python/name:os.system", "!!python/module:os", "!!binary aGk=", "!custom 1"):
        r = load_yaml(f"x: {tag}\n")
        assert "TD003" in codes(r) or "TD001" in codes(r), tag


def billion_laughs(levels: int = 9) -> str:
    text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    prev = "a"
    for name in "bcdefghij"[:levels]:
        text += f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]\n"
        prev = name
    return text


def test_billion_laughs_is_refused_before_expansion(load_yaml):
    r = load_yaml(billion_laughs(), "bomb.yaml")
    assert codes(r) == ["TD004"]
    assert r.data is None
    assert str(MAX_NODES) in r.diagnostics[0].message


def test_small_aliases_are_allowed(load_yaml):
    r = load_yaml("base: &b {x: 1}\nother: *b\n")
    assert r.data == {"base": {"x": 1}, "other": {"x": 1}}


def test_deep_nesting_is_refused(load_yaml):
    r = load_yaml("[" * 200 + "]" * 200)
    assert codes(r) == ["TD004"]


def test_huge_files_are_refused(load_yaml):
    r = load_yaml(b"a: " + b"x" * 3_000_000)
    assert codes(r) == ["TD004"]


def test_syntax_errors_have_positions(load_yaml):
    r = load_yaml("a: [1, 2\nb: 3\n", "bad.yaml")
    (d,) = r.diagnostics
    assert d.code == "TD001" and d.line >= 2


def test_merge_keys_are_refused(load_yaml):
    r = load_yaml("a: &a {x: 1}\nb:\n  <<: *a\n  y: 2\n")
    assert "TD003" in codes(r)


def test_empty_and_non_utf8_files(load_yaml):
    assert codes(load_yaml("")) == ["TD001"]
    assert codes(load_yaml(b"\xff\xfe\x00a: 1")) == ["TD001"]


def test_libyaml_is_used_whenever_pyyaml_has_it():
    """The fast start depends on it; a PyYAML without libyaml still works, slower."""
    import yaml

    assert bool(yaml.__with_libyaml__) == yaml_safe.HAS_LIBYAML
    expected = yaml_safe.StrictCLoader if yaml.__with_libyaml__ else yaml_safe.StrictLoader
    assert yaml_safe._loader_class("auto") is expected
    assert yaml_safe._loader_class("python") is yaml_safe.StrictLoader


def test_both_parsers_give_the_same_data_and_positions_for_every_shipped_scenario():
    root = Path(__file__).resolve().parent.parent / "scenarios"
    for path in sorted(root.glob("*.yaml")):
        text = path.read_bytes()
        c = yaml_safe.load_yaml(text, path.name, parser="c")
        py = yaml_safe.load_yaml(text, path.name, parser="python")
        assert c.diagnostics == py.diagnostics == []
        assert c.data == py.data
        assert c.positions.values == py.positions.values
        assert c.positions.keys == py.positions.keys


def test_positions_count_characters_not_bytes(load_yaml):
    r = load_yaml("title: Крізис\nnote: «x»\nb: [1, 2]\n")
    assert r.positions.values[("b", 1)] == (3, 8)
    assert r.positions.values[("note",)] == (2, 7)


@pytest.mark.parametrize("depth", [64, 900_000])
def test_nesting_is_refused_as_it_is_read_however_deep(load_yaml, depth):
    """libyaml's own composer crashes the process at this depth, and its parser is quadratic."""
    r = load_yaml("a: " + "[" * depth + "]" * depth)
    assert codes(r) == ["TD004"]
    assert (r.diagnostics[0].line, r.diagnostics[0].col) == (1, 4 + 63)


@pytest.mark.parametrize(
    ("text", "code", "where"),
    [
        ("a: b\x00c\n", "TD005", (1, 5)),
        ("a: ok\nb: x\x07\n", "TD005", (2, 5)),
        ("a: x\ufffe\n", "TD005", (1, 5)),
        ('a: "bell \\a"\n', "TD005", (1, 4)),
        ('a: "nul \\0"\n', "TD005", (1, 4)),
        ("a: !!float x\n", "TD001", (1, 4)),
        ('a: !!int ""\n', "TD001", (1, 4)),
        ('a: !!bool "maybe"\n', "TD001", (1, 4)),
        ('a: !!timestamp "garbage"\n', "TD001", (1, 4)),
        ("a: 1962-02-29\n", "TD001", (1, 4)),
        ("a: 0000-01-01\n", "TD001", (1, 4)),
        ("a: 1983-11-31\n", "TD001", (1, 4)),
        ("a: 1962-10-22 25:00:00\n", "TD001", (1, 4)),
        ("a: " + "7" * 5000 + "\n", "TD001", (1, 4)),
        ("a: *nowhere\n", "TD001", (1, 4)),
        ("a: &x [*x]\n", "TD001", (1, 8)),
        ("a: &x 1\nb: &x 2\n", "TD001", (2, 4)),
        ("a: 1\n---\nb: 2\n", "TD001", (2, 1)),
    ],
)
def test_every_bad_scalar_or_stream_is_a_diagnostic_with_its_position(load_yaml, text, code, where):
    r = load_yaml(text, "f.yaml")
    assert code in codes(r), [d.format() for d in r.diagnostics]
    d = next(d for d in r.diagnostics if d.code == code)
    assert (d.line, d.col) == where, d.format()
    assert len(d.format()) < 400


def test_a_bom_is_accepted(load_yaml):
    assert load_yaml("\ufeffa: 1\n".encode()).data == {"a": 1}


def test_the_one_known_difference_a_tab_after_a_colon():
    """YAML allows a tab as the space after 'key:'; libyaml reads it, PyYAML's Python scanner refuses it.

    Both answers are clean (data, or TD001 with a position); the default parser is libyaml.
    """
    assert yaml_safe.load_yaml("a:\tb\n", parser="c").data == {"a": "b"}
    refused = yaml_safe.load_yaml("a:\tb\n", "f.yaml", parser="python")
    assert [(d.code, d.line, d.col) for d in refused.diagnostics] == [("TD001", 1, 3)]
