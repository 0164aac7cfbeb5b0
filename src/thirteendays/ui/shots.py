"""Any screen, in a plausible state, off-screen: for screenshots, tests and benchmarks.

The session is built through the application layer like a player's.  The
``screenshot`` command wraps it in a throwaway home, so rendering a screen
(even the ending, whose game is over) never touches the player's files.
"""

from __future__ import annotations

from pathlib import Path

import pygame

from ..play import Session, list_saves, new_game
from ..play.home import throwaway_home
from ..scenario.diagnostics import ScenarioError
from ..settings import Settings
from . import SCREENS
from .app import Context, headless_app

ADVICE_WAIT = 30.0


def historical_choices(session: Session, upto_day: int) -> None:
    """Play the player's side as history did until the given day."""
    while True:
        d = session.view().decision
        if d is None or d.day >= upto_day:
            return
        session.choose(_historical(session, d))


def _historical(session: Session, decision) -> str:
    event = next(e for e in session.scenario.events if e.id == decision.event_id)
    open_ids = set(decision.option_ids)
    return next((o.id for o in event.options if o.historical and o.id in open_ids), decision.option_ids[0])


def build(
    name: str,
    *,
    size: tuple[int, int] = (1280, 720),
    side: str = "us",
    scenario: str = "cuban_missile_crisis",
    day: int = 7,
    seed: int = 1,
    settings: Settings | None = None,
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
    opened = new_game(scenario, side, seed, "historical")
    if opened.session is None:
        if opened.diagnostics:
            raise ScenarioError(opened.diagnostics)  # invalid input: exit status 1
        raise ValueError(opened.usage or f"cannot start '{scenario}'")
    session = opened.session
    ctx.session = session
    if name in ("ending", "epilogue"):
        historical_choices(session, 99)
        session.mark_seen()
        screen = EndingScreen(ctx) if name == "ending" else EpilogueScreen(ctx)
        return headless_app(ctx, screen)
    historical_choices(session, day)
    if name == "resolution":
        before = len(session.view().log)
        d = session.view().decision
        if d is not None:
            session.choose(_historical(session, d))
        session.seen = before
        return headless_app(ctx, ResolutionScreen(ctx))
    session.mark_seen()
    if name != "briefing" and session.view().decision is not None:
        session.mark_briefed(session.view().decision.day)
    base = DecisionScreen(ctx) if name != "briefing" else BriefingScreen(ctx)
    if name == "decision":
        base.focus = 0  # as after the player's first arrow key: the card and its estimate
    if name in ("briefing", "decision"):
        job = session.ensure_advice()
        if job is not None:
            job.wait(ADVICE_WAIT)
        return headless_app(ctx, base)
    if name == "load":
        session.save()  # something to list: the game being shown, in whatever home is in use
        top = LoadScreen(ctx, list_saves())
    else:
        top = {"map": MapScreen, "pause": PauseScreen, "settings": SettingsScreen}[name](ctx)
    app, surface = headless_app(ctx, base)
    app.stack.append(top)
    return app, surface


def screenshot(name: str, out: Path, **kwargs) -> Path:
    """Render a screen to a PNG from a throwaway home: the player's files are never touched."""
    with throwaway_home():
        app, surface = build(name, **kwargs)
        app.tick(0.016, surface)
        app.tick(0.016, surface)
        if app.ctx.session is not None and app.ctx.session.advisor is not None:
            app.ctx.session.advisor.cancel()
    out.parent.mkdir(parents=True, exist_ok=True)
    pygame.image.save(surface, str(out))
    return out
