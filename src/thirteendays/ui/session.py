"""A player's game in the window: the engine, autosave, advice and what changed.

Screens read from the session and act only through ``choose``.  Advice comes
from a background thread that plays the rest of the crisis thousands of times
per option; numpy releases the GIL while it works, so the window keeps drawing.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from ..engine.game import Decision, Game
from ..engine.record import LogEntry
from ..engine.replay import save_of
from ..engine.streams import Streams
from ..sim.advisor import Advice, advise
from ..storage import autosave_path, write_save

ROLLOUTS = 4000


class AdvisorJob:
    """Estimates for every option of one decision, computed off the main thread."""

    def __init__(self, game: Game, rollouts: int = ROLLOUTS) -> None:
        decision = game.decision()
        self.options = decision.option_ids if decision else []
        self.rollouts = rollouts
        # A private copy of the game at this moment, so the thread never reads a game
        # the player is changing.
        self._base = game.fork(1, Streams.for_run(game.seed, 1), {}) if decision else None
        self._seed = game.seed
        self.results: dict[str, Advice] = {}
        self.key: tuple[int, int] | None = None
        self.error: str | None = None
        self._cancel = threading.Event()
        self._thread = threading.Thread(target=self._work, args=(rollouts,), daemon=True)
        if self._base is not None:
            self._thread.start()

    def _work(self, rollouts: int) -> None:
        try:
            for option in self.options:
                if self._cancel.is_set():
                    return
                self.results[option] = advise(self._base, option, rollouts, seed=self._seed)
        except Exception as exc:  # shown in the panel; advice is never worth a crash
            self.error = f"{type(exc).__name__}: {exc}"

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def done(self) -> bool:
        return not self._thread.is_alive()

    def wait(self, timeout: float | None = None) -> None:
        if self._thread.is_alive():
            self._thread.join(timeout)


@dataclass
class Session:
    game: Game
    scenario_file: str = ""
    autosave: Path = field(default_factory=autosave_path)
    seen: int = 0  # log entries already shown to the player
    seen_day: int = 0  # the last day whose briefing the player has read
    advisor: AdvisorJob | None = None
    message: str = ""

    @property
    def scenario(self):
        return self.game.scenario

    def decision(self) -> Decision | None:
        return self.game.decision()

    def start_advice(self, rollouts: int = ROLLOUTS) -> AdvisorJob | None:
        """Start estimating the current decision, unless that is already under way."""
        key = (len(self.game.player_choices), self.game.day)
        if self.advisor is not None and self.advisor.key == key:
            return self.advisor
        if self.advisor is not None:
            self.advisor.cancel()
        self.advisor = AdvisorJob(self.game, rollouts) if self.game.decision() else None
        if self.advisor is not None:
            self.advisor.key = key
        return self.advisor

    def choose(self, option_id: str) -> None:
        if self.advisor is not None:
            self.advisor.cancel()
            self.advisor = None
        self.game.choose(option_id)
        self.save()

    def save(self, path: Path | None = None) -> Path:
        target = path or self.autosave
        write_save(save_of(self.game, self.scenario_file), target)
        return target

    def unseen(self) -> list[LogEntry]:
        """Log entries since the last call: what the player has not been shown yet."""
        entries = self.game.log[self.seen :]
        self.seen = len(self.game.log)
        return entries

    def track_value(self, track_id: str) -> float:
        return float(self.game.state.tracks[0, self.game.compiled.track_ids.index(track_id)])

    def defcon(self) -> int:
        return int(self.game.compiled.defcon(self.game.state.tracks)[0])

    def flag(self, name: str) -> bool:
        return bool(self.game.state.flag(self.game.compiled, name)[0])
