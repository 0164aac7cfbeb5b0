"""Endings and prestige, decided from the final state of each game.

Endings are tried in the scenario's order and the first whose condition holds
wins, so an author writes the special cases first and a catch-all last.  Games
freeze when they end, so judging them at the close of the batch is the same as
judging each at the moment it ended.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .compiled import Compiled
from .state import State

NO_ENDING = -1


def determine_endings(c: Compiled, s: State) -> np.ndarray:
    """Index of the first matching ending per game; -1 where none matches."""
    out = np.full(s.n, NO_ENDING, dtype=np.int16)
    open_ = np.ones(s.n, dtype=bool)
    for bit, i in c.politics.removed_endings():  # a leader removed by his side's politics comes first
        hit = open_ & ((s.flags & bit) != 0)
        out[hit] = i
        open_ &= ~hit
    for i, when in enumerate(c.ending_when):
        hit = open_ if when is None else open_ & when(s)
        out[hit] = i
        open_ &= ~hit
        if not open_.any():
            break
    return out


@dataclass
class Result:
    """The end of a batch: which ending each game reached, and how it got there."""

    compiled: Compiled
    state: State
    endings: np.ndarray  # (N,) int16
    history: np.ndarray | None  # (days + 1, N, K) or None

    @property
    def n(self) -> int:
        return self.state.n

    def ending_counts(self) -> dict[str, int]:
        counts = np.bincount(self.endings[self.endings >= 0], minlength=len(self.compiled.ending_ids))
        return {eid: int(n) for eid, n in zip(self.compiled.ending_ids, counts, strict=True)}

    def ending_id(self, game: int = 0) -> str | None:
        i = int(self.endings[game])
        return self.compiled.ending_ids[i] if i >= 0 else None

    def prestige(self, game: int = 0) -> dict[str, int]:
        """The ending's prestige for each side, less what each lost by breaking public commitments."""
        eid = self.ending_id(game)
        if eid is None:
            return {}
        ending = self.compiled.scenario.endings[self.compiled.ending_ids.index(eid)]
        lost = self.state.audience[game]
        return {
            side: ending.prestige.get(side, 0) - int(lost[j]) for j, side in enumerate(self.compiled.side_ids)
        }

    def audience_cost(self, side: int) -> np.ndarray:
        """Prestige each game's ``side`` lost to broken commitments, (N,): subtract from the ending's."""
        return self.state.audience[:, side].astype(np.float64)

    @property
    def war_share(self) -> float:
        return float(self.state.war.mean())
