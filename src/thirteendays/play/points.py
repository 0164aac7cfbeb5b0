"""A day's changes in whole points that add up to the net change the gauges showed.

The gauges show each track rounded to a point, so the day's net change a player can
check is ``round(end * 100) - round(start * 100)``.  Rounding every row of the day's
report on its own can miss that by a point or two (+2, +1, -1 beside a net of +1),
which reads as arithmetic the game got wrong.  So the rows are rounded together, by
the largest-remainder method, to the net; a row of changes the reader could not
trace, when there is one, is rounded with them, so it is exactly what the net leaves
once the other rows are counted.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

POINTS = 100  # a track runs 0..1 and is read as 0..100 points


def apportion(values: Sequence[float], total: int) -> list[int]:
    """Whole numbers near ``values`` that sum to ``total`` (the largest-remainder method).

    Each value is rounded down, then the shortfall goes a point at a time to the values
    that lost the most in rounding (the earlier row first among equals).  A total that
    the exact values do not reach within a point each is still met: the points go round
    again, and a total below the rounded-down sum takes points from the values that lost
    the least.
    """
    exact = [round(v, 6) for v in values]  # 2.9999999 from float noise is 3, not 2 and a remainder
    shares = [math.floor(v) for v in exact]
    short = total - sum(shares)
    if not exact or short == 0:
        return shares
    lost = [v - s for v, s in zip(exact, shares, strict=True)]
    if short > 0:
        order = sorted(range(len(exact)), key=lambda i: (-lost[i], i))
    else:
        order = sorted(range(len(exact)), key=lambda i: (lost[i], i))
    step = 1 if short > 0 else -1
    for k in range(abs(short)):
        shares[order[k % len(order)]] += step
    return shares


@dataclass(frozen=True)
class DayPoints:
    """The day's rows, the untraced row and the net, in whole points per track."""

    rows: list[dict[str, int]]
    untraced: dict[str, int]
    net: dict[str, int]


def day_points(
    tracks: Sequence[str],
    rows: Sequence[Mapping[str, float]],
    untraced: Mapping[str, float],
    start: Mapping[str, float],
    end: Mapping[str, float],
) -> DayPoints:
    """Each row's change (and the untraced one's) in points, summing to the day's net.

    ``rows`` are the traced rows' changes in the order they are shown; ``untraced`` what
    moved the tracks that no row shows (empty when there is no such row).  Whatever the
    rows cannot explain (a part of the day not listed, a track held at its limit) is
    left out of the sum they are rounded to, so no row is given a point it did not earn.
    """
    out_rows: list[dict[str, int]] = [{} for _ in rows]
    out_untraced: dict[str, int] = {}
    net: dict[str, int] = {}
    for t in tracks:
        moving = [i for i, row in enumerate(rows) if row.get(t)]  # a row that left t alone gets none of it
        values = [rows[i][t] * POINTS for i in moving]
        hidden = untraced.get(t, 0.0) * POINTS
        if t in start and t in end:
            exact_net = (end[t] - start[t]) * POINTS
            net[t] = round(end[t] * POINTS) - round(start[t] * POINTS)
        else:  # no bounds known for the day: the rows themselves are the day
            exact_net = sum(values) + hidden
            net[t] = round(exact_net)
        gap = exact_net - sum(values) - hidden  # what no row shows: not theirs to absorb
        if t in untraced:  # one more row, rounded with the rest: it is what the net leaves
            *shares, out_untraced[t] = apportion([*values, hidden], net[t] - round(gap))
        else:
            shares = apportion(values, net[t] - round(gap))
        for i, share in zip(moving, shares, strict=True):
            out_rows[i][t] = share
    return DayPoints(out_rows, out_untraced, net)
