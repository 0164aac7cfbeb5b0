"""The pause menu (Esc): resume, save, load, settings, quit to the title."""

from __future__ import annotations

import datetime as dt

import pygame

from ...storage import saves_dir
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
                    enabled=lambda: ctx.session is not None and not ctx.session.game.finished,
                ),
                Item("Load game", self.load),
                Item("Settings", self.settings),
                Item("Quit to title", self.to_title),
                Item("Quit game", Quit),
            ]
        )

    def save(self) -> Transition:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        path = self.ctx.session.save(saves_dir() / f"{self.ctx.session.scenario.id}-{stamp}.json")
        self.ctx.notify(f"Saved to {path}")
        return None

    def load(self) -> Transition:
        from .load import LoadScreen

        return Push(LoadScreen(self.ctx))

    def settings(self) -> Transition:
        from .settings import SettingsScreen

        return Push(SettingsScreen(self.ctx))

    def to_title(self) -> Transition:
        from .title import TitleScreen

        if self.ctx.session is not None and not self.ctx.session.game.finished:
            self.ctx.session.save()
        self.ctx.session = None
        return Reset(TitleScreen(self.ctx))

    def handle(self, event: pygame.event.Event) -> Transition:
        if is_back(event):
            return Pop()
        return self.menu.handle(event)

    def draw(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        p = ctx.palette
        shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        shade.fill((0, 0, 0, 160))
        surface.blit(shade, (0, 0))
        w, h = surface.get_size()
        size = ctx.text(20)
        row_h = line_height("bold", size) + int(14 * ctx.scale)
        width = int(360 * ctx.scale)
        total = len(self.menu.items) * (row_h + row_h // 4)
        title = render("PAUSED", "title", ctx.text(36), p.ink)
        top = (h - total - title.get_height()) // 2
        panel = pygame.Rect(
            0, 0, width + int(60 * ctx.scale), total + title.get_height() + int(50 * ctx.scale)
        )
        panel.midtop = (w // 2, top - int(20 * ctx.scale))
        from ..widgets.draw import paper

        paper(surface, panel, p, shadow=8)
        surface.blit(title, title.get_rect(midtop=(w // 2, top)))
        self.menu.draw(
            surface,
            pygame.Rect((w - width) // 2, top + title.get_height() + 10, width, total),
            p,
            size,
            row_h,
        )
        from .common import toasts

        toasts(surface, ctx)
