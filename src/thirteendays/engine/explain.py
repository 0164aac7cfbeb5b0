"""Why the tracks moved: a day's changes, attributed to their causes.

Built from the log of game 0, so the window's resolution screen and the
terminal say the same thing: which option or incident moved which track by how
much, what the model's own dynamics added, and the day's risk of war.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .game import Game

MIN_SHOWN = 0.0005


@dataclass
class Cause:
    label: str  # "ExComm: Announce a naval quarantine", "Incident: ..."
    kind: str  # choice | incident | coupling | decay | drift | noise
    deltas: dict[str, float]
    ref: str = ""  # the event or incident id


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


_PART_LABELS = {
    "coupling": "Each side reacting to the other",
    "decay": "Tempers cooling",
    "drift": "Pressure building",
    "noise": "The fog of events",
}


def explain_day(game: Game, day: int) -> DayExplanation:
    c = game.compiled
    tracks = c.track_ids
    out = DayExplanation(day)
    scenario = game.scenario
    for entry in game.log:
        if entry.day != day or entry.kind == "end":
            continue
        if not out.start:
            out.start = dict(zip(tracks, entry.before, strict=True))
        out.end = dict(zip(tracks, entry.after, strict=True))
        out.war = out.war or entry.cause == "war"
        if entry.kind == "choice":
            event = next(e for e in scenario.events if e.id == entry.event)
            option = next(o for o in event.options if o.id == entry.option)
            who = scenario.sides[entry.side].leader
            out.causes.append(
                Cause(f"{who}: {option.label}", "choice", _deltas(tracks, entry.deltas()), entry.event)
            )
        elif entry.kind == "incident":
            incident = next(x for x in scenario.incidents if x.id == entry.incident)
            out.causes.append(
                Cause(
                    f"Incident: {incident.title}", "incident", _deltas(tracks, entry.deltas()), entry.incident
                )
            )
        elif entry.kind == "dynamics":
            out.hazard = entry.hazard
            for part, label in _PART_LABELS.items():
                values = entry.parts.get(part)
                if values:
                    deltas = _deltas(tracks, values)
                    if deltas:
                        out.causes.append(Cause(label, part, deltas))
    return out


def _deltas(tracks: list[str], values: list[float]) -> dict[str, float]:
    return {t: v for t, v in zip(tracks, values, strict=True) if abs(v) >= MIN_SHOWN}


@dataclass
class PathStep:
    """One of the player's decisions beside what history did."""

    day: int
    date: str
    event: str
    yours: str
    history: str
    same: bool
    note: str
    source: str


def player_path(game: Game) -> list[PathStep]:
    """Every decision taken for the player's side (by the player or for them), with history's."""
    scenario = game.scenario
    steps = []
    for entry in game.log:
        if entry.kind != "choice" or (game.side is not None and entry.side != game.side):
            continue
        event = next(e for e in scenario.events if e.id == entry.event)
        chosen = next(o for o in event.options if o.id == entry.option)
        hist = next((o for o in event.options if o.historical), None)
        date = scenario.date_of(entry.day)
        steps.append(
            PathStep(
                day=entry.day,
                date=f"{date:%A, %B} {date.day}",
                event=event.title,
                yours=chosen.label,
                history=hist.label if hist else "(no historical counterpart)",
                same=hist is not None and hist.id == chosen.id,
                note=(hist or chosen).note,
                source=(hist or chosen).source,
            )
        )
    return steps


def option_warnings(game: Game, option) -> list[str]:
    """What taking ``option`` now would risk, for game 0: tracks pushed past their warning
    or war mark, and any immediate chance of war.  The window and the terminal both show it."""
    out = []
    tracks = game.compiled.track_ids
    for tid, delta in option.effects.items():
        track = game.scenario.tracks[tid]
        now = float(game.state.tracks[0, tracks.index(tid)])
        for mark, what in ((track.war_at, "war"), (track.warn_at, "the danger mark")):
            if mark is not None and delta > 0 and now < mark <= now + delta:
                after = round(min(1, now + delta) * 100)
                out.append(f"Pushes {track.label} to {what} ({round(now * 100)}% to {after}%)")
                break
    if option.risk >= 0.02:
        out.append(f"Carries its own chance of war (about {round(option.risk * 100)}%)")
    return out
