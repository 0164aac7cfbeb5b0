"""Which screen follows a choice: resolution, briefing, decision, ending."""

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
    from .screens.resolution import ResolutionScreen

    session = ctx.session
    if after_choice:
        return ResolutionScreen(ctx)
    if session.view().finished:
        return EndingScreen(ctx)
    if session.needs_briefing():
        return BriefingScreen(ctx)
    return DecisionScreen(ctx)
