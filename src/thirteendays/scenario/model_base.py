"""The scenario format's building blocks: ids, bounded numbers, the strict base model and wordings.

Kept apart from ``model.py`` so that the format's parts (sides, events, endings) read
on their own, and so that every part shares one definition of what an id, a share or
a text that may vary by condition is.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
)

from .conditions_model import Condition

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=64),
]
TrackId = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$", max_length=64),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

MAX_FLAGS = 64  # the engine keeps a game's flags as the bits of one uint64
MAX_MAGNITUDE = 1000.0
# Every model number is finite and of a sane size: the engine computes in float32,
# where 1e308 is infinity and infinity minus infinity is NaN, so a number no author
# means would silently poison every game.  Tracks live in 0..1; 1000 is already absurd.
Num = Annotated[float, Field(allow_inf_nan=False, ge=-MAX_MAGNITUDE, le=MAX_MAGNITUDE)]
# Log-odds and log-weights go through exp() in float32, which overflows past 88: a
# hazard's or an AI option's terms together stay within this, whatever the tracks.
MAX_LOG_ODDS = 40.0
Share = Annotated[float, Field(allow_inf_nan=False, ge=0, le=1)]
Prestige = Annotated[int, Field(ge=-1000, le=1000)]
Day = Annotated[int, Field(ge=1, le=366)]
Level = Annotated[int, Field(ge=1, le=5)]  # a DEFCON level
# An option or incident sets DEFCON to one level (every side), or per side by side id.
DefconSet = Level | dict[str, Level]


def _within_log_odds(terms: dict[str, float], what: str) -> None:
    total = sum(abs(v) for v in terms.values())
    if total > MAX_LOG_ODDS:
        raise ValueError(f"the {what} add up to {total:g} in size; at most {MAX_LOG_ODDS:g} can be computed")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DaySpan(_Strict):
    """The real dates one day of play stands for.

    A short scenario may let each of its days stand for several of the real ones (the
    tutorial's three days for the thirteen of 1962); the header then shows those dates,
    not a calendar the story does not keep.
    """

    first: dt.date = Field(description="The first real date the day stands for.")
    last: dt.date | None = Field(
        None, description="The last real date it stands for; leave it out for a single date."
    )

    @property
    def end(self) -> dt.date:
        return self.last or self.first


class Variant(_Strict):
    """One wording of a text, shown where its condition holds for the game being read."""

    when: Condition | None = Field(
        None, description="Shown where this holds; the last variant has none and is the fallback."
    )
    text: Text = Field(description="The words shown when this variant is chosen.")


def _fallback_last(variants: list[Variant]) -> list[Variant]:
    # A list whose last entry has a condition could leave a game with no words at all,
    # and an unconditional entry before the last would hide every variant after it.
    if variants[-1].when is not None:
        raise ValueError("the last variant must be a plain fallback without 'when'")
    for i, v in enumerate(variants[:-1]):
        if v.when is None:
            raise ValueError(f"variant {i} has no 'when'; only the last variant may go without one")
    return variants


Variants = Annotated[list[Variant], Field(min_length=1, max_length=32), AfterValidator(_fallback_last)]


# A text that may depend on the state: a plain string, or variants picked per game
# (the first whose 'when' holds), resolved once in engine/wording.py for every front end.
# The discriminator picks the branch by the value's shape, so a broken variant list is
# reported as such, not also as "not a valid string".
def _shape(value: object) -> str:
    return "variants" if isinstance(value, list | tuple) else "text"


Wording = Annotated[
    Annotated[Text, Tag("text")] | Annotated[Variants, Tag("variants")], Discriminator(_shape)
]
OptionalWording = Annotated[
    Annotated[str, Tag("text")] | Annotated[Variants, Tag("variants")], Discriminator(_shape)
]
