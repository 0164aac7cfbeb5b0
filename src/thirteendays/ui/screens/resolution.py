"""What happened since your choice: the other side's moves, incidents, and why the tracks moved."""

from __future__ import annotations

import pygame

from ..widgets.draw import paper, stamp
from ..widgets.text import line_height, render, wrap
from .base import Push, Replace, Screen, Transition, is_back, is_confirm
from .common import Frame, desk, header, hints, sidebar, toasts

ANIMATION = 1.2  # seconds for the gauges to move


class ResolutionScreen(Screen):
    name = "resolution"

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        session = ctx.session
        view = session.view()
        self.entries = session.unseen()
        tracks = [t.id for t in view.tracks]
        first = next((e for e in self.entries if e.before), None)
        self.start = dict(zip(tracks, first.before, strict=True)) if first else {}
        self.days = sorted({e.day for e in self.entries if e.kind != "end"})
        self.t = 0.0 if ctx.motion() else ANIMATION
        self.scroll = 0
        self.lines = self.build_lines()
        self.war = view.ending is not None and view.ending.war
        self.sounded = False

    def build_lines(self) -> list[tuple[str, str, str]]:
        """(face, colour key, text) rows: choices and incidents in order, then each day's causes."""
        view = self.ctx.session.view()
        rows: list[tuple[str, str, str]] = []
        for day in self.days:
            rows += [(r.face, r.tone, r.text) for r in view.day_rows(day, self.entries)]
        return rows

    def handle(self, event: pygame.event.Event) -> Transition:
        if is_confirm(event) or (event.type == pygame.MOUSEBUTTONDOWN and event.button == 1):
            # Enter always turns the page: the rows are all on screen from the start, only the
            # gauges are still moving, and an Enter that seems to do nothing teaches a double press.
            from ..flow import screen_for

            self.ctx.session.mark_seen()
            return Replace(screen_for(self.ctx))
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_DOWN, pygame.K_PAGEDOWN):
            self.scroll = min(self.scroll + 3, max(0, len(self.rows(self.body_width())) - 1))
        elif event.type == pygame.KEYDOWN and event.key in (pygame.K_UP, pygame.K_PAGEUP):
            self.scroll = max(0, self.scroll - 3)
        elif event.type == pygame.MOUSEWHEEL:
            self.scroll = max(0, self.scroll - event.y)
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_m:
            from .map import MapScreen

            return Push(MapScreen(self.ctx))
        elif is_back(event):
            from .pause import PauseScreen

            return Push(PauseScreen(self.ctx))
        return None

    def update(self, dt: float) -> Transition:
        self.t = min(ANIMATION, self.t + dt)
        if self.war and not self.sounded:
            from ..sound import play

            self.sounded = True
            play(self.ctx, "siren")
        return None

    def body_width(self) -> int:
        """The report's width: the sheet's, less a margin the WAR stamp keeps for itself."""
        frame = Frame(self.ctx, self.ctx.size)
        return frame.inner.width - int(28 * self.ctx.scale) - self.stamp_room()

    def stamp_room(self) -> int:
        """Width kept clear at the right for the WAR stamp, so it never lies on the report."""
        if not self.war:
            return 0
        word = render("WAR", "title", self.ctx.text(40), (0, 0, 0))
        return word.get_width() + self.ctx.text(40) // 2 + int(24 * self.ctx.scale)

    def rows(self, width: int) -> list[tuple[str, int, str, str]]:
        """The report wrapped to a width: (face, size, colour key, line)."""
        out = []
        for face, colour, text in self.lines:
            size = self.ctx.text(20 if face == "title" else 16)
            out += [(face, size, colour, line) for line in wrap(text, face, size, width)]
        return out

    def draw(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        p = ctx.palette
        desk(surface, ctx)
        frame = Frame(ctx, surface)
        k = self.t / ANIMATION
        values = None
        if self.start and k < 1:
            now = ctx.session.view().values()
            values = {t: self.start[t] + (now[t] - self.start[t]) * (k * k * (3 - 2 * k)) for t in now}
        y = header(surface, ctx, frame.inner, "The reports come in", "RESOLUTION")
        sheet = pygame.Rect(frame.inner.left, y, frame.inner.width, frame.inner.bottom - y)
        paper(surface, sheet, p)
        body = sheet.inflate(-int(28 * ctx.scale), -int(24 * ctx.scale))
        colours = {"ink": p.ink, "soft": p.ink_soft, "stamp": p.stamp}
        rows = self.rows(self.body_width())
        visible_from = min(self.scroll, max(0, len(rows) - 1))
        yy = body.top
        more = render("More below — press Down", "italic", ctx.text(13), p.ink_soft)
        shown = rows[visible_from:]
        for i, (face, size, tone, line) in enumerate(shown):
            colour = colours[tone]
            h = line_height(face, size)
            room = body.bottom - (more.get_height() if i < len(shown) - 1 else 0)  # the note needs its line
            if yy + h > room:
                surface.blit(more, (body.right - more.get_width(), body.bottom - more.get_height()))
                break
            surface.blit(render(line, face, size, colour), (body.left, yy))
            yy += h
        if self.war:
            room = self.stamp_room()
            stamp(
                surface,
                "WAR",
                (body.right - room // 2 + int(8 * ctx.scale), body.top + ctx.text(40)),
                ctx.text(40),
                p.stamp,
            )
        sidebar(surface, ctx, frame, values)
        hints(surface, ctx, frame.hints, "Enter continue · Up/Down scroll · M map · Esc menu")
        toasts(surface, ctx)
