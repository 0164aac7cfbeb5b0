"""Lint rules for the mistakes authors make that the schema and reachability checks let pass.

Each of these was found in a review of real scenario files: the file loads,
every event fires, and yet the story is wrong — two options both claim to be
what history did, a warning comes after the war it warns of, a condition can
never hold because it asks for a thing and its opposite.  They are warnings, so
``lint --strict`` fails on them and a plain ``lint`` still lets an author play.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from pydantic import BaseModel

from .conditions_model import AllOf, AnyOf, Chose, DefconAtMost, FlagIs, NotOf, TrackIn, War
from .lint_history import history_claims
from .model import Scenario
from .references import conditions_of, walk_condition
from .yaml_safe import Path

Add = Callable[..., None]

#: The guide's rule of thumb: above about this much incoming coupling, tension feeds itself.
RUNAWAY_COUPLING = 0.1


def authoring_checks(s: Scenario, add: Add) -> None:
    """Run every rule of this module, reporting through the linter's ``add``."""
    _historical_options(s, add)
    _track_marks(s, add)
    _quiet_days(s, add)
    _set_and_clear(s, add)
    _conditions(s, add)
    history_claims(s, add)
    _coupling(s, add)
    _notes(s, add)


def _historical_options(s: Scenario, add: Add) -> None:
    for ei, e in enumerate(s.events):
        marked = [oi for oi, o in enumerate(e.options) if o.historical]
        for oi in marked[1:]:
            first = e.options[marked[0]].id
            add(
                "TD120",
                ("events", ei, "options", oi, "historical"),
                f"event '{e.id}' marks a second option as historical ('{e.options[oi].id}' after '{first}')",
                "history took one course: keep `historical: true` on one option",
                key=True,
            )


def _track_marks(s: Scenario, add: Add) -> None:
    for tid, t in s.tracks.items():
        if t.warn_at is not None and t.war_at is not None and t.warn_at >= t.war_at:
            add(
                "TD121",
                ("tracks", tid, "warn_at"),
                f"track '{tid}' warns at {t.warn_at:g}, at or above its war mark {t.war_at:g}",
                "set warn_at below war_at so the warning comes first",
            )


def _quiet_days(s: Scenario, add: Add) -> None:
    for sid, side in s.sides.items():
        busy = {e.day for e in s.events if e.side == sid and e.until is None}
        for qi, day in enumerate(side.quiet_days):
            if day in busy:
                add(
                    "TD122",
                    ("sides", sid, "quiet_days", qi),
                    f"day {day} is declared quiet for '{sid}', but '{sid}' has an event that day",
                    "drop the day from quiet_days, or move the event",
                )


def _set_and_clear(s: Scenario, add: Add) -> None:
    holders: list[tuple[Path, str, list[str], list[str]]] = [
        (("events", ei, "options", oi), f"option '{e.id}/{o.id}'", o.set, o.clear)
        for ei, e in enumerate(s.events)
        for oi, o in enumerate(e.options)
    ]
    holders += [(("incidents", ii), f"incident '{x.id}'", x.set, x.clear) for ii, x in enumerate(s.incidents)]
    for base, name, sets, clears in holders:
        for ci, flag in enumerate(clears):
            if flag in sets:
                add(
                    "TD123",
                    (*base, "clear", ci),
                    f"{name} both sets and clears flag '{flag}' (it ends up cleared)",
                    "keep it in one of `set` or `clear`",
                )


def _conditions(s: Scenario, add: Add) -> None:
    for cond, path in conditions_of(s):
        if cond is None:
            continue
        if s.model.defcon is None:
            for node, where in walk_condition(cond, path):
                if isinstance(node, DefconAtMost):
                    add(
                        "TD124",
                        (*where, "defcon_at_most"),
                        "defcon_at_most is used, but the model declares no `defcon`",
                        "add model.defcon: a start level that options set, and/or a track and thresholds",
                    )
        why = contradiction(cond)
        if why:
            hint = "it can never hold; fix or drop it"
            add("TD125", path, f"this condition contradicts itself: {why}", hint)


def _coupling(s: Scenario, add: Add) -> None:
    for tid, row in s.model.coupling.items():
        total = sum(abs(w) for w in row.values())
        if total > RUNAWAY_COUPLING:
            add(
                "TD126",
                ("model", "coupling", tid),
                f"track '{tid}' takes {total:g} of other tracks a day "
                f"(runaway above about {RUNAWAY_COUPLING:g})",
                "keep a track's incoming coupling weights small (0.02–0.06 each), or add decay",
                key=True,
            )


def _notes(s: Scenario, add: Add) -> None:
    items: Iterable[tuple[Path, str, str, str]] = [
        (("events", ei), f"event '{e.id}'", e.note, e.source) for ei, e in enumerate(s.events)
    ] + [(("incidents", ii), f"incident '{x.id}'", x.note, x.source) for ii, x in enumerate(s.incidents)]
    for base, name, note, source in items:
        if not note.strip() or not source.strip():
            missing = "note" if not note.strip() else "source"
            hint = "say what really happened, and where from"
            add("TD127", (*base, "id"), f"{name} has no {missing}", hint)


# ----- contradictions ------------------------------------------------------------------------------
@dataclass
class _Conjunction:
    """The literal requirements of a condition that must all hold at once."""

    flags: dict[str, bool] = field(default_factory=dict)
    war: set[bool] = field(default_factory=set)
    low: dict[str, float] = field(default_factory=dict)  # track >= low
    high: dict[str, float] = field(default_factory=dict)  # track < high
    chose: dict[str, str] = field(default_factory=dict)
    not_chose: set[tuple[str, str]] = field(default_factory=set)
    defcon_at_most: int = 5
    defcon_above: int = 0
    problems: list[str] = field(default_factory=list)

    def flag(self, name: str, value: bool) -> None:
        if self.flags.get(name, value) != value:
            self.problems.append(f"flag '{name}' must be both set and not set")
        self.flags[name] = value

    def track(self, name: str, low: float | None, high: float | None) -> None:
        if low is not None:
            self.low[name] = max(low, self.low.get(name, 0.0))
        if high is not None:
            self.high[name] = min(high, self.high.get(name, 2.0))
        lo, hi = self.low.get(name, 0.0), self.high.get(name, 2.0)
        if lo >= hi:
            self.problems.append(f"track '{name}' must be at least {lo:g} and below {hi:g}")


def contradiction(cond: BaseModel) -> str:
    """Why a condition can never hold, from its conjunctive part alone; '' when none is found.

    Only what every reading of the condition demands is used (the items of an
    ``all``, negated leaves, ``not any``), so a warning here is never a guess.
    """
    return jointly_impossible((cond, True))


def jointly_impossible(*parts: tuple[BaseModel, bool]) -> str:
    """Why conditions (each taken as it is, or negated) can never hold together; '' if not shown.

    Sound, not complete: only what every reading demands is collected, so a reason
    given is a proof, and an empty answer means only that none was found.
    """
    c = _Conjunction()
    for cond, positive in parts:
        _collect(cond, positive, c)
    if c.defcon_above >= c.defcon_at_most:
        c.problems.append(f"DEFCON must be at most {c.defcon_at_most} and above {c.defcon_above}")
    if len(c.war) > 1:
        c.problems.append("the crisis must be both at war and at peace")
    for ev, opt in c.not_chose:
        if c.chose.get(ev) == opt:
            c.problems.append(f"'{ev}/{opt}' must be both chosen and not chosen")
    return "; ".join(dict.fromkeys(c.problems))


def _collect(cond: BaseModel, positive: bool, c: _Conjunction) -> None:
    if isinstance(cond, AllOf) and positive:
        for sub in cond.all:
            _collect(sub, True, c)
    elif isinstance(cond, AnyOf) and not positive:  # not (a or b) = not a and not b
        for sub in cond.any:
            _collect(sub, False, c)
    elif isinstance(cond, NotOf):
        _collect(cond.not_, not positive, c)
    elif isinstance(cond, FlagIs):
        c.flag(cond.flag, positive)
    elif isinstance(cond, War):
        c.war.add(cond.war == positive)
    elif isinstance(cond, TrackIn):
        if positive:
            c.track(cond.track, cond.above, cond.below)
        elif cond.above is None:  # not (x < b) = x >= b
            c.track(cond.track, cond.below, None)
        elif cond.below is None:  # not (x >= a) = x < a
            c.track(cond.track, None, cond.above)
    elif isinstance(cond, Chose):
        ev, opt = cond.chose.event, cond.chose.option
        if positive:
            if c.chose.get(ev, opt) != opt:
                c.problems.append(f"event '{ev}' must have had two different options chosen")
            c.chose[ev] = opt
        else:
            c.not_chose.add((ev, opt))
    elif isinstance(cond, DefconAtMost):
        if positive:
            c.defcon_at_most = min(c.defcon_at_most, cond.defcon_at_most)
        else:
            c.defcon_above = max(c.defcon_above, cond.defcon_at_most)
