"""Nothing clipped, nothing on top of anything: every screen, every shipped scenario, both sides,
three window sizes and three text sizes.

Text is audited where it lands (``ui.widgets.text_audit``): a line past the window's edge, a
line lying over another, or a wrapped text running out of its box fails the test.
"""

from __future__ import annotations

import os

import pygame
import pytest

from conftest import SCENARIOS
from thirteendays.play import advisor as advisor_module
from thirteendays.settings import Settings
from thirteendays.ui import SCREENS
from thirteendays.ui.shots import build
from thirteendays.ui.widgets.text import render
from thirteendays.ui.widgets.text_audit import AuditSurface, wrapped_overflows

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

SIZES = [(1024, 640), (1280, 720), (3840, 2160)]
TEXT_SCALES = [0.75, 1.0, 2.0]


@pytest.fixture(autouse=True)
def _few_rollouts(monkeypatch):
    monkeypatch.setattr(advisor_module, "ROLLOUTS", 50)


@pytest.mark.parametrize("scenario", sorted(p.stem for p in SCENARIOS.glob("*.yaml")))
def test_every_screen_fits_at_every_size_and_text_scale(scenario):
    problems = []
    for side in ("us", "ussr"):
        for name in SCREENS:
            app, _ = build(name, scenario=scenario, side=side, day=2, settings=Settings(reduced_motion=True))
            for size in SIZES:
                for scale in TEXT_SCALES:
                    app.ctx.size = size
                    app.ctx.settings.text_scale = scale
                    surface = AuditSurface(size)
                    with wrapped_overflows() as overflows:
                        app.top.draw(surface)
                    where = f"{side} {name} {size[0]}x{size[1]} text {round(scale * 100)}%"
                    problems += [f"{where}: {p}" for p in surface.problems()]
                    problems += [f"{where}: out of its box: {t!r} in {tuple(r)}" for t, r in overflows]
                    assert surface.placed, f"{where}: no text drawn at all"
            if app.ctx.session is not None and app.ctx.session.advisor is not None:
                app.ctx.session.advisor.cancel()
    assert not problems, "\n".join(problems[:20])


def test_the_audit_sees_clipped_and_overlapping_text():
    pygame.font.init()
    surface = AuditSurface((200, 100))
    word = render("Quarantine", "body", 20, (0, 0, 0))
    surface.blit(word, (10, 10))
    surface.blit(word, (20, 14))  # lies on the first
    surface.blit(word, (150, 80))  # runs past the right and bottom edges
    problems = surface.problems()
    assert any(p.startswith("overlap") for p in problems)
    assert any(p.startswith("outside the window") for p in problems)
    apart = AuditSurface((400, 200))
    apart.blit(word, (10, 10))
    apart.blit(word, (10, 60))
    assert apart.problems() == []


@pytest.mark.parametrize("scenario", sorted(p.stem for p in SCENARIOS.glob("*.yaml")))
def test_every_text_follows_the_text_size(scenario):
    """Text drawn at 200% is never smaller than at 75%, and a screen's words as a whole grow.

    A text drawn at a fixed pixel size (a card's words, a hint, a legend row) would come out
    the same at both sizes; one shrunk to fit a fixed box would come out smaller.
    """
    import statistics

    problems = []
    for side in ("us", "ussr"):
        for name in SCREENS:
            app, _ = build(name, scenario=scenario, side=side, day=2, settings=Settings(reduced_motion=True))
            heights: dict[float, dict[str, int]] = {}
            for scale in (0.75, 2.0):
                app.ctx.settings.text_scale = scale
                surface = AuditSurface((1280, 720))
                app.top.draw(surface)
                heights[scale] = {}
                for placed in surface.placed:
                    heights[scale].setdefault(placed.text, placed.rect.height)
            both = [t for t in heights[0.75] if t in heights[2.0]]
            where = f"{side} {name}"
            problems += [
                f"{where}: {t[:50]!r} is {heights[2.0][t]} px at 200% but {heights[0.75][t]} px at 75%"
                for t in both
                if heights[2.0][t] < heights[0.75][t]
            ]
            ratio = statistics.median(heights[2.0][t] / max(1, heights[0.75][t]) for t in both) if both else 0
            if ratio < 1.4:
                problems.append(f"{where}: its words grow only {ratio:.2f}x from 75% to 200%")
            if app.ctx.session is not None and app.ctx.session.advisor is not None:
                app.ctx.session.advisor.cancel()
    assert not problems, "\n".join(problems[:20])
