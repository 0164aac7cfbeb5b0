"""A day that stands for several: the tutorial's three days are dated as its story tells them.

The header, the sidebar, the terminal, the report, the chart axes and the title page all
read one calendar, so none of them shows a date (October 22 to 24) the story does not keep.
"""

from __future__ import annotations

import io

import pytest

from conftest import SCENARIOS
from thirteendays.engine.game import Game
from thirteendays.play import new_game
from thirteendays.play.dates import day_dates, day_dates_short, scenario_dates
from thirteendays.play.words import date_span, day_line
from thirteendays.scenario.loader import load_file, load_text

TUTORIAL_TEXT = (SCENARIOS / "tutorial.yaml").read_text(encoding="utf-8")
CALENDAR = """calendar:
  - {first: 1962-10-16, last: 1962-10-22}
  - {first: 1962-10-23, last: 1962-10-25}
  - {first: 1962-10-26, last: 1962-10-28}
"""


@pytest.fixture(scope="module")
def tutorial():
    return load_file(SCENARIOS / "tutorial.yaml").scenario


def test_the_tutorial_days_are_dated_as_its_story_tells_them(tutorial):
    assert CALENDAR in TUTORIAL_TEXT  # the fixture below edits this very block
    assert [day_line(tutorial, d) for d in (1, 2, 3)] == [
        "Day 1 — October 16 – 22, 1962",
        "Day 2 — October 23 – 25, 1962",
        "Day 3 — October 26 – 28, 1962",
    ]
    assert date_span(tutorial) == scenario_dates(tutorial) == "October 16 – 28, 1962"
    assert [day_dates_short(tutorial, d) for d in (1, 2, 3)] == ["Oct 16–22", "Oct 23–25", "Oct 26–28"]
    # The summary and each US day's own words say the same dates.
    for words in ("October 16 to 22", "October 23 to 25", "October 26 to 28"):
        assert words in " ".join(tutorial.summary.split())


def test_a_plain_scenario_keeps_one_date_a_day():
    cmc = load_file(SCENARIOS / "cuban_missile_crisis.yaml").scenario
    assert cmc.calendar is None
    assert day_line(cmc, 3) == "Day 3 — Thursday, October 18, 1962"
    assert day_dates_short(cmc, 13) == "Oct 28"
    assert date_span(cmc) == "October 16 – 28, 1962"


def test_spans_across_months_and_years_read_whole():
    text = TUTORIAL_TEXT.replace(
        CALENDAR,
        "calendar:\n  - {first: 1962-10-16}\n  - {first: 1962-10-30, last: 1962-11-02}\n"
        "  - {first: 1962-12-30, last: 1963-01-02}\n",
    )
    sc = load_text(text).scenario
    assert day_line(sc, 1) == "Day 1 — Tuesday, October 16, 1962"  # one date: as a plain day
    assert day_dates(sc, 2) == "October 30 – November 2, 1962"
    assert day_dates(sc, 3) == "December 30, 1962 – January 2, 1963"
    assert day_dates(sc, 2, year=False) == "October 30 – November 2"
    assert day_dates_short(sc, 2) == "Oct 30–Nov 2"
    # Days beyond the calendar (a clamp elsewhere missed) continue it, one date a day.
    assert sc.span_of(4) == (sc.span_of(3)[1].replace(day=3),) * 2


@pytest.mark.parametrize(
    ("calendar", "where", "words"),
    [
        # one entry too few
        ("calendar:\n  - {first: 1962-10-16, last: 1962-10-22}\n  - {first: 1962-10-23}\n",
         "{first: 1962-10-16, last: 1962-10-22}", "the calendar gives 2 days, the scenario has 3"),
        # day 1 does not begin on start
        (CALENDAR.replace("{first: 1962-10-16,", "{first: 1962-10-15,"),
         "1962-10-15", "day 1 stands for 1962-10-15, but the scenario starts on 1962-10-16"),
        # a day that ends before it begins
        (CALENDAR.replace("last: 1962-10-25", "last: 1962-10-23"),
         "1962-10-23}", "day 2 ends on 1962-10-23, not after it begins"),
        # days that overlap
        (CALENDAR.replace("{first: 1962-10-26,", "{first: 1962-10-25,"),
         "1962-10-25, last: 1962-10-28", "day 3 begins on 1962-10-25, not after day 2 ends"),
    ],
)  # fmt: skip
def test_a_calendar_that_cannot_be_is_an_error_at_its_line(calendar, where, words):
    text = TUTORIAL_TEXT.replace(CALENDAR, calendar)
    result = load_text(text, "tutorial.yaml")
    assert not result.ok
    (diag,) = result.diagnostics
    assert diag.code == "TD022" and words in diag.message, diag.format()
    line = next(i for i, row in enumerate(text.splitlines(), 1) if where in row and "#" not in row)
    assert diag.line == line, diag.format()


def test_the_terminal_heads_each_day_with_the_dates_it_stands_for():
    from thirteendays.text.play import play_text

    session = new_game("tutorial", "us", 3, "historical").session
    out = io.StringIO()
    play_text(session, out, io.StringIO("2\n1\n2\n"))
    text = out.getvalue()
    for line in (
        "Day 1 — October 16 – 22, 1962",
        "Day 2 — October 23 – 25, 1962",
        "Day 3 — October 26 – 28, 1962",
    ):
        assert line in text
    for wrong in ("Monday, October 22", "Wednesday, October 24", "Day 2 — Tuesday"):
        assert wrong not in text


def test_the_window_header_and_sidebar_show_the_dates_each_day_stands_for():
    from thirteendays.ui import shots
    from thirteendays.ui.widgets import text as text_widget

    for day, dates in ((1, "October 16 – 22, 1962"), (3, "October 26 – 28, 1962")):
        text_widget._SURFACES.clear()
        app, surface = shots.build("briefing", scenario="tutorial", day=day)
        app.tick(0.016, surface)
        drawn = [key[0] for key in text_widget._SURFACES]
        assert f"Day {day} — {dates}" in drawn  # the briefing's header
        assert dates in drawn  # the sidebar under "DAY n OF 3"
        assert not any("Monday" in t or "Wednesday" in t for t in drawn), drawn
        if app.ctx.session.advisor is not None:
            app.ctx.session.advisor.cancel()


def test_the_report_dates_the_tutorial_by_its_story(tutorial):
    from thirteendays.report.page import render_report

    game = Game(tutorial, side="us", seed=3, opponent="historical")
    for option in ("quarantine", "show-photos", "secret-trade"):
        game.choose(option)
    html = render_report(game)
    assert "October 16 – 28, 1962" in html and "Oct 23–25" in html
    assert "October 22 – October 24" not in html
