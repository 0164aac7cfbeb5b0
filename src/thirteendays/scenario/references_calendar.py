"""Checks for a scenario's ``calendar``: one span per day, in order, beginning on ``start``.

Run from ``check_references`` with its ``report``, so a calendar's errors read and sit
exactly like every other date error (TD022).
"""

from __future__ import annotations

from collections.abc import Callable

from .model import Scenario

Report = Callable[..., None]


def check_calendar(s: Scenario, report: Report) -> None:
    """Every day has its span, the spans run forward without overlapping, day 1 is ``start``."""
    cal = s.calendar
    if cal is None:
        return
    if len(cal) != s.days:
        report(
            "TD022",
            ("calendar",),
            f"the calendar gives {len(cal)} day{'s' if len(cal) != 1 else ''}, the scenario has {s.days}",
            "give one entry per day, or change 'days'",
        )
    if cal and cal[0].first != s.start:
        report(
            "TD022",
            ("calendar", 0, "first"),
            f"day 1 stands for {cal[0].first}, but the scenario starts on {s.start}",
            f"set 'start: {cal[0].first}', or begin the calendar on {s.start}",
        )
    for i, span in enumerate(cal):
        if span.last is not None and span.last <= span.first:
            report(
                "TD022",
                ("calendar", i, "last"),
                f"day {i + 1} ends on {span.last}, not after it begins ({span.first})",
                "make 'last' later than 'first', or leave 'last' out for a single date",
            )
        if i and span.first <= cal[i - 1].end:
            report(
                "TD022",
                ("calendar", i, "first"),
                f"day {i + 1} begins on {span.first}, not after day {i} ends ({cal[i - 1].end})",
                "the days must follow one another in time",
            )
