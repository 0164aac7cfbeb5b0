"""Rebuild a game from a save by replaying the player's commands."""

from __future__ import annotations

from ..scenario.loader import content_hash
from ..scenario.model import Scenario
from .game import HUMAN, Game
from .record import Save


class ReplayError(ValueError):
    """A save that does not fit the scenario it names."""


def save_of(game: Game, scenario_file: str = "") -> Save:
    return Save(
        scenario_id=game.scenario.id,
        scenario_hash=content_hash(game.scenario),
        seed=int(game.seed),  # a numpy integer seed is still a plain number in the save
        side=game.side,
        opponent=game.opponent,
        choices=[(str(event), str(option)) for event, option in game.player_choices],
        scenario_file=scenario_file,
        hotseat=is_hotseat(game),
    )


def is_hotseat(game: Game) -> bool:
    """Whether every side of the game is decided by a person at the screen (hot-seat)."""
    return all(c == HUMAN for c in game.controllers)


def make_hotseat(game: Game) -> Game:
    """Hand every side of a game that has not started to a person (before its first decision)."""
    game.controllers = [HUMAN] * len(game.controllers)
    return game


def replay(save: Save, scenario: Scenario, *, upto: int | None = None) -> Game:
    """The game the save describes, at the point after its first ``upto`` choices."""
    if save.scenario_id != scenario.id:
        raise ReplayError(f"the save is for scenario '{save.scenario_id}', not '{scenario.id}'")
    if save.scenario_hash != content_hash(scenario):
        raise ReplayError(
            f"scenario '{scenario.id}' has changed since this game was saved "
            "(its content hash differs); the choices would not replay the same game"
        )
    if save.side is not None and save.side not in scenario.sides:
        raise ReplayError(f"the save's side '{save.side}' is not one of: {', '.join(scenario.sides)}")
    if save.hotseat and save.side is not None:
        raise ReplayError("a hot-seat save is played by both sides, so it names no side")
    game = Game(scenario, side=save.side, seed=save.seed, opponent=save.opponent)
    if save.hotseat:
        make_hotseat(game)
    return apply_choices(game, save.choices[:upto])


def apply_choices(game: Game, choices: list[tuple[str, str]]) -> Game:
    """Feed recorded choices to a game; stop with a clear message where they stop fitting."""
    for i, (event_id, option_id) in enumerate(choices):
        decision = game.decision()
        if decision is None:
            raise ReplayError(f"choice {i + 1} ({event_id}: {option_id}) comes after the game ended")
        if decision.event.id != event_id:
            raise ReplayError(
                f"choice {i + 1} is for '{event_id}' but the game asks about '{decision.event.id}'"
            )
        if option_id not in decision.option_ids:
            raise ReplayError(f"choice {i + 1}: '{option_id}' is not open at '{event_id}'")
        game.choose(option_id)
    return game
