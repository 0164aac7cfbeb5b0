"""The pause menu (Esc): resume, save, load, settings, quit to the title."""

from __future__ import annotations

import pygame

from ..widgets.menu import Item, Menu
from ..widgets.text import line_height, render
from .base import Pop, Push, Quit, Reset, Screen, Transition, is_back


class PauseScreen(Screen):
    name = "pause"
    opaque = False

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.menu = Menu(
            [
                Item("Resume", Pop),
                Item(
                    "Save game",
                    self.save,
                    enabled=lambda: ctx.session is not None and not ctx.session.view().finished,
                ),
                Item("Load game", self.load),
                Item("Settings", self.settings),
                Item("Quit to title", self.to_title),
                Item("Quit game", Quit),
            ]
        )

    def save(self) -> Transition:
        try:
            path = self.ctx.session.save_slot()
        except OSError as exc:
            self.ctx.notify(f"Not saved: {exc.strerror or type(exc).__name__}")
            return None
        self.ctx.notify(f"Game saved as “{path.stem}”")
        return None

    def load(self) -> Transition:
        from .load import load_screen

        return load_screen(self.ctx)

    def settings(self) -> Transition:
        from .settings import SettingsScreen

        return Push(SettingsScreen(self.ctx))

    def to_title(self) -> Transition:
        from .title import TitleScreen

        if self.ctx.session is not None and not self.ctx.session.leave():
            for notice in self.ctx.session.take_notices():
                self.ctx.notify(notice)
        self.ctx.session = None
        return Reset(TitleScreen(self.ctx))

    def handle(self, event: pygame.event.Event) -> Transition:
        if is_back(event):
            return Pop()
        rect, _, row_h = self.layout()
        return self.menu.handle(event, (rect, row_h))

    def layout(self) -> tuple[pygame.Rect, int, int]:
        """(menu rect, text size, row height) for the window's size; draw and the mouse share it.

        The menu's text shrinks until the whole panel takes at most 70% of the window's height,
        so a message (a save written) always has a free band to show in beside it.
        """
        ctx = self.ctx
        w, h = ctx.size
        size = ctx.text(20)
        while True:
            row_h = line_height("bold", size) + int(14 * ctx.scale)
            total = len(self.menu.items) * (row_h + row_h // 4)
            title_h = line_height("title", ctx.text(36))
            if size <= 10 or total + title_h + int(70 * ctx.scale) <= 0.7 * h:
                break
            size -= 1
        width = int(360 * ctx.scale)
        top = (h - total - title_h) // 2
        return pygame.Rect((w - width) // 2, top + title_h + 10, width, total), size, row_h

    def panel(self) -> pygame.Rect:
        """The paper the menu lies on."""
        ctx = self.ctx
        rect, _, _ = self.layout()
        title_h = line_height("title", ctx.text(36))
        top = rect.top - 10 - title_h
        panel = pygame.Rect(
            0, 0, rect.width + int(60 * ctx.scale), rect.height + title_h + int(50 * ctx.scale)
        )
        panel.midtop = (ctx.size[0] // 2, top - int(20 * ctx.scale))
        return panel

    def draw(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        p = ctx.palette
        shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        shade.fill((0, 0, 0, 160))
        surface.blit(shade, (0, 0))
        w, _ = surface.get_size()
        rect, size, row_h = self.layout()
        title = render("PAUSED", "title", ctx.text(36), p.ink)
        top = rect.top - 10 - line_height("title", ctx.text(36))
        panel = self.panel()
        from ..widgets.draw import paper

        paper(surface, panel, p, shadow=8)
        surface.blit(title, title.get_rect(midtop=(w // 2, top)))
        self.menu.draw(surface, rect, p, size, row_h)
        from .common import toasts

        toasts(surface, ctx, avoid=panel.inflate(16, 16))
