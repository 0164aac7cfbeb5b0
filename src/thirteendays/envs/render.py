"""The two renderings of an environment: the terminal's text, and the window's frame.

Both are drawn by the real front ends (``text.play.TextUI`` and the window's
screens), so what an agent's trainer watches is what a player would read.
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

import numpy as np

from ..engine.game import Game
from ..play.session import Session
from ..text.play import TextUI


def situation_text(game: Game) -> str:
    """The terminal's text for game 0 now: the days so far, then the decision or the ending."""
    session = _session(game)
    out = io.StringIO()
    ui = TextUI(session, out, io.StringIO(""))
    view = session.view()
    ui.report_days(view, upto=view.decision.day - 1 if view.decision else game.day)
    if view.decision is None:
        ui.ending(view)
        return out.getvalue()
    ui.ask(view, view.decision)  # with no input it prints the decision and its options, then stops
    text = out.getvalue()
    prompt = text.rfind("Your choice (")
    return text[:prompt].rstrip() + "\n" if prompt >= 0 else text


def _session(game: Game) -> Session:
    """A session over an env's game that can never write: its autosave is in a folder that
    does not exist, and nothing is chosen through it."""
    nowhere = Path(tempfile.gettempdir()) / f"thirteendays-env-{os.getpid()}-{id(game)}" / "none.json"
    return Session(game, autosave=nowhere)


def frame(game: Game) -> np.ndarray:
    """Game 0 as the window draws it; pygame is imported here, and only here."""
    from ..ui.frame import render_frame

    return render_frame(game)
