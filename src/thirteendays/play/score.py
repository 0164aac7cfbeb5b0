"""The score: the player's result ranked against history and against the computer's own play.

A prestige number alone says little: +3 is a triumph against Master and a
shrug against a dove.  So the same side is played many times from the first
morning against the same opponent, once by history's plan and once by the
computer, with the same seeded dice for both (common random numbers), and the
player's result is placed among those games.  Computed off the main thread
for the window, in the foreground for the terminal; never changes the game.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from functools import cache
from typing import ClassVar

import numpy as np

from ..engine.game import Game
from ..engine.policies import POLICIES
from ..engine.streams import Streams

RUNS = 2000  # against a scripted opponent: well under a second
SEARCH_RUNS = 24  # against a searching opponent, which searches in every one of these games
_SALT = 0x5C0E


@dataclass(frozen=True)
class Benchmark:
    """How one way of playing the side fared: its mean prestige, 95% interval, and the player's place."""

    label: str
    mean: float
    low: float
    high: float
    beaten: float  # share of its games the player's result beats (a tie counts half)
    tied: float = 0.0  # share of its games that ended exactly as the player's did
    same: bool = False  # every one of its games scored the same


@dataclass(frozen=True)
class ScoreCard:
    side: str
    prestige: int
    runs: int
    history: Benchmark
    computer: Benchmark


def _benchmark(label: str, values: np.ndarray, mine: int) -> Benchmark:
    half = 1.96 * float(values.std(ddof=1)) / np.sqrt(values.size) if values.size > 1 else 0.0
    tied = float((values == mine).sum() / values.size)
    beaten = float((values < mine).sum() / values.size) + 0.5 * tied
    mean = float(values.mean())
    same = bool(values.size) and bool(values.min() == values.max())
    return Benchmark(label, mean, mean - half, mean + half, beaten, tied, same)


def score_card(game: Game, runs: int | None = None) -> ScoreCard:
    """Rank a finished game's result for the player's side; the game is untouched."""
    if game.side is None or not game.finished:
        raise RuntimeError("only a finished game with a player has a score")
    c = game.compiled
    me = game.side
    other = next(s for s in c.side_ids if s != me)
    opponent = game.controllers[c.side_ids.index(other)]
    if runs is None:
        runs = RUNS if opponent in POLICIES else SEARCH_RUNS
    mine = game.result().prestige(0).get(me, 0)
    table = np.array([e.prestige.get(me, 0) for e in c.scenario.endings] + [0])
    out = []
    for plan in ("historical", "ai"):
        # The same seed for both plans: the dice are common, only the play differs.
        streams = Streams.for_run(np.random.SeedSequence(game.seed, spawn_key=(_SALT,)), runs)
        batch = Game(c, side=None, n=runs, streams=streams, record=False, history=False)
        result = batch.run({me: plan, other: opponent})
        ends = result.endings
        paid = table[np.where(ends < 0, len(table) - 1, ends)].astype(np.float64)
        out.append(paid - result.audience_cost(c.side_ids.index(me)))  # broken promises cost here too
    return ScoreCard(
        me,
        mine,
        runs,
        _benchmark("history's plan", out[0], mine),
        _benchmark("the computer's play", out[1], mine),
    )


class ScoreJob:
    """The score card, computed off the main thread so the ending screen keeps drawing.

    Every job runs on one shared worker, newest first in line: a job still waiting
    when a newer one starts, or when its screen is left, is dropped.  Threads of
    their own would pile up (each playing the game out against a searching mind)
    and starve the window's other background work, such as loading a scenario.
    """

    _pending: ClassVar[list[ScoreJob]] = []

    def __init__(self, game: Game, runs: int | None = None) -> None:
        self._game = game
        self._runs = runs
        self.card: ScoreCard | None = None
        self.error: str | None = None
        self._future: Future | None = None

    def start(self) -> ScoreJob:
        if self._future is None:
            for older in ScoreJob._pending:
                older.cancel()
            ScoreJob._pending[:] = [self]
            self._future = _worker().submit(self._work)
        return self

    def cancel(self) -> None:
        """Drop the job if it has not begun (a job under way finishes; nobody reads it)."""
        if self._future is not None and self._future.cancel():
            self.error = "cancelled"

    def _work(self) -> None:
        try:
            self.card = score_card(self._game, self._runs)
        except Exception as exc:  # a score is never worth a crash
            self.error = f"{type(exc).__name__}: {exc}"

    def wait(self, timeout: float | None = None) -> None:
        if self._future is not None:
            wait([self._future], timeout)


@cache
def _worker() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="thirteendays-score")
