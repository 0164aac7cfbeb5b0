"""Any screen, in a plausible state, off-screen: for screenshots, tests and benchmarks."""

from __future__ import annotations

from pathlib import Path

import pygame

from ..engine.game import Game
from ..scenario.loader import load_scenario
from ..settings import Settings
from . import SCREENS
from .app import Context, headless_app
from .session import Session


def historical_choices(game: Game, upto_day: int) -> None:
    """Play the player's side as history did until the given day."""
    while True:
        d = game.decision()
        if d is None or d.day >= upto_day:
            return
        hist = next((o.id for o in d.options if o.historical), d.option_ids[0])
        game.choose(hist)


def build(
    name: str,
    *,
    size: tuple[int, int] = (1280, 720),
    side: str = "us",
    scenario: str = "cuban_missile_crisis",
    day: int = 7,
    seed: int = 1,
    settings: Settings | None = None,
    home: Path | None = None,
):
    """(app, surface) with the named screen on top, ready to draw."""
    if name not in SCREENS:
        raise ValueError(f"unknown screen '{name}' (choose from {', '.join(SCREENS)})")
    from .screens.briefing import BriefingScreen
    from .screens.decision import DecisionScreen
    from .screens.ending import EndingScreen
    from .screens.epilogue import EpilogueScreen
    from .screens.load import LoadScreen
    from .screens.map import MapScreen
    from .screens.pause import PauseScreen
    from .screens.resolution import ResolutionScreen
    from .screens.settings import SettingsScreen
    from .screens.title import TitleScreen

    ctx = Context(settings or Settings(reduced_motion=True), size=size)
    if name == "title":
        return headless_app(ctx, TitleScreen(ctx))
    game = Game(load_scenario(scenario), side=side, seed=seed, opponent="historical")
    ctx.session = Session(game, scenario)
    if name in ("ending", "epilogue"):
        historical_choices(game, 99)
        ctx.session.unseen()
        screen = EndingScreen(ctx) if name == "ending" else EpilogueScreen(ctx)
        return headless_app(ctx, screen)
    historical_choices(game, day)
    if name == "resolution":
        before = len(game.log)
        d = game.decision()
        if d is not None:
            game.choose(next((o.id for o in d.options if o.historical), d.option_ids[0]))
        ctx.session.seen = before
        return headless_app(ctx, ResolutionScreen(ctx))
    ctx.session.unseen()
    base = DecisionScreen(ctx) if name != "briefing" else BriefingScreen(ctx)
    if name in ("briefing", "decision"):
        app, surface = headless_app(ctx, base)
        if ctx.session.advisor is not None:
            ctx.session.advisor.wait(30)
        return app, surface
    top = {"map": MapScreen, "pause": PauseScreen, "settings": SettingsScreen, "load": LoadScreen}[name](ctx)
    app, surface = headless_app(ctx, base)
    app.stack.append(top)
    return app, surface


def screenshot(name: str, out: Path, **kwargs) -> Path:
    app, surface = build(name, **kwargs)
    app.tick(0.016, surface)
    app.tick(0.016, surface)
    out.parent.mkdir(parents=True, exist_ok=True)
    pygame.image.save(surface, str(out))
    return out
