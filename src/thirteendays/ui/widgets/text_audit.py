"""An audit of where text lands: every line of text a screen draws, with its box.

The overflow test draws each screen onto an ``AuditSurface``; every blit of a text
surface (all text goes through ``widgets.text.render``) is recorded with the text and
the unclipped rectangle of its ink.  A line that reaches past the window or lies on another
line is a layout bug the player would see as cut-off or unreadable words.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pygame

from . import text as text_module


@dataclass(frozen=True)
class Placed:
    text: str
    rect: pygame.Rect


class AuditSurface(pygame.Surface):
    """A surface that remembers the text drawn on it (tests only: it slows every blit)."""

    def __init__(self, size: tuple[int, int]) -> None:
        super().__init__(size)
        self.placed: list[Placed] = []

    def blit(self, source, dest, area=None, special_flags=0):
        drawn = super().blit(source, dest, area, special_flags)
        tags = {id(s): key[0] for key, s in text_module._SURFACES.items()}
        text = tags.get(id(source))
        if text is not None and text.strip() and area is None:
            pos = dest.topleft if isinstance(dest, pygame.Rect) else (int(dest[0]), int(dest[1]))
            ink = source.get_bounding_rect(min_alpha=1)  # the letters, not the font's empty margins
            self.placed.append(Placed(text, ink.move(pos)))
        return drawn

    def problems(self, slack: int = 2) -> list[str]:
        """Text outside the surface, and text lying over other text (beyond ``slack`` pixels)."""
        out = []
        bounds = self.get_rect()
        for p in self.placed:
            if not bounds.contains(p.rect):
                out.append(f"outside the window: {p.text!r} at {tuple(p.rect)}")
        inner = [(p, p.rect.inflate(-2 * slack, -2 * slack)) for p in self.placed]
        for i, (a, ra) in enumerate(inner):
            for b, rb in inner[i + 1 :]:
                if ra.colliderect(rb) and not (a.text == b.text and a.rect == b.rect):
                    out.append(f"overlap: {a.text!r} {tuple(a.rect)} and {b.text!r} {tuple(b.rect)}")
        return out


@contextmanager
def wrapped_overflows() -> Iterator[list[tuple[str, pygame.Rect]]]:
    """Collect, while the block runs, every wrapped text that ran past the bottom of its box."""
    found: list[tuple[str, pygame.Rect]] = []
    text_module.OVERFLOWS = found
    try:
        yield found
    finally:
        text_module.OVERFLOWS = None
