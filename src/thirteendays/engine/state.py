"""The state of a batch of games: arrays with the batch first.

A person's game is a batch of one; a Monte Carlo run is a batch of thousands.
Every field is an array shaped (N, ...) so one code path serves both.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from .compiled import DTYPE, Compiled


@dataclass
class State:
    tracks: np.ndarray  # (N, K) float32 in [0, 1]
    flags: np.ndarray  # (N, F) bool
    choices: np.ndarray  # (N, E) int8: option index, -1 where the event has not fired
    incidents: np.ndarray  # (N, I) bool: incident has happened
    war: np.ndarray  # (N,) bool
    over: np.ndarray  # (N,) bool: the crisis has ended, by war, by an option or by time
    end_day: np.ndarray  # (N,) int8: the day it ended, 0 while it goes on

    @property
    def n(self) -> int:
        return self.tracks.shape[0]

    @property
    def alive(self) -> np.ndarray:
        return ~self.over

    @classmethod
    def initial(cls, c: Compiled, n: int) -> State:
        return cls(
            tracks=np.broadcast_to(c.start, (n, c.K)).astype(DTYPE),
            flags=np.zeros((n, c.F), dtype=bool),
            choices=np.full((n, len(c.events)), -1, dtype=np.int8),
            incidents=np.zeros((n, len(c.incidents)), dtype=bool),
            war=np.zeros(n, dtype=bool),
            over=np.zeros(n, dtype=bool),
            end_day=np.zeros(n, dtype=np.int8),
        )

    def copy(self) -> State:
        return State(**{f.name: getattr(self, f.name).copy() for f in fields(self)})

    def repeat(self, n: int) -> State:
        """This batch of one, n times over: the start of a what-if rollout."""
        return State(**{f.name: np.repeat(getattr(self, f.name)[:1], n, axis=0) for f in fields(self)})

    def take(self, index: np.ndarray | slice) -> State:
        return State(**{f.name: getattr(self, f.name)[index] for f in fields(self)})
