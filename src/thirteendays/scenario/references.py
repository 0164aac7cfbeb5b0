"""Cross-reference checks: every name a scenario uses must be declared, once.

These run after the schema has accepted the shapes, and report with the
positions of the offending keys or values so an author lands on the very spot.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterator

from pydantic import BaseModel

from .conditions_model import AllOf, Always, AnyOf, Chose, FlagIs, NotOf, TrackIn
from .diagnostics import Diagnostic, Severity, clip, did_you_mean, format_path
from .model import Ending, EndingKind, Scenario, Variant
from .references_calendar import check_calendar
from .references_hidden import check_hidden, hidden_conditions
from .references_politics import check_politics
from .yaml_safe import Path, Positions

Report = Callable[[str, Path, str, str, bool], None]


def walk_condition(cond: BaseModel | None, path: Path) -> Iterator[tuple[BaseModel, Path]]:
    """Every leaf and branch of a condition, with its path in the document."""
    if cond is None:
        return
    yield cond, path
    if isinstance(cond, AllOf | AnyOf):
        items = cond.all if isinstance(cond, AllOf) else cond.any
        key = "all" if isinstance(cond, AllOf) else "any"
        for i, sub in enumerate(items):
            yield from walk_condition(sub, (*path, key, i))
    elif isinstance(cond, NotOf):
        yield from walk_condition(cond.not_, (*path, "not"))


def conditions_of(s: Scenario) -> Iterator[tuple[BaseModel | None, Path]]:
    """Every top-level condition in the scenario, with its path."""
    for ei, event in enumerate(s.events):
        yield event.when, ("events", ei, "when")
        for oi, option in enumerate(event.options):
            yield option.when, ("events", ei, "options", oi, "when")
    for ii, incident in enumerate(s.incidents):
        yield incident.when, ("incidents", ii, "when")
    for ni, ending in enumerate(s.endings):
        yield ending.when, ("endings", ni, "when")
    yield s.history_requires, ("history_requires",)
    yield s.model.hazard.until, ("model", "hazard", "until")
    yield from _variant_conditions(s, ())
    for side, rules in s.politics.items():
        for ri, rule in enumerate(rules):
            yield rule.when, ("politics", side, ri, "when")
    if s.map is not None and not isinstance(s.map, str):
        panels = [(s.map, ("map",))] + [(v, ("map", "insets", i)) for i, v in enumerate(s.map.insets)]
        for panel, base in panels:
            for li, layer in enumerate(panel.layers):
                for part in ("when", "halt", "back"):
                    yield getattr(layer, part), (*base, "layers", li, part)


def _variant_conditions(node: object, path: Path) -> Iterator[tuple[BaseModel | None, Path]]:
    """The ``when`` of every text variant, wherever a wording sits in the scenario.

    Wordings may vary in any text field, so the walk is generic rather than a list
    of fields that a new field with variants would silently miss: a typo in a
    variant's condition is then an error at its line, never a crash in play.
    """
    if isinstance(node, Variant):
        yield node.when, (*path, "when")
    elif isinstance(node, BaseModel):
        for name, info in type(node).model_fields.items():
            yield from _variant_conditions(getattr(node, name), (*path, info.alias or name))
    elif isinstance(node, list | tuple):
        for i, item in enumerate(node):
            yield from _variant_conditions(item, (*path, i))
    elif isinstance(node, dict):
        for key, item in node.items():
            yield from _variant_conditions(item, (*path, key))


def is_catch_all(when: BaseModel | None) -> bool:
    """An ending that matches every game: no condition, or ``always: true``.

    The engine needs one, or a game can finish with no ending at all; only this
    plain form is accepted, so the rule is one an author can see at a glance.
    """
    return when is None or (isinstance(when, Always) and when.always)


def _reached_by_when(ending: Ending) -> bool:
    """Endings of kind removed are reached by a politics rule, never by first match."""
    return ending.kind != EndingKind.REMOVED


def check_references(s: Scenario, positions: Positions, file: str) -> list[Diagnostic]:
    out: list[Diagnostic] = []

    def report(code: str, path: Path, message: str, hint: str = "", key: bool = False) -> None:
        line, col = positions.of(path, key=key)
        out.append(Diagnostic(code, Severity.ERROR, file, line, col, format_path(path), message, hint))

    sides = set(s.sides)
    tracks = set(s.tracks)
    flags = set(s.flags)

    def need(kind: str, name: str, known: set[str], path: Path, key: bool = False) -> None:
        if name not in known:
            report("TD020", path, f"unknown {kind} '{clip(name, 60)}'", did_you_mean(name, known), key)

    def unique(kind: str, ids: list[str], base: Path, field: str = "id") -> None:
        seen: dict[str, int] = {}
        for i, ident in enumerate(ids):
            if ident in seen:
                report(
                    "TD021",
                    (*base, i, field),
                    f"duplicate {kind} id '{ident}'",
                    f"the first is item {seen[ident]}; ids must be unique",
                )
            else:
                seen[ident] = i

    def track_keys(mapping: dict[str, object], path: Path) -> None:
        for name in mapping:
            need("track", name, tracks, (*path, name), key=True)

    def flag_list(names: list[str], path: Path) -> None:
        for i, name in enumerate(names):
            need("flag", name, flags, (*path, i))

    seen_flags: set[str] = set()
    for i, flag in enumerate(s.flags):
        if flag in seen_flags:
            report("TD021", ("flags", i), f"flag '{flag}' is declared twice", "declare each flag once")
        seen_flags.add(flag)

    for tid, track in s.tracks.items():
        if track.side is not None:
            need("side", track.side, sides, ("tracks", tid, "side"))

    m = s.model
    for target, row in m.coupling.items():
        need("track", target, tracks, ("model", "coupling", target), key=True)
        track_keys(row, ("model", "coupling", target))
    for name in ("decay", "drift", "noise"):
        track_keys(getattr(m, name), ("model", name))
    track_keys(m.hazard.weights, ("model", "hazard", "weights"))
    defcon_sides: set[str] | None = None  # None: DEFCON is not state; empty: one level for all
    if m.defcon:
        if m.defcon.track is not None:
            need("track", m.defcon.track, tracks, ("model", "defcon", "track"))
        th = m.defcon.thresholds or []
        if isinstance(m.defcon.start, dict):
            defcon_sides = set(m.defcon.start)
            for side in m.defcon.start:
                need("side", side, sides, ("model", "defcon", "start", side), key=True)
        elif m.defcon.start is not None:
            defcon_sides = set()
        if any(b <= a for a, b in itertools.pairwise(th)):
            report(
                "TD022",
                ("model", "defcon", "thresholds"),
                "DEFCON thresholds must rise",
                "list the values for DEFCON 4, 3, 2 and 1 in increasing order",
            )

    def defcon_set(value: int | dict[str, int] | None, path: Path) -> None:
        if value is None:
            return
        if defcon_sides is None:
            report(
                "TD022",
                (*path, "defcon"),
                "this sets DEFCON, but the model keeps no DEFCON state",
                "add model.defcon.start (one level, or a level per side) so options can set it",
            )
        elif isinstance(value, dict):
            if not defcon_sides:
                report(
                    "TD022",
                    (*path, "defcon"),
                    "DEFCON is one level for every side here; set it with a single number",
                    "or declare model.defcon.start per side, e.g. {us: 5, ussr: 5}",
                )
            for side in value:
                if defcon_sides:
                    need("side with its own DEFCON", side, defcon_sides, (*path, "defcon", side), key=True)

    if s.start > dt.date.max - dt.timedelta(days=s.days):
        report(
            "TD022",
            ("start",),
            f"a crisis of {s.days} days from {s.start} runs past the last date the game can show",
            f"start on or before {dt.date.max - dt.timedelta(days=s.days)}",
        )

    check_calendar(s, report)
    unique("event", [e.id for e in s.events], ("events",))
    unique("incident", [x.id for x in s.incidents], ("incidents",))
    unique("ending", [x.id for x in s.endings], ("endings",))
    options_by_event = {e.id: {o.id for o in e.options} for e in s.events}

    for ei, event in enumerate(s.events):
        base: Path = ("events", ei)
        need("side", event.side, sides, (*base, "side"))
        if event.day > s.days:
            report(
                "TD022",
                (*base, "day"),
                f"day {event.day} is after the last day ({s.days})",
                "raise 'days' or move the event",
            )
        if event.until is not None and not event.day <= event.until <= s.days:
            report("TD022", (*base, "until"), f"'until' must lie between day {event.day} and {s.days}")
        unique("option", [o.id for o in event.options], (*base, "options"))
        for oi, option in enumerate(event.options):
            ob: Path = (*base, "options", oi)
            track_keys(option.effects, (*ob, "effects"))
            track_keys(option.ai.per, (*ob, "ai", "per"))
            flag_list(option.set, (*ob, "set"))
            flag_list(option.clear, (*ob, "clear"))
            defcon_set(option.defcon, ob)

    for ii, incident in enumerate(s.incidents):
        base = ("incidents", ii)
        track_keys(incident.effects, (*base, "effects"))
        track_keys(incident.chance.per, (*base, "chance", "per"))
        flag_list(incident.set, (*base, "set"))
        flag_list(incident.clear, (*base, "clear"))
        defcon_set(incident.defcon, base)
        for vi, side in enumerate(incident.visible_to):
            need("side", side, sides, (*base, "visible_to", vi))
        for di, day in enumerate(incident.days):
            if not 1 <= day <= s.days:
                report("TD022", (*base, "days", di), f"day {day} is outside 1..{s.days}")
        for day in incident.weights:
            if day not in incident.days:
                report(
                    "TD022",
                    (*base, "weights", day),
                    f"weights name day {day}, which is not in this incident's 'days'",
                    "weight only the days on which the incident may happen, or add the day to 'days'",
                    True,
                )

    if not any(is_catch_all(x.when) for x in s.endings if _reached_by_when(x)):
        report(
            "TD108",
            ("endings", len(s.endings) - 1),
            "no ending without a condition: some games could end with no ending",
            "end the list with a catch-all ending that has no 'when'",
        )
    for ni, ending in enumerate(s.endings):
        base = ("endings", ni)
        for side in ending.prestige:
            need("side", side, sides, (*base, "prestige", side), key=True)
        for side in ending.views:
            need("side", side, sides, (*base, "views", side), key=True)
        if ending.winner is not None:
            need("side", ending.winner, sides, (*base, "winner"))

    check_politics(s, report, need)
    check_hidden(s, need, report, walk_condition)
    # The hidden declarations' conditions (a secret's reveal, intelligence narrowing) are
    # checked like every other: names that exist, ranges that are not empty.
    for cond, path in itertools.chain(conditions_of(s), hidden_conditions(s)):
        for leaf, lpath in walk_condition(cond, path):
            if isinstance(leaf, FlagIs):
                need("flag", leaf.flag, flags, (*lpath, "flag"))
            elif isinstance(leaf, TrackIn):
                need("track", leaf.track, tracks, (*lpath, "track"))
                if leaf.above is not None and leaf.below is not None and leaf.above >= leaf.below:
                    report("TD022", lpath, "this track range is empty ('above' >= 'below')")
            elif isinstance(leaf, Chose):
                cp: Path = (*lpath, "chose")
                if leaf.chose.event not in options_by_event:
                    need("event", leaf.chose.event, set(options_by_event), (*cp, "event"))
                else:
                    need("option", leaf.chose.option, options_by_event[leaf.chose.event], (*cp, "option"))
    return out
