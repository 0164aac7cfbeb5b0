"""Real window sessions (SDL dummy driver) never destroy the player's settings file."""

from __future__ import annotations

import json
import os
from concurrent.futures import Future

import pygame
import pytest

from thirteendays.play.scenarios import load_with_reference
from thirteendays.settings import settings_path
from thirteendays.ui import app as app_module
from thirteendays.ui.screens import title as title_module

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")


def key(k: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="")


def done(fn, *args) -> Future:
    """A job run on the spot: the title's background reads finish before the first key."""
    job: Future = Future()
    job.set_result(fn(*args))
    return job


def play_session(monkeypatch: pytest.MonkeyPatch, frames: list[list[pygame.event.Event]]) -> int:
    """Run the real window loop; each frame delivers its events, and the last frame closes the window."""
    # The menu skips items that are not yet enabled: keys are counted only on a settled title.
    monkeypatch.setattr(title_module, "in_background", done)
    monkeypatch.setattr(title_module, "load_in_background", lambda name: done(load_with_reference, name))
    script = iter([*frames, [pygame.event.Event(pygame.QUIT)]])
    monkeypatch.setattr(app_module.pygame.event, "get", lambda *a, **k: next(script))
    monkeypatch.setattr(app_module, "FPS", 0)  # no frame pacing: the test needs no real time
    # Frames here take no time, so the input grace period would never pass: these tests are
    # about the settings file, and the guard has its own tests (tests/test_fall_through.py).
    monkeypatch.setattr(app_module.Context, "grace", property(lambda self: 0.0))
    # pygame.quit() would free the fonts that ui.widgets.text keeps cached for the whole process,
    # and the next window in this test process would draw with them (a segfault): keep pygame up.
    monkeypatch.setattr(app_module.pygame, "quit", lambda: None)
    return app_module.run_window(None)


def test_a_settings_file_with_a_syntax_error_is_byte_identical_after_a_window_session(monkeypatch):
    path = settings_path()
    path.parent.mkdir(parents=True)
    original = b'{\n  "palette": "colour-blind",\n  "text_scale": 1.5,,\n  "my note": "keep me"\n}\n'
    path.write_bytes(original)
    before = path.stat().st_mtime_ns
    assert play_session(monkeypatch, [[], [key(pygame.K_DOWN)], [key(pygame.K_UP)], []]) == 0
    assert path.read_bytes() == original and path.stat().st_mtime_ns == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["settings.json"]


@pytest.mark.parametrize(
    "content",
    [
        b'{"window": [1000000000, 1000000000]}',
        b'{"window": [' + b"9" * 5000 + b", 720]}",
        b'{"x": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
        b'{"fullscreen": true, "window": [7680, 4320]}',
    ],
    ids=["1e9 window", "5000-digit width", "deep nesting", "8K fullscreen"],
)
def test_hostile_settings_never_stop_the_window_from_opening(monkeypatch, content: bytes):
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    assert play_session(monkeypatch, [[], []]) == 0
    assert path.read_bytes() == content


def test_a_setting_changed_in_the_window_is_stored_and_the_bad_file_kept_aside(monkeypatch, capsys):
    path = settings_path()
    path.parent.mkdir(parents=True)
    original = b'{"palette": "high-contrast" "sound": false}'
    path.write_bytes(original)
    # title: Up six times from New game reaches Settings, past Quit and Two players (digits do
    # nothing there); in Settings 5 cycles the colours (classic -> colour-blind); Esc stores and returns
    to_settings = [[key(pygame.K_UP)]] * 6 + [[key(pygame.K_RETURN)]]
    frames = [[], *to_settings, [key(pygame.K_5)], [key(pygame.K_ESCAPE)], []]
    assert play_session(monkeypatch, frames) == 0
    assert json.loads(path.read_text()) == {"palette": "colour-blind"}
    (bad,) = path.parent.glob("settings.json.*.bad")
    assert bad.read_bytes() == original
    assert capsys.readouterr().err == ""  # said once, in the window; nothing more at quit


def test_a_session_without_changes_writes_no_settings_file(monkeypatch):
    assert play_session(monkeypatch, [[], [key(pygame.K_DOWN)]]) == 0
    assert not settings_path().exists()


def test_a_window_size_the_display_cannot_hold_is_fitted_and_not_written(monkeypatch):
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"window": [3840, 2160], "sound": False}))
    opened: list[tuple[int, int]] = []
    real_open = app_module.open_window

    def open_window(settings):
        surface = real_open(settings)
        opened.append(surface.get_size())
        return surface

    monkeypatch.setattr(app_module, "open_window", open_window)
    monkeypatch.setattr(app_module, "desktop_size", lambda: (1366, 768))
    assert play_session(monkeypatch, [[]]) == 0
    assert opened == [(1280, 720)]
    assert json.loads(path.read_text()) == {"window": [3840, 2160], "sound": False}


def test_the_settings_screen_offers_only_sizes_that_fit_the_display(monkeypatch):
    from thirteendays.settings import SettingsFile
    from thirteendays.ui.app import Context, headless_app
    from thirteendays.ui.screens import settings as screen_module
    from thirteendays.ui.screens.settings import SettingsScreen

    monkeypatch.setattr(screen_module, "desktop_size", lambda: (1600, 900))
    store = SettingsFile.load()
    ctx = Context(store.settings, settings_file=store)
    app, surface = headless_app(ctx, SettingsScreen(ctx))
    app.tick(0.5, surface)  # past the grace period in which keys are ignored
    seen = set()
    for _ in range(8):  # focus is on Window; Right cycles its sizes
        app.dispatch(key(pygame.K_RIGHT))
        seen.add(ctx.settings.window)
    assert seen == {(1024, 640), (1280, 720), (1600, 900)}
    app.dispatch(key(pygame.K_ESCAPE))
    assert json.loads(settings_path().read_text()) == {"window": list(ctx.settings.window)}
