"""Turn ``play`` arguments into a session: new, continued, loaded or watched.

A thin adapter: the rules for starting and opening games live in
``thirteendays.play``; this maps argparse values onto them and the answers onto
exit statuses (2 for a request that cannot be met, 1 for bad input).
"""

from __future__ import annotations

import argparse
import sys

from .play import Opened, Session, new_game, open_save
from .play.resume import Resumables, resumable_games
from .play.session import load_request
from .play.slots import save_location
from .scenario.loader import DEFAULT_SCENARIO
from .storage import saves_dir


def _fail(opened: Opened, code: int | None = None) -> tuple[None, int]:
    for line in opened.lines():
        print(line, file=sys.stderr)
    return None, code if code is not None else (2 if opened.usage or opened.missing else 1)


def opponent_of(args: argparse.Namespace) -> str:
    """The mind named by ``--opponent``, else the one behind ``--difficulty``, else Master.

    Master is the window's default too: a player in the terminal (or with a screen
    reader) meets the same opponent as one in the window.
    """
    from .engine.policies import DIFFICULTIES

    if args.opponent:
        return args.opponent
    return DIFFICULTIES[getattr(args, "difficulty", None) or "master"]


def cannot_continue(found: Resumables, scenario_id: str | None = None) -> tuple[None, int]:
    """Why ``--continue`` has nothing to open: a save that could not be read (exit 1), or none.

    With a scenario, only a problem with that scenario's save (or with a save too broken
    to say whose it is) is that scenario's business."""
    if scenario_id is None:
        problem = found.problems.get(None) or next(iter(found.problems.values()), None)
    else:
        problem = found.problems.get(scenario_id) or found.problems.get(None)
    if problem:  # the unfinished game may be in it: say which file and what is wrong
        print(problem, file=sys.stderr)
        return None, 1
    of = f" of {scenario_id}" if scenario_id else ""
    why = f"there is no unfinished game{of} to continue (no unfinished save{of} in {saves_dir()})"
    return _fail(Opened(None, usage=why))


def prepare_session(args: argparse.Namespace, *, advise_ahead: bool = False) -> tuple[Session | None, int]:
    """The session to play and 0, or None and the exit status after the problems are printed."""
    if args.cont:  # the newest unfinished save, the autosave or a named one, as the window's Continue
        found = resumable_games()
        if args.scenario:  # that scenario's game, as the window's Continue for the scenario on the title
            asked = load_request(args.scenario)
            if isinstance(asked, Opened):
                return _fail(asked)
            loaded = asked[0]
            if not loaded.ok or loaded.scenario is None:
                return _fail(Opened(None, tuple(loaded.diagnostics)))
            game = found.games.get(loaded.scenario.id)
            if game is None:
                return cannot_continue(found, loaded.scenario.id)
        else:
            game = found.newest()
            if game is None:
                return cannot_continue(found)
        opened = open_save(game.path, advise_ahead=advise_ahead)
    elif args.load:
        opened = open_save(save_location(args.load), advise_ahead=advise_ahead)
    elif args.watch and args.text:
        return _fail(Opened(None, usage="--watch reloads the scenario in the window; drop --text"))
    elif args.opponent and getattr(args, "difficulty", None):  # one would silently win
        return _fail(Opened(None, usage="--opponent and --difficulty both name the opponent: give one"))
    elif getattr(args, "hotseat", False) and (args.opponent or getattr(args, "difficulty", None)):
        return _fail(Opened(None, usage="--hotseat has no computer opponent: drop --opponent/--difficulty"))
    else:
        name = args.watch or args.scenario or DEFAULT_SCENARIO
        opened = new_game(
            name,
            args.side,
            args.seed,
            opponent_of(args),
            advise_ahead=advise_ahead,
            hotseat=getattr(args, "hotseat", False),
        )
    if opened.session is None:
        return _fail(opened)
    if getattr(args, "hotseat", False) and not opened.session.hotseat:
        return _fail(
            Opened(None, usage="--hotseat: that save is a one-player game; open it without --hotseat")
        )
    return opened.session, 0
