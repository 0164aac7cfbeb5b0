"""Layout shared by the game screens: the desk, the header, the sidebar, hints, toasts."""

from __future__ import annotations

import pygame

from ...play.words import day_line
from ..widgets.gauges import draw_sidebar
from ..widgets.text import line_height, render, render_fit, wrap


def hint_height(ctx) -> int:
    """Height of the key-hint bar along the bottom of every screen."""
    return line_height("body", ctx.text(14)) + int(10 * ctx.scale)


class Frame:
    """Rects for a window size: main area on the left, the track panel on the right."""

    def __init__(self, ctx, surface: pygame.Surface | tuple[int, int]) -> None:
        self.ctx = ctx
        w, h = surface if isinstance(surface, tuple) else surface.get_size()
        s = ctx.scale
        self.s = s
        self.pad = int(18 * s)
        side_w = max(int(280 * s), int(w * 0.25))
        self.hint_h = hint_height(ctx)
        self.sidebar = pygame.Rect(w - side_w, 0, side_w, h)
        self.main = pygame.Rect(0, 0, w - side_w, h - self.hint_h)
        self.hints = pygame.Rect(0, h - self.hint_h, w - side_w, self.hint_h)
        self.inner = self.main.inflate(-2 * self.pad, -2 * self.pad)


def desk(surface: pygame.Surface, ctx) -> None:
    p = ctx.palette
    surface.fill(p.desk)
    w, h = surface.get_size()
    step = max(6, int(9 * ctx.scale))
    for y in range(0, h, step * 3):  # faint grain, so the desk is not a flat default grey
        pygame.draw.line(surface, p.desk_dark, (0, y), (w, y + step), 1)


SEPARATOR = " · "


def wrap_parts(text: str, face: str, size: int, width: int) -> list[str]:
    """Lines that break between the `` · ``-separated parts of a date line, never inside one.

    "Day 7 — Monday, October 22, 1962 · JOHN F. KENNEDY" becomes two lines, the date
    and the name, instead of leaving "KENNEDY" alone under "JOHN F.".  A part too wide
    for a line by itself is wrapped as ordinary text.
    """
    lines: list[str] = []
    for part in text.split(SEPARATOR):
        trial = f"{lines[-1]}{SEPARATOR}{part}" if lines else part
        if lines and len(wrap(trial, face, size, width)) == 1:
            lines[-1] = trial
        else:
            lines += wrap(part, face, size, width)
    return lines


def header(surface: pygame.Surface | None, ctx, rect: pygame.Rect, title: str, subtitle: str = "") -> int:
    """Date-line and headline at the top of rect; returns the y below them.

    With no surface it only measures, so a screen can lay itself out in ``handle``.
    """
    p = ctx.palette
    y = rect.top
    if subtitle:
        sub = ctx.text(17)
        for line in wrap_parts(subtitle, "bold", sub, rect.width):
            if surface is not None:
                surface.blit(render(line, "bold", sub, p.light_text), (rect.left, y))
            y += line_height("bold", sub)
    size = ctx.text(34)
    while size > 14 and len(wrap(title, "title", size, rect.width)) > 1:
        size -= 2
    for line in wrap(title, "title", size, rect.width):
        if surface is not None:
            surface.blit(render(line, "title", size, p.light_text), (rect.left, y))
        y += line_height("title", size)
    return y + int(6 * ctx.scale)


def hints(surface: pygame.Surface, ctx, rect: pygame.Rect, text: str, reserve: int = 0) -> None:
    """The key-hint bar; ``reserve`` keeps pixels free at its right end (for a button)."""
    p = ctx.palette
    pygame.draw.rect(surface, p.desk_dark, rect)
    size = ctx.text(14)
    room = rect.width - 20 - reserve
    while size > 9 and len(wrap(text, "body", size, room)) > 1:
        size -= 1  # one line, whole: a shorter font beats a hint cut in half
    line = wrap(text, "body", size, room)[0]
    surface.blit(render(line, "body", size, p.light_text), (rect.left + 10, rect.top + int(5 * ctx.scale)))


def toast_boxes(
    ctx, size: tuple[int, int], avoid: pygame.Rect | None = None, wide: bool = False, ceiling: int = 0
) -> list[tuple[str, float, list[str], pygame.Rect]]:
    """Where each live message goes: (message, opacity, lines, box), newest lowest.

    They stack up from the foot of the main area, above the key hints, so they never cover a
    screen's title, the date line or the DEFCON panel on the right.  A box in the middle of the
    window (``avoid``: the pause menu, a decision's cards) pushes them into the larger free band
    above or below it; above, they stay below ``ceiling`` (where a screen's title ends).
    """
    live = ctx.live_messages()
    if not live or ctx.covered:
        return []
    text_size = ctx.text(15)
    w, h = size
    # Centred under the main area: left of the track panel on screens that have one.
    main_w = w - max(int(280 * ctx.scale), int(w * 0.25)) if ctx.session is not None and not wide else w
    width = int(main_w * 0.8)
    lh = line_height("body", text_size)
    wrapped = [(m, a, wrap(m, "body", text_size, width - 20)[:3]) for m, a in reversed(live)]
    heights = [len(lines) * lh + 12 for _, _, lines in wrapped]
    total = sum(heights) + 6 * (len(heights) - 1)
    bottom = h - hint_height(ctx) - int(8 * ctx.scale)
    if avoid is not None and bottom - total < avoid.bottom:
        below = bottom - avoid.bottom - 6
        above = avoid.top - 6 - ceiling
        if below < total and above > below:
            bottom = avoid.top - 6  # above the box: there is more room there
            while heights and total > above:  # the oldest give way rather than cover the menu
                total -= heights.pop() + 6
                wrapped.pop()
        else:
            while heights and total > below:
                total -= heights.pop() + 6
                wrapped.pop()
    out = []
    y = bottom
    for (message, alpha, lines), box_h in zip(wrapped, heights, strict=True):
        box = pygame.Rect((main_w - width) // 2, y - box_h, width, box_h)
        out.append((message, alpha, lines, box))
        y = box.top - 6
    return out


def toasts(
    surface: pygame.Surface, ctx, avoid: pygame.Rect | None = None, wide: bool = False, ceiling: int = 0
) -> None:
    """Messages (a save written, a settings file ignored, a scenario error), fading after a few seconds."""
    p = ctx.palette
    text_size = ctx.text(15)
    for _message, alpha, lines, box in toast_boxes(ctx, surface.get_size(), avoid, wide, ceiling):
        layer = pygame.Surface(box.size, pygame.SRCALPHA)
        local = layer.get_rect()
        pygame.draw.rect(layer, p.paper, local, border_radius=4)
        pygame.draw.rect(layer, p.stamp, local, 2, border_radius=4)
        yy = 6
        for line in lines:
            layer.blit(render(line, "body", text_size, p.ink), (10, yy))
            yy += line_height("body", text_size)
        layer.set_alpha(round(255 * alpha))
        surface.blit(layer, box)


def sidebar(surface: pygame.Surface, ctx, frame: Frame, values: dict[str, float] | None = None) -> int:
    """The track panel; call it after the main area, so nothing from the left can cover it."""
    return draw_sidebar(
        surface,
        frame.sidebar,
        ctx.session.view(),
        ctx.palette,
        ctx.scale * ctx.settings.text_scale**0.5,
        values,
        compact=frame.sidebar.height < 700,
    )


def date_line(ctx, day: int) -> str:
    return day_line(ctx.session.scenario, day)


def menu_page_layout(
    ctx,
    title: str,
    menu,
    *,
    note: str = "",
    footer: str = "",
    size: int = 18,
    max_width: int = 600,
    lines: int = 1,
) -> tuple[pygame.Rect, int, int, int]:
    """Where a full-screen menu goes for the window's size: (menu rect, text size, row height, top).

    ``lines``: how many lines of text a row holds (a long label wraps rather than shrinks)."""
    s = ctx.scale
    w, h = ctx.size
    top = int(50 * s) + line_height("title", ctx.text(36))
    if note:
        top += len(wrap(note, "body", ctx.text(17), int(w * 0.8))) * line_height("body", ctx.text(17))
        top += int(16 * s)
    footer_h = line_height("body", ctx.text(14)) + int(16 * s) if footer else 0
    text_size = ctx.text(size)
    items = max(1, len(menu.items))
    while (
        text_size > 10
        and items * (lines * line_height("bold", text_size) + int(12 * s)) * 1.25 > h - top - footer_h
    ):
        text_size -= 1
    row_h = lines * line_height("bold", text_size) + int(12 * s)
    width = int(min(w * 0.8, max_width * s))
    return pygame.Rect((w - width) // 2, top, width, h - top - footer_h), text_size, row_h, top


def menu_page(
    surface: pygame.Surface,
    ctx,
    title: str,
    menu,
    *,
    note: str = "",
    footer: str = "",
    size: int = 18,
    max_width: int = 600,
    lines: int = 1,
) -> None:
    """A full-screen menu on the desk (settings, load): title, optional note, menu, footer."""
    p = ctx.palette
    s = ctx.scale
    desk(surface, ctx)
    w, h = surface.get_size()
    rect, text_size, row_h, _ = menu_page_layout(
        ctx, title, menu, note=note, footer=footer, size=size, max_width=max_width, lines=lines
    )
    head = render_fit(title, "title", ctx.text(36), p.light_text, w - 40)
    surface.blit(head, head.get_rect(midtop=(w // 2, int(30 * s))))
    top = int(50 * s) + head.get_height()
    if note:
        for line in wrap(note, "body", ctx.text(17), int(w * 0.8)):
            text = render(line, "body", ctx.text(17), p.light_text)
            surface.blit(text, text.get_rect(midtop=(w // 2, top)))
            top += text.get_height()
    if footer:
        text = render_fit(footer, "body", ctx.text(14), p.light_text, w - 40)
        surface.blit(text, text.get_rect(midbottom=(w // 2, h - int(12 * s))))
    menu.draw(surface, rect, p, text_size, row_h)
    toasts(surface, ctx)
