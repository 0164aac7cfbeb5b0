"""Lint: a condition that would show one side what only the other side knows (TD130).

Whether an event fires for a side, and which options it is offered, are worked
out on the true state and are plain to see: an American option offered only
where the Presidium's hidden resolve is high, or only where the warheads (a
Soviet secret) are in Cuba, tells the American player the secret.  Words and
warnings are safe (they are resolved on the side's own view); the map's layers
follow the true state, so a layer must not read a secret either.
"""

from __future__ import annotations

from collections.abc import Callable

from pydantic import BaseModel

from .conditions_model import FlagIs, ResolveIn
from .model import Scenario
from .references import walk_condition
from .yaml_safe import Path

Add = Callable[..., None]


def _leaks(cond: BaseModel | None, side: str | None, secrets: dict[str, str]) -> str:
    """What the condition would reveal to ``side`` (None: to every side), or ''."""
    for leaf, _ in walk_condition(cond, ()):
        if isinstance(leaf, ResolveIn) and leaf.resolve.side != side:
            return f"the hidden resolve of '{leaf.resolve.side}'"
        if isinstance(leaf, FlagIs) and leaf.flag in secrets and secrets[leaf.flag] != side:
            return f"the secret flag '{leaf.flag}' of '{secrets[leaf.flag]}'"
    return ""


def check_leaks(s: Scenario, add: Add) -> None:
    """Warn where an event, an option or a map layer reads what its viewer cannot know."""
    secrets = {x.flag: sid for sid, side in s.sides.items() for x in side.secrets}
    hidden_sides = {sid for sid, side in s.sides.items() if side.hidden is not None}
    if not secrets and not hidden_sides:
        return
    for ei, e in enumerate(s.events):
        parts: list[tuple[BaseModel | None, Path]] = [(e.when, ("events", ei, "when"))]
        parts += [(o.when, ("events", ei, "options", oi, "when")) for oi, o in enumerate(e.options)]
        for cond, path in parts:
            what = _leaks(cond, e.side, secrets)
            if what:
                add(
                    "TD130",
                    path,
                    f"this condition reads {what}, so whether it holds shows '{e.side}' what it cannot know",
                    "test a fact both sides can see, or let the side that knows decide",
                )
    if s.map is not None and not isinstance(s.map, str):
        panels = [(s.map, ("map",))] + [(v, ("map", "insets", i)) for i, v in enumerate(s.map.insets)]
        for panel, base in panels:
            for li, layer in enumerate(panel.layers):
                for part in ("when", "halt", "back"):
                    what = _leaks(getattr(layer, part), None, secrets)
                    if what:
                        add(
                            "TD130",
                            (*base, "layers", li, part),
                            f"this map layer reads {what}; the map follows the true state and would show it",
                            "tie the layer to a fact both sides can see",
                        )
