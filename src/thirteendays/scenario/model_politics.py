"""The scenario's politics: rules by which a side's own pressure binds its leader.

A side's political track is otherwise only a number.  A rule gives it teeth:
while its condition holds it *closes* options (Congress will not accept another
concession), *overrules* the leader at a named decision (the Presidium takes the
choice out of the chairman's hands), or *removes* the leader (the game ends with
an ending of kind ``removed``).  Rules are data like every condition: the engine
compiles them to masks (``engine/politics.py``), so they bind the computer and a
batch of 100,000 games exactly as they bind a person.

This module imports nothing from ``model.py`` (which imports it), so its few
shared types are restated here.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from .conditions_model import Condition

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=64)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
StanceName = Literal["escalate", "hold", "concede"]
RULE_KINDS = ("close", "overrule", "remove")
DEFAULT_WARN = 0.15


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class OptionRef(_Strict):
    """One option of one of the side's own events."""

    event: Id = Field(description="An event id of this side.")
    option: Id = Field(description="An option id of that event.")


class Close(_Strict):
    """The options closed while the rule holds: by stance, by name, or both."""

    stances: list[StanceName] = Field(
        default_factory=list, description="Every option of these stances, at every decision of the side."
    )
    options: list[OptionRef] = Field(default_factory=list, description="These named options.")

    @model_validator(mode="after")
    def _something(self) -> Close:
        if not self.stances and not self.options:
            raise ValueError("close needs 'stances', 'options' or both")
        return self


class Overrule(_Strict):
    """At this decision, where the rule holds, this option is taken for the side without asking it."""

    event: Id = Field(description="The side's event at which it is overruled.")
    option: Id = Field(description="The option taken for it.")


class Remove(_Strict):
    """At the end of a day on which the rule holds, the leader falls and the game ends."""

    ending: Id = Field(description="The ending reached: an ending of kind `removed`.")


class PoliticalRule(_Strict):
    """One pressure that binds a side: a condition, and what it does while it holds.

    Give exactly one of ``close``, ``overrule`` or ``remove``.  The player is warned
    while the condition's track is within ``warn`` of its level, in the words of
    ``warning``; once it holds, ``title`` says what is in force.
    """

    id: Id = Field(description="Unique among the scenario's rules.")
    when: Condition = Field(description="The rule holds where this holds (e.g. a track at or above a level).")
    title: Text = Field(
        description="What is in force, in the present tense: 'Congress will not accept another concession'."
    )
    warning: Text = Field(
        description="What it will do, read after 'at 85%': 'Congress will accept no further concession'."
    )
    close: Close | None = Field(None, description="Options closed while the rule holds.")
    overrule: Overrule | None = Field(None, description="A decision taken out of the leader's hands.")
    remove: Remove | None = Field(None, description="The leader removed; the game ends.")
    warn: float = Field(
        DEFAULT_WARN,
        ge=0,
        le=1,
        allow_inf_nan=False,
        description="Warn this far below each track level the condition names (0: no warning).",
    )
    note: str = Field("", description="What really happened, or why the rule is plausible.")
    source: str = Field("", description="Where the note comes from.")

    @model_validator(mode="after")
    def _one_consequence(self) -> PoliticalRule:
        given = [k for k in RULE_KINDS if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(
                "a politics rule needs exactly one of close, overrule or remove"
                + (f" (it has {', '.join(given)})" if given else "")
            )
        return self

    @property
    def kind(self) -> str:
        """close | overrule | remove."""
        return next(k for k in RULE_KINDS if getattr(self, k) is not None)


Politics = dict[Id, list[PoliticalRule]]
