"""The title's messages of the moment (a settings file ignored, a scenario that would not load).

On the game screens messages float above the key hints; on the title they floated over the
sheet, the "EYES ONLY" stamp and the key hint.  Here they are typed onto the sheet itself,
between the summary and the stamp, stacked newest lowest, and the summary makes room: nothing
on the title is ever covered by them.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from ..widgets.draw import stamp_rect
from ..widgets.text import line_height, render, wrap

STAMP = "EYES ONLY"
STAMP_ANGLE = 12
MIN_SIZE = 10  # messages shrink to this before the oldest give way


@dataclass(frozen=True)
class Note:
    message: str
    alpha: float  # 0..1: each fades after a few seconds
    lines: list[str]
    box: pygame.Rect
    size: int


def sheet_rect(ctx, size: tuple[int, int]) -> pygame.Rect:
    """The sheet of paper on the left of the title."""
    w, h = size
    pad = int(30 * ctx.scale)
    return pygame.Rect(pad, pad, int(w * 0.56), h - 2 * pad)


def stamp_place(ctx, sheet: pygame.Rect) -> tuple[tuple[int, int], int]:
    """(centre, size) of the stamp in the sheet's lower right corner."""
    s = ctx.scale
    return (sheet.right - int(130 * s), sheet.bottom - int(60 * s)), int(30 * s)


def title_stamp_rect(ctx, sheet: pygame.Rect) -> pygame.Rect:
    centre, size = stamp_place(ctx, sheet)
    return stamp_rect(STAMP, centre, size, STAMP_ANGLE)


def notes(ctx, sheet: pygame.Rect, top: int, keep: int = 0) -> list[Note]:
    """Where each live message goes on the sheet: full width, above the stamp, below ``top``
    (where the scenario's summary starts), leaving the summary the ``keep`` pixels it needs,
    or half the room if that is less.  A long message wraps; when they do not all fit they
    shrink, and at the smallest size the oldest give way."""
    live = ctx.live_messages()
    if not live:
        return []
    pad = int(30 * ctx.scale)
    gap = max(4, int(6 * ctx.scale))
    bottom = title_stamp_rect(ctx, sheet).top - gap
    width = sheet.width - 2 * pad
    top += min(keep, (bottom - top) // 2)
    room = bottom - top
    newest_first = list(reversed(live))
    size = ctx.text(15)
    while True:
        lh = line_height("body", size)
        wrapped = [(m, a, wrap(m, "body", size, width - 20)) for m, a in newest_first]
        heights = [len(lines) * lh + 12 for _, _, lines in wrapped]
        if sum(heights) + gap * (len(heights) - 1) <= room or size <= MIN_SIZE:
            break
        size -= 1
    out: list[Note] = []
    y = bottom
    for (message, alpha, lines), height in zip(wrapped, heights, strict=True):
        if y - height < top:
            break  # the oldest give way: a message is never drawn over the summary or the title
        box = pygame.Rect(sheet.left + pad, y - height, width, height)
        out.append(Note(message, alpha, lines, box, size))
        y = box.top - gap
    return out


def draw_notes(surface: pygame.Surface, ctx, placed: list[Note]) -> None:
    p = ctx.palette
    for note in placed:
        lh = line_height("body", note.size)
        if note.alpha >= 1.0:
            target, origin = surface, note.box.topleft
        else:
            target, origin = pygame.Surface(note.box.size, pygame.SRCALPHA), (0, 0)
        local = pygame.Rect(origin, note.box.size)
        pygame.draw.rect(target, p.paper, local, border_radius=4)
        pygame.draw.rect(target, p.stamp, local, 2, border_radius=4)
        y = local.top + 6
        for line in note.lines:
            target.blit(render(line, "body", note.size, p.ink), (local.left + 10, y))
            y += lh
        if target is not surface:
            target.set_alpha(round(255 * note.alpha))
            surface.blit(target, note.box)
