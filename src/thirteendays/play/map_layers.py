"""Which map layers show in a game, and where its ships are: the map's conditions, compiled.

The conditions of the ``map:`` section are compiled once per scenario to the same vectorised
masks the engine uses, and read for the person's game (row 0) like the rest of ``PlayerView``.
The window only draws what this returns.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..engine.conditions import Mask, compile_condition
from ..engine.game import Game
from ..scenario.map_model import MapLayer, MapSpec, MapView

PLAYER_ROW = 0


@dataclass(frozen=True)
class ShownLayer:
    layer: MapLayer
    at: float  # ships: how far along their path they are today, 0..1
    before: float  # ships: where they were the day before, for the animation
    course: str  # ships: "sailing", "halted" or "back"


@dataclass(frozen=True)
class ShownPanel:
    view: MapView
    layers: tuple[ShownLayer, ...]
    legend: tuple[tuple[str, str, str], ...]  # (draw, style, text) of the layers shown, in order


@dataclass(frozen=True)
class _Compiled:
    spec: MapSpec  # held, so its id cannot be reused by another map while this entry lives
    masks: dict[tuple[int, int, str], Mask | None]


_CACHE: dict[int, _Compiled] = {}


def _panels(spec: MapSpec) -> list[MapView]:
    return [spec, *spec.insets]


def _compile(game: Game, spec: MapSpec) -> _Compiled:
    key = id(spec)
    found = _CACHE.get(key)
    if found is not None and found.spec is spec:
        return found
    names = game.compiled.names  # the scenario's own vocabulary, as its events were compiled
    masks = {}
    for pi, panel in enumerate(_panels(spec)):
        for li, layer in enumerate(panel.layers):
            for part in ("when", "halt", "back"):
                masks[(pi, li, part)] = compile_condition(getattr(layer, part), names)
    if len(_CACHE) > 16:
        _CACHE.clear()
    _CACHE[key] = found = _Compiled(spec, masks)
    return found


def _holds(mask: Mask | None, game: Game) -> bool:
    return True if mask is None else bool(np.asarray(mask(game.state))[PLAYER_ROW])


def _sail(layer: MapLayer, day: int) -> float:
    if layer.sail is None:
        return 1.0
    d0, d1 = layer.sail
    return float(np.clip((day - d0) / max(1, d1 - d0), 0.0, 1.0))


def shown_panels(game: Game, spec: MapSpec, day: int) -> list[ShownPanel]:
    """The panels of the map with the layers that show on ``day`` of the person's game."""
    compiled = _compile(game, spec)
    out = []
    for pi, panel in enumerate(_panels(spec)):
        shown = []
        for li, layer in enumerate(panel.layers):
            if layer.days is not None and not layer.days[0] <= day <= layer.days[1]:
                continue
            if not _holds(compiled.masks[(pi, li, "when")], game):
                continue
            at, before, course = _sail(layer, day), _sail(layer, day - 1), "sailing"
            if layer.draw == "ships":
                stop = _stop_at(layer)
                if _holds_set(compiled.masks[(pi, li, "back")], game):
                    at, before, course = min(at, stop), min(before, stop), "back"
                elif _holds_set(compiled.masks[(pi, li, "halt")], game):
                    at, before, course = min(at, stop), min(before, stop), "halted"
            shown.append(ShownLayer(layer, at, before, course))
        legend = tuple((s.layer.draw, s.layer.style, s.layer.legend) for s in shown if s.layer.legend)
        out.append(ShownPanel(panel, tuple(shown), legend))
    return out


def _holds_set(mask: Mask | None, game: Game) -> bool:
    """Like ``_holds``, but an absent condition is false: ships halt only when told to."""
    return mask is not None and _holds(mask, game)


def _stop_at(layer: MapLayer) -> float:
    """Ships that halt stop at their path's last-but-one point (the line they are stopped at)."""
    n = len(layer.points)
    return (n - 2) / (n - 1)
