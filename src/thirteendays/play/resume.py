"""What Continue on the title resumes: the newest unfinished save of each scenario.

One autosave file is shared by every scenario, and a finished game removes it; a
player who saved by name mid-game, or who switches scenario on the title, still
expects Continue to find *that* scenario's game.  So Continue reads the save folder
(off the window's main thread) and, per scenario, names the newest save whose game
has not ended, with its name and day, so the title can say exactly what it resumes;
``play --continue`` in the terminal takes the newest of them all.  The saves a finished
game is kept under are passed over unread: however many games a player has finished
since, a save they named mid-game is still found.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..storage import SaveFileError, read_save, saves_dir
from .dates import day_dates
from .session import open_save
from .slots import is_kept_ending

LOOKED_AT = 30  # the newest unfinished-looking saves read; older ones are the Load screen's business


@dataclass(frozen=True)
class Resumable:
    """A save Continue can open: where it is, what the player calls it, and how far it got."""

    path: Path
    name: str  # "autosave" or the save's own name
    day: int
    date: str  # 'October 22'


@dataclass
class Resumables:
    """Per scenario id, the game Continue opens; and why a save could not be considered.

    ``problems`` maps a scenario id (``None`` when the save is too broken to say which
    scenario it is) to one line about its newest save that cannot be opened, so
    Continue can say why it cannot resume rather than ignore the save in silence.
    """

    games: dict[str, Resumable] = field(default_factory=dict)
    problems: dict[str | None, str] = field(default_factory=dict)

    def why_not(self, scenario_id: str | None) -> str:
        """What Continue says when the scenario has no game to resume."""
        problem = self.problems.get(scenario_id) or self.problems.get(None)
        if problem:
            return f"Cannot continue: {problem}"
        return "There is no unfinished game of this scenario to continue."

    def newest(self) -> Resumable | None:
        """The newest unfinished save of any scenario (the games are kept newest first)."""
        return next(iter(self.games.values()), None)


def resumable_games(limit: int = LOOKED_AT) -> Resumables:
    """The newest unfinished save of each scenario id found in the save folder."""
    out = Resumables()
    folder = saves_dir()
    if not folder.is_dir():
        return out
    dated = []
    for path in folder.glob("*.json"):
        if is_kept_ending(path):  # a finished game, kept: nothing in it to continue
            continue
        try:
            dated.append((path.stat().st_mtime, path.name != "autosave.json", path))
        except OSError:
            continue
    dated.sort(key=lambda t: (-t[0], t[1]))  # newest first; the autosave first among equals
    for _, _, path in dated[:limit]:
        try:
            scenario_id = read_save(path).scenario_id
        except SaveFileError as exc:  # said as open_save says it: FILE:LINE:COL: CODE message
            lines = open_save(path).lines()
            out.problems.setdefault(None, lines[0] if lines else f"{path}:{exc.line}:{exc.col}: {exc.reason}")
            continue
        if scenario_id in out.games:
            continue
        opened = open_save(path)
        if opened.session is None:
            lines = opened.lines()
            out.problems.setdefault(scenario_id, lines[0] if lines else f"{path.name}: cannot be opened")
            continue
        view = opened.session.view()
        if view.finished:
            continue
        name = "autosave" if path.name == "autosave.json" else path.stem
        out.games[scenario_id] = Resumable(
            path, name, view.day, day_dates(view.scenario, view.day, year=False, weekday=False)
        )
    return out
