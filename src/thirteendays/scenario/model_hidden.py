"""What a side may keep from the other: hidden types, secret facts, intelligence and commitments.

These models hang off the ``sides:`` and ``tracks:`` declarations of a scenario
(``sides.X.hidden``, ``sides.X.secrets``, ``sides.X.commitments``, ``tracks.T.intel``)
and off options (``commits``, ``breaks``).  They are kept apart from ``model.py``
so that the rules of who-knows-what read as one small vocabulary:

* a *hidden type* (today: ``resolve``) is drawn per game from a declared
  distribution and read by the computer's minds and by conditions;
* a *secret* is a flag only its side knows until a condition reveals it;
* *intel* says how well the other side estimates a track: a band of a declared
  half-width that contains the truth at a declared rate, narrowing with
  reconnaissance;
* a *commitment* is a public promise: breaking it later costs prestige and
  pressure (an audience cost), so a firm public stance is a signal worth reading.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, model_validator

from .conditions_model import Condition

Share = Annotated[float, Field(allow_inf_nan=False, ge=0, le=1)]
Shape = Annotated[float, Field(allow_inf_nan=False, gt=0, le=1000)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class BetaDraw(_Strict):
    """A Beta(a, b) draw on 0..1: `{beta: [2, 2]}` centres on 0.5; `[4, 2]` leans firm."""

    beta: tuple[Shape, Shape] = Field(description="The two shape parameters a and b, both above 0.")

    @property
    def mean(self) -> float:
        a, b = self.beta
        return a / (a + b)


class UniformDraw(_Strict):
    """Any value between two bounds, all equally likely: `{uniform: [0.3, 0.9]}`."""

    uniform: tuple[Share, Share] = Field(description="The lowest and highest value, 0 to 1.")

    @model_validator(mode="after")
    def _ordered(self) -> UniformDraw:
        if self.uniform[0] > self.uniform[1]:
            raise ValueError("the lower bound of 'uniform' comes first")
        return self

    @property
    def mean(self) -> float:
        return (self.uniform[0] + self.uniform[1]) / 2


class ChoiceDraw(_Strict):
    """One of a few values, with optional weights: `{choice: [0.3, 0.8], weights: [1, 2]}`."""

    choice: list[Share] = Field(min_length=1, max_length=16, description="The possible values, 0 to 1.")
    weights: list[Annotated[float, Field(allow_inf_nan=False, ge=0, le=1000)]] | None = Field(
        None, description="Relative weights, one per value; equal when left out."
    )

    @model_validator(mode="after")
    def _matching(self) -> ChoiceDraw:
        if self.weights is not None:
            if len(self.weights) != len(self.choice):
                raise ValueError(f"give one weight per value ({len(self.choice)}), not {len(self.weights)}")
            if sum(self.weights) <= 0:
                raise ValueError("at least one weight must be above 0")
        return self

    def probabilities(self) -> list[float]:
        w = self.weights or [1.0] * len(self.choice)
        total = sum(w)
        return [x / total for x in w]

    @property
    def mean(self) -> float:
        return sum(v * p for v, p in zip(self.choice, self.probabilities(), strict=True))


DRAW_KEYS = {"beta": BetaDraw, "uniform": UniformDraw, "choice": ChoiceDraw}


def _draw_kind(value: Any) -> str | None:
    if isinstance(value, BaseModel):
        return next((k for k, cls in DRAW_KEYS.items() if isinstance(value, cls)), None)
    if isinstance(value, dict):
        return next((k for k in DRAW_KEYS if k in value), None)
    return None


Draw = Annotated[
    Annotated[BetaDraw, Tag("beta")]
    | Annotated[UniformDraw, Tag("uniform")]
    | Annotated[ChoiceDraw, Tag("choice")],
    Discriminator(
        _draw_kind,
        custom_error_type="draw_kind",
        custom_error_message="a distribution needs one of the keys: beta, uniform, choice",
    ),
]


class HiddenTypes(_Strict):
    """A side's hidden type, drawn once per game and never shown to the other side."""

    resolve: Draw = Field(
        description=(
            "How firm this side's leadership is, 0 (yields readily) to 1 (will not be moved). "
            "The computer playing the side reads it; conditions may too (`resolve: {side, at_least}`)."
        )
    )


class Secret(_Strict):
    """A flag only this side knows of until something reveals it to the other side."""

    flag: str = Field(description="A flag declared under `flags`.")
    start: bool = Field(False, description="The flag is set from the first morning (a fact already true).")
    revealed_when: Condition | None = Field(
        None, description="The other side learns of it where this holds; never during the game without it."
    )
    label: str = Field("", description="How the fact reads once revealed, e.g. 'Nuclear warheads in Cuba'.")


class Commitment(_Strict):
    """A public promise: options `commits` to it; an option that `breaks` it pays the audience cost."""

    label: str = Field(description="What was said, as the player reads it: 'no trade over Turkey'.")
    prestige: Annotated[float, Field(allow_inf_nan=False, ge=0, le=100)] = Field(
        1.0, description="Prestige lost at the ending for breaking it (once)."
    )
    pressure: dict[str, Annotated[float, Field(allow_inf_nan=False, ge=-1, le=1)]] = Field(
        default_factory=dict,
        description="Added to these tracks when it is broken (e.g. `us.political: 0.1`).",
    )


class Narrow(_Strict):
    """Reconnaissance: where the condition holds, the band's half-width falls to ``to``."""

    when: Condition = Field(description="Where this holds (e.g. `{flag: low_flights}`).")
    to: Share = Field(description="The half-width of the band once it holds.")


class Intel(_Strict):
    """How well the side that does not own this track can estimate it."""

    error: Share = Field(
        description="Half-width of the band shown to the other side (0.15 shows 'about 40-70%'); 0 is exact."
    )
    confidence: Annotated[float, Field(allow_inf_nan=False, ge=0.5, le=0.99)] = Field(
        0.9, description="How often the band contains the truth."
    )
    narrows: list[Narrow] = Field(
        default_factory=list,
        max_length=8,
        description="Reconnaissance that narrows the band; the narrowest that holds wins.",
    )
    hidden_until: Condition | None = Field(
        None, description="The other side does not know this track at all until this holds."
    )

    @model_validator(mode="after")
    def _narrower(self) -> Intel:
        for i, n in enumerate(self.narrows):
            if n.to > self.error:
                raise ValueError(
                    f"narrows[{i}] widens the band ({n.to} > error {self.error}); 'to' must be smaller"
                )
        return self
