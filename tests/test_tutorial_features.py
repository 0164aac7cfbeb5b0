"""The tutorial scenario uses every part of the format, so it is a complete worked example."""

from __future__ import annotations

from pydantic import BaseModel

from thirteendays.scenario.conditions_model import CONDITION_KEYS


def used_fields(value, seen: dict[type, set[str]]) -> None:
    if isinstance(value, BaseModel):
        seen.setdefault(type(value), set()).update(value.model_fields_set)
        for name in type(value).model_fields:
            used_fields(getattr(value, name), seen)
    elif isinstance(value, dict):
        for v in value.values():
            used_fields(v, seen)
    elif isinstance(value, list | tuple):
        for v in value:
            used_fields(v, seen)


def test_the_tutorial_uses_every_field_of_every_model(tutorial):
    from thirteendays.scenario.reference import SECTIONS

    seen: dict[type, set[str]] = {}
    used_fields(tutorial, seen)
    for _, model in SECTIONS:
        unused = set(model.model_fields) - seen.get(model, set())
        assert not unused, f"{model.__name__} fields not used in tutorial.yaml: {sorted(unused)}"
    for key, cls in CONDITION_KEYS.items():
        assert cls in seen, f"condition '{key}' not used in tutorial.yaml"


def test_the_tutorials_history_meets_the_default_opponent_in_the_secret_trade(tutorial):
    """A new player's first lesson: history's plan against Master ended in a standoff in 20
    of 20 games, because the standoff paid Moscow more than the bargain; now both lose by it."""
    from thirteendays.engine.game import Game

    for seed in range(1, 9):
        game = Game(tutorial, side="us", seed=seed, opponent="master")
        while (d := game.decision()) is not None:
            game.choose(next(o.id for o in d.options if o.historical))
        assert game.result().ending_id() == "secret-trade", seed
    prestige = {e.id: e.prestige for e in tutorial.endings}
    for side in ("us", "ussr"):
        assert prestige["secret-trade"][side] > prestige["standoff"][side]
