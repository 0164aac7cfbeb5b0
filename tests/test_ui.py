"""The window under SDL's dummy drivers: every screen, a monkey, a keyboard-only game, saves."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pygame
import pytest

from thirteendays.play import advisor as session_module
from thirteendays.settings import Settings, SettingsFile, load_settings, save_settings, settings_path
from thirteendays.storage import autosave_path, saves_dir
from thirteendays.ui.app import Context, headless_app
from thirteendays.ui.screens.ending import EndingScreen
from thirteendays.ui.screens.epilogue import EpilogueScreen
from thirteendays.ui.screens.title import TitleScreen
from thirteendays.ui.shots import SCREENS, build

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")


@pytest.fixture(autouse=True)
def _few_rollouts(monkeypatch):
    """The advisers' estimates are real Monte Carlo runs; small ones keep tests quick."""
    monkeypatch.setattr(session_module, "ROLLOUTS", 200)


def key(k: int, mod: int = 0) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="")


def wait_for_input(app, surface) -> None:
    """Let the screen show for its grace period, as a person would before pressing a key."""
    for _ in range(200):
        if app.accepts_input():
            return
        app.tick(0.05, surface)
    raise AssertionError("the screen never accepted input")


def run(app, surface, events) -> pygame.Surface:
    for event in events:
        wait_for_input(app, surface)
        app.dispatch(event)
        if not app.running:
            break
        app.tick(0.02, surface)
    return surface


@pytest.mark.parametrize("name", SCREENS)
@pytest.mark.parametrize("size", [(1024, 640), (1280, 720), (3840, 2160)])
def test_every_screen_renders(name, size):
    app, surface = build(name, size=size, day=9)
    app.tick(0.016, surface)
    assert app.top.name == name
    # something was drawn: the frame is not a single flat colour
    pixels = pygame.surfarray.array3d(surface)
    assert pixels.reshape(-1, 3).std(axis=0).max() > 5


@pytest.mark.parametrize("palette", ["colour-blind", "high-contrast"])
def test_palettes_render(palette):
    app, surface = build("decision", settings=Settings(palette=palette, text_scale=1.5), day=12)
    app.tick(0.016, surface)
    assert app.top.name == "decision"


def test_monkey_5000_random_events_across_all_screens():
    rng = np.random.default_rng(1962)
    keys = [
        pygame.K_RETURN,
        pygame.K_ESCAPE,
        pygame.K_UP,
        pygame.K_DOWN,
        pygame.K_LEFT,
        pygame.K_RIGHT,
        pygame.K_TAB,
        pygame.K_m,
        pygame.K_SPACE,
        pygame.K_BACKSPACE,
        pygame.K_PAGEDOWN,
        pygame.K_a,
        *range(pygame.K_1, pygame.K_9 + 1),
    ]
    ctx = Context(Settings(reduced_motion=bool(rng.integers(2))), size=(1280, 720))
    app, surface = headless_app(ctx, TitleScreen(ctx))
    seen: set[str] = set()
    for _ in range(5000):
        if not app.running:  # "Quit" was chosen: start again from the title
            app.running = True
            app.stack = [TitleScreen(ctx)]
        roll = rng.random()
        w, h = ctx.size
        if roll < 0.75:
            k = int(rng.choice(keys))
            mod = pygame.KMOD_SHIFT if rng.random() < 0.1 else 0
            event = key(k, mod)
        elif roll < 0.85:
            event = pygame.event.Event(
                pygame.MOUSEMOTION,
                pos=(int(rng.integers(w)), int(rng.integers(h))),
                rel=(0, 0),
                buttons=(0, 0, 0),
            )
        elif roll < 0.95:
            event = pygame.event.Event(
                pygame.MOUSEBUTTONDOWN,
                pos=(int(rng.integers(w)), int(rng.integers(h))),
                button=int(rng.choice([1, 1, 1, 3])),
            )
        elif roll < 0.98:
            event = pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=int(rng.choice([-1, 1])), flipped=False)
        else:
            size = (int(rng.integers(1024, 2600)), int(rng.integers(640, 1500)))
            event = pygame.event.Event(pygame.VIDEORESIZE, w=size[0], h=size[1], size=size)
        app.dispatch(event)
        app.top.settle()  # background loads finish as they would between a person's key presses
        if surface.get_size() != ctx.size:
            surface = pygame.Surface(ctx.size)
        if app.running:
            app.tick(0.02, surface)
            seen.add(app.top.name)
    assert {"title", "briefing", "decision", "resolution", "pause", "settings"} <= seen, seen


def play_keyboard_only(app, surface, max_steps: int = 2000) -> list[str]:
    """Enter through briefings and results; take option 1 (twice when asked to confirm)."""
    names = []
    for _ in range(max_steps):
        top = app.top
        names.append(top.name)
        if isinstance(top, EpilogueScreen):
            run(app, surface, [key(pygame.K_RETURN)])
            names.append(app.top.name)
            return names
        if top.name == "decision":
            run(app, surface, [key(pygame.K_1)])
            if app.top.name == "decision":  # a warning asked for confirmation
                run(app, surface, [key(pygame.K_1)])
        else:
            run(app, surface, [key(pygame.K_RETURN)])
    raise AssertionError(f"no ending after {max_steps} steps: {names[-10:]}")


def test_a_full_game_with_the_keyboard_only():
    ctx = Context(Settings(reduced_motion=True), size=(1280, 720))
    app, surface = headless_app(ctx, TitleScreen(ctx))
    app.tick(0.02, surface)
    names = play_keyboard_only(app, surface)
    assert "briefing" in names and "decision" in names and "resolution" in names
    assert "ending" in names and names[-1] == "title"


def test_khrushchev_can_play_a_full_game_too():
    ctx = Context(Settings(reduced_motion=True), size=(1280, 720))
    title = TitleScreen(ctx)
    app, surface = headless_app(ctx, title)
    run(app, surface, [key(pygame.K_UP)] * 3 + [key(pygame.K_RETURN)])  # focus the side, toggle
    assert "Khrushchev" in title.side_label()
    run(app, surface, [key(pygame.K_DOWN)] * 3 + [key(pygame.K_RETURN)])  # New game
    assert ctx.session is not None and ctx.session.game.side == "ussr"
    assert "ending" in play_keyboard_only(app, surface)


def test_save_quit_continue_and_load():
    ctx = Context(Settings(reduced_motion=True), size=(1280, 720))
    app, surface = headless_app(ctx, TitleScreen(ctx))
    run(app, surface, [key(pygame.K_RETURN), key(pygame.K_RETURN), key(pygame.K_1), key(pygame.K_RETURN)])
    game = ctx.session.game
    choices = list(game.player_choices)
    assert choices and autosave_path().exists()  # autosaved after the decision
    # Pause, save, quit to title.
    run(app, surface, [key(pygame.K_ESCAPE)])
    assert app.top.name == "pause"
    run(app, surface, [key(pygame.K_2)])  # Save game
    saved = list(saves_dir().glob("*.json"))
    assert len(saved) == 2  # the autosave and the named save
    run(app, surface, [key(pygame.K_5)])  # Quit to title
    assert app.top.name == "title" and ctx.session is None
    # Continue from the title.
    title = app.top
    title.menu.focus = 4
    run(app, surface, [key(pygame.K_RETURN)])
    assert ctx.session is not None and ctx.session.game.player_choices == choices
    assert app.top.name in ("briefing", "decision")
    # Load the named save from the pause menu.
    run(app, surface, [key(pygame.K_ESCAPE), key(pygame.K_3)])
    assert app.top.name == "load"
    run(app, surface, [key(pygame.K_RETURN)])
    assert ctx.session.game.player_choices == choices


def test_a_bad_save_is_reported_not_fatal():
    saves_dir().mkdir(parents=True, exist_ok=True)
    autosave_path().write_text("{broken")
    ctx = Context(Settings(reduced_motion=True), size=(1280, 720))
    app, surface = headless_app(ctx, TitleScreen(ctx))
    app.top.menu.focus = 4
    run(app, surface, [key(pygame.K_RETURN)])
    assert app.top.name == "title"
    assert any("not valid JSON" in m for m in ctx.messages)
    assert autosave_path().read_text() == "{broken"


def test_corrupt_settings_fall_back_to_defaults_with_a_message(tmp_path: Path):
    path = tmp_path / "settings.json"
    path.write_text("{not json")
    settings, messages = load_settings(path)
    assert settings == Settings() and "not valid JSON" in messages[0]
    path.write_text(json.dumps({"text_scale": 9, "palette": "colour-blind"}))
    settings, messages = load_settings(path)
    assert settings.palette == "colour-blind" and settings.text_scale == 1.0
    assert "text_scale" in messages[0]
    save_settings(Settings(reduced_motion=True), path)
    assert load_settings(path)[0].reduced_motion


def test_settings_screen_changes_and_stores_settings():
    app, surface = build("settings")
    ctx = app.ctx
    ctx.settings_file = SettingsFile.load()
    ctx.settings = ctx.settings_file.settings
    run(app, surface, [key(pygame.K_DOWN), key(pygame.K_DOWN), key(pygame.K_RIGHT)])  # text size up
    assert ctx.settings.text_scale == 1.25
    run(app, surface, [key(pygame.K_DOWN), key(pygame.K_DOWN), key(pygame.K_RIGHT)])  # palette
    assert ctx.settings.palette == "colour-blind"
    run(app, surface, [key(pygame.K_ESCAPE)])
    assert load_settings()[0].palette == "colour-blind"
    assert json.loads(settings_path().read_text()) == {"text_scale": 1.25, "palette": "colour-blind"}


def test_choosing_a_warned_option_asks_first():
    from thirteendays.ui.screens.decision import warnings_for

    app, surface = build("decision", day=6)
    screen = app.top
    assert screen.decision.event_id == "first-response"
    warned = next(i for i, o in enumerate(screen.decision.options) if warnings_for(app.ctx.session, o))
    assert screen.decision.options[warned].id == "air-strike"  # it carries its own risk of war
    run(app, surface, [key(pygame.K_1 + warned)])
    assert app.top is screen and screen.confirming == warned
    run(app, surface, [key(pygame.K_ESCAPE)])
    assert screen.confirming is None and app.top is screen
    run(app, surface, [key(pygame.K_1 + warned), key(pygame.K_RETURN)])  # Enter never confirms
    assert app.top is screen and screen.confirming == warned
    run(app, surface, [key(pygame.K_1 + warned)])  # too soon after the question: not yet read
    assert app.top is screen and screen.confirming == warned
    app.tick(app.ctx.grace, surface)
    run(app, surface, [key(pygame.K_1 + warned)])  # the same number again, once it has been read
    assert app.top.name == "resolution"


def test_advice_arrives_without_blocking_and_never_changes_the_game():
    app, _surface = build("decision", day=6)
    session = app.ctx.session
    before = session.game.state.tracks.copy()
    job = session.advisor
    job.wait(60)
    assert set(job.results) == set(session.view().decision.option_ids)
    for advice in job.results.values():
        assert 0 <= advice.war_low <= advice.war <= advice.war_high <= 1
    assert (session.game.state.tracks == before).all()


def test_ending_screen_shows_the_path_beside_history():
    app, _surface = build("ending")
    screen = app.top
    assert isinstance(screen, EndingScreen)
    assert screen.path and all(step.history for step in screen.path)


@pytest.mark.parametrize(
    "args",
    [
        ["screenshot", "--screen", "map", "--day", "10"],
        ["simulate", "--runs", "3000", "--scenario", "tutorial"],
    ],
)
def test_png_outputs_from_the_command_line(tmp_path: Path, args):
    out = tmp_path / "out.png"
    flag = "--out" if args[0] == "screenshot" else "--plot"
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    res = subprocess.run(
        [sys.executable, "-m", "thirteendays", *args, flag, str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert res.returncode == 0, res.stderr
    image = pygame.image.load(str(out))
    assert image.get_width() >= 1024


def test_sound_is_optional_and_synthesised():
    from thirteendays.ui import sound

    ctx = Context(Settings(sound=True), size=(1280, 720))
    sounds = sound._sounds()
    if pygame.mixer.get_init():  # the dummy audio driver gives a mixer: sounds exist and play
        assert set(sounds) == {"key", "stamp", "siren"}
        assert sounds["stamp"].get_length() > 0.1
    sound.play(ctx, "stamp")
    sound.play(Context(Settings(sound=False)), "siren")  # off: a no-op
    sound.play(ctx, "no-such-sound")  # unknown: a no-op


def test_the_title_offers_every_difficulty_and_starts_that_opponent():
    ctx = Context(Settings(reduced_motion=True), size=(1280, 720))
    title = TitleScreen(ctx)
    app, surface = headless_app(ctx, title)
    assert title.difficulty_label() == "Opponent: Master"
    run(app, surface, [key(pygame.K_UP), key(pygame.K_RIGHT)])  # focus the opponent, next level
    assert title.difficulty_label() == "Opponent: As history"
    seen = set()
    for _ in range(4):
        seen.add(title.difficulty_label())
        run(app, surface, [key(pygame.K_RIGHT)])
    assert seen == {f"Opponent: {w}" for w in ("As history", "Cautious", "Reckless", "Master")}
    run(app, surface, [key(pygame.K_DOWN), key(pygame.K_RETURN)])  # New game, As history
    assert ctx.session is not None and ctx.session.game.opponent == "historical"
