"""Fonts and map data from the package, loaded once and cached."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

import pygame

FACES = {
    "body": "CourierPrime-Regular.ttf",
    "bold": "CourierPrime-Bold.ttf",
    "italic": "CourierPrime-Italic.ttf",
    "title": "SpecialElite-Regular.ttf",
}


@cache
def font(face: str, size: int) -> pygame.font.Font:
    """A font by role and pixel size; sizes are rounded by callers so the cache stays small."""
    name = FACES[face]
    with resources.as_file(resources.files("thirteendays.assets").joinpath("fonts", name)) as path:
        return pygame.font.Font(str(path), max(8, size))


@cache
def map_data() -> dict:
    return json.loads(resources.files("thirteendays.assets").joinpath("map", "caribbean.json").read_text())
