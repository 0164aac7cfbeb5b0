"""Which screen follows a choice: resolution, pass the screen (hot-seat), briefing, decision, ending."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .app import Context
    from .screens.base import Screen


def screen_for(ctx: Context, *, after_choice: bool = False) -> Screen:
    """The screen for where the session's game now stands."""
    from .screens.briefing import BriefingScreen
    from .screens.decision import DecisionScreen
    from .screens.ending import EndingScreen
    from .screens.handover import PassScreen
    from .screens.resolution import ResolutionScreen

    session = ctx.session
    if after_choice:
        return ResolutionScreen(ctx)  # the side that chose reads its own day before passing on
    if session.waiting_for() is not None:
        # Hot-seat: the other player (or, at the end, both) must come to the screen first.
        return PassScreen(ctx)
    if session.view().finished:
        return EndingScreen(ctx)
    if session.view().decision is not None:
        # Every event, not only a day's first, opens on its briefing: one rhythm (Enter reads,
        # Enter again turns to the choices) so a second event of a day is never met blind.
        return BriefingScreen(ctx)
    return DecisionScreen(ctx)
