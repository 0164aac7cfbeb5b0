"""What an option would risk, in words: the marks it may push a track past, its own chance
of war, and the dangers it opens for later. Every front end takes its warnings from here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..engine.explain import RISK_SHOWN, Crossing, crossings, risky
from ..scenario.conditions_model import AllOf, FlagIs
from ..scenario.model import Option, Scenario


def warning_text(
    scenario: Scenario, crossing: Crossing, estimated: bool = False, band: tuple[float, float] | None = None
) -> str:
    """A crossing in words; ``band``: it is crossed only from the top of the estimate's band."""
    what = "war" if crossing.mark == "war" else "the danger mark"
    label = scenario.tracks[crossing.track].label
    if band is not None:
        shown = f"{round(band[0] * 100)}–{round(band[1] * 100)}%"
        return f"Could push {label} to {what} if it stands near the top of our estimate ({shown})"
    if estimated:  # from an estimate: exact figures would claim a knowledge the side lacks
        return f"May push {label} to {what}, by our best estimate"
    return f"Pushes {label} to {what} ({round(crossing.now * 100)}% to {round(crossing.after * 100)}%)"


def option_warnings(
    scenario: Scenario,
    tracks: Mapping[str, float],
    option: Option,
    estimated: frozenset[str] = frozenset(),
    bands: Mapping[str, tuple[float, float]] | None = None,
) -> tuple[str, ...]:
    """What taking ``option`` from these track values would risk, in words.

    ``bands`` (low, high) of the tracks the side only estimates: a push to war that is
    safe from the estimate's centre but not from the top of its band is named too, since the
    truth may well lie there (Berlin closed with Washington's alert read as 77-93% and
    a push of 12 began the war with no word of it).
    """
    found = crossings(scenario, tracks, option)
    out = [warning_text(scenario, c, c.track in estimated) for c in found]
    worst = {c.track: c.mark for c in found}
    for tid, band in (bands or {}).items():
        if tid not in estimated or worst.get(tid) == "war":
            continue
        at_top = crossings(scenario, {**tracks, tid: band[1]}, option)
        # Only war is worth a warning from the top alone: a danger mark that might be crossed
        # would ask "are you sure?" of most pushes on an estimate.
        out += [warning_text(scenario, c, True, band) for c in at_top if c.track == tid and c.mark == "war"]
    if risky(option):
        out.append(f"Carries its own chance of war (about {round(option.risk * 100)}%)")
    return tuple(out)


def _needs_flags(cond: object) -> set[str]:
    """The flags a condition cannot hold without (a flag alone, or among an ``all``)."""
    if isinstance(cond, FlagIs):
        return {cond.flag}
    if isinstance(cond, AllOf):
        return set().union(*(_needs_flags(c) for c in cond.all))
    return set()


def opened_dangers(
    scenario: Scenario, option: Option, flags: frozenset[str], side: str | None, day: int
) -> tuple[str, ...]:
    """The incidents that could begin a war and that only this option's flags make possible.

    Handing the weapons to the commanders in Cuba carried no warning, and the war it
    made possible came days later with nothing to tie it to the order.
    """
    new = set(option.set) - flags
    out = []
    for x in scenario.incidents if new else ():
        if x.risk < RISK_SHOWN or max(x.days) < day or (x.visible_to and side not in x.visible_to):
            continue
        if _needs_flags(x.when) & new:
            chance = round(x.risk * 100)
            out.append(f"Makes possible: {x.title} (about {chance}% chance of war if it happens)")
    return tuple(out)


def confirm_question(warnings: Sequence[str]) -> str:
    return "; ".join(warnings) + "."
