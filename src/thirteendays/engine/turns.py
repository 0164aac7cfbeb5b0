"""What a batch game hands to whoever answers it: the decision a person faces
(``Decision``), the decision the engine waits on for the games of a batch (``Pending``),
and the day-by-day watcher a summary plugs in (``DayObserver``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from ..scenario.model import Event, Option
from .compiled import CompiledEvent
from .state import State


@dataclass(frozen=True)
class Decision:
    """What the player must decide now: an event and the options open to them."""

    day: int
    event: Event
    options: tuple[Option, ...]
    side: str

    @property
    def option_ids(self) -> list[str]:
        return [o.id for o in self.options]


@dataclass(frozen=True)
class Pending:
    """A decision the engine is waiting on, for the games of the batch that face it.

    Typed so that every front end (a player, a learning agent, a replay) reads the
    same facts: which games wait, what each may choose, and whose decision it is.
    ``draws`` are the uniforms already taken from the streams for this event, so
    the game's randomness does not depend on who answers or when.
    """

    event: CompiledEvent
    waiting: np.ndarray  # (N,) bool: the games that must answer
    legal: np.ndarray  # (O, N) bool: options first, as the policies take it
    side: str
    draws: np.ndarray  # (N, 1 or 2) float32

    @property
    def games(self) -> np.ndarray:
        """Indices of the games that must answer."""
        return np.flatnonzero(self.waiting)


class DayObserver(Protocol):
    """Watches a batch day by day, so summaries need no per-game history.

    ``day_end`` sees the state once each day's events, dynamics and incidents are
    settled (games that ended at the close of the last day are already over);
    ``ending`` sees it once every game is over and its ending decided.
    """

    def day_end(self, day: int, state: State) -> None: ...

    def ending(self, day: int, state: State, endings: np.ndarray) -> None: ...
