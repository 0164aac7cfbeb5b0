"""The briefing never hides its text: what does not fit the sheet scrolls, with a "More" hint,
by keys and by the wheel (at 1024×640 and 200% text the Oct 24 "since yesterday" was cut)."""

from __future__ import annotations

import os

import pygame
import pytest

from thirteendays.play import advisor as advisor_module
from thirteendays.settings import Settings
from thirteendays.ui.shots import build
from thirteendays.ui.widgets.text_audit import AuditSurface

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

SIZES = [(1024, 640), (1280, 720), (3840, 2160)]
TEXT_SCALES = [0.75, 1.0, 2.0]
MORE = "More below — press Down"


@pytest.fixture(autouse=True)
def _few_rollouts(monkeypatch):
    monkeypatch.setattr(advisor_module, "ROLLOUTS", 50)


def words(text: str) -> str:
    return " ".join(text.split())


def read_through(app, size, event) -> tuple[list[str], list[str], bool]:
    """Every line of the file drawn while scrolling to the end with ``event``; audit problems; whether the
    first page said "More"."""
    seen, problems, first_more = [], [], None
    for _ in range(200):
        surface = AuditSurface(size)
        app.top.draw(surface)
        texts = [p.text for p in surface.placed]
        kicker = surface.placed[0].rect  # the file's lines start under its first (a bullet's ink a little in)
        page = [p.text for p in surface.placed if -6 <= p.rect.left - kicker.left <= kicker.height]
        problems += surface.problems()
        if first_more is None:
            first_more = MORE in texts
        seen += page
        if MORE not in texts:
            break
        app.top.handle(event)
    else:
        raise AssertionError("the briefing never reached its end")
    return seen, problems, bool(first_more)


@pytest.mark.parametrize("side", ["us", "ussr"])
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("scale", TEXT_SCALES)
def test_every_line_of_the_briefing_can_be_read(side, size, scale):
    app, _ = build(
        "briefing", size=size, side=side, day=9, settings=Settings(reduced_motion=True, text_scale=scale)
    )
    app.ctx.size = size
    screen = app.top
    rows = screen.since_rows()
    assert rows, "October 24 has news since yesterday"
    down = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_DOWN, mod=0, unicode="")
    seen, problems, first_more = read_through(app, size, down)
    assert not problems, problems[:5]
    everything = words(" ".join(dict.fromkeys(seen)))  # each line once, in reading order
    assert "SINCE YESTERDAY" in seen
    for row in rows:
        assert words("· " + row) in everything, row
    assert words(screen.decision.text) in everything
    if screen.scrolls:
        assert first_more, "a page that scrolls says so on its first screen"
    if app.ctx.session.advisor is not None:
        app.ctx.session.advisor.cancel()


def test_large_text_on_a_small_window_scrolls_by_wheel_and_back():
    size = (1024, 640)
    app, _ = build("briefing", size=size, day=9, settings=Settings(reduced_motion=True, text_scale=2.0))
    screen = app.top
    surface = AuditSurface(size)
    screen.draw(surface)
    assert screen.scrolls and MORE in [p.text for p in surface.placed]
    wheel = pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1)
    seen, problems, _ = read_through(app, size, wheel)
    assert not problems
    assert "SINCE YESTERDAY" in seen and screen.scroll > 0
    up = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_PAGEUP, mod=0, unicode="")
    for _ in range(50):
        screen.handle(up)
    screen.draw(AuditSurface(size))
    assert screen.scroll == 0
    if app.ctx.session.advisor is not None:
        app.ctx.session.advisor.cancel()
