"""The advisers' background job: the council's estimates for every option of one decision.

It belongs to the session, not to a screen: the window starts it as soon as a
decision is waiting (so the council works while the player reads the
briefing) and the terminal starts it when the player asks.  The thread plays
a private copy of the game; numpy releases the GIL while it works, so the
window keeps drawing.
"""

from __future__ import annotations

import threading

from ..engine.game import Game
from ..engine.streams import Streams
from ..minds.advisers import CouncilView, consult, council_of

ROLLOUTS = 4200  # per option, shared among the council's members


class AdvisorJob:
    """The council's estimates for every option of one decision, computed off the main thread.

    ``results`` maps each open option to a ``CouncilView``: every adviser's
    opinion, and the range they span (``war_low``..``war_high``, consensus ``war``).
    """

    def __init__(self, game: Game, rollouts: int | None = None) -> None:
        decision = game.decision()
        self.options = decision.option_ids if decision else []
        self.rollouts = ROLLOUTS if rollouts is None else rollouts
        members = len(council_of(game.scenario, decision.side)) if decision else 1
        self.per_adviser = max(50, self.rollouts // members)
        # A private copy of the game at this moment, so the thread never reads a game
        # the player is changing.
        self._base = game.fork(1, Streams.for_run(game.seed, 1), {}) if decision else None
        self._seed = game.seed
        self.results: dict[str, CouncilView] = {}
        self.key = (len(game.player_choices), game.day)
        self.error: str | None = None
        self._cancel = threading.Event()
        self._thread = threading.Thread(target=self._work, daemon=True)

    def start(self) -> AdvisorJob:
        if self._base is not None and not self._thread.is_alive() and not self.results:
            self._thread.start()
        return self

    def _work(self) -> None:
        try:
            if self._cancel.is_set():
                return
            views = consult(self._base, self.per_adviser, seed=self._seed)
            if not self._cancel.is_set():
                self.results.update(views)
        except Exception as exc:  # shown beside the options; advice is never worth a crash
            self.error = f"{type(exc).__name__}: {exc}"

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def done(self) -> bool:
        return not self._thread.is_alive() and (bool(self.results) or self.error is not None)

    def wait(self, timeout: float | None = None) -> None:
        if self._thread.is_alive():
            self._thread.join(timeout)
