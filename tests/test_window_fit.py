"""The first window fits the display (at most 90% of it) and a remembered position stays on it."""

from __future__ import annotations

import json

from thirteendays.settings import Settings, SettingsFile, first_window, settings_path


def test_a_first_window_takes_ninety_percent_of_the_display_never_less_than_the_smallest_layout():
    assert first_window((1920, 1080)) == (1728, 972)
    assert first_window((1024, 640)) == (1024, 640)  # the smallest layout, at the display's corner
    assert first_window((1100, 700)) == (1024, 640)
    assert first_window(None) is None and first_window((0, 0)) is None


def test_a_first_start_sizes_the_window_to_the_display_and_writes_nothing():
    store = SettingsFile.load()
    store.fit_to_display((2560, 1440))
    assert store.settings.window == (2304, 1296)
    assert store.changes() == {}


def test_a_stored_size_is_kept_and_a_position_off_this_display_is_forgotten():
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"window": [1280, 720], "window_pos": [2500, 100]}))
    store = SettingsFile.load()
    store.fit_to_display((1920, 1080))
    assert store.settings.window == (1280, 720)
    assert store.settings.window_pos is None
    kept = SettingsFile.load()
    kept.fit_to_display((3840, 2160))
    assert kept.settings.window_pos == (2500, 100)


def test_the_grace_period_is_a_checked_setting():
    assert Settings().input_grace_ms == 350
    import pytest
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        Settings.model_validate({"input_grace_ms": 99999})
