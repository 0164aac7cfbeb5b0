"""``thirteendays replay SAVE``: a saved game's log, as the side that saved it may read it."""

from __future__ import annotations

import argparse
import json
import sys

from .engine.record import LogEntry
from .play import open_save
from .play.intel import log_for_export
from .play.slots import save_location
from .play.words import plural


def run(args: argparse.Namespace) -> int:
    """Print a save's log as its side may read it (or JSON); the save is only read."""
    opened = open_save(save_location(args.save), args.scenario)
    if opened.session is None:
        for line in opened.lines():
            print(line, file=sys.stderr)
        return 2 if opened.usage else 1
    game = opened.session.game
    if not game.finished:
        made = plural(len(game.player_choices), "choice")
        print(f"{args.save}: the saved game is unfinished after {made}", file=sys.stderr)
    log = opened.session.view().log  # as the saved side may read it: no secret of the other side
    if opened.session.hotseat and not game.finished:  # either player may be asking: neither's secrets
        print(
            f"{args.save}: a hot-seat game's log opens when the game ends (each side's secrets stay its own)",
            file=sys.stderr,
        )
        log = ()
    if args.json:
        print(json.dumps(log_for_export(game, opened.session.side, log), indent=2))
    else:
        for e in log:
            print(replay_line(e))
    return 0


def replay_line(e: LogEntry) -> str:
    """One log entry as ``replay`` prints it.  A choice the other side's politics forced
    reaches this side with no actor (visibility.py), so none is shown: no bare "()"."""
    what = {
        "choice": f"{e.side} {e.event} -> {e.option}" + (f" ({e.by})" if e.by else ""),
        "incident": f"incident {e.incident}",
        "dynamics": f"dynamics, war hazard {e.hazard * 100:.2f}%",
        "end": f"ending: {e.ending}",
    }.get(e.kind, e.kind)
    return f"day {e.day:>2}: {what}"
