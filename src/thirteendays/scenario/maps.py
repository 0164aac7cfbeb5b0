"""The maps a scenario may ask for, and the flags each map reads to draw the crisis.

A map is a reader of the game's state like any condition, so the linter counts
the flags it reads as read.
"""

from __future__ import annotations

MAPS: dict[str, frozenset[str]] = {
    "caribbean": frozenset(
        {
            "quarantine",
            "strike",
            "prepared",
            "invasion_ordered",
            "u2_down",
            "withdrawal",
            "ships_turned",
            "ships_ran",
        }
    ),
}
