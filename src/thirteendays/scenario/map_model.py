"""The ``map:`` section of a scenario: a region, its places, and layers that follow the game.

A layer is data: what to draw (a ring, a line, ships, an arrow, an area, markers), where
(place names or coordinates), and when (a condition in the scenario's closed vocabulary,
compiled to a mask like every other condition, and a span of days).  Nothing is evaluated.
A map may carry insets where the story spans two theatres (Cuba and Turkey), and a
``plane`` map is a schematic drawn from the shapes declared in the file (Berlin's sectors).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .conditions_model import Condition

Coord = Annotated[float, Field(allow_inf_nan=False, ge=-1000, le=1000)]
Point = tuple[Coord, Coord]
Where = Point | str  # coordinates, or the name of a place declared under `places`
Base = Literal["caribbean", "europe", "none"]
Style = Literal["danger", "us", "ussr", "neutral", "muted"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class MapPlace(_Strict):
    at: Point = Field(description="Longitude and latitude (or x and y on a `plane` map).")
    label: str = Field("", description="The name shown; empty means the place's key.")
    anchor: Literal["n", "s", "e", "w"] = Field("e", description="Which side of the dot the name goes.")
    kind: Literal["city", "site", "base", "point"] = Field("city", description="How the dot is drawn.")
    named: bool = Field(True, description="False: a point layers use, drawn without its name.")
    offset: tuple[Annotated[float, Field(ge=-5, le=5)], Annotated[float, Field(ge=-5, le=5)]] = Field(
        (0.0, 0.0),
        description="Moves the name by this many line heights (right, down): keeps crowded names apart.",
    )


class MapLayer(_Strict):
    """Something drawn on the map while its condition holds and its days are on."""

    id: str = Field(description="Unique in the map; for the legend and the linter.")
    draw: Literal["ring", "line", "route", "ships", "arrow", "area", "marker", "label"] = Field(
        description="ring: circles of radius_nm round each point; line/route: a solid/dashed line "
        "through the points; ships: markers sailing along the points; arrow: a line ending in a "
        "head; area: a filled polygon; marker: a symbol at each point; label: text at the point."
    )
    points: list[Where] = Field(min_length=1, max_length=400, description="Places or coordinates.")
    style: Style = Field("neutral", description="danger, us, ussr, neutral or muted.")
    legend: str = Field("", description="The legend's line while the layer shows; empty: not listed.")
    text: str = Field("", description="For `label`, and a caption beside markers, ships and arrows.")
    symbol: Literal["dot", "missile", "burst", "cross", "plane", "tank", "gate"] = Field(
        "dot", description="For markers."
    )
    radius_nm: Annotated[float, Field(gt=0, le=10000)] | None = Field(None, description="For rings.")
    when: Condition | None = Field(None, description="The layer shows only where this holds.")
    days: tuple[int, int] | None = Field(None, description="First and last day it shows (inclusive).")
    sail: tuple[int, int] | None = Field(
        None, description="For ships: the days of the voyage from the first point to the last."
    )
    halt: Condition | None = Field(None, description="For ships: where this holds they stop where they are.")
    back: Condition | None = Field(None, description="For ships: where this holds they turn for home.")

    @model_validator(mode="after")
    def _fields_for_the_drawing(self) -> MapLayer:
        if self.draw == "ring" and self.radius_nm is None:
            raise ValueError("a ring needs radius_nm")
        if self.draw in ("line", "route", "arrow", "ships") and len(self.points) < 2:
            raise ValueError(f"a {self.draw} needs at least two points")
        if self.draw == "area" and len(self.points) < 3:
            raise ValueError("an area needs at least three points")
        return self


class MapView(_Strict):
    """One map panel: a base, the region it shows, its places and layers."""

    title: str = Field("", description="The panel's heading.")
    base: Base = Field("none", description="Shipped coastlines: caribbean, europe, or none (a schematic).")
    projection: Literal["equirectangular", "plane"] = Field(
        "equirectangular", description="equirectangular: longitude and latitude; plane: x right, y up."
    )
    region: tuple[Coord, Coord, Coord, Coord] = Field(
        description="What the panel shows: west, south, east, north (or x0, y0, x1, y1)."
    )
    places: dict[str, MapPlace] = Field(default_factory=dict, description="Named points.")
    layers: list[MapLayer] = Field(default_factory=list, description="Drawn in order, later on top.")

    @model_validator(mode="after")
    def _names_resolve(self) -> MapView:
        x0, y0, x1, y1 = self.region
        if not (x0 < x1 and y0 < y1):
            raise ValueError("region is west, south, east, north with west < east and south < north")
        ids = [layer.id for layer in self.layers]
        if len(ids) != len(set(ids)):
            raise ValueError("layer ids must be unique")
        for layer in self.layers:
            for where in layer.points:
                if isinstance(where, str) and where not in self.places:
                    raise ValueError(f"layer '{layer.id}': no place named '{where}' under places")
        return self


class MapInset(MapView):
    corner: Literal["ne", "nw", "se", "sw"] = Field("ne", description="Where the inset sits.")
    share: Annotated[float, Field(gt=0.1, le=0.6)] = Field(0.36, description="Its width, as a share.")


class MapSpec(MapView):
    """The scenario's situation map."""

    insets: list[MapInset] = Field(default_factory=list, max_length=3, description="Other theatres.")
    source: str = Field("", description="Where the positions come from.")
