"""The situation map: the scenario's own map (``map:``), its insets and legend, following the game."""

from __future__ import annotations

import pygame

from ...play.map_layers import shown_panels
from ..widgets.map_legend import draw_legend, layout_legend, visible_rows
from ..widgets.map_panel import draw_panel
from ..widgets.map_view import draw_map
from ..widgets.text import line_height, render, render_fit, wrap
from .base import Pop, Screen, Transition, is_back, is_confirm
from .common import Frame, desk, header, hints, sidebar, toasts


class MapScreen(Screen):
    name = "map"

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.opened = ctx.time  # rings are drawn out and ships sail from the moment it opens
        # A memo of legend layouts; the scenario holds its map views for the screen's life, so ids are stable.
        self._legends: dict[tuple, tuple] = {}

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
            draw_map(surface, rect, ctx.session.view(), ctx.palette, ctx.scale, ctx.settings.text_scale**0.5)
        else:
            self.draw_spec(surface, rect)
        sidebar(surface, ctx, frame)
        hints(surface, ctx, frame.hints, "M, Enter or Esc return")
        toasts(surface, ctx)

    def draw_spec(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        ctx = self.ctx
        p = ctx.palette
        s = ctx.scale
        ts = ctx.settings.text_scale**0.5  # a map's words grow more gently than a page's
        t = max(0.0, ctx.time - self.opened) if ctx.motion() else 60.0
        panels = shown_panels(ctx.session.game, ctx.session.scenario.map, ctx.session.view().day)
        lay, rows = self.legend_layout(rect, panels)
        covered = tuple(self.inset_boxes(lay.map, panel.view)[0] for panel in panels[1:])
        draw_panel(surface, lay.map, panels[0], p, s, t, ts, covered)
        head = self.caption_size()
        for panel in panels[1:]:
            outer, box = self.inset_boxes(lay.map, panel.view)
            pygame.draw.rect(surface, p.paper, outer)
            y = outer.top + 2
            for line in self.caption_lines(panel.view, outer.width - 8):
                surface.blit(render_fit(line, "bold", head, p.ink, outer.width - 8), (outer.left + 4, y))
                y += line_height("bold", head)
            draw_panel(surface, box, panel, p, s, t, ts)
        draw_legend(surface, lay, rows, p, s)
        if any(panel.view.base != "none" for panel in panels):
            # On a slip of paper like the scale bar's: a range ring once ran through its letters.
            credit = render("Coastlines: Natural Earth", "body", max(9, int(10 * s * ts)), p.ink)
            where = credit.get_rect(bottomright=(lay.map.right - 6, lay.map.bottom - 4))
            pygame.draw.rect(surface, p.paper, where.inflate(6, 2))
            surface.blit(credit, where)

    def caption_size(self) -> int:
        return max(10, int(13 * self.ctx.scale * self.ctx.settings.text_scale**0.5))

    def caption_lines(self, view, width: int) -> list[str]:
        """An inset's title on at most two lines, so a narrow inset wraps it rather than shrinking it."""
        lines = wrap(view.title, "bold", self.caption_size(), width)
        return lines if len(lines) <= 2 else [lines[0], " ".join(lines[1:])]

    def inset_boxes(self, map_rect: pygame.Rect, view) -> tuple[pygame.Rect, pygame.Rect]:
        """(the inset's paper with its caption, the panel inside it) in its corner of the map."""
        inset = self.inset_rect(map_rect, view)
        outer = inset.inflate(8, 8).clip(map_rect)
        lines = self.caption_lines(view, outer.width - 8)
        title_h = len(lines) * line_height("bold", self.caption_size()) + 4
        box = pygame.Rect(inset.left, inset.top + title_h, inset.width, inset.height - title_h)
        return outer, box

    def placed(self, map_rect: pygame.Rect, panels) -> list:
        return [(panels[0], map_rect)] + [
            (panel, self.inset_boxes(map_rect, panel.view)[0]) for panel in panels[1:]
        ]

    def legend_layout(self, rect: pygame.Rect, panels):
        """The map's rectangle and the legend's beside it, listing what that map shows.

        What is visible depends on where the map ends up, so the legend is laid out for the
        whole area, then listed again for the map's final rectangle (and laid out again if
        that changed the list)."""
        ctx = self.ctx
        key = (
            tuple(rect),
            ctx.text(12),
            ctx.scale,
            ctx.settings.text_scale,
            tuple((id(panel.view), tuple((id(x.layer), x.at) for x in panel.layers)) for panel in panels),
        )
        found = self._legends.get(key)
        if found is None:  # the same map and size give the same legend: worked out once, not per frame
            if len(self._legends) > 8:
                self._legends.clear()
            found = self._legends[key] = self._legend_layout(rect, panels)
        return found

    def _legend_layout(self, rect: pygame.Rect, panels):
        ctx = self.ctx
        view = panels[0].view
        rows = visible_rows(self.placed(rect, panels))
        lay = layout_legend(rect, rows, ctx.text(12), ctx.scale, view)
        for _ in range(2):
            again = visible_rows(self.placed(lay.map, panels))
            if [r.text for r in again] == [r.text for r in rows]:
                break
            rows = again
            lay = layout_legend(rect, rows, ctx.text(12), ctx.scale, view)
        return lay, rows

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
