"""Colours, type and sizes: a 1962 dossier on a desk, in three palettes.

Stance is never told by colour alone: cards also carry an icon and a word, so
the colour-blind palette (Okabe–Ito) and high-contrast palette only make a
readable design more readable.
"""

from __future__ import annotations

from dataclasses import dataclass

Colour = tuple[int, int, int]


@dataclass(frozen=True)
class Palette:
    desk: Colour
    desk_dark: Colour
    paper: Colour
    paper_edge: Colour
    ink: Colour
    ink_soft: Colour
    stamp: Colour
    escalate: Colour
    hold: Colour
    concede: Colour
    gauge_low: Colour
    gauge_mid: Colour
    gauge_high: Colour
    gauge_back: Colour
    light_text: Colour
    focus: Colour
    sea: Colour
    land: Colour
    land_edge: Colour
    warn: Colour


PALETTES: dict[str, Palette] = {
    "classic": Palette(
        desk=(30, 38, 35),
        desk_dark=(20, 26, 24),
        paper=(239, 230, 210),
        paper_edge=(196, 182, 150),
        ink=(38, 34, 30),
        ink_soft=(96, 88, 76),
        stamp=(164, 40, 44),
        escalate=(176, 58, 46),
        hold=(184, 124, 14),
        concede=(46, 109, 164),
        gauge_low=(86, 140, 90),
        gauge_mid=(204, 150, 40),
        gauge_high=(190, 50, 40),
        gauge_back=(58, 66, 62),
        light_text=(228, 222, 206),
        focus=(232, 190, 60),
        sea=(40, 62, 74),
        land=(196, 186, 158),
        land_edge=(120, 110, 90),
        warn=(200, 60, 40),
    ),
    "colour-blind": Palette(
        desk=(30, 36, 44),
        desk_dark=(20, 24, 30),
        paper=(240, 236, 226),
        paper_edge=(190, 184, 170),
        ink=(30, 30, 34),
        ink_soft=(90, 90, 96),
        stamp=(213, 94, 0),
        escalate=(213, 94, 0),
        hold=(230, 159, 0),
        concede=(0, 114, 178),
        gauge_low=(0, 158, 115),
        gauge_mid=(230, 159, 0),
        gauge_high=(213, 94, 0),
        gauge_back=(60, 64, 74),
        light_text=(232, 232, 236),
        focus=(86, 180, 233),
        sea=(36, 58, 80),
        land=(200, 196, 180),
        land_edge=(110, 110, 100),
        warn=(213, 94, 0),
    ),
    "high-contrast": Palette(
        desk=(0, 0, 0),
        desk_dark=(0, 0, 0),
        paper=(255, 255, 255),
        paper_edge=(255, 255, 255),
        ink=(0, 0, 0),
        ink_soft=(40, 40, 40),
        stamp=(200, 0, 0),
        escalate=(200, 0, 0),
        hold=(150, 100, 0),
        concede=(0, 60, 200),
        gauge_low=(0, 200, 0),
        gauge_mid=(255, 200, 0),
        gauge_high=(255, 40, 40),
        gauge_back=(60, 60, 60),
        light_text=(255, 255, 255),
        focus=(255, 255, 0),
        sea=(0, 0, 60),
        land=(230, 230, 230),
        land_edge=(255, 255, 255),
        warn=(255, 60, 60),
    ),
}

STANCE_ICON = {"escalate": "up", "hold": "level", "concede": "down"}
STANCE_WORD = {"escalate": "ESCALATE", "hold": "HOLD FIRM", "concede": "CONCEDE"}

BASE_W, BASE_H = 1280, 720
MIN_W, MIN_H = 1024, 640


def ui_scale(width: int, height: int) -> float:
    """How much bigger than the 1280x720 design the window is."""
    return max(0.75, min(width / BASE_W, height / BASE_H))


def stance_colour(p: Palette, stance: str) -> Colour:
    return {"escalate": p.escalate, "hold": p.hold, "concede": p.concede}[stance]


def ending_colour(p: Palette, kind: str) -> Colour:
    """An ending's colour from its declared kind: alarm red is kept for war."""
    return {"war": p.escalate, "conflict": p.hold, "standoff": p.gauge_mid}.get(kind, p.concede)


def gauge_colour(p: Palette, value: float, warn: float | None) -> Colour:
    """Green, amber, red towards a track's danger mark.

    A track with no danger mark (Berlin's freedom of movement, where high is good) is
    never painted in alarm colours: it stays neutral whatever its value.
    """
    if warn is None:
        return p.concede
    limit = warn
    if value >= limit:
        return p.gauge_high
    if value >= limit * 0.7:
        return p.gauge_mid
    return p.gauge_low
