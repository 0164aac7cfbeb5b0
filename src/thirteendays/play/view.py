"""``PlayerView``: the player's game as that side may see it, built in one function.

Front ends read a ``PlayerView``; they never index the engine's batch arrays.
Everything a side is shown passes through ``view_for``, so hiding what a side
could not know (the other side's secret moves, estimated readiness) is one
change in one place.  Today every track is shown as it is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..engine.explain import explain_day
from ..engine.game import Game
from ..engine.record import LogEntry
from ..engine.wording import resolved_scenario
from ..scenario.model import Scenario
from . import words
from .politics_view import ClosedOptionView, PoliticsView, closed_options, politics_notes
from .visibility import visible_log
from .words import PathStep, Row

PLAYER_ROW = 0  # a person's game is a batch of one: the only place row 0 is read


@dataclass(frozen=True)
class TrackView:
    id: str
    label: str
    value: float
    warn_at: float | None
    war_at: float | None


@dataclass(frozen=True)
class OptionView:
    id: str
    label: str
    stance: str  # escalate | hold | concede
    warnings: tuple[str, ...]  # in words; a choice with warnings asks "are you sure?"


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
    epilogue: str
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

    @property
    def finished(self) -> bool:
        return self.ending is not None

    def track(self, track_id: str) -> float:
        return next(t.value for t in self.tracks if t.id == track_id)

    def values(self) -> dict[str, float]:
        return {t.id: t.value for t in self.tracks}

    def day_rows(self, day: int, entries: tuple[LogEntry, ...] | None = None) -> list[Row]:
        """A finished day in words, from this view's log (or from ``entries`` for what is new)."""
        ex = explain_day(list(self.scenario.tracks), self.log, day)
        return words.day_report(self.scenario, self.log if entries is None else entries, ex)


def view_for(game: Game, side: str | None) -> PlayerView:
    """What ``side`` sees of the person's game (game 0 of its batch)."""
    c = game.compiled
    # Every text with variants is resolved here, once, for game 0: front ends read
    # the view's scenario and so can never show a different wording from each other.
    sc = resolved_scenario(c, game.state)
    row = game.state.tracks[PLAYER_ROW]
    values = {tid: float(v) for tid, v in zip(c.track_ids, row, strict=True)}
    tracks = tuple(
        TrackView(tid, sc.tracks[tid].label, values[tid], sc.tracks[tid].warn_at, sc.tracks[tid].war_at)
        for tid in c.track_ids
    )
    flags = frozenset(f for f in c.flag_ids if bool(game.state.flag(c, f)[PLAYER_ROW]))
    log = visible_log(game.scenario, game.log, side)  # secrets of the other side stay out
    decision = game.decision()
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
                OptionView(o.id, worded[o.id].label, o.stance.value, words.option_warnings(sc, values, o))
                for o in decision.options
            ),
            closed_options(game, sc, event.id, set(decision.option_ids), PLAYER_ROW),
        )
    day = max(1, min(game.day, sc.days))
    finished_day = decision.day - 1 if decision is not None else game.day
    explanation: tuple[Row, ...] = ()
    if finished_day >= 1:
        ex = explain_day(c.track_ids, log, finished_day)
        explanation = tuple(words.day_report(sc, log, ex))
    history: tuple[tuple[float, ...], ...] = ()
    if game.history is not None:
        # A finished game's history stops on the day it ended: the days it never reached are not
        # part of its story (the engine keeps them flat only so batch arrays line up).
        ended = int(game.state.end_day[PLAYER_ROW]) if game.finished else 0
        days_done = (ended or c.days) if game.finished else max(0, game.day - 1)
        history = tuple(tuple(float(v) for v in game.history[d, PLAYER_ROW]) for d in range(days_done + 1))
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
    )


def _ending(game: Game, sc: Scenario, side: str | None, log: tuple[LogEntry, ...]) -> EndingView:
    result = game.result()
    eid = result.ending_id()
    ending = next(e for e in sc.endings if e.id == eid)
    return EndingView(
        id=ending.id,
        title=ending.title,
        text=ending.text,
        historical=ending.historical,
        views=tuple(ending.views.items()),
        reflection=ending.reflection,
        source=ending.source,
        prestige=tuple(result.prestige().items()),
        epilogue=ending.epilogue,
        kind=ending.kind.value,
        winner=ending.winner,
        war=ending.war,
        path=words.player_path(sc, log, side),
    )
