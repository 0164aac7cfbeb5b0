"""The day report adds up: what a side was not shown still moved its own tracks, and says so.

The other side's secret moves and the incidents only it saw are filtered out of a side's
log, but they move the tracks that side reads exactly (its own and the world's). The report
gives those moves one row, "Changes you could not trace", and takes its net change from the
day's real start and end, so the rows add up to what the gauges did; the other side's
tracks stay estimates, never given in points.
"""

from __future__ import annotations

import io

import pytest

from conftest import pressure_rows, tutorial_game_against_hawk
from thirteendays.engine.explain import day_bounds, explain_day, untraced
from thirteendays.engine.record import LogEntry
from thirteendays.play import Session, new_game, view_for
from thirteendays.play.words import UNTRACED_WORDS, day_report

UNTRACED = f"{UNTRACED_WORDS}:"


def _hawk_game(wanted) -> Session:
    """A finished tutorial game against a hawk whose log ``wanted`` accepts."""
    return tutorial_game_against_hawk(lambda s: s.game.finished and wanted(s.game.log), seeds=300)


def _points(session: Session, entry: LogEntry, track: str) -> int:
    k = session.game.compiled.track_ids.index(track)
    return round((entry.after[k] - entry.before[k]) * 100)


def _row(rows, prefix: str) -> str | None:
    return next((r.text for r in rows if r.text.startswith(prefix)), None)


def test_a_secret_move_by_the_other_side_is_a_change_you_could_not_trace():
    """Khrushchev's secret 'Keep the missiles and wait' raises the pressure on the President."""
    session = _hawk_game(lambda log: any(e.option == "hold-out" for e in log))
    hold_out = next(e for e in session.game.log if e.option == "hold-out")
    amount = _points(session, hold_out, "us.political")
    assert amount == 10  # the option's declared effect, read from the log, not assumed
    rows = session.view().day_rows(hold_out.day)
    assert _row(rows, UNTRACED) == f"{UNTRACED} Pressure on the President {amount:+d}."
    assert not any("Keep the missiles" in r.text for r in rows)  # still not said what it was
    # Khrushchev saw his own move: nothing is untraced for him.
    assert _row(view_for(session.game, "ussr").day_rows(hold_out.day), UNTRACED) is None


def test_an_incident_only_the_other_side_saw_moves_the_world_and_not_in_points_its_tracks():
    session = _hawk_game(lambda log: any(e.incident == "sub-surfaces" for e in log))
    surfaced = next(e for e in session.game.log if e.incident == "sub-surfaces")
    rows = session.view().day_rows(surfaced.day)
    text = _row(rows, UNTRACED)
    assert text is not None and f"World alarm {_points(session, surfaced, 'world'):+d}" in text
    # The submarine's own alert fell too, but Washington only estimates it: no points.
    assert _points(session, surfaced, "ussr.military") != 0
    assert "Soviet military alert" not in text
    assert "Soviet military alert" not in (_row(rows, "Net change") or "")


def test_a_day_with_nothing_hidden_has_no_such_row_and_its_rows_add_up():
    session = _hawk_game(lambda log: any(e.option == "hold-out" for e in log))
    view = session.view()
    for day in (1, 2):  # the ships and the Security Council: every move was seen
        rows = view.day_rows(day)
        assert _row(rows, UNTRACED) is None, [r.text for r in rows]
        assert _row(rows, "Net change") is not None
    onlooker = view_for(session.game, None)  # reads everything: nothing is ever untraced
    assert all(_row(onlooker.day_rows(d), UNTRACED) is None for d in (1, 2, 3))


def test_the_terminal_and_the_window_show_the_row():
    from thirteendays.text.play import play_text

    session = _hawk_game(lambda log: any(e.option == "hold-out" for e in log))
    seed = session.game.seed
    fresh = new_game("tutorial", "us", seed, "hawk").session
    out = io.StringIO()
    play_text(fresh, out, io.StringIO("2\n1\n1\ny\ny\n"))
    assert f"{UNTRACED} Pressure on the President +10." in out.getvalue()

    from thirteendays.settings import Settings
    from thirteendays.ui.app import Context
    from thirteendays.ui.screens.resolution import ResolutionScreen

    window = new_game("tutorial", "us", seed, "hawk").session
    window.choose("quarantine")
    window.choose("show-photos")
    window.mark_seen()
    window.choose("pledge")  # the day ends with Khrushchev's secret answer
    ctx = Context(Settings(reduced_motion=True), size=(1280, 720))
    ctx.session = window
    lines = [text for _, _, text in ResolutionScreen(ctx).lines]
    assert f"{UNTRACED} Pressure on the President +10." in lines


def test_the_net_change_starts_at_the_real_start_of_the_day():
    """A hidden move before the first shown entry is part of the net, not lost from it."""
    sc, ids, values, _ = pressure_rows()
    hidden = LogEntry(
        "choice", 3, values(0.40), values(0.50), event="decision", option="hold-out", side="ussr", by="hawk"
    )
    shown = LogEntry(
        "choice", 3, values(0.50), values(0.55), event="letters", option="pledge", side="us", by="player"
    )
    log = [hidden, shown]
    bounds = day_bounds(ids, log, 3, ["us.political", "world"])
    assert bounds == ({"us.political": 0.40, "world": 0.25}, {"us.political": 0.55, "world": 0.25})
    assert untraced(ids, [shown], 3, bounds) == pytest.approx({"us.political": 0.10})
    ex = explain_day(ids, [shown], 3)
    assert ex.net()["us.political"] == pytest.approx(0.05)  # what the shown entries alone would say
    ex.start.update(bounds[0])
    ex.end.update(bounds[1])
    rows = [r.text for r in day_report(sc, [shown], ex, "us", untraced=untraced(ids, [shown], 3, bounds))]
    assert f"{UNTRACED} Pressure on the President +10." in rows
    assert "Net change: Pressure on the President +15." in rows
