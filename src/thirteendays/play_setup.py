"""Turn ``play`` arguments into a game: new, continued, loaded or watched."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

from .engine.game import Game
from .engine.replay import ReplayError, replay
from .scenario.diagnostics import Diagnostic
from .scenario.loader import DEFAULT_SCENARIO, load_file
from .storage import SaveFileError, autosave_path, read_save


def fresh_seed() -> int:
    """A new seed from the OS's entropy, shown to the player so a game can be repeated."""
    return int(np.random.SeedSequence().entropy % (2**32))


def _fail(lines: list[str], code: int) -> tuple[None, str, int]:
    for line in lines:
        print(line, file=sys.stderr)
    return None, "", code


def prepare_game(args: argparse.Namespace) -> tuple[Game | None, str, int]:
    """The game to play, the scenario file it came from, and an exit code if it failed."""
    if args.cont or args.load:
        path = Path(args.load) if args.load else autosave_path()
        if args.cont and not path.exists():
            return _fail([f"thirteendays: error: there is no game to continue ({path} not found)"], 2)
        try:
            save = read_save(path)
        except SaveFileError as exc:
            return _fail([str(exc)], 1)
        name = save.scenario_file or save.scenario_id
        try:
            result = load_file(name)
        except FileNotFoundError as exc:
            return _fail([f"{path}:1:1: the saved game's scenario is missing ({exc})"], 1)
        if not result.ok or result.scenario is None:
            return _fail([d.format() for d in result.diagnostics], 1)
        try:
            return replay(save, result.scenario), result.file, 0
        except ReplayError as exc:
            return _fail([f"{path}:1:1: {exc} (the save is left as it was)"], 1)
    if args.watch and args.text:
        return _fail(["thirteendays: error: --watch reloads the scenario in the window; drop --text"], 2)
    name = args.watch or args.scenario or DEFAULT_SCENARIO
    try:
        result = load_file(name)
    except FileNotFoundError as exc:
        return _fail([f"thirteendays: error: {exc}"], 2)
    except OSError as exc:
        return _fail([f"thirteendays: error: {name}: cannot read ({exc.strerror})"], 2)
    if not result.ok or result.scenario is None:
        return _fail([d.format() for d in result.diagnostics if isinstance(d, Diagnostic)], 1)
    scenario = result.scenario
    side = args.side or next(iter(scenario.sides))
    if side not in scenario.sides:
        return _fail([f"thirteendays: error: --side must be one of: {', '.join(scenario.sides)}"], 2)
    seed = args.seed if args.seed is not None else fresh_seed()
    return Game(scenario, side=side, seed=seed, opponent=args.opponent or "ai"), result.file, 0
