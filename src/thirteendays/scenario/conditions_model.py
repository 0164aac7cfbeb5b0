"""The closed vocabulary of conditions a scenario may state.

A condition is a small mapping with exactly one keyword (``flag``, ``track``,
``all`` …).  It is data: the engine compiles it to vectorised masks, the linter
reasons about it, and nothing is ever evaluated as code.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, model_validator


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FlagIs(_Strict):
    """True where the flag has been set (and not cleared since)."""

    flag: str = Field(description="A flag declared under `flags`.")


class TrackIn(_Strict):
    """True where a track lies in a range. Give `above`, `below`, or both."""

    track: str = Field(description="A track id declared under `tracks`.")
    above: float | None = Field(
        None, ge=0, le=1, allow_inf_nan=False, description="True when the track is >= this."
    )
    below: float | None = Field(
        None, ge=0, le=1, allow_inf_nan=False, description="True when the track is < this."
    )

    @model_validator(mode="after")
    def _needs_bound(self) -> TrackIn:
        if self.above is None and self.below is None:
            raise ValueError("a track condition needs 'above', 'below' or both")
        return self


class Chose(_Strict):
    """True where a given option was taken at a given event."""

    chose: ChoiceRef = Field(description="The event and option.")


class ChoiceRef(_Strict):
    event: str = Field(description="An event id.")
    option: str = Field(description="An option id of that event.")


class War(_Strict):
    """True where the crisis has turned into war."""

    war: bool = Field(description="`true` matches war, `false` matches peace.")


class DefconAtMost(_Strict):
    """True where the DEFCON level is at or below a number (1 is war readiness)."""

    defcon_at_most: int = Field(ge=1, le=5, description="DEFCON level, 1 to 5.")


class ResolveRef(_Strict):
    side: str = Field(description="A side id that declares `hidden: {resolve: ...}`.")
    at_least: float | None = Field(
        None, ge=0, le=1, allow_inf_nan=False, description="True when the side's resolve is >= this."
    )
    below: float | None = Field(
        None, ge=0, le=1, allow_inf_nan=False, description="True when the side's resolve is < this."
    )

    @model_validator(mode="after")
    def _needs_bound(self) -> ResolveRef:
        if self.at_least is None and self.below is None:
            raise ValueError("a resolve condition needs 'at_least', 'below' or both")
        return self


class ResolveIn(_Strict):
    """True where a side's hidden resolve (drawn per game) lies in a range."""

    resolve: ResolveRef = Field(description="The side and the range.")


class Always(_Strict):
    """Always true (or never, with `false`); useful as the last ending."""

    always: bool = Field(description="`true` always matches; `false` never does.")


class AllOf(_Strict):
    all: list[Condition] = Field(min_length=1, description="True when every condition is true.")


class AnyOf(_Strict):
    any: list[Condition] = Field(min_length=1, description="True when some condition is true.")


class NotOf(_Strict):
    not_: Condition = Field(alias="not", description="True when the condition is false.")

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


CONDITION_KEYS: dict[str, type[_Strict]] = {
    "flag": FlagIs,
    "track": TrackIn,
    "chose": Chose,
    "war": War,
    "defcon_at_most": DefconAtMost,
    "always": Always,
    "resolve": ResolveIn,
    "all": AllOf,
    "any": AnyOf,
    "not": NotOf,
}


def _condition_kind(value: Any) -> str | None:
    """Pick the member by which keyword the mapping carries."""
    if isinstance(value, BaseModel):
        for key, cls in CONDITION_KEYS.items():
            if isinstance(value, cls):
                return key
        return None
    if isinstance(value, dict):
        for key in CONDITION_KEYS:
            if key in value:
                return key
    return None


Condition = Annotated[
    Annotated[FlagIs, Tag("flag")]
    | Annotated[TrackIn, Tag("track")]
    | Annotated[Chose, Tag("chose")]
    | Annotated[War, Tag("war")]
    | Annotated[DefconAtMost, Tag("defcon_at_most")]
    | Annotated[Always, Tag("always")]
    | Annotated[ResolveIn, Tag("resolve")]
    | Annotated[AllOf, Tag("all")]
    | Annotated[AnyOf, Tag("any")]
    | Annotated[NotOf, Tag("not")],
    Discriminator(
        _condition_kind,
        custom_error_type="condition_kind",
        custom_error_message="a condition needs one of the keys: " + ", ".join(CONDITION_KEYS),
    ),
]

for _cls in (Chose, AllOf, AnyOf, NotOf):
    _cls.model_rebuild()
