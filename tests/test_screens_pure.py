"""Screens are views: constructing one and drawing it touch no file, no engine, no thread.

Each screen is first built in a plausible state (that part may write saves in
the test's home) and drawn once, so fonts (package assets) are cached.  Then the
filesystem, the engine and thread starts are made to raise, a fresh screen of
the same kind is constructed and every screen on the stack is drawn: nothing
may be touched, and drawing changes no state.
"""

from __future__ import annotations

import builtins
import io
import os
import threading
from pathlib import Path

import pygame
import pytest

from thirteendays.engine.game import Game
from thirteendays.play import Session
from thirteendays.storage import autosave_path, config_dir, saves_dir
from thirteendays.ui import SCREENS
from thirteendays.ui.screens.load import LoadScreen
from thirteendays.ui.shots import build, screenshot

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")


class Touched(AssertionError):
    pass


def _forbid(name: str):
    def refuse(*args, **kwargs):
        raise Touched(f"{name} was called")

    return refuse


FORBIDDEN = [
    (builtins, "open"),
    (io, "open"),
    (os, "replace"),
    (os, "rename"),
    (os, "remove"),
    (os, "unlink"),
    (os, "mkdir"),
    (Path, "open"),
    (Path, "unlink"),
    (Path, "write_text"),
    (Path, "write_bytes"),
    (Path, "read_text"),
    (Path, "read_bytes"),
    (Path, "mkdir"),
    (Path, "glob"),
    (Path, "stat"),
    (Path, "exists"),
    (Game, "choose"),
    (Game, "run"),
    (Game, "fork"),
    (Game, "step"),  # the batch command under choose
    (Game, "_advance"),  # the engine moving on by itself
    (Session, "save"),
    (Session, "choose"),
    (Session, "leave"),
    (Session, "ensure_advice"),
    (threading.Thread, "start"),
]


def _state(screen) -> dict:
    """What a screen and its session hold, compared before and after drawing."""
    own = {
        k: (v if isinstance(v, int | float | str | tuple | type(None)) else id(v))
        for k, v in vars(screen).items()
    }
    menu = getattr(screen, "menu", None)
    session = screen.ctx.session
    return {
        "own": own,
        "menu": menu.focus if menu is not None else None,
        "session": None
        if session is None
        else (session.seen, session.seen_day, id(session.advisor), len(session.game.log)),
        "messages": list(screen.ctx.messages),
    }


@pytest.mark.parametrize("name", SCREENS)
def test_constructing_and_drawing_a_screen_touches_nothing(name, monkeypatch):
    app, surface = build(name, day=9)
    if app.ctx.session is not None and app.ctx.session.advisor is not None:
        app.ctx.session.advisor.wait(60)  # its thread was started by the layer, before the check
    top = app.top

    def fresh_screen():
        return LoadScreen(app.ctx, top.saves) if isinstance(top, LoadScreen) else type(top)(app.ctx)

    for screen in [*app.stack, fresh_screen()]:  # warm the font cache: fonts are package assets
        screen.draw(surface)
    before = [_state(screen) for screen in app.stack]
    with monkeypatch.context() as patch:
        for owner, attr in FORBIDDEN:
            name = f"{getattr(owner, '__name__', owner)}.{attr}"
            patch.setattr(owner, attr, _forbid(name), raising=False)
        fresh = fresh_screen()
        for screen in app.stack:
            screen.draw(surface)
        fresh.draw(surface)
        fresh.draw(surface)
    assert [_state(screen) for screen in app.stack] == before


def _files(home: Path) -> dict[str, bytes]:
    return {str(p.relative_to(home)): p.read_bytes() for p in sorted(home.rglob("*")) if p.is_file()}


def test_screenshots_of_every_screen_leave_the_players_files_byte_identical(tmp_path):
    saves_dir().mkdir(parents=True, exist_ok=True)
    config_dir().mkdir(parents=True, exist_ok=True)
    autosave_path().write_text('{"an": "in-progress game the player cares about"}')
    (saves_dir() / "named.json").write_text("{}")
    (config_dir() / "settings.json").write_text('{"palette": "colour-blind", oops')
    home = Path(os.environ["THIRTEENDAYS_HOME"])
    before = _files(home)
    for name in SCREENS:
        out = screenshot(name, tmp_path / f"{name}.png", day=9)
        assert pygame.image.load(str(out)).get_width() == 1280
    assert _files(home) == before
    assert os.environ["THIRTEENDAYS_HOME"] == str(home)  # the throwaway home is undone


def test_the_title_draws_at_once_and_loads_the_scenario_in_the_background():
    from thirteendays.settings import Settings
    from thirteendays.ui.app import Context, init_pygame
    from thirteendays.ui.screens.title import TitleScreen

    init_pygame()
    ctx = Context(Settings(reduced_motion=True), size=(1280, 720))
    title = TitleScreen(ctx)
    surface = pygame.Surface(ctx.size)
    title.draw(surface)  # before any loading: drawn, with New game not yet open
    assert title.preview is None and not title.menu.items[3].on()
    title.update(0.0)  # the first frame starts the work on the layer's worker thread
    assert title._loading is not None
    title.settle()
    assert title.preview is not None and title.preview.scenario.id == "cuban-missile-crisis"
    assert title.menu.items[3].on() and title.reference == ""
    assert "Kennedy" in title.side_label()
