"""The dates a player reads for a day: one date, or the span of real days it stands for.

A scenario's day is one calendar date unless its ``calendar`` says a day stands for
several (the tutorial's three days for thirteen). Every header, chart axis, report and
save listing words a day here, so none of them shows a date the story does not keep.
"""

from __future__ import annotations

import datetime as dt

from ..scenario.model import Scenario


def span_words(first: dt.date, last: dt.date, *, year: bool = True, weekday: bool = True) -> str:
    """'October 16 – 22, 1962', 'October 30 – November 2', or one long date if they are equal."""
    if first == last:
        return (
            (f"{first:%A}, " if weekday else "")
            + f"{first:%B} {first.day}"
            + (f", {first.year}" if year else "")
        )
    if first.year != last.year:
        if year:
            return f"{first:%B} {first.day}, {first.year} – {last:%B} {last.day}, {last.year}"
        return f"{first:%B} {first.day} – {last:%B} {last.day}"
    tail = f", {last.year}" if year else ""
    if first.month == last.month:
        return f"{first:%B} {first.day} – {last.day}{tail}"
    return f"{first:%B} {first.day} – {last:%B} {last.day}{tail}"


def day_dates(scenario: Scenario, day: int, *, year: bool = True, weekday: bool = True) -> str:
    """What day ``day`` stands for, in full: 'Tuesday, October 16, 1962' or 'October 16 – 22, 1962'."""
    return span_words(*scenario.span_of(day), year=year, weekday=weekday)


def day_dates_short(scenario: Scenario, day: int) -> str:
    """A chart's label for a day: 'Oct 16', or 'Oct 16–22' for a day that stands for several."""
    first, last = scenario.span_of(day)
    if first == last:
        return f"{first:%b} {first.day}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first:%b} {first.day}–{last.day}"
    return f"{first:%b} {first.day}–{last:%b} {last.day}"


def scenario_dates(scenario: Scenario) -> str:
    """'October 16 – 28, 1962': the real days a whole scenario covers, as its title page shows them."""
    return span_words(scenario.span_of(1)[0], scenario.span_of(scenario.days)[1])
