"""Wrapped, cached text: measure once, render once, blit every frame.

Rendering text is the costliest thing a frame does; layouts and glyph
surfaces are cached by (text, face, size, colour, width) so a screen that
does not change costs only blits.
"""

from __future__ import annotations

from collections import OrderedDict

import pygame

from ..assets import font

Colour = tuple[int, int, int]
_SURFACES: OrderedDict[tuple, pygame.Surface] = OrderedDict()
_LAYOUTS: OrderedDict[tuple, list[str]] = OrderedDict()
_LIMIT = 2048
#: When a list (the overflow audit sets it), every wrapped text that runs past the bottom
#: of its box is recorded here as (first words, box); None costs nothing in play.
OVERFLOWS: list[tuple[str, pygame.Rect]] | None = None


def _remember(cache: OrderedDict, key: tuple, value):
    cache[key] = value
    cache.move_to_end(key)
    if len(cache) > _LIMIT:
        cache.popitem(last=False)
    return value


def render(text: str, face: str, size: int, colour: Colour) -> pygame.Surface:
    key = (text, face, size, colour)
    surf = _SURFACES.get(key)
    if surf is None:
        surf = _remember(_SURFACES, key, font(face, size).render(text, True, colour))
    return surf


def wrap(text: str, face: str, size: int, width: int) -> list[str]:
    """Lines of at most ``width`` pixels; paragraphs split on newlines; long words are broken."""
    key = (text, face, size, width)
    cached = _LAYOUTS.get(key)
    if cached is not None:
        return cached
    f = font(face, size)
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        for word in para.split():
            trial = f"{line} {word}" if line else word
            if f.size(trial)[0] <= width:
                line = trial
                continue
            if line:
                lines.append(line)
            while f.size(word)[0] > width and len(word) > 1:  # a word wider than the box
                cut = len(word) - 1
                while cut > 1 and f.size(word[:cut])[0] > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return _remember(_LAYOUTS, key, lines)


def line_height(face: str, size: int) -> int:
    """A line's advance: never less than the glyphs' own height, so lines never lie on each other."""
    f = font(face, size)
    return max(f.get_linesize(), f.get_height())


def text_height(text: str, face: str, size: int, width: int) -> int:
    return len(wrap(text, face, size, width)) * line_height(face, size)


def draw_wrapped(
    surface: pygame.Surface,
    text: str,
    face: str,
    size: int,
    colour: Colour,
    rect: pygame.Rect,
    *,
    chars: int | None = None,
) -> int:
    """Draw text wrapped into rect; returns the height used.  ``chars`` types it out partially."""
    y = rect.top
    shown = 0
    lines = wrap(text, face, size, rect.width)
    if OVERFLOWS is not None and len(lines) * line_height(face, size) > rect.height + 1:
        OVERFLOWS.append((text[:60], pygame.Rect(rect)))
    for line in lines:
        if chars is not None and shown >= chars:
            break
        piece = line if chars is None else line[: max(0, chars - shown)]
        shown += len(line) + 1
        if piece:
            surface.blit(render(piece, face, size, colour), (rect.left, y))
        y += line_height(face, size)
    return y - rect.top


def fit_size(text: str, face: str, size: int, rect: pygame.Rect, minimum: int = 10) -> int:
    """The largest size up to ``size`` at which the text fits the rect, so it is never clipped."""
    while size > minimum and text_height(text, face, size, rect.width) > rect.height:
        size -= 1
    return size


def fit_width(text: str, face: str, size: int, width: int, minimum: int = 9) -> int:
    """The largest size up to ``size`` at which one line of text fits ``width``."""
    f = font(face, size)
    while size > minimum and f.size(text)[0] > width:
        size -= 1
        f = font(face, size)
    return size


def render_fit(text: str, face: str, size: int, colour: Colour, width: int) -> pygame.Surface:
    """One line of text, shrunk if need be so it is never wider than ``width``."""
    return render(text, face, fit_width(text, face, size, width), colour)


ELLIPSIS = "…"


def elide(text: str, face: str, size: int, width: int) -> str:
    """The text cut at a word (or, failing that, a letter) and ended with "…" so that one
    line fits ``width`` at this size: for rows that must keep the size of their neighbours."""
    f = font(face, size)
    if f.size(text)[0] <= width:
        return text
    words = text.split(" ")
    for n in range(len(words) - 1, 0, -1):  # whole words first: "Scenario: Cuban Missile…"
        trial = " ".join(words[:n]).rstrip(" :,;·—-") + ELLIPSIS
        if f.size(trial)[0] <= width and n > 1:
            return trial
    for cut in range(len(text) - 1, 0, -1):
        trial = text[:cut].rstrip() + ELLIPSIS
        if f.size(trial)[0] <= width:
            return trial
    return ELLIPSIS
