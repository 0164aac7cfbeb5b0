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
from ..text.play import TextUI


def situation_text(game: Game) -> str:
    """The terminal's text for game 0 now: the days so far, then the decision or the ending."""
    # An autosave path that never exists: the terminal deletes its autosave at the ending.
    nowhere = Path(tempfile.gettempdir()) / f"thirteendays-ansi-{os.getpid()}-{id(game)}" / "none.json"
    out = io.StringIO()
    ui = TextUI(game, out, io.StringIO(""), autosave=nowhere)
    decision = game.decision()
    ui.report_days(upto=game.day - 1 if decision else game.day)
    if decision is None:
        ui.ending()
        return out.getvalue()
    ui.ask(decision)  # with no input it prints the decision and its numbered options, then stops
    text = out.getvalue()
    prompt = text.rfind("Your choice (")
    return text[:prompt].rstrip() + "\n" if prompt >= 0 else text


def frame(game: Game) -> np.ndarray:
    """Game 0 as the window draws it; pygame is imported here, and only here."""
    from ..ui.frame import render_frame

    return render_frame(game)
