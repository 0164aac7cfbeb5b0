"""Structured conditions compiled to vectorised masks.

A condition becomes a closure from the batch state to a boolean array of
shape (N,).  Compilation happens once per scenario; evaluation is a handful of
numpy operations, with no interpretation per game and no ``eval``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
from pydantic import BaseModel

from ..scenario.conditions_model import (
    AllOf,
    Always,
    AnyOf,
    Chose,
    DefconAtMost,
    FlagIs,
    NotOf,
    ResolveIn,
    TrackIn,
    War,
)

if TYPE_CHECKING:
    from .state import State

Mask = Callable[["State"], np.ndarray]


class Names:
    """Index lookups the compiler needs; filled from the compiled scenario."""

    def __init__(
        self,
        tracks: list[str],
        flags: list[str],
        events: list[str],
        options: dict[str, list[str]],
        defcon: Callable[[State], np.ndarray],
        sides: list[str] | None = None,
    ) -> None:
        self.track = {t: i for i, t in enumerate(tracks)}
        self.flag = {f: i for i, f in enumerate(flags)}
        self.event = {e: i for i, e in enumerate(events)}
        self.option = {e: {o: i for i, o in enumerate(opts)} for e, opts in options.items()}
        self.defcon = defcon
        self.side = {s: i for i, s in enumerate(sides or [])}


def compile_condition(cond: BaseModel | None, names: Names) -> Mask | None:
    """None means 'always true', so callers can skip work entirely."""
    if cond is None:
        return None
    if isinstance(cond, FlagIs):
        bit = np.uint64(1 << names.flag[cond.flag])
        return lambda s: (s.flags & bit) != 0
    if isinstance(cond, TrackIn):
        k = names.track[cond.track]
        lo, hi = cond.above, cond.below
        if lo is not None and hi is not None:
            return lambda s: (s.tracks[:, k] >= lo) & (s.tracks[:, k] < hi)
        if lo is not None:
            return lambda s: s.tracks[:, k] >= lo
        return lambda s: s.tracks[:, k] < hi
    if isinstance(cond, Chose):
        e = names.event[cond.chose.event]
        o = names.option[cond.chose.event][cond.chose.option]
        return lambda s: s.choices[e] == o
    if isinstance(cond, War):
        want = cond.war
        return (lambda s: s.war) if want else (lambda s: ~s.war)
    if isinstance(cond, DefconAtMost):
        level = cond.defcon_at_most
        defcon = names.defcon
        return lambda s: defcon(s) <= level
    if isinstance(cond, ResolveIn):
        j = names.side[cond.resolve.side]
        at_least, below = cond.resolve.at_least, cond.resolve.below
        if at_least is not None and below is not None:
            return lambda s: (s.resolve[:, j] >= at_least) & (s.resolve[:, j] < below)
        if at_least is not None:
            return lambda s: s.resolve[:, j] >= at_least
        return lambda s: s.resolve[:, j] < below
    if isinstance(cond, Always):
        value = cond.always
        return lambda s: np.full(s.n, value)
    if isinstance(cond, AllOf | AnyOf):
        parts = [compile_condition(c, names) for c in (cond.all if isinstance(cond, AllOf) else cond.any)]
        fns = [p for p in parts if p is not None]
        if isinstance(cond, AllOf):
            if len(fns) < len(parts) and not fns:
                return None

            def all_of(s: State) -> np.ndarray:
                out = fns[0](s).copy()
                for fn in fns[1:]:
                    out &= fn(s)
                return out

            return all_of
        if len(fns) < len(parts):
            return None  # some branch is 'always'

        def any_of(s: State) -> np.ndarray:
            out = fns[0](s).copy()
            for fn in fns[1:]:
                out |= fn(s)
            return out

        return any_of
    if isinstance(cond, NotOf):
        inner = compile_condition(cond.not_, names)
        if inner is None:
            return lambda s: np.zeros(s.n, dtype=bool)
        return lambda s: ~inner(s)
    raise TypeError(f"unknown condition {type(cond).__name__}")  # pragma: no cover
