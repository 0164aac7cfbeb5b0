"""The map of the crisis, drawn from shipped coastlines and the game's state."""

from __future__ import annotations

import pygame

from ..widgets.map_view import draw_map
from ..widgets.text import render
from .base import Pop, Screen, Transition, is_back, is_confirm
from .common import Frame, desk, header, hints, sidebar, toasts


class MapScreen(Screen):
    name = "map"

    def handle(self, event: pygame.event.Event) -> Transition:
        if is_back(event) or is_confirm(event) or (event.type == pygame.KEYDOWN and event.key == pygame.K_m):
            return Pop()
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 3:
            return Pop()
        return None

    def draw(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        desk(surface, ctx)
        frame = Frame(ctx, surface)
        title = "The Caribbean" if ctx.session.scenario.map == "caribbean" else "No map"
        y = header(surface, ctx, frame.inner, title, "SITUATION MAP")
        if ctx.session.scenario.map is None:
            note = render("This scenario has no map.", "bold", ctx.text(20), ctx.palette.light_text)
            surface.blit(note, (frame.inner.left, y + 20))
        else:
            rect = pygame.Rect(frame.inner.left, y, frame.inner.width, frame.inner.bottom - y)
            draw_map(surface, rect, ctx.session.view(), ctx.palette, ctx.scale)
        sidebar(surface, ctx, frame)
        hints(surface, ctx, frame.hints, "M, Enter or Esc return")
        toasts(surface, ctx)
