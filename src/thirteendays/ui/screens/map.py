"""The situation map: the scenario's own map (``map:``), its insets and legend, following the game."""

from __future__ import annotations

import pygame

from ...play.map_layers import shown_panels
from ..widgets.map_panel import draw_legend, draw_panel, legend_lines
from ..widgets.map_view import draw_map
from ..widgets.text import line_height, render, render_fit
from .base import Pop, Screen, Transition, is_back, is_confirm
from .common import Frame, desk, header, hints, sidebar, toasts


class MapScreen(Screen):
    name = "map"

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.opened = ctx.time  # rings are drawn out and ships sail from the moment it opens

    def handle(self, event: pygame.event.Event) -> Transition:
        if is_back(event) or is_confirm(event) or (event.type == pygame.KEYDOWN and event.key == pygame.K_m):
            return Pop()
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 3:
            return Pop()
        return None

    def title(self) -> str:
        spec = self.ctx.session.scenario.map
        if spec is None:
            return "No map"
        return "The Caribbean" if isinstance(spec, str) else spec.title or self.ctx.session.scenario.title

    def draw(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        desk(surface, ctx)
        frame = Frame(ctx, surface)
        spec = ctx.session.scenario.map
        y = header(surface, ctx, frame.inner, self.title(), "SITUATION MAP")
        rect = pygame.Rect(frame.inner.left, y, frame.inner.width, frame.inner.bottom - y)
        if spec is None:
            note = render("This scenario has no map.", "bold", ctx.text(20), ctx.palette.light_text)
            surface.blit(note, (frame.inner.left, y + 20))
        elif isinstance(spec, str):
            draw_map(surface, rect, ctx.session.view(), ctx.palette, ctx.scale)
        else:
            self.draw_spec(surface, rect)
        sidebar(surface, ctx, frame)
        hints(surface, ctx, frame.hints, "M, Enter or Esc return")
        toasts(surface, ctx)

    def draw_spec(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        ctx = self.ctx
        p = ctx.palette
        s = ctx.scale
        t = max(0.0, ctx.time - self.opened) if ctx.motion() else 60.0
        panels = shown_panels(ctx.session.game, ctx.session.scenario.map, ctx.session.view().day)
        draw_panel(surface, rect, panels[0], p, s, t)
        for panel in panels[1:]:
            inset = self.inset_rect(rect, panel.view)
            head = max(10, int(13 * s))
            title_h = line_height("bold", head) + 4
            pygame.draw.rect(surface, p.paper, inset.inflate(8, 8).move(0, -title_h // 2).union(inset))
            box = pygame.Rect(inset.left, inset.top + title_h, inset.width, inset.height - title_h)
            caption = render_fit(panel.view.title, "bold", head, p.ink, inset.width - 8)
            surface.blit(caption, (inset.left + 4, inset.top + 2))
            draw_panel(surface, box, panel, p, s, t)
        draw_legend(surface, rect, legend_lines(panels), p, max(10, ctx.text(12)))
        credit = render("Coastlines: Natural Earth", "body", max(9, int(10 * s)), p.ink_soft)
        if any(panel.view.base != "none" for panel in panels):
            surface.blit(credit, (rect.right - credit.get_width() - 6, rect.bottom - credit.get_height() - 4))

    @staticmethod
    def inset_rect(rect: pygame.Rect, view) -> pygame.Rect:
        """The inset's box in its corner, shaped like its region."""
        x0, y0, x1, y1 = view.region
        import math

        squash = math.cos(math.radians((y0 + y1) / 2)) if view.projection == "equirectangular" else 1.0
        w = int(rect.width * view.share)
        h = min(int(rect.height * 0.5), int(w * (y1 - y0) / ((x1 - x0) * squash)) + 24)
        margin = 10
        x = rect.right - w - margin if view.corner in ("ne", "se") else rect.left + margin
        y = rect.top + margin if view.corner in ("ne", "nw") else rect.bottom - h - margin
        return pygame.Rect(x, y, w, h)
