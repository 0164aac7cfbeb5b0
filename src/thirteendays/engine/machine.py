"""The phase state machine of a day, declared as data.

    briefing -> decision (-> decision ...) -> resolution -> incidents -> day_end
    day_end -> briefing (next day) | ending -> epilogue

Transitions are a table of (source, target, guard); the first whose guard
holds is taken.  Guards are pure functions of a read-only view of the game —
they never change state — and effects happen in the phase actions the game
runs on entering a phase, as python-statemachine prescribes.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Protocol


class Phase(StrEnum):
    BRIEFING = "briefing"
    DECISION = "decision"
    RESOLUTION = "resolution"
    INCIDENTS = "incidents"
    DAY_END = "day_end"
    ENDING = "ending"
    EPILOGUE = "epilogue"


class View(Protocol):
    """What guards may read."""

    @property
    def day(self) -> int: ...
    @property
    def days(self) -> int: ...
    @property
    def events_queued(self) -> bool: ...
    @property
    def all_over(self) -> bool: ...


Guard = Callable[[View], bool]

GUARDS: dict[str, Guard] = {
    "always": lambda v: True,
    "events_queued": lambda v: v.events_queued,
    "all_over": lambda v: v.all_over,
    "last_day_done": lambda v: v.day >= v.days,
}

TRANSITIONS: tuple[tuple[Phase, Phase, str], ...] = (
    (Phase.BRIEFING, Phase.DECISION, "always"),
    (Phase.DECISION, Phase.ENDING, "all_over"),
    (Phase.DECISION, Phase.DECISION, "events_queued"),
    (Phase.DECISION, Phase.RESOLUTION, "always"),
    (Phase.RESOLUTION, Phase.ENDING, "all_over"),
    (Phase.RESOLUTION, Phase.INCIDENTS, "always"),
    (Phase.INCIDENTS, Phase.DAY_END, "always"),
    (Phase.DAY_END, Phase.ENDING, "all_over"),
    (Phase.DAY_END, Phase.ENDING, "last_day_done"),
    (Phase.DAY_END, Phase.BRIEFING, "always"),
    (Phase.ENDING, Phase.EPILOGUE, "always"),
)


class MachineError(RuntimeError):
    pass


def next_phase(phase: Phase, view: View) -> Phase:
    """The target of the first transition out of ``phase`` whose guard holds."""
    for source, target, guard in TRANSITIONS:
        if source is phase and GUARDS[guard](view):
            return target
    raise MachineError(f"no transition out of {phase}")


def reachable(start: Phase = Phase.BRIEFING) -> set[Phase]:
    """Phases reachable in the table, ignoring guards: used to check the table itself."""
    seen, todo = {start}, [start]
    while todo:
        here = todo.pop()
        for source, target, _ in TRANSITIONS:
            if source is here and target not in seen:
                seen.add(target)
                todo.append(target)
    return seen
