"""Hot reload: a saved edit replays the player's choices; a broken edit keeps the last good game."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pygame

from conftest import SCENARIOS
from thirteendays.engine.game import Game
from thirteendays.play import Session
from thirteendays.scenario.loader import load_file
from thirteendays.settings import Settings
from thirteendays.ui.app import Context, headless_app
from thirteendays.ui.flow import screen_for
from thirteendays.ui.watch import ScenarioWatcher

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")


def setup(tmp_path: Path):
    path = tmp_path / "tutorial.yaml"
    shutil.copy(SCENARIOS / "tutorial.yaml", path)
    game = Game(load_file(path).scenario, side="us", seed=3, opponent="historical")
    game.choose("quarantine")
    game.choose("show-photos")
    ctx = Context(Settings(reduced_motion=True), size=(1280, 720))
    ctx.session = Session(game, str(path))
    watcher = ScenarioWatcher(path)
    ctx.watch = watcher
    app, surface = headless_app(ctx, screen_for(ctx))
    return path, ctx, watcher, app, surface


def edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text().replace(old, new))
    stamp = path.stat().st_mtime_ns + 1_000_000_000
    os.utime(path, ns=(stamp, stamp))


def test_a_saved_edit_reloads_and_replays_the_choices(tmp_path: Path):
    path, ctx, watcher, app, surface = setup(tmp_path)
    edit(path, "The photographs", "The new photographs")
    assert watcher.poll(app, dt=1.0)
    game = ctx.session.game
    assert game.scenario.events[0].title == "The new photographs"
    assert game.player_choices == [("response", "quarantine"), ("security-council", "show-photos")]
    assert game.decision().event.id == "letters"
    assert any("replayed 2 choice" in m for m in ctx.messages)
    app.tick(0.02, surface)  # the reset screen draws


def test_a_broken_edit_is_shown_and_the_last_good_game_keeps_running(tmp_path: Path):
    path, ctx, watcher, app, surface = setup(tmp_path)
    before = ctx.session.game
    edit(path, "effects: {world: -0.05}", "efects: {world: -0.05}")
    assert not watcher.poll(app, dt=1.0)
    assert ctx.session.game is before
    assert any("Not reloaded" in m and "did you mean 'effects'" in m for m in ctx.messages)
    app.tick(0.02, surface)
    pygame.image.tostring(surface, "RGB")  # still drawing


def test_an_edit_that_removes_a_chosen_option_keeps_what_still_fits(tmp_path: Path):
    path, ctx, watcher, app, _ = setup(tmp_path)
    edit(path, "      - id: quarantine\n", "      - id: naval-quarantine\n")
    assert watcher.poll(app, dt=1.0)
    assert ctx.session.game.player_choices == []
    assert any("no longer fit" in m for m in ctx.messages)


def test_nothing_happens_until_the_file_changes(tmp_path: Path):
    _, ctx, watcher, app, _ = setup(tmp_path)
    before = ctx.session.game
    assert not watcher.poll(app, dt=1.0)
    assert ctx.session.game is before


def test_saving_an_impossible_date_or_a_control_character_keeps_the_window_and_the_game(tmp_path: Path):
    """These used to raise out of the loader and close the window, losing the game."""
    path, ctx, watcher, app, surface = setup(tmp_path)
    before = ctx.session.game
    text = path.read_text()
    start = next(line for line in text.splitlines() if line.startswith("start:"))
    for broken, code in (
        (text.replace(start, "start: 1962-02-29"), "TD001"),
        (text + "\nx: \x00\n", "TD005"),
    ):
        path.write_text(broken)
        stamp = path.stat().st_mtime_ns + 1_000_000_000 * (2 if code == "TD005" else 1)
        os.utime(path, ns=(stamp, stamp))
        assert not watcher.poll(app, dt=1.0)
        assert ctx.session.game is before
        assert any("Not reloaded" in m and code in m for m in ctx.messages), ctx.messages
        app.tick(0.02, surface)  # the window keeps drawing
