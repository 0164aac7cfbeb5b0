"""The scenario format: one set of pydantic models for loading, the JSON Schema and the docs.

Every model forbids unknown keys, so a misspelt key is an error with a
did-you-mean hint rather than a silently ignored setting.  Cross-references
between parts (an effect naming a track, a condition naming a flag) are checked
in ``references.py``, where positions are at hand.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    Field,
    model_validator,
)

from .conditions_model import Condition
from .map_model import MapSpec
from .model_base import (
    MAX_FLAGS as MAX_FLAGS,
)
from .model_base import (
    MAX_LOG_ODDS,
    MAX_MAGNITUDE,
    Day,
    DaySpan,
    DefconSet,
    Id,
    Level,
    Num,
    OptionalWording,
    Prestige,
    Share,
    Text,
    TrackId,
    Wording,
    _Strict,
    _within_log_odds,
)
from .model_base import (
    Variant as Variant,
)
from .model_hidden import Commitment, HiddenTypes, Intel, Secret
from .model_politics import Politics


class Stance(StrEnum):
    ESCALATE = "escalate"
    HOLD = "hold"
    CONCEDE = "concede"


class Adviser(_Strict):
    """One member of a side's council: how he models the other side, in numbers and in words.

    Each adviser estimates every option by playing the rest of the crisis many
    times with the player continuing their own habits and the other side acting
    as *he* expects, so the council disagrees for stated reasons rather than
    speaking with one oracle's voice.
    """

    name: Text = Field(description="Shown beside his estimate, e.g. 'Curtis LeMay'.")
    role: str = Field("", description="His office, e.g. 'Air Force Chief of Staff'.")
    assumes: Text = Field(description="What he assumes about the other side, in a sentence the player reads.")
    expects: dict[Stance, Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]] = Field(
        description="How he expects the other side to act: relative weights of concede, hold and escalate.",
    )
    resolve: float = Field(
        4.0,
        gt=0,
        le=1000,
        allow_inf_nan=False,
        description=(
            "How firmly he holds that view: the number of the other side's moves it is worth. "
            "Small values let what the other side has done so far change his mind quickly."
        ),
    )

    @model_validator(mode="after")
    def _some_expectation(self) -> Adviser:
        if sum(self.expects.values()) <= 0:
            raise ValueError("expects needs a positive weight for at least one stance")
        return self


class Side(_Strict):
    name: Text = Field(description="The country, e.g. 'United States'.")
    leader: Text = Field(description="Whom the player plays, e.g. 'John F. Kennedy'.")
    council: Text = Field(description="The advisers who give estimates, e.g. 'ExComm'.")
    title: str = Field("", description="The leader's title, shown on the title screen.")
    quiet_days: list[Day] = Field(
        default_factory=list,
        description="Days on which this side deliberately has no decision (the linter accepts them).",
    )
    advisers: list[Adviser] = Field(
        default_factory=list,
        max_length=16,
        description="The council's members and their assumptions; without them one neutral adviser speaks.",
    )
    hidden: HiddenTypes | None = Field(
        None,
        description="This side's hidden type (its resolve), drawn per game and never shown to the other.",
    )
    secrets: list[Secret] = Field(
        default_factory=list, max_length=64, description="Flags only this side knows until they are revealed."
    )
    commitments: dict[Id, Commitment] = Field(
        default_factory=dict,
        max_length=32,
        description="Public promises options may make (`commits`) and break (`breaks`) at an audience cost.",
    )


class Track(_Strict):
    label: Text = Field(description="Shown beside the gauge.")
    start: float = Field(ge=0, le=1, description="Value on the first morning, 0 to 1.")
    side: str | None = Field(None, description="The side this track belongs to, if any.")
    war_at: float | None = Field(
        None, gt=0, le=1, description="Reaching this value means war (13 Days' DEFCON 1)."
    )
    warn_at: float | None = Field(
        None, gt=0, le=1, description="The window warns before a choice pushes the track here."
    )
    description: str = Field("", description="What the track stands for, for tooltips and docs.")
    intel: Intel | None = Field(
        None,
        description="How the side that does not own it estimates it; without it the track is seen exactly.",
    )


class Hazard(_Strict):
    """Daily chance that an accident becomes war: sigmoid(bias + sum(weights * tracks))."""

    bias: float = Field(
        -8.0,
        ge=-MAX_LOG_ODDS,
        le=MAX_LOG_ODDS,
        allow_inf_nan=False,
        description="Log-odds of war on a day when every track is 0.",
    )
    weights: dict[TrackId, Num] = Field(
        default_factory=dict, description="Log-odds added per unit of each track."
    )
    defcon: dict[Level, Num] = Field(
        default_factory=dict,
        description="Log-odds added on a day when DEFCON (the lowest of the sides) stands at this level.",
    )
    until: Condition | None = Field(
        None,
        description=(
            "Once this holds (a settlement agreed), no accident turns into war: the crisis is over "
            "bar the dismantling, and a war the day the deal was struck would contradict the ending."
        ),
    )

    @model_validator(mode="after")
    def _bounded(self) -> Hazard:
        _within_log_odds(self.weights, "hazard weights")
        _within_log_odds({str(k): v for k, v in self.defcon.items()}, "hazard's DEFCON terms")
        return self


class Defcon(_Strict):
    """DEFCON 5..1: a documented state that options set, optionally lowered by a track.

    With ``start`` DEFCON is state, kept per game (per side when ``start`` names the
    sides) and changed only by the ``defcon`` of options and incidents.  With ``track``
    and ``thresholds`` each threshold the track reaches lowers DEFCON by one; given
    together, the level shown is the lower (more alert) of the two.
    """

    start: DefconSet | None = Field(
        None,
        description="DEFCON on the first morning: one level, or a level per side id (DEFCON per side).",
    )
    track: TrackId | None = Field(None, description="A track that lowers DEFCON as it rises.")
    thresholds: list[Share] | None = Field(
        None,
        min_length=4,
        max_length=4,
        description="With 'track': four rising values for DEFCON 4, 3, 2 and 1.",
    )
    war_at: Level | None = Field(None, description="Reaching this level (or lower) means war.")
    names: dict[Level, Annotated[Text, Field(max_length=80)]] = Field(
        default_factory=dict,
        description="What a level is called where the standard words would mislead, "
        "e.g. {2: 'SAC at DEFCON 2; other forces at 3'}; shown beside the level.",
    )

    @model_validator(mode="after")
    def _complete(self) -> Defcon:
        if (self.track is None) != (self.thresholds is None):
            raise ValueError("'track' and 'thresholds' go together")
        if self.start is None and self.track is None:
            raise ValueError("give 'start' (DEFCON set by options), or 'track' and 'thresholds', or both")
        return self


class Model(_Strict):
    """The tension model's parameters.  Left-out entries mean 'no effect'."""

    coupling: dict[TrackId, dict[TrackId, Num]] = Field(
        default_factory=dict,
        description="Each day track A moves by sum(w * track B) over the entries A: {B: w}.",
    )
    decay: dict[TrackId, Share] = Field(
        default_factory=dict, description="Each day a track relaxes this share of the way to its start."
    )
    drift: dict[TrackId, Num] = Field(
        default_factory=dict, description="A constant daily change (Richardson's grievance term)."
    )
    noise: dict[TrackId, Share] = Field(
        default_factory=dict, description="Standard deviation of the daily random change."
    )
    hazard: Hazard = Field(default_factory=Hazard, description="The accident-to-war hazard.")
    defcon: Defcon | None = Field(None, description="The DEFCON model; without one the game shows no DEFCON.")


class Ai(_Strict):
    """How the computer weighs this option: weight * exp(sum(per[track] * track))."""

    weight: float = Field(
        1.0,
        ge=0,
        le=MAX_MAGNITUDE,
        allow_inf_nan=False,
        description="Base weight; 0 means never chosen by `ai`.",
    )
    per: dict[TrackId, Num] = Field(
        default_factory=dict, description="Log-weight added per unit of each track."
    )

    @model_validator(mode="after")
    def _bounded(self) -> Ai:
        _within_log_odds(self.per, "'per' values")
        return self


class Option(_Strict):
    id: Id = Field(description="Unique within its event.")
    label: Wording = Field(description="The option's text on its card (or variants).")
    stance: Stance = Field(description="escalate, hold or concede: drives hawk/dove and the card.")
    historical: bool = Field(False, description="The option history took.")
    when: Condition | None = Field(None, description="The option is offered only where this holds.")
    effects: dict[TrackId, Num] = Field(default_factory=dict, description="Added to each track when chosen.")
    set: list[str] = Field(default_factory=list, description="Flags set when chosen.")
    clear: list[str] = Field(default_factory=list, description="Flags cleared when chosen.")
    risk: float = Field(0.0, ge=0, le=1, description="Immediate chance that this choice means war.")
    defcon: DefconSet | None = Field(
        None, description="Sets DEFCON when chosen: one level, or a level per side id."
    )
    end: bool = Field(False, description="Choosing it ends the crisis; the endings then decide.")
    secret: bool = Field(
        False,
        description="The other side never learns of this choice (its log, day report, after-action report).",
    )
    ai: Ai = Field(default_factory=Ai, description="The computer's weighing.")
    commits: list[Id] = Field(
        default_factory=list,
        description="Public commitments this option makes (declared in its side's `commitments`).",
    )
    breaks: list[Id] = Field(
        default_factory=list,
        description="Commitments this option reverses; a made one costs its audience cost.",
    )
    note: OptionalWording = Field("", description="What really happened, for the ending (or variants).")
    source: str = Field("", description="Where the note comes from.")


class Event(_Strict):
    id: Id = Field(description="Unique in the scenario.")
    day: Day = Field(description="The first day the event may fire.")
    until: Day | None = Field(
        None,
        description="The last day it may fire; it fires once, on the first day its condition holds.",
    )
    side: str = Field(description="Which side decides.")
    title: Wording = Field(description="The briefing's headline (or variants).")
    text: Wording = Field(description="The briefing (or variants); keep each under about 150 words.")
    when: Condition | None = Field(None, description="The event fires only where this holds.")
    options: list[Option] = Field(min_length=1, max_length=9, description="One to nine options.")
    note: str = Field("", description="Historical context for the event as a whole.")
    source: str = Field("", description="Where the note comes from.")


class Chance(_Strict):
    """Daily chance: base + sum(per[track] * track), clipped to [0, 1]."""

    base: float = Field(ge=0, le=1, description="Chance when every track is 0.")
    per: dict[TrackId, Num] = Field(default_factory=dict, description="Added per unit of track.")


class Incident(_Strict):
    id: Id = Field(description="Unique in the scenario.")
    title: Text = Field(description="The headline when it happens.")
    text: Wording = Field(description="What happened (or variants, resolved when it is read).")
    days: list[Day] = Field(min_length=1, description="The days on which it may happen.")
    when: Condition | None = Field(None, description="It may happen only where this holds.")
    chance: Chance = Field(description="Its daily chance.")
    weights: dict[Day, Annotated[float, Field(ge=0, le=MAX_MAGNITUDE, allow_inf_nan=False)]] = Field(
        default_factory=dict,
        description=(
            "Multiplies the daily chance on the named days of 'days' (others keep 1): "
            "pins an incident to its date while tension can still move it a day."
        ),
    )
    effects: dict[TrackId, Num] = Field(default_factory=dict, description="Track changes.")
    set: list[str] = Field(default_factory=list, description="Flags set when it happens.")
    clear: list[str] = Field(default_factory=list, description="Flags cleared when it happens.")
    risk: float = Field(0.0, ge=0, le=1, description="Chance that it turns straight into war.")
    defcon: DefconSet | None = Field(
        None, description="Sets DEFCON when it happens: one level, or per side id."
    )
    once: bool = Field(True, description="Happens at most once a game.")
    visible_to: list[str] = Field(
        default_factory=list,
        description="The sides that learn of it (by id); empty means every side.",
    )
    note: str = Field("", description="What really happened.")
    source: str = Field("", description="Where the note comes from.")


class EndingKind(StrEnum):
    """What an ending is, so screens and plots never guess it from an id like ``nuclear-war``."""

    WAR = "war"  # the crisis became a general (nuclear) war: the WAR stamp, the siren, alarm red
    CONFLICT = "conflict"  # fighting, but not (yet) the general war: an invasion, a border clash
    VICTORY = "victory"  # one side had its way; ``winner`` names it
    SETTLEMENT = "settlement"  # both stepped back or traded: the crisis ended in agreement
    STANDOFF = "standoff"  # nothing was settled; the crisis simply ran out of days
    REMOVED = "removed"  # a side's own politics removed its leader (a `politics` rule); no `when`


class Ending(_Strict):
    id: Id = Field(description="Unique in the scenario.")
    kind: EndingKind = Field(
        EndingKind.SETTLEMENT,
        description=(
            "What the ending is: war, conflict, victory (with winner), settlement, standoff, "
            "or removed (reached only by a politics `remove` rule)."
        ),
    )
    winner: Id | None = Field(
        None, description="For a victory: the side id that had its way (a removal may name one too)."
    )
    title: Text = Field(description="The ending's headline.")
    when: Condition | None = Field(
        None, description="First ending whose condition holds wins; none means always."
    )
    historical: bool = Field(False, description="What happened in history.")
    claims_history: bool = Field(
        False,
        description=(
            "Its words say the crisis ended as the real one did: the linter proves its "
            "condition excludes every path 'history_requires' rules out (TD129)."
        ),
    )
    text: Wording = Field(description="What happens (or variants).")
    views: dict[str, OptionalWording] = Field(
        default_factory=dict, description="How each side tells it, by side id (each may be variants)."
    )
    reflection: str = Field("", description="A historical reflection for the ending screen.")
    source: str = Field("", description="Where the reflection comes from.")
    prestige: dict[str, Prestige] = Field(default_factory=dict, description="Prestige for each side.")
    epilogue: str = Field("", description="How this ending leads into the epilogue's history.")

    @model_validator(mode="after")
    def _winner_only_for_victory(self) -> Ending:
        if self.kind == EndingKind.REMOVED:
            if self.when is not None:
                raise ValueError("a removed ending is reached by a politics 'remove' rule; give it no 'when'")
            return self
        if (self.kind == EndingKind.VICTORY) != (self.winner is not None):
            raise ValueError("a victory names its winner (winner: SIDE), and only a victory has one")
        return self

    @property
    def war(self) -> bool:
        return self.kind == EndingKind.WAR


class Treaty(_Strict):
    date: dt.date = Field(description="Signed or opened for signature.")
    name: Text = Field(description="The treaty's name.")
    note: Text = Field(description="One line on it.")
    source: str = Field("", description="Where the line comes from.")


class Epilogue(_Strict):
    text: str = Field("", description="Introduction to the epilogue.")
    treaties: list[Treaty] = Field(default_factory=list, description="In date order.")


class Scenario(_Strict):
    """A crisis: sides, tracks, the model, the days' events, incidents and endings."""

    format: int = Field(description="The format version; this is 1.", ge=1, le=1)
    id: Id = Field(description="Unique id; saves name it.")
    title: Text = Field(description="Shown on the title screen.")
    summary: str = Field("", description="One paragraph for the scenario chooser.")
    start: dt.date = Field(description="The date of day 1.")
    days: int = Field(ge=1, le=60, description="How many days the crisis lasts at most.")
    calendar: list[DaySpan] | None = Field(
        None,
        max_length=60,
        description="What each day stands for, one entry per day in order, when a day is more "
        "than one real date; the first begins on `start`. Without it day N is `start` + N - 1.",
    )
    sides: dict[Id, Side] = Field(min_length=2, max_length=2, description="Exactly two sides.")
    tracks: dict[TrackId, Track] = Field(min_length=1, max_length=64, description="The state.")
    model: Model = Field(default_factory=Model, description="The tension model.")
    flags: list[Id] = Field(
        default_factory=list,
        max_length=MAX_FLAGS,
        description=f"Every flag the scenario uses; at most {MAX_FLAGS}.",
    )
    map: MapSpec | Literal["caribbean"] | None = Field(
        None,
        description="The situation map: a region, places and layers that follow the game "
        "(see map_model.py); the old `caribbean` still names the plain shipped map.",
    )
    events: list[Event] = Field(min_length=1, description="Decisions, in the order they fire.")
    incidents: list[Incident] = Field(default_factory=list, description="Chance incidents.")
    endings: list[Ending] = Field(min_length=1, description="First match wins.")
    history_requires: Condition | None = Field(
        None,
        description=(
            "What a game's path must satisfy to count as history's in the ways that matter "
            "(e.g. no strike, no invasion, no public trade); endings that claim history must imply it."
        ),
    )
    politics: Politics = Field(
        default_factory=dict,
        description=(
            "Per side id, the rules by which its own pressure binds its leader: close options, "
            "overrule a decision, or remove the leader (see model_politics.py)."
        ),
    )
    epilogue: Epilogue = Field(default_factory=Epilogue, description="Shown after every ending.")

    def span_of(self, day: int) -> tuple[dt.date, dt.date]:
        """The first and last real dates day ``day`` stands for (the same date for a plain day).

        Days outside a declared calendar continue it one date a day, so a clamp or an
        off-by-one elsewhere never turns into an error on a screen.
        """
        cal = self.calendar
        if not cal:
            first = self.start + dt.timedelta(days=day - 1)
            return first, first
        if day < 1:
            first = cal[0].first + dt.timedelta(days=day - 1)
            return first, first
        if day > len(cal):
            first = cal[-1].end + dt.timedelta(days=day - len(cal))
            return first, first
        return cal[day - 1].first, cal[day - 1].end

    def date_of(self, day: int) -> dt.date:
        """The first real date of a day: what a single date stands for in a CSV or a save list."""
        return self.span_of(day)[0]
