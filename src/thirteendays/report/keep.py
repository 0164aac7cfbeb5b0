"""Keeping a finished game's report from inside a game: the window's ending and the terminal's.

The command line writes where it is told (``report SAVE --out FILE.html``); a player at
the end of a game has no path to give, so the page goes to a ``reports`` folder in the
player's own data folder (``THIRTEENDAYS_HOME`` when set), under a name that says which
scenario and when, and never over an earlier report.  The write is atomic, like a save.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..engine.game import Game
from ..storage import atomic_write, data_dir
from .page import render_report

MAX_SAME_SECOND = 99  # reports written within one second get -2, -3, ... after their time


def reports_dir() -> Path:
    """Where a game's reports are kept: beside the saves, in the player's data folder."""
    return data_dir() / "reports"


def report_name(game: Game, when: dt.datetime) -> str:
    """``cuban_missile_crisis-us-20261126-1702.html``: the scenario, the side and the moment."""
    side = game.side or "watched"
    return f"{game.scenario.id}-{side}-{when:%Y%m%d-%H%M%S}.html"


def keep_report(game: Game, *, saved_as: str = "", when: dt.datetime | None = None) -> Path:
    """Write the report of a finished game into :func:`reports_dir`; returns the file written.

    Raises ``ReportError`` for a game that has not ended and ``OSError`` when the folder
    cannot be written; the callers turn both into one line for the player.
    """
    page = render_report(game, saved_as=saved_as)  # before any file is touched: nothing half-made
    folder = reports_dir()
    base = report_name(game, when or dt.datetime.now())
    path = folder / base
    for n in range(2, MAX_SAME_SECOND + 2):
        if not path.exists():
            break
        path = folder / base.replace(".html", f"-{n}.html")
    atomic_write(path, page)
    return path
