"""Game: a batch of N games driven through the day's phases by one code path.

A person's game is ``Game(scenario, side="us", seed=7)`` — a batch of one that
pauses whenever the player's side must decide.  A simulation is
``Game(scenario, side=None, n=100_000).run({"us": "ai", "ussr": "hawk"})``.
Both step through the same phase machine and the same numpy operations, so a
speed-up for one is a speed-up for the other and their results cannot drift.

Front ends act through ``step(actions)``, one option index per game of the
batch, or ``choose(option_id)``, its one-game convenience: the command that
players, policies, replays, learning agents and tests all produce.
"""

from __future__ import annotations

import numpy as np

from ..scenario.model import Scenario
from .compiled import DTYPE, Compiled, CompiledEvent
from .hidden import apply_commitments
from .machine import Phase, next_phase
from .outcomes import Result, determine_endings
from .policies import Policy, get_policy
from .record import LogEntry
from .state import State
from .streams import Streams
from .tension import check_limits, daily_dynamics, roll_hazard, roll_incidents
from .turns import DayObserver, Decision, Pending
from .wording import words_as_read

HUMAN = "player"


def _row(tracks: np.ndarray) -> list[float]:
    """Game 0's tracks, rounded for a readable log."""
    return [round(float(v), 5) for v in tracks[0]]


class Game:
    """A batch of games of one scenario, stepping in lockstep through the days."""

    def __init__(
        self,
        scenario: Scenario | Compiled,
        side: str | None = None,
        seed: int = 0,
        n: int = 1,
        opponent: str = "ai",
        *,
        streams: Streams | None = None,
        record: bool | None = None,
        history: bool | None = None,
        observer: DayObserver | None = None,
    ) -> None:
        self.compiled = scenario if isinstance(scenario, Compiled) else Compiled(scenario)
        c = self.compiled
        if side is not None and side not in c.side_ids:
            raise ValueError(f"unknown side '{side}' (choose from {', '.join(c.side_ids)})")
        get_policy(opponent)
        self.scenario: Scenario = c.scenario
        self.seed = seed
        self.side = side
        self.opponent = opponent
        self.rng = streams if streams is not None else Streams.for_run(seed, n)
        if self.rng.n != n:
            raise ValueError("streams and batch size disagree")
        self.state = State.initial(c, n)
        if c.hidden.declared:  # one vectorised draw per block, on a side branch of the seed
            self.state.resolve = c.hidden.draw_resolve(self.rng)
        self.controllers: list[str | Policy] = [HUMAN if sid == side else opponent for sid in c.side_ids]
        self.day = 0
        self.phase = Phase.BRIEFING
        self.queue: list[int] = []
        self.record = (n == 1) if record is None else record
        self.log: list[LogEntry] = []
        self.player_choices: list[tuple[str, str]] = []
        keep = (n == 1) if history is None else history
        self.history: np.ndarray | None = np.empty((c.days + 1, n, c.K), dtype=DTYPE) if keep else None
        if self.history is not None:
            self.history[0] = self.state.tracks
        self.observer = observer
        self._pending: Pending | None = None
        self.endings: np.ndarray | None = None
        self._started = False

    # ----- the read-only view the guards use -------------------------------------------
    @property
    def n(self) -> int:
        return self.state.n

    @property
    def days(self) -> int:
        return self.compiled.days

    @property
    def events_queued(self) -> bool:
        return bool(self.queue)

    @property
    def all_over(self) -> bool:
        return bool(self.state.over.all())

    @property
    def finished(self) -> bool:
        return self.phase is Phase.EPILOGUE

    # ----- commands ---------------------------------------------------------------------
    @property
    def pending(self) -> Pending | None:
        """The decision the batch waits on, or None when nothing waits (or the games ended)."""
        self._start()
        return self._pending

    def decision(self) -> Decision | None:
        """The decision waiting for the player, or None when the game needs nothing."""
        self._start()
        p = self._pending
        if p is None:
            return None
        row = int(np.flatnonzero(p.waiting)[0])
        event = self.scenario.events[p.event.index]
        options = tuple(o for j, o in enumerate(event.options) if p.legal[j, row])
        return Decision(self.day, event, options, p.side)

    def step(self, actions: np.ndarray | list[int]) -> None:
        """Answer the pending decision with one option index per game, then play on.

        Games that are not waiting are skipped, whatever their entry says, so an
        agent can pass a full row every time.  A waiting game given an option that
        does not exist or is not open raises ``ValueError`` and changes nothing.
        """
        self._start()
        p = self._pending
        if p is None:
            raise RuntimeError("no decision is waiting")
        ev = p.event
        a = np.asarray(actions)
        if a.shape != (self.n,) or not np.issubdtype(a.dtype, np.integer):
            raise ValueError(
                f"step takes one integer option index per game: shape ({self.n},), got {a.shape}"
            )
        inside = (a >= 0) & (a < ev.n_options)
        # legal[a[i], i] for every game, as one gather from the flat (O, N) table.
        open_ = np.take(p.legal.ravel(), np.where(inside, a, 0) * self.n + np.arange(self.n)) & inside
        bad = p.waiting & ~open_
        if bad.any():
            g = int(np.flatnonzero(bad)[0])
            choices = [ev.option_ids[j] for j in np.flatnonzero(p.legal[:, g])]
            raise ValueError(
                f"game {g}: option {int(a[g])} is not open at '{ev.id}' "
                f"({int(bad.sum())} game(s) affected; open for game {g}: "
                f"{', '.join(f'{ev.option_ids.index(o)}={o}' for o in choices)})"
            )
        self._pending = None
        if p.waiting[0]:
            self.player_choices.append((ev.id, ev.option_ids[int(a[0])]))
        self._apply(ev, a, p.waiting, p.draws, HUMAN)
        self.phase = next_phase(self.phase, self)
        self._advance()

    def choose(self, option_id: str) -> None:
        """Take an option of the pending decision, for every game waiting on it."""
        self._start()
        p = self._pending
        if p is None:
            raise RuntimeError("no decision is waiting")
        ev = p.event
        if option_id not in ev.option_ids:
            raise ValueError(
                f"'{option_id}' is not an option of '{ev.id}' (options: {', '.join(ev.option_ids)})"
            )
        j = ev.option_ids.index(option_id)
        if not p.legal[j, p.waiting].all():
            raise ValueError(f"'{option_id}' is not open at '{ev.id}' now")
        self.step(np.full(self.n, j, dtype=np.int64))

    def run(self, policies: dict[str, str | Policy] | None = None) -> Result:
        """Play to the end with policies for the named sides (the others keep theirs)."""
        for sid, name in (policies or {}).items():
            if sid not in self.compiled.side_ids:
                raise ValueError(f"unknown side '{sid}'")
            get_policy(name)
            self.controllers[self.compiled.side_ids.index(sid)] = name
        self._start()
        p = self._pending
        if p is not None:
            name = self.controllers[p.event.side]
            if name == HUMAN:
                raise RuntimeError(f"side '{p.side}' needs a policy to run")
            self._pending = None
            ev = p.event
            self._apply(ev, self._ask(name, p), p.waiting, p.draws, name)
            self.phase = next_phase(self.phase, self)
        self._advance()
        if self._pending is not None:
            raise RuntimeError("a side without a policy must decide; pass policies for it")
        return self.result()

    def fork(self, n: int, streams: Streams, policies: dict[str, str]) -> Game:
        """n copies of game 0 from this very moment, with fresh randomness, for what-ifs."""
        twin = object.__new__(Game)
        twin.__dict__.update(self.__dict__)
        twin.rng = streams
        twin.state = self.state.repeat(n)
        twin.controllers = [
            policies.get(sid, c) for sid, c in zip(self.compiled.side_ids, self.controllers, strict=True)
        ]
        twin.queue = list(self.queue)
        twin.record = False
        twin.log = []
        twin.player_choices = list(self.player_choices)
        twin.history = None
        twin.observer = None
        p = self._pending
        if p is not None:
            u = streams.random(2 if p.event.has_risk else 1)
            twin._pending = Pending(
                p.event, np.repeat(p.waiting[:1], n), np.repeat(p.legal[:, :1], n, axis=1), p.side, u
            )
        return twin

    def result(self) -> Result:
        if self.endings is None:
            raise RuntimeError("the game has not ended")
        return Result(self.compiled, self.state, self.endings, self.history)

    # ----- the machine ------------------------------------------------------------------
    def _start(self) -> None:
        """Games start lazily, so ``run`` can set policies before the first day."""
        if not self._started:
            self._started = True
            self._advance()

    def _advance(self) -> None:
        while self.phase is not Phase.EPILOGUE:
            if self._act():
                return
            self.phase = next_phase(self.phase, self)

    def _act(self) -> bool:
        """Run the current phase's action; True when it waits for the player."""
        phase = self.phase
        if phase is Phase.BRIEFING:
            self.day += 1
            self.queue = list(self.compiled.events_on_day[self.day])
        elif phase is Phase.DECISION:
            return self._decide_next()
        elif phase is Phase.RESOLUTION:
            self._resolve()
        elif phase is Phase.INCIDENTS:
            self._incidents()
        elif phase is Phase.DAY_END:
            if self.compiled.politics.removals:  # the side's politics meets at the close of the day
                for rule, hit in self.compiled.politics.remove(self.state):
                    self._log_politics(rule, "", "", hit)
                    self._finish(hit)
            if self.history is not None:
                self.history[self.day] = self.state.settled_tracks()
            if self.day >= self.days:
                self._finish(self.state.alive)
            if self.observer is not None:
                self.observer.day_end(self.day, self.state)
        elif phase is Phase.ENDING:
            self._finish(self.state.alive)
            self.state.tracks = self.state.settled_tracks()
            if self.history is not None:  # the day it ended, and the days it never reached
                self.history[self.day :] = self.state.tracks
            self.endings = determine_endings(self.compiled, self.state)
            if self.observer is not None:
                self.observer.ending(self.day, self.state, self.endings)
            if self.record:  # NO_ENDING (-1) must not index the last ending: the log says none too
                found = int(self.endings[0])
                ending = self.compiled.ending_ids[found] if found >= 0 else ""
                self.log.append(LogEntry("end", self.day, ending=ending))
        return False

    def _decide_next(self) -> bool:
        if not self.queue:
            return False
        s = self.state
        ev = self.compiled.events[self.queue.pop(0)]
        # Drawn whether or not the event fires, so streams never drift: one uniform for
        # the choice, and a second only where an option carries an immediate risk.
        u = self.rng.random(2 if ev.has_risk else 1)
        fire = s.alive & (s.choices[ev.index] < 0)
        if ev.when is not None:
            fire &= ev.when(s)
        legal = np.ones((ev.n_options, s.n), dtype=bool)  # options first: rows are contiguous
        conditional = [(j, when) for j, when in enumerate(ev.option_when) if when is not None]
        for j, when in conditional:
            legal[j] = when(s)
        if conditional:
            fire &= legal.any(axis=0)
        politics = self.compiled.politics
        if politics.rules:  # the side's own politics closes options, or takes the choice from it
            politics.restrict(ev, s, legal)
            for rule, hit in politics.overrules(ev, s, fire, legal):
                self._log_politics(rule, ev.id, ev.option_ids[rule.option], hit)
                self._apply(ev, np.full(s.n, rule.option), hit, u, "politics")
                fire &= ~hit
        if not fire.any():
            return False
        controller = self.controllers[ev.side]
        if controller == HUMAN:
            self._pending = Pending(ev, fire, legal, self.compiled.side_ids[ev.side], u)
            return True
        pending = Pending(ev, fire, legal, self.compiled.side_ids[ev.side], u)
        self._apply(ev, self._ask(controller, pending), fire, u, controller)
        return False

    def _ask(self, controller: str | Policy, p: Pending) -> np.ndarray:
        """A mind's answer: a looking-ahead mind reads the game (``decide``), a script the state."""
        mind = get_policy(controller)
        decide = getattr(mind, "decide", None)
        if decide is not None:
            return decide(self, p)
        return mind(p.event, p.legal, self.state, p.draws[:, 0])

    def _apply(self, ev: CompiledEvent, choice: np.ndarray, fire: np.ndarray, u: np.ndarray, by: str) -> None:
        s = self.state
        before = _row(s.tracks) if self.record else []
        words = ("", "")
        if self.record and fire[0]:  # game 0's words before the choice's own flags reword them
            words = words_as_read(self.compiled, s, self.rng, self.day, ev, int(choice[0]))
        c = np.where(fire, choice, ev.none)  # the padded row: no effect where it did not fire
        s.tracks += np.take(ev.effects, c, axis=0)
        np.clip(s.tracks, 0.0, 1.0, out=s.tracks)
        if ev.has_sets:
            s.flags |= np.take(ev.sets, c)
        if ev.has_clears:
            s.flags &= ~np.take(ev.clears, c)
        promises = self.compiled.hidden.commitments
        if ev.index in promises.commits or ev.index in promises.breaks:
            apply_commitments(promises, ev.index, c, s)
        np.copyto(s.choices[ev.index], c, where=fire, casting="unsafe")
        if ev.has_defcon:  # a 0 in the table leaves that column as it is
            new = np.take(ev.defcon, c, axis=0)
            np.copyto(s.defcon, new, where=new > 0)
        if ev.has_risk:
            s.war |= u[:, 1] < np.take(ev.risk, c)
        limited = ev.hits_limit or (ev.has_defcon and self.compiled.defcon_war_at > 0)
        if limited:  # only a choice that raises a limited track (or sets DEFCON) can cross a limit
            check_limits(self.compiled, s)
        if limited or ev.has_risk:
            self._finish(s.war)
        if ev.has_ends:
            self._finish(np.take(ev.ends, c))
        if self.record and fire[0]:
            self.log.append(
                LogEntry(
                    "choice",
                    self.day,
                    before,
                    _row(s.tracks),
                    event=ev.id,
                    option=ev.option_ids[int(c[0])],
                    side=self.compiled.side_ids[ev.side],
                    by=by if isinstance(by, str) else getattr(by, "__name__", "custom"),
                    cause="war" if s.war[0] else "",
                    label=words[0],
                    history_label=words[1],
                )
            )

    def _log_politics(self, rule, event: str, option: str, hit: np.ndarray) -> None:
        """Record game 0's overrule or removal, so the day's report can announce it."""
        if self.record and hit[0]:
            row = _row(self.state.tracks)
            self.log.append(
                LogEntry(
                    "politics", self.day, row, row, event=event, option=option, side=rule.side, rule=rule.id
                )
            )

    def _resolve(self) -> None:
        c, s = self.compiled, self.state
        before = _row(s.tracks) if self.record else []
        parts = daily_dynamics(c, s, self.rng, explain=self.record)
        p = roll_hazard(c, s, self.rng)
        check_limits(c, s)
        if self.record:
            self.log.append(
                LogEntry(
                    "dynamics",
                    self.day,
                    before,
                    _row(s.tracks),
                    hazard=round(float(p[0]), 6),
                    parts={
                        k: _row(getattr(parts, k)) for k in ("coupling", "decay", "drift", "noise", "clipped")
                    }
                    if parts
                    else {},
                    cause="war" if s.war[0] and not s.over[0] else "",
                )
            )
        self._finish(s.war)

    def _incidents(self) -> None:
        c, s = self.compiled, self.state
        rolled = roll_incidents(c, s, self.rng, self.day)
        logged: list[LogEntry] = []
        if self.record:
            # Game 0's incidents in order, each with the tracks just before and after it:
            # walked back from the day's end, since all were rolled before any is read.
            now = s.tracks[:1].copy()
            for index, rows, deltas, started in reversed(rolled):
                if rows.size and rows[0] == 0:
                    before = now - deltas[:1]
                    entry = LogEntry(
                        "incident",
                        self.day,
                        _row(before),
                        _row(now),
                        incident=c.incidents[index].id,
                        cause="war" if started[0] else "",
                    )
                    logged.insert(0, entry)
                    now = before
            self.log.extend(logged)
        if any(rows.size for _, rows, _, _ in rolled):  # only games an incident touched can change
            at_peace = not s.war[0]
            check_limits(c, s)
            if logged and at_peace and s.war[0]:
                # An incident pushed a track past its limit: the war must not arrive unexplained.
                logged[-1].cause = "war"
            self._finish(s.war)

    def _finish(self, mask: np.ndarray) -> None:
        s = self.state
        newly = np.flatnonzero(mask & ~s.over)
        if newly.size:
            s.end_day[newly] = self.day
            s.final[newly] = s.tracks[newly]
            s.over[newly] = True
            # After a war nobody keeps count of broken promises: its prestige is the war's alone.
            s.audience[newly[s.war[newly]]] = 0
