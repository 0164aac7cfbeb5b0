"""``PlayerView``: the player's game as that side may see it, built in one function.

Front ends read a ``PlayerView``; they never index the engine's batch arrays.
Everything a side is shown passes through ``view_for``, so hiding what a side
could not know (the other side's secret moves, estimated readiness) is one
change in one place.  A side reads its own tracks exactly and the other side's
as intelligence estimates with a band (``play/intel.py``); the other side's secret
flags, secret moves and resolve never reach it, until the archives open at the end.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from ..engine.explain import day_bounds, explain_day, untraced
from ..engine.game import Game
from ..engine.record import LogEntry
from ..engine.wording import resolved_scenario
from ..scenario.model import Scenario
from . import words
from .intel import archives, broken_promises, estimate_words, masked_log, promise_warnings, seen
from .politics_view import ClosedOptionView, PoliticsView, closed_options, politics_notes
from .risk_words import opened_dangers, option_warnings
from .words import PathStep, Row

PLAYER_ROW = 0  # a person's game is a batch of one: the only place row 0 is read


@dataclass(frozen=True)
class TrackView:
    id: str
    label: str
    value: float
    warn_at: float | None
    war_at: float | None
    # The band this side's intelligence puts the track in; low == value == high when it
    # is seen exactly (its own tracks, the world's).  ``known`` False: not known at all yet.
    low: float = 0.0
    high: float = 0.0
    estimated: bool = False
    known: bool = True

    @property
    def shown(self) -> str:
        """The value in words: '40%' when seen exactly, 'about 35–55%' as an estimate, 'unknown'."""
        if not self.known:
            return "unknown"
        if self.estimated:
            return estimate_words(self.low, self.high)
        return f"{round(self.value * 100)}%"


@dataclass(frozen=True)
class OptionView:
    id: str
    label: str
    stance: str  # escalate | hold | concede
    warnings: tuple[str, ...]  # in words; a choice with warnings asks "are you sure?"
    # Dangers the option opens for later (an incident it makes possible): shown beside the
    # warnings, but not asked about, since they are a chance of a chance.
    dangers: tuple[str, ...] = ()


@dataclass(frozen=True)
class DecisionView:
    day: int
    event_id: str
    title: str
    text: str
    side: str
    options: tuple[OptionView, ...]
    closed: tuple[ClosedOptionView, ...] = ()  # closed by the side's politics, shown with the reason

    @property
    def option_ids(self) -> list[str]:
        return [o.id for o in self.options]


@dataclass(frozen=True)
class EndingView:
    id: str
    title: str
    text: str
    historical: bool
    views: tuple[tuple[str, str], ...]  # (side id, how that side tells it)
    reflection: str
    source: str
    prestige: tuple[tuple[str, int], ...]
    promises: tuple[tuple[str, int], ...]  # prestige each side lost by breaking public promises (if any)
    broken: tuple[tuple[str, str], ...]  # (side, what it had said) for each promise it broke and paid for
    epilogue: str
    archives: tuple[str, ...]  # what the other side kept from this one, revealed after the crisis
    kind: str  # the scenario's EndingKind: war | conflict | victory | settlement | standoff
    winner: str | None  # the side that had its way, for a victory
    war: bool  # the ending is the general war (its kind says so, not its id)
    path: tuple[PathStep, ...]


@dataclass(frozen=True)
class PlayerView:
    """One side's view of one game at one moment; frozen, so a screen cannot change it."""

    scenario: Scenario
    side: str | None
    day: int  # 1.. days; the day being played (or the last one when the game is over)
    date: dt.date
    defcon: int | None  # this side's DEFCON (the lowest of the sides for an onlooker); None: no DEFCON
    tracks: tuple[TrackView, ...]
    flags: frozenset[str]
    decision: DecisionView | None
    explanation: tuple[Row, ...]  # the last finished day, in words
    log: tuple[LogEntry, ...]  # the log as this side may read it
    history: tuple[tuple[float, ...], ...]  # track values per finished day, for charts
    ending: EndingView | None
    politics: tuple[PoliticsView, ...] = ()  # the side's own rules that are near or in force
    # Each day's real start and end (so far) of the tracks this side reads exactly, by day:
    # a move it was not shown still moved them, and the day's report must add up.
    bounds: tuple[tuple[int, tuple[dict[str, float], dict[str, float]]], ...] = ()
    # The day the war came, if it did: everyone knows that, even when what began it (a
    # secret move) is kept from this side and so is not in its log.
    war_day: int | None = None

    @property
    def finished(self) -> bool:
        return self.ending is not None

    def track(self, track_id: str) -> float:
        return next(t.value for t in self.tracks if t.id == track_id)

    def values(self) -> dict[str, float]:
        return {t.id: t.value for t in self.tracks}

    def day_rows(self, day: int, entries: tuple[LogEntry, ...] | None = None) -> list[Row]:
        """A finished day in words, from this view's log (or from ``entries`` for what is new)."""
        guessed = frozenset(t.id for t in self.tracks if t.estimated)
        shown = self.log if entries is None else entries
        bounds = dict(self.bounds).get(day)
        return _day_rows(self.scenario, self.log, shown, day, self.side, guessed, bounds, day == self.war_day)


def _day_rows(
    sc: Scenario,
    log: tuple[LogEntry, ...],
    shown: tuple[LogEntry, ...],
    day: int,
    side: str | None,
    guessed: frozenset[str],
    bounds: tuple[dict[str, float], dict[str, float]] | None,
    war: bool = False,
) -> list[Row]:
    """The day report from a side's log, its net change taken from the day's real bounds."""
    track_ids = list(sc.tracks)
    ex = explain_day(track_ids, log, day)
    ex.war = ex.war or war
    unseen: dict[str, float] = {}
    if bounds is not None and ex.end:
        start, end = bounds
        ex.start.update(start)  # the visible entries' first and last values would miss a
        ex.end.update(end)  # secret move made before the first of them or after the last
        unseen = untraced(track_ids, log, day, bounds)

    # Moves of the day reported before this report (a "so far" block, or the screen before a
    # decision): their changes are in the net, so they are in one row of their own.
    def key(e: LogEntry) -> tuple[str, str, str, str]:
        return e.kind, e.event, e.option, e.incident

    keys = {key(e) for e in shown if e.day == day}
    told = [e for e in log if e.day == day and e.kind in ("choice", "incident") and key(e) not in keys]
    earlier = {t: sum(e.deltas()[k] for e in told) for k, t in enumerate(track_ids)} if told else None
    return words.day_report(sc, shown, ex, side, guessed, unseen, earlier)


def _bounds(
    game: Game, exact: list[str]
) -> tuple[tuple[int, tuple[dict[str, float], dict[str, float]]], ...]:
    """Every day's real bounds of the tracks a side reads exactly (none to give for an onlooker's)."""
    days = sorted({e.day for e in game.log if e.before})
    out = []
    for d in days:
        b = day_bounds(game.compiled.track_ids, game.log, d, exact)
        if b is not None:
            out.append((d, b))
    return tuple(out)


def view_for(game: Game, side: str | None) -> PlayerView:
    """What ``side`` sees of the person's game (game 0 of its batch)."""
    c = game.compiled
    # Every text with variants is resolved here, once, for game 0: front ends read
    # the view's scenario and so can never show a different wording from each other.
    # Words, values and flags come from the state as this side sees it, never the truth.
    decision = game.decision()  # first: a fresh game plays up to its first decision here
    view = seen(game, side)
    state, b = view.state, view.bands
    sc = resolved_scenario(c, state)
    row = state.tracks[0]
    values = {tid: float(v) for tid, v in zip(c.track_ids, row, strict=True)}
    tracks = tuple(
        TrackView(
            tid,
            sc.tracks[tid].label,
            values[tid],
            sc.tracks[tid].warn_at,
            sc.tracks[tid].war_at,
            low=float(b.low[0, k]),
            high=float(b.high[0, k]),
            estimated=not bool(b.exact[k]),
            known=bool(b.known[0, k]),
        )
        for k, tid in enumerate(c.track_ids)
    )
    guessed = frozenset(t.id for t in tracks if t.estimated)  # no points for these: see day_report
    bands = {t.id: (t.low, t.high) for t in tracks if t.estimated and t.known}
    flags = frozenset(f for f in c.flag_ids if bool(state.flag(c, f)[0]))
    log = masked_log(game, side)  # the other side's secrets stay out, its tracks are estimates
    dview = None
    if decision is not None:
        event = sc.events[c.event_ids.index(decision.event.id)]
        worded = {o.id: o for o in event.options}
        dview = DecisionView(
            decision.day,
            event.id,
            event.title,
            event.text,
            decision.side,
            tuple(
                OptionView(
                    o.id,
                    worded[o.id].label,
                    o.stance.value,
                    option_warnings(sc, values, o, guessed, bands) + promise_warnings(game, side, o),
                    opened_dangers(sc, o, flags, side, decision.day),
                )
                for o in decision.options
            ),
            closed_options(game, sc, event.id, set(decision.option_ids), PLAYER_ROW),
        )
    day = max(1, min(game.day, sc.days))
    finished_day = decision.day - 1 if decision is not None else game.day
    bounds = _bounds(game, [t.id for t in tracks if not t.estimated]) if side is not None else ()
    at_war = game.finished and bool(game.state.war[PLAYER_ROW])
    war_day = int(game.state.end_day[PLAYER_ROW]) if at_war else None
    explanation: tuple[Row, ...] = ()
    if finished_day >= 1:
        finished_bounds = dict(bounds).get(finished_day)
        rows = _day_rows(sc, log, log, finished_day, side, guessed, finished_bounds, finished_day == war_day)
        explanation = tuple(rows)
    history: tuple[tuple[float, ...], ...] = ()
    if game.history is not None:
        # A finished game's history stops on the day it ended: the days it never reached are not
        # part of its story (the engine keeps them flat only so batch arrays line up).
        ended = int(game.state.end_day[PLAYER_ROW]) if game.finished else 0
        days_done = (ended or c.days) if game.finished else max(0, game.day - 1)
        history = _history(game, side, days_done)
    return PlayerView(
        scenario=sc,
        side=side,
        day=day,
        date=sc.date_of(day),
        defcon=int(c.defcon_level(game.state, side)[PLAYER_ROW]) if c.has_defcon else None,
        tracks=tracks,
        flags=flags,
        decision=dview,
        explanation=explanation,
        log=log,
        history=history,
        ending=_ending(game, sc, side, log) if game.finished else None,
        politics=politics_notes(game, sc, side, PLAYER_ROW),
        bounds=bounds,
        war_day=war_day,
    )


def _ending(game: Game, sc: Scenario, side: str | None, log: tuple[LogEntry, ...]) -> EndingView:
    result = game.result()
    eid = result.ending_id()
    ending = next(e for e in sc.endings if e.id == eid)
    paid = dict(zip(game.compiled.side_ids, game.state.audience[0].tolist(), strict=True))  # 0 after a war
    return EndingView(
        id=ending.id,
        title=ending.title,
        text=ending.text,
        historical=ending.historical,
        views=tuple(ending.views.items()),
        reflection=ending.reflection,
        source=ending.source,
        prestige=tuple(result.prestige().items()),
        promises=tuple((sid, int(lost)) for sid, lost in paid.items() if lost),
        broken=tuple((sid, said) for sid, said in broken_promises(game) if paid[sid]),
        epilogue=ending.epilogue,
        archives=archives(game, side),
        kind=ending.kind.value,
        winner=ending.winner,
        war=ending.war,
        path=words.player_path(sc, log, side),
    )


def _history(game: Game, side: str | None, days_done: int) -> tuple[tuple[float, ...], ...]:
    """Track values per finished day as ``side`` saw them on that day (its estimates of the other side)."""
    from ..engine.intel import bands
    from .intel import _row_rng

    c = game.compiled
    assert game.history is not None
    state = game.state.select(np.array([PLAYER_ROW]))
    j = None if side is None else c.side_ids.index(side)
    rows = []
    for d in range(days_done + 1):
        truth = game.history[d, PLAYER_ROW][None, :]
        b = bands(c, state, _row_rng(game), max(1, d), j, tracks=truth)
        shown = np.where(b.known[0], b.estimate[0], c.start)
        rows.append(tuple(float(v) for v in shown))
    return tuple(rows)
