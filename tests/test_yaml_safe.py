from __future__ import annotations

from pathlib import Path

from thirteendays.scenario.yaml_safe import MAX_NODES, load_yaml


def codes(result) -> list[str]:
    return [d.code for d in result.diagnostics]


def test_yes_no_on_off_stay_strings_and_only_true_false_are_booleans():
    r = load_yaml("a: no\nb: yes\nc: on\nd: off\ne: true\nf: false\ng: No\n")
    assert r.data == {"a": "no", "b": "yes", "c": "on", "d": "off", "e": True, "f": False, "g": "No"}
    assert r.diagnostics == []


def test_duplicate_keys_are_reported_at_the_second_occurrence():
    r = load_yaml("id: a\ntitle: x\nid: b\n", "f.yaml")
    (d,) = r.diagnostics
    assert (d.code, d.line, d.col) == ("TD002", 3, 1)
    assert "first at line 1" in d.message


def test_positions_are_recorded_for_keys_and_values():
    r = load_yaml("a:\n  b: [1, {c: 2}]\n")
    assert r.positions.keys[("a", "b")] == (2, 3)
    assert r.positions.values[("a", "b", 1, "c")] == (2, 14)


def test_python_object_tags_are_refused_and_nothing_runs(tmp_path: Path):
    marker = tmp_path / "pwned"
    text = f'x: !!python/object/apply:os.system ["touch {marker}"]\n'
    r = load_yaml(text, "evil.yaml")
    assert codes(r) == ["TD003"]
    assert r.diagnostics[0].line == 1
    assert not marker.exists()


def test_other_unsafe_tags_are_refused():
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


def test_billion_laughs_is_refused_before_expansion():
    r = load_yaml(billion_laughs(), "bomb.yaml")
    assert codes(r) == ["TD004"]
    assert r.data is None
    assert str(MAX_NODES) in r.diagnostics[0].message


def test_small_aliases_are_allowed():
    r = load_yaml("base: &b {x: 1}\nother: *b\n")
    assert r.data == {"base": {"x": 1}, "other": {"x": 1}}


def test_deep_nesting_is_refused():
    r = load_yaml("[" * 200 + "]" * 200)
    assert codes(r) == ["TD004"]


def test_huge_files_are_refused():
    r = load_yaml(b"a: " + b"x" * 3_000_000)
    assert codes(r) == ["TD004"]


def test_syntax_errors_have_positions():
    r = load_yaml("a: [1, 2\nb: 3\n", "bad.yaml")
    (d,) = r.diagnostics
    assert d.code == "TD001" and d.line >= 2


def test_merge_keys_are_refused():
    r = load_yaml("a: &a {x: 1}\nb:\n  <<: *a\n  y: 2\n")
    assert "TD003" in codes(r)


def test_empty_and_non_utf8_files():
    assert codes(load_yaml("")) == ["TD001"]
    assert codes(load_yaml(b"\xff\xfe\x00a: 1")) == ["TD001"]
