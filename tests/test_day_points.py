"""The day report's rows add up to the net change the gauges showed, to the point."""

from __future__ import annotations

import math
import re

from hypothesis import given
from hypothesis import strategies as st

from conftest import pressure_rows
from thirteendays.engine.explain import explain_day
from thirteendays.engine.record import LogEntry
from thirteendays.play.points import apportion, day_points
from thirteendays.play.words import day_report

PRESSURE = re.compile(r"Pressure on the President ([+-]\d+)")


def _crafted_day():
    """A choice +1.6 points, drift +0.6, decay -1.2: each rounded alone +2 +1 -1, net +1."""
    sc, ids, values, part = pressure_rows()
    choice = LogEntry(
        "choice", 3, values(0.400), values(0.416), event="letters", option="pledge", side="us", by="player"
    )
    dynamics = LogEntry(
        "dynamics", 3, values(0.416), values(0.410), parts={"drift": part(0.006), "decay": part(-0.012)}
    )
    return sc, ids, [choice, dynamics]


def test_rows_that_round_apart_are_spread_to_add_up_to_the_net():
    sc, ids, log = _crafted_day()
    assert [round(v * 100) for v in (0.016, 0.006, -0.012)] == [2, 1, -1]  # the naive rows: +2
    rows = [r.text for r in day_report(sc, log, explain_day(ids, log, 3), "us")]
    net = next(r for r in rows if r.startswith("Net change:"))
    assert net == "Net change: Pressure on the President +1."  # 41% less 40%, as the gauge read
    shown = [int(m) for r in rows if not r.startswith("Net") for m in PRESSURE.findall(r)]
    assert shown == [2, -1] and sum(shown) == 1  # drift's 0.6 rounds to nothing, decay's -1.2 to -1


def test_the_untraced_row_is_what_the_net_leaves_after_the_rows():
    # Shown rows of 1.4 and 1.4 points beside 1.4 points nobody could trace: 4.2 in all.
    points = day_points(["t"], [{"t": 0.014}, {"t": 0.014}], {"t": 0.014}, {"t": 0.300}, {"t": 0.342})
    assert points.net == {"t": 4}  # round(34.2) - round(30.0)
    assert sum(row["t"] for row in points.rows) + points.untraced["t"] == 4
    assert points.rows == [{"t": 2}, {"t": 1}] and points.untraced == {"t": 1}  # earlier first among equals


@given(
    st.lists(st.floats(-40, 40, allow_nan=False), min_size=1, max_size=8),
    st.integers(-2, 2),
)
def test_apportion_meets_the_total_and_stays_within_a_point(values, nudge):
    total = round(sum(values)) + nudge
    shares = apportion(values, total)
    assert sum(shares) == total
    if nudge == 0:  # the total the values themselves make: every share is a rounding of its value
        assert all(math.floor(v) <= s <= math.ceil(v) for v, s in zip(values, shares, strict=True))


def test_the_pull_back_to_the_usual_is_not_called_cooling_when_it_raises_a_track():
    """Decay pulls a track towards its start from either side; below the start it raises it,
    and a row 'Tempers cooling +2' read as a contradiction."""
    from thirteendays.play.words import PART_LABELS

    assert "cool" not in PART_LABELS["decay"].lower()


def test_a_track_held_at_the_end_of_its_scale_has_a_row_so_the_rows_add_up():
    """Pushed past 100% by the day's dynamics, the part clipping took back had no row, and the
    rows came to more than the net the gauge showed."""
    sc, ids, values, part = pressure_rows()
    log = [
        LogEntry(
            "dynamics", 5, values(0.97), values(1.0), parts={"drift": part(0.06), "clipped": part(-0.03)}
        )
    ]
    rows = [r.text for r in day_report(sc, log, explain_day(ids, log, 5), "us")]
    assert any(r.startswith("Held at the end of its scale: Pressure on the President -3") for r in rows), rows
    shown = [int(m) for r in rows if not r.startswith("Net") for m in PRESSURE.findall(r)]
    assert sum(shown) == 3 and "Net change: Pressure on the President +3." in rows


def test_a_so_far_report_of_the_rest_of_the_day_still_adds_up():
    """'Day 9, so far: You: Stop dead... Pressure +4; Net change: Presidium +9': the moves reported
    before the player's decision were in the net and in no row."""
    from conftest import SCENARIOS
    from thirteendays.engine.game import Game
    from thirteendays.play.view import view_for
    from thirteendays.scenario.loader import load_file

    sc = load_file(SCENARIOS / "cuban_missile_crisis.yaml").scenario
    checked = 0
    for seed in range(6):
        game = Game(sc, side="ussr", seed=seed, opponent="historical")
        while (d := game.decision()) is not None:
            told = len(game.log)  # everything so far has been reported to the player
            game.choose(next((o.id for o in d.options if o.historical), d.option_ids[0]))
            view = view_for(game, "ussr")
            new = tuple(e for e in game.log[told:] if e.day == d.day)
            if not new or not any(e.day == d.day and e.kind == "choice" for e in game.log[:told]):
                continue
            rows = [r.text for r in view.day_rows(d.day, new)]
            net = next((r for r in rows if r.startswith("Net change:")), None)
            if net is None:
                continue
            for label in ("Pressure in the Presidium", "World alarm"):
                said = re.compile(re.escape(label) + r" ([+-]\d+)")
                shown = sum(int(m) for r in rows if not r.startswith("Net") for m in said.findall(r))
                total = said.findall(net)
                assert shown == (int(total[0]) if total else 0), (seed, d.day, label, rows)
            checked += 1
    assert checked, "no day had a report before the player's decision: the test tests nothing"
