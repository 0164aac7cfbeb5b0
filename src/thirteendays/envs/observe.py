"""What one side observes, as arrays for a whole batch, and what it is paid at the end.

Every environment builds its observations through :func:`observe` and nothing
else, so the day hidden information arrives (issue 11: the other side's secret
moves, readiness only estimated) it is filtered in this one place for the
single env, the vector env and both agents of the PettingZoo env alike.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from gymnasium import spaces

from ..engine.compiled import Compiled
from ..engine.game import Game
from ..engine.intel import bands, visible_flags
from ..engine.outcomes import NO_ENDING
from ..engine.state import State
from ..scenario.loader import load_scenario
from ..scenario.model import Scenario


def compile_scenario(scenario: str | Scenario | Compiled) -> Compiled:
    """A shipped scenario's name, a path, a loaded Scenario or a compiled one."""
    if isinstance(scenario, Compiled):
        return scenario
    if isinstance(scenario, str):
        scenario = load_scenario(scenario)
    return Compiled(scenario)


def observation_space(c: Compiled) -> spaces.Dict:
    """One side's view of one game.

    ``event`` is the index of the pending event in the scenario, or the number of
    events when that side has nothing to decide; ``options`` marks the options it
    may take (all zero when nothing is pending), the same row as the action mask.
    """
    return spaces.Dict(
        {
            "day": spaces.Discrete(c.days + 1),
            "tracks": spaces.Box(0.0, 1.0, shape=(c.K,), dtype=np.float32),
            "band": spaces.Box(0.0, 1.0, shape=(c.K, 2), dtype=np.float32),
            "flags": spaces.MultiBinary(c.F),
            "event": spaces.Discrete(len(c.events) + 1),
            "options": spaces.MultiBinary(c.max_options),
        }
    )


def action_space(c: Compiled) -> spaces.Discrete:
    """An option index; options past an event's own count are never legal."""
    return spaces.Discrete(c.max_options)


def observe(game: Game, side: str) -> dict[str, np.ndarray]:
    """``side``'s view of every game of the batch, batch first.

    Its own tracks exactly, the other side's as the estimates of its intelligence
    (``band`` holds each track's low and high; equal where seen exactly, 0 and 1
    where not known yet, when ``tracks`` shows the starting value), and only the
    flags it may see: the same picture ``view_for`` gives a person, for every game.
    The other side's resolve is never in it.
    """
    c = game.compiled
    n = game.n
    j = c.side_ids.index(side)
    # A game that has ended shows where it ended (the batch's live rows drift on).
    b = bands(c, game.state, game.rng, max(1, game.day), j)
    tracks = np.where(b.known, b.estimate, c.start[None, :]).astype(np.float32)  # a fresh array
    band = np.stack([b.low, b.high], axis=2).astype(np.float32)
    flags_seen = visible_flags(c, game.state, j)
    # Bit f of the uint64 is flag f: unpack the bytes in little-endian order on every host.
    raw = flags_seen.astype("<u8", copy=False).view(np.uint8).reshape(n, 8)
    flags = np.unpackbits(raw, axis=1, count=c.F, bitorder="little").view(np.int8)
    event = np.full(n, len(c.events), dtype=np.int64)
    options = np.zeros((n, c.max_options), dtype=np.int8)
    p = game.pending if not game.finished else None
    if p is not None and p.side == side:
        event[p.waiting] = p.event.index
        options[:, : p.event.n_options] = (p.legal & p.waiting).T
    return {
        "day": np.full(n, game.day, dtype=np.int64),
        "tracks": tracks,
        "band": band,
        "flags": flags,
        "event": event,
        "options": options,
    }


def row(obs: dict[str, np.ndarray], i: int) -> dict[str, np.ndarray | np.int64]:
    """Game ``i`` of a batched observation, shaped as the single-game space."""
    return {k: (v[i] if v.ndim > 1 else np.int64(v[i])) for k, v in obs.items()}


@dataclass(frozen=True)
class Prestige:
    """Each side's prestige per ending, as a table the batch can index in one gather."""

    table: np.ndarray  # (endings + 1, sides) float32; the last row is "no ending": 0

    @classmethod
    def of(cls, c: Compiled) -> Prestige:
        table = np.zeros((len(c.ending_ids) + 1, len(c.side_ids)), dtype=np.float32)
        for i, ending in enumerate(c.scenario.endings):
            for j, side in enumerate(c.side_ids):
                table[i, j] = ending.prestige.get(side, 0)
        return cls(table)

    def of_games(self, endings: np.ndarray, side: int | slice, state: State | None = None) -> np.ndarray:
        """Prestige per game for the side with index ``side``; 0 where no ending matched.

        With ``state``, less what the side lost by breaking public commitments (audience costs).
        """
        index = np.where(endings == NO_ENDING, len(self.table) - 1, endings)
        paid = self.table[index, side]
        if state is not None:
            paid = paid - state.audience[:, side].astype(np.float32)
        return paid

    def worst(self, side: int) -> float:
        return float(self.table[:-1, side].min()) if len(self.table) > 1 else 0.0
