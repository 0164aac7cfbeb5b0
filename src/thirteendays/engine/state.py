"""The state of a batch of games: one array per quantity, one entry per game.

A person's game is a batch of one; a Monte Carlo run is a batch of thousands.
Per-game quantities are shaped (N, ...) with the batch first.  The two tables
indexed by event and by incident are stored the other way round, (E, N) and
(I, N), because the engine reads and writes one event's row for all games at
a time, and a contiguous row is several times faster than a strided column.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from .compiled import DTYPE, Compiled

_BATCH_AXIS = {"choices": 1, "incidents": 1}


@dataclass
class State:
    tracks: np.ndarray  # (N, K) float32 in [0, 1]; frozen values of ended games live in `final`
    final: np.ndarray  # (N, K) float32: tracks at the moment each game ended
    flags: np.ndarray  # (N,) uint64: bit f is flag f (a scenario has at most 64)
    choices: np.ndarray  # (E, N) int8: option index, -1 where the event has not fired
    incidents: np.ndarray  # (I, N) bool: the incident has happened
    war: np.ndarray  # (N,) bool
    over: np.ndarray  # (N,) bool: the crisis has ended, by war, by an option or by time
    end_day: np.ndarray  # (N,) int8: the day it ended, 0 while it goes on
    defcon: np.ndarray  # (N, D) int8: DEFCON per column (none, one, or one per side)
    resolve: np.ndarray  # (N, S) float32: each side's hidden resolve, drawn per game (engine/hidden.py)
    commitments: np.ndarray  # (N,) uint64: bit b is public commitment b, made and not yet broken
    audience: np.ndarray  # (N, S) int16: prestige each side has lost by breaking its commitments

    @property
    def n(self) -> int:
        return self.tracks.shape[0]

    @property
    def alive(self) -> np.ndarray:
        return ~self.over

    def settled_tracks(self) -> np.ndarray:
        """Tracks with each ended game frozen at the moment it ended.

        The daily dynamics run on every game (masking them costs more than it
        saves), so an ended game's live row drifts; this is the value to show.
        """
        if not self.over.any():
            return self.tracks
        return np.where(self.over[:, None], self.final, self.tracks)

    @classmethod
    def initial(cls, c: Compiled, n: int) -> State:
        tracks = np.broadcast_to(c.start, (n, c.K)).astype(DTYPE)
        state = cls(
            tracks=tracks,
            final=tracks.copy(),
            flags=np.zeros(n, dtype=np.uint64),
            choices=np.full((len(c.events), n), -1, dtype=np.int8),
            incidents=np.zeros((len(c.incidents), n), dtype=bool),
            war=np.zeros(n, dtype=bool),
            over=np.zeros(n, dtype=bool),
            end_day=np.zeros(n, dtype=np.int8),
            defcon=np.broadcast_to(c.defcon_start, (n, len(c.defcon_start))).copy(),
            resolve=np.broadcast_to(c.hidden.means(), (n, len(c.side_ids))).copy(),
            commitments=np.zeros(n, dtype=np.uint64),
            audience=np.zeros((n, len(c.side_ids)), dtype=np.int16),
        )
        if c.hidden.start_flags:  # secret facts already true on the first morning
            state.flags |= c.hidden.start_flags
        return state

    def flag(self, c: Compiled, name: str) -> np.ndarray:
        """Whether a named flag is set, per game."""
        return (self.flags & np.uint64(1 << c.flag_ids.index(name))) != 0

    def chosen(self, c: Compiled, event_id: str) -> np.ndarray:
        """The option index taken at an event, per game (-1 where it did not fire)."""
        return self.choices[c.event_ids.index(event_id)]

    def copy(self) -> State:
        return State(**{f.name: getattr(self, f.name).copy() for f in fields(self)})

    def repeat(self, n: int) -> State:
        """Game 0, n times over: the start of a what-if rollout."""
        return self.select(np.array([0]), n)

    def select(self, rows: np.ndarray, copies: int = 1) -> State:
        """The games ``rows``, each ``copies`` times in a row: every field, on its batch axis."""
        out = {}
        for f in fields(self):
            axis = _BATCH_AXIS.get(f.name, 0)
            out[f.name] = np.repeat(np.take(getattr(self, f.name), rows, axis=axis), copies, axis=axis)
        return State(**out)
