"""The interface cannot be fallen through: a key meant for one screen never takes a choice on the next.

The clock is the app's own (``ctx.time``, advanced by ``tick``), so the tests inject time
frame by frame and never sleep.
"""

from __future__ import annotations

import itertools
import os

import pygame
import pytest

from thirteendays.play import advisor as advisor_module
from thirteendays.play import new_game
from thirteendays.settings import Settings
from thirteendays.ui.app import Context, headless_app, without_paths
from thirteendays.ui.flow import screen_for
from thirteendays.ui.screens.decision import DecisionScreen

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

FRAME = 1 / 60


@pytest.fixture(autouse=True)
def _few_rollouts(monkeypatch):
    monkeypatch.setattr(advisor_module, "ROLLOUTS", 50)


def key(k: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="")


def start(scenario: str, side: str, settings: Settings) -> tuple:
    ctx = Context(settings, size=(1280, 720))
    ctx.session = new_game(scenario, side, 3, "historical").session
    return headless_app(ctx, screen_for(ctx))


@pytest.mark.parametrize("scenario", ["cuban_missile_crisis", "berlin_1961", "tutorial"])
@pytest.mark.parametrize("reduced", [False, True])
def test_enter_as_fast_as_possible_takes_nothing_blind(monkeypatch, scenario, reduced):
    """Enter and '1' on every frame: each choice comes from a drawn screen older than the grace."""
    settings = Settings(reduced_motion=reduced)
    app, surface = start(scenario, "us", settings)
    grace = settings.input_grace_ms / 1000
    drawn: list[str] = []  # decisions as they were put on screen
    taken: list[tuple[str, float, str | None]] = []
    real_draw, real_choose = DecisionScreen.draw, app.ctx.session.choose

    def draw(self, surf):
        real_draw(self, surf)
        drawn.append(self.decision.event_id)

    def choose(option_id):
        top = app.top
        taken.append((top.decision.event_id, app.ctx.time - app.shown_at, drawn[-1] if drawn else None))
        return real_choose(option_id)

    monkeypatch.setattr(DecisionScreen, "draw", draw)
    monkeypatch.setattr(app.ctx.session, "choose", choose)
    for _ in range(20_000):
        if app.ctx.session.view().finished:
            break
        app.dispatch(key(pygame.K_RETURN))
        app.dispatch(key(pygame.K_1))
        app.tick(FRAME, surface)
    assert app.ctx.session.view().finished, "mashing the keys still plays the game to its end"
    assert taken and app.ignored > 0
    for event_id, age, last_drawn in taken:
        assert age >= grace, f"{event_id} was taken {age:.3f}s after its screen appeared"
        assert last_drawn == event_id, f"{event_id} was taken before it was displayed"


def test_no_card_has_the_focus_until_the_player_moves():
    settings = Settings(reduced_motion=True, input_grace_ms=0)
    app, surface = start("cuban_missile_crisis", "us", settings)
    app.tick(FRAME, surface)
    app.dispatch(key(pygame.K_RETURN))  # the briefing
    app.tick(FRAME, surface)
    assert app.top.name == "decision" and app.top.focus is None
    before = len(app.ctx.session.game.player_choices)
    app.dispatch(key(pygame.K_RETURN))
    app.tick(FRAME, surface)
    assert app.top.name == "decision" and len(app.ctx.session.game.player_choices) == before
    app.dispatch(key(pygame.K_DOWN))
    assert app.top.focus == 0


def test_every_event_opens_on_its_briefing():
    """A day's second event gets its own briefing: Enter on the resolution never lands on choices."""
    settings = Settings(reduced_motion=True, input_grace_ms=0)
    app, surface = start("cuban_missile_crisis", "us", settings)
    seen: list[str] = []
    for _ in range(400):
        if app.ctx.session.view().finished:
            break
        before = app.top.name
        if before == "decision":
            app.dispatch(key(pygame.K_1))
            if app.top.name == "decision":
                app.dispatch(key(pygame.K_1))
        else:
            app.dispatch(key(pygame.K_RETURN))
        app.tick(FRAME, surface)
        if app.top.name != before:
            seen.append(app.top.name)
    for a, b in itertools.pairwise(seen):
        if b == "decision":
            assert a == "briefing", seen


def test_a_screen_not_yet_drawn_takes_no_input():
    settings = Settings(reduced_motion=True, input_grace_ms=0)
    app, surface = start("cuban_missile_crisis", "us", settings)
    assert not app.accepts_input()
    app.dispatch(key(pygame.K_RETURN))
    assert app.top.name == "briefing" and app.ignored == 1
    app.tick(FRAME, surface)
    assert app.accepts_input()


def test_messages_fade_and_never_show_paths():
    ctx = Context(Settings(), size=(1280, 720))
    ctx.notify("Saved to /home/ann/.local/share/thirteendays/saves/day-7.json")
    assert ctx.messages == ["Saved to day-7.json"]
    assert [m for m, _ in ctx.live_messages()] == ["Saved to day-7.json"]
    ctx.time += 4.5
    ((_, alpha),) = ctx.live_messages()
    assert 0 < alpha < 1
    ctx.time += 1.0
    assert ctx.live_messages() == []
    assert without_paths(r"C:\Users\ann\bad.yaml:3:4: TD001 x") == "bad.yaml:3:4: TD001 x"
    assert without_paths("odds of 1/3 and/or more") == "odds of 1/3 and/or more"
