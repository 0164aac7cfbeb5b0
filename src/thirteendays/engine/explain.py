"""Why the tracks moved, as facts: a day's changes attributed to their causes.

The engine states facts (which option or incident moved which track by how
much, what the model's own dynamics added, the day's hazard, which marks an
option would cross); ``thirteendays.play.words`` turns them into sentences, so
every front end says the same thing and no English lives in the engine.  The
functions read a log and a mapping of track values, never a row of the batch,
so the caller decides whose game (and whose view) is explained.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..scenario.model import Option, Scenario
from .record import LogEntry

MIN_SHOWN = 0.0005
# "clipped" is what holding a track inside [0, 1] took back: without its row a track pinned
# at an end showed rows that did not add up to the net change.
DYNAMICS_PARTS = ("coupling", "decay", "drift", "noise", "clipped")
RISK_SHOWN = 0.02  # an option's own chance of war worth a warning


@dataclass(frozen=True)
class Cause:
    """One reason the tracks moved on a day."""

    kind: str  # choice | incident | coupling | decay | drift | noise
    deltas: dict[str, float]
    ref: str = ""  # the event or incident id
    option: str = ""  # for a choice: the option id
    side: str = ""  # for a choice: who chose
    by: str = ""  # for a choice: "player" or a policy name


@dataclass
class DayExplanation:
    day: int
    causes: list[Cause] = field(default_factory=list)
    hazard: float = 0.0
    start: dict[str, float] = field(default_factory=dict)
    end: dict[str, float] = field(default_factory=dict)
    war: bool = False

    def net(self) -> dict[str, float]:
        return {k: self.end[k] - self.start[k] for k in self.end}


def explain_day(track_ids: Sequence[str], log: Sequence[LogEntry], day: int) -> DayExplanation:
    """The causes of one day's changes, in the order they happened."""
    out = DayExplanation(day)
    for entry in log:
        if entry.day != day or entry.kind == "end":
            continue
        if not out.start:
            out.start = dict(zip(track_ids, entry.before, strict=True))
        out.end = dict(zip(track_ids, entry.after, strict=True))
        out.war = out.war or entry.cause == "war"
        if entry.kind == "choice":
            deltas = _deltas(track_ids, entry.deltas())
            out.causes.append(Cause("choice", deltas, entry.event, entry.option, entry.side, entry.by))
        elif entry.kind == "incident":
            out.causes.append(Cause("incident", _deltas(track_ids, entry.deltas()), entry.incident))
        elif entry.kind == "dynamics":
            out.hazard = entry.hazard
            for part in DYNAMICS_PARTS:
                values = entry.parts.get(part)
                if values:
                    deltas = _deltas(track_ids, values)
                    if deltas:
                        out.causes.append(Cause(part, deltas))
    return out


def day_bounds(
    track_ids: Sequence[str], log: Sequence[LogEntry], day: int, tracks: Sequence[str]
) -> tuple[dict[str, float], dict[str, float]] | None:
    """``tracks`` at the real start and end (so far) of ``day``, from the whole log.

    ``explain_day`` over a side's log starts the day at its first *visible* entry, so
    a secret move or a one-sided incident before it would vanish from the net change.
    A side's own tracks (and the world's) it reads exactly whoever moved them: their
    real bounds are what its gauges showed, and a front end may give them in full.
    """
    moved = [e for e in log if e.day == day and e.before and e.after]
    if not moved:
        return None
    k = [track_ids.index(t) for t in tracks]
    first, last = moved[0].before, moved[-1].after
    return {t: first[i] for t, i in zip(tracks, k, strict=True)}, {
        t: last[i] for t, i in zip(tracks, k, strict=True)
    }


def untraced(
    track_ids: Sequence[str],
    shown: Sequence[LogEntry],
    day: int,
    bounds: tuple[Mapping[str, float], Mapping[str, float]],
) -> dict[str, float]:
    """What moved ``bounds``' tracks on ``day`` that none of the ``shown`` entries did.

    The net change less the sum of what each shown entry actually changed (its after
    less its before, so a track held at a limit leaves no remainder): what is left is
    exactly the moves the reader was not shown, the other side's secret choices and
    the incidents only it saw.
    """
    start, end = bounds
    out = {t: end[t] - start[t] for t in start}
    for e in shown:
        if e.day != day or not e.before or not e.after:
            continue
        for t in out:
            i = track_ids.index(t)
            out[t] -= e.after[i] - e.before[i]
    return {t: v for t, v in out.items() if abs(v) >= MIN_SHOWN}


def _deltas(tracks: Sequence[str], values: Sequence[float]) -> dict[str, float]:
    return {t: v for t, v in zip(tracks, values, strict=True) if abs(v) >= MIN_SHOWN}


@dataclass(frozen=True)
class Crossing:
    """Taking an option now would push ``track`` past a mark (``war`` or ``warn``)."""

    track: str
    mark: str
    now: float
    after: float


def crossings(scenario: Scenario, tracks: Mapping[str, float], option: Option) -> list[Crossing]:
    """The marks an option's effects would cross from these track values (the worse mark first).

    A track read from an estimate can stand at its war mark while the game goes on
    (the estimate errs high); any push upwards may then be the one that ends it.
    """
    out = []
    for tid, delta in option.effects.items():
        track = scenario.tracks[tid]
        now = tracks[tid]
        for mark, what in ((track.war_at, "war"), (track.warn_at, "warn")):
            if mark is None or delta <= 0:
                continue
            if now < mark <= now + delta or (what == "war" and now >= mark):
                out.append(Crossing(tid, what, now, min(1.0, now + delta)))
                break
    return out


def risky(option: Option) -> bool:
    """Whether an option carries an immediate chance of war worth a warning."""
    return option.risk >= RISK_SHOWN
