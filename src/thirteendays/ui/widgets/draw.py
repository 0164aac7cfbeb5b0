"""Drawing helpers shared by screens: paper panels, stamps, buttons, icons."""

from __future__ import annotations

from functools import lru_cache

import pygame

from ..theme import Palette
from .text import elide, line_height, render, render_fit, wrap

Colour = tuple[int, int, int]


def paper(surface: pygame.Surface, rect: pygame.Rect, p: Palette, *, shadow: int = 6) -> None:
    """A sheet of paper with a shadow and a darker edge."""
    if shadow:
        pygame.draw.rect(surface, p.desk_dark, rect.move(shadow, shadow), border_radius=3)
    pygame.draw.rect(surface, p.paper, rect, border_radius=3)
    pygame.draw.rect(surface, p.paper_edge, rect, width=2, border_radius=3)


def _stamp_surface(text: str, size: int, colour: Colour, angle: float) -> pygame.Surface:
    label = render(text, "title", size, colour)
    pad = max(4, size // 4)
    box = pygame.Surface((label.get_width() + 2 * pad, label.get_height() + pad), pygame.SRCALPHA)
    pygame.draw.rect(box, (*colour, 255), box.get_rect(), width=max(2, size // 10), border_radius=4)
    box.blit(label, (pad, pad // 2))
    return pygame.transform.rotate(box, angle)


def stamp_rect(text: str, centre: tuple[int, int], size: int, angle: float = -8.0) -> pygame.Rect:
    """Where ``stamp`` puts its ink, so a layout can keep other things off it."""
    rect = pygame.Rect((0, 0), _stamp_size(text, size, angle))
    rect.center = centre
    return rect


@lru_cache(maxsize=64)
def _stamp_size(text: str, size: int, angle: float) -> tuple[int, int]:
    return _stamp_surface(text, size, (0, 0, 0), angle).get_size()


def stamp(
    surface: pygame.Surface,
    text: str,
    centre: tuple[int, int],
    size: int,
    colour: Colour,
    angle: float = -8.0,
) -> None:
    """A rubber stamp: boxed heading-face text, slightly rotated."""
    turned = _stamp_surface(text, size, colour, angle)
    surface.blit(turned, turned.get_rect(center=centre))


def stance_icon(surface: pygame.Surface, kind: str, rect: pygame.Rect, colour: Colour) -> None:
    """Up triangle (escalate), level bar (hold) or down triangle (concede): shape carries meaning."""
    cx, cy = rect.center
    r = min(rect.width, rect.height) // 2
    if kind == "up":
        pygame.draw.polygon(surface, colour, [(cx, cy - r), (cx + r, cy + r), (cx - r, cy + r)])
    elif kind == "down":
        pygame.draw.polygon(surface, colour, [(cx - r, cy - r), (cx + r, cy - r), (cx, cy + r)])
    else:
        pygame.draw.rect(surface, colour, pygame.Rect(cx - r, cy - r // 3, 2 * r, 2 * (r // 3) + 1))


def button(
    surface: pygame.Surface,
    rect: pygame.Rect,
    label: str,
    p: Palette,
    size: int,
    *,
    focused: bool = False,
    enabled: bool = True,
    shrink: bool = True,
) -> None:
    """A button with its label centred.  A label too long for it shrinks, or, with ``shrink``
    off (a menu, whose rows should all read at one size), is cut short with "…"."""
    back = p.paper if enabled else p.paper_edge
    pygame.draw.rect(surface, back, rect, border_radius=4)
    pygame.draw.rect(
        surface, p.focus if focused else p.ink_soft, rect, width=3 if focused else 1, border_radius=4
    )
    ink = p.ink if enabled else p.ink_soft
    if rect.height >= 2 * line_height("bold", size):  # a tall row takes a long label on its lines, whole
        if not shrink:
            lh = line_height("bold", size)
            lines = wrap(label, "bold", size, rect.width - 12)
            room = max(1, rect.height // lh)
            if len(lines) > room:
                rest = " ".join(lines[room - 1 :])
                lines = [*lines[: room - 1], elide(rest, "bold", size, rect.width - 12)]
            top = rect.centery - len(lines) * lh // 2
            for i, line in enumerate(lines):
                text = render(line, "bold", size, ink)
                surface.blit(text, text.get_rect(midtop=(rect.centerx, top + i * lh)))
            return
        for fitted in range(size, max(9, round(size * 0.6)) - 1, -1):
            lines = wrap(label, "bold", fitted, rect.width - 12)
            lh = line_height("bold", fitted)
            if len(lines) <= rect.height // lh:
                top = rect.centery - len(lines) * lh // 2
                for i, line in enumerate(lines):
                    text = render(line, "bold", fitted, ink)
                    surface.blit(text, text.get_rect(midtop=(rect.centerx, top + i * lh)))
                return
    if shrink:
        text = render_fit(label, "bold", size, ink, rect.width - 12)
    else:
        text = render(elide(label, "bold", size, rect.width - 12), "bold", size, ink)
    surface.blit(text, text.get_rect(center=rect.center))


def warning_icon(surface: pygame.Surface, rect: pygame.Rect, colour: Colour, ink: Colour) -> None:
    """A warning triangle with an exclamation mark, drawn rather than typed."""
    pts = [(rect.centerx, rect.top), (rect.right, rect.bottom), (rect.left, rect.bottom)]
    pygame.draw.polygon(surface, colour, pts)
    w = max(2, rect.width // 8)
    pygame.draw.line(
        surface,
        ink,
        (rect.centerx, rect.top + rect.height // 3),
        (rect.centerx, rect.bottom - rect.height // 3),
        w,
    )
    pygame.draw.circle(surface, ink, (rect.centerx, rect.bottom - rect.height // 6), max(1, w // 2 + 1))
