"""Settings are never lost: unreadable files are kept, only changes are written, values are range-checked."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from thirteendays.settings import (
    MAX_WINDOW,
    MIN_WINDOW,
    WINDOW_SIZES,
    Settings,
    SettingsFile,
    fit_window,
    load_settings,
    save_settings,
    settings_path,
    sizes_for,
)

# Every way a settings file can be unreadable as a whole; each must leave it byte for byte as it is.
UNREADABLE: dict[str, bytes] = {
    "syntax error": b'{"palette": "colour-blind",, "text_scale": 1.5}',
    "truncated": b'{"palette": "colour-bl',
    "a list, not an object": b'["palette", "colour-blind"]',
    "a bare number": b"12",
    "deep nesting": b'{"x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    "nesting under the recursion limit": b'{"x": ' + b"[" * 500 + b"]" * 500 + b"}",
    "a 5,000-digit number": b'{"text_scale": ' + b"9" * 5000 + b"}",
    "NaN": b'{"text_scale": NaN}',
    "Infinity": b'{"text_scale": -Infinity}',
    "a float overflowing to inf": b'{"text_scale": 1e999}',
    "not UTF-8": b'{"palette": "colour-blind", "note": "caf\xe9"}',
    "empty": b"",
}


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "config" / "settings.json"


@pytest.mark.parametrize("kind", list(UNREADABLE))
def test_an_unreadable_file_gives_defaults_one_message_and_is_never_written(path: Path, kind: str):
    path.parent.mkdir(parents=True)
    path.write_bytes(UNREADABLE[kind])
    store = SettingsFile.load(path)
    assert store.settings == Settings() and store.raw is None
    assert len(store.messages) == 1
    message = store.messages[0]
    assert message.startswith(f"{path}:") and "left as it is" in message and "\n" not in message
    assert store.save() == []  # the player changed nothing: nothing is written
    assert path.read_bytes() == UNREADABLE[kind]
    assert sorted(p.name for p in path.parent.iterdir()) == ["settings.json"]


def test_a_syntax_error_is_reported_at_its_line_and_column(path: Path):
    path.parent.mkdir(parents=True)
    path.write_text('{\n  "palette": "classic",\n  "sound": tru\n}\n')
    (message,) = load_settings(path)[1]
    assert message.startswith(f"{path}:3:12: settings file ignored: not valid JSON")


def test_a_folder_in_its_place_is_left_alone_even_when_the_player_changes_something(path: Path):
    path.mkdir(parents=True)
    (path / "keep.txt").write_text("mine")
    store = SettingsFile.load(path)
    assert store.settings == Settings() and "not a regular file" in store.messages[0]
    store.settings.palette = "high-contrast"
    (message,) = store.save()
    assert "settings not saved" in message
    assert path.is_dir() and (path / "keep.txt").read_text() == "mine"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_a_named_pipe_in_its_place_does_not_block_the_start(path: Path):
    path.parent.mkdir(parents=True)
    os.mkfifo(path)  # reading this would wait forever for a writer
    settings, messages = load_settings(path)
    assert settings == Settings() and "not a regular file" in messages[0]


def test_a_huge_file_is_not_read_whole(path: Path):
    path.parent.mkdir(parents=True)
    with path.open("wb") as fh:
        fh.truncate(3 * 1024**3)  # 3 GB, sparse: costs no disk
    settings, messages = load_settings(path)
    assert settings == Settings() and "bytes, more than settings ever need" in messages[0]
    assert path.stat().st_size == 3 * 1024**3


def test_changing_a_setting_over_an_unreadable_file_keeps_it_as_a_dated_bad_copy(path: Path):
    path.parent.mkdir(parents=True)
    original = b'{"palette": "colour-blind", oops}'
    path.write_bytes(original)
    store = SettingsFile.load(path)
    store.settings.text_scale = 1.5
    (message,) = store.save()
    (bad,) = path.parent.glob("settings.json.*.bad")
    assert bad.name in message and "kept as" in message
    assert bad.read_bytes() == original
    assert json.loads(path.read_text()) == {"text_scale": 1.5}
    store.settings.sound = False
    assert store.save() == []  # said once: the next save is an ordinary one
    assert json.loads(path.read_text()) == {"text_scale": 1.5, "sound": False}
    assert len(list(path.parent.glob("*.bad"))) == 1


def test_only_the_values_the_player_changed_are_written(path: Path):
    store = SettingsFile.load(path)
    assert store.save() == [] and not path.exists()  # nothing changed: no file at all
    store.settings.palette = "colour-blind"
    store.settings.sound = False
    store.settings.sound = True  # changed back: not a change
    store.save()
    assert json.loads(path.read_text()) == {"palette": "colour-blind"}


def test_unknown_keys_and_bad_values_survive_a_save(path: Path):
    path.parent.mkdir(parents=True)
    original = {
        "palette": "colour-blind",
        "text_scale": 9,
        "window": [1e9, 1e9],
        "from_a_newer_version": {"nested": [1, 2, {"deep": True}]},
        "note": "caf\u00e9 \U0001f680",
    }
    path.write_text(json.dumps(original))
    store = SettingsFile.load(path)
    assert store.settings.palette == "colour-blind"
    assert store.settings.text_scale == 1.0 and store.settings.window == (1280, 720)
    assert {m.split("'")[1] for m in store.messages} == {"text_scale", "window"}
    assert all(m.startswith(f"{path}:1:1: setting '") for m in store.messages)
    store.settings.reduced_motion = True
    assert store.save() == []
    assert json.loads(path.read_text()) == {**original, "reduced_motion": True}
    store.settings.text_scale = 1.25  # the player's new choice replaces the bad value
    store.save()
    assert json.loads(path.read_text()) == {**original, "reduced_motion": True, "text_scale": 1.25}


@pytest.mark.parametrize(
    "field, value",
    [
        ("window", [1e9, 1e9]),
        ("window", [0, 0]),
        ("window", [-1280, 720]),
        ("window", [1280]),
        ("window", [1280, 720, 3]),
        ("window", [1280.5, 720]),
        ("window", "big"),
        ("text_scale", 0),
        ("text_scale", 2.01),
        ("text_scale", "large"),
        ("palette", "neon"),
        ("palette", None),
        ("fullscreen", "maybe"),
        ("sound", [True]),
        ("reduced_motion", {"on": True}),
    ],
)
def test_every_value_is_range_checked(path: Path, field: str, value):
    path.parent.mkdir(parents=True)
    path.write_text(
        json.dumps({field: value, "palette": "high-contrast"} if field != "palette" else {field: value})
    )
    settings, messages = load_settings(path)
    assert getattr(settings, field) == getattr(Settings(), field)
    assert len(messages) == 1 and f"setting '{field}" in messages[0]
    if field != "palette":
        assert settings.palette == "high-contrast"  # the good values are kept


def test_the_window_limits_match_the_layout():
    from thirteendays.ui.theme import MIN_H, MIN_W

    assert MIN_WINDOW == (MIN_W, MIN_H)
    assert all(
        MIN_WINDOW[0] <= w <= MAX_WINDOW[0] and MIN_WINDOW[1] <= h <= MAX_WINDOW[1] for w, h in WINDOW_SIZES
    )
    Settings(window=MIN_WINDOW)
    Settings(window=MAX_WINDOW)


def test_a_window_larger_than_the_display_is_fitted_to_it():
    assert fit_window((3840, 2160), (1920, 1080)) == (1920, 1080)
    assert fit_window((2560, 1600), (1920, 1200)) == (1920, 1080)
    assert fit_window((1280, 720), (1366, 768)) == (1280, 720)
    assert fit_window((3840, 2160), (1100, 700)) == (1024, 640)
    assert fit_window((3840, 2160), None) == (3840, 2160)  # unknown display: left alone
    assert fit_window((3840, 2160), (0, 0)) == (3840, 2160)
    assert sizes_for((1600, 900)) == WINDOW_SIZES[:3]
    assert sizes_for(None) == WINDOW_SIZES


def test_fitting_to_a_small_display_is_not_written_as_the_players_choice(path: Path):
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"window": [3840, 2160]}))
    store = SettingsFile.load(path)
    store.fit_to_display((1366, 768))
    assert store.settings.window == (1280, 720)
    store.settings.palette = "colour-blind"
    store.save()
    assert json.loads(path.read_text()) == {"window": [3840, 2160], "palette": "colour-blind"}


def test_save_settings_and_the_default_path_use_the_home_folder():
    assert settings_path() == Path(os.environ["THIRTEENDAYS_HOME"]) / "config" / "settings.json"
    assert save_settings(Settings(reduced_motion=True)) == []
    assert json.loads(settings_path().read_text()) == {"reduced_motion": True}
    assert load_settings()[0].reduced_motion


def test_a_byte_order_mark_is_accepted(path: Path):
    path.parent.mkdir(parents=True)
    path.write_bytes(b'\xef\xbb\xbf{"palette": "colour-blind"}')
    assert load_settings(path) == (Settings(palette="colour-blind"), [])


def test_a_symlinked_settings_file_stays_a_symlink(path: Path, tmp_path: Path):
    dotfiles = tmp_path / "dotfiles" / "thirteendays.json"
    dotfiles.parent.mkdir()
    dotfiles.write_text('{"sound": false}')
    path.parent.mkdir(parents=True)
    path.symlink_to(dotfiles)
    store = SettingsFile.load(path)
    assert store.settings.sound is False
    store.settings.palette = "colour-blind"
    assert store.save() == []
    assert path.is_symlink() and json.loads(dotfiles.read_text()) == {
        "sound": False,
        "palette": "colour-blind",
    }


def test_edits_made_while_the_game_runs_are_kept(path: Path):
    path.parent.mkdir(parents=True)
    path.write_text('{"palette": "classic"')  # broken when the game starts...
    store = SettingsFile.load(path)
    path.write_text('{"palette": "high-contrast", "mine": 1}')  # ...and fixed by hand while it runs
    store.settings.sound = False
    assert store.save() == []  # readable again: merged into, not moved aside
    assert json.loads(path.read_text()) == {"palette": "high-contrast", "mine": 1, "sound": False}
    assert not list(path.parent.glob("*.bad"))


def test_a_byte_that_is_not_utf8_is_reported_at_its_line_and_column(path: Path):
    path.parent.mkdir(parents=True)
    path.write_bytes(b'{\n  "note": "caf\xe9"\n}')
    (message,) = load_settings(path)[1]
    assert message.startswith(f"{path}:2:15: settings file ignored: it is not UTF-8 text")


def test_unknown_text_is_written_as_the_player_wrote_it(path: Path):
    path.parent.mkdir(parents=True)
    path.write_text('{"note": "caf\u00e9 \u2603"}', encoding="utf-8")
    store = SettingsFile.load(path)
    store.settings.sound = False
    store.save()
    assert "caf\u00e9 \u2603" in path.read_text(encoding="utf-8")
    path.write_text('{"odd": "\\udc80"}')  # a lone surrogate, legal in JSON, not in UTF-8
    store = SettingsFile.load(path)
    store.settings.sound = False
    assert store.save() == []
    assert json.loads(path.read_text()) == {"odd": "\udc80", "sound": False}


def test_bad_settings_are_explained_in_plain_words_and_yes_is_not_true():
    """'Value error, ...' and 'Input should be ...' are pydantic's words, not the player's."""
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"fullscreen": "yes", "text_scale": 5, "window": [10, 10]}))
    settings, messages = load_settings()
    assert settings.fullscreen is False and settings.text_scale == 1.0
    assert len(messages) == 3
    assert not any("Value error" in m or "Input should" in m for m in messages), messages
    assert any("'fullscreen' ignored: it must be true or false" in m for m in messages), messages
