"""The morning briefing: the date, and the day's file typed out on the teleprinter."""

from __future__ import annotations

import pygame

from ...play.words import since_yesterday
from ..widgets.draw import paper, stamp
from ..widgets.text import draw_wrapped, fit_size, line_height, render, render_fit, text_height
from .base import Push, Replace, Screen, Transition, is_back, is_confirm
from .common import Frame, date_line, desk, hints, sidebar, toasts

CHARS_PER_SECOND = 90


class BriefingScreen(Screen):
    name = "briefing"

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        # The council starts work while the player reads: the session's advisers run in the
        # background as soon as a decision waits (the app's tick asks the session).
        self.decision = ctx.session.view().decision
        self.typed = 0.0 if ctx.motion() else 1e9

    def handle(self, event: pygame.event.Event) -> Transition:
        if is_confirm(event) or (event.type == pygame.MOUSEBUTTONDOWN and event.button == 1):
            if self.decision is not None and self.typed < len(self.decision.text):
                self.typed = 1e9
                return None
            from .decision import DecisionScreen

            if self.decision is not None:
                self.ctx.session.mark_briefed(self.decision.day)

            return Replace(DecisionScreen(self.ctx))
        if event.type == pygame.KEYDOWN and event.key == pygame.K_m:
            from .map import MapScreen

            return Push(MapScreen(self.ctx))
        if is_back(event):
            from .pause import PauseScreen

            return Push(PauseScreen(self.ctx))
        return None

    def draw_since(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        """What the other side did and what happened since the player's last decision."""
        ctx = self.ctx
        p = ctx.palette
        view = ctx.session.view()
        rows = since_yesterday(view.scenario, view.log, view.side, self.decision.day)
        rows += [f"At home: {note.text}" for note in view.politics]  # the side's politics, near or in force
        if not rows or rect.height < line_height("bold", ctx.text(15)) * 2:
            return
        y = rect.top
        pygame.draw.line(surface, p.paper_edge, (rect.left, y), (rect.right, y), 1)
        y += int(6 * ctx.scale)
        surface.blit(render("SINCE YESTERDAY", "bold", ctx.text(14), p.ink_soft), (rect.left, y))
        y += line_height("bold", ctx.text(14))
        for row in rows:
            if y + text_height("· " + row, "body", ctx.text(16), rect.width) > rect.bottom:
                break  # a row that would spill out of the sheet waits for the day's report
            h = draw_wrapped(
                surface,
                "· " + row,
                "body",
                ctx.text(16),
                p.ink,
                pygame.Rect(rect.left, y, rect.width, rect.bottom - y),
            )
            y += h

    def update(self, dt: float) -> Transition:
        before = int(self.typed)
        self.typed += dt * CHARS_PER_SECOND
        if (
            self.decision is not None
            and before < len(self.decision.text)
            and int(self.typed) // 6 > before // 6
        ):
            from ..sound import play

            play(self.ctx, "key")
        return None

    def draw(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        p = ctx.palette
        s = ctx.scale
        desk(surface, ctx)
        frame = Frame(ctx, surface)
        if self.decision is None:
            return
        d = self.decision
        sc = ctx.session.scenario
        sheet = frame.inner.inflate(-int(20 * s), -int(10 * s))
        paper(surface, sheet, p)
        x, y = sheet.left + int(30 * s), sheet.top + int(24 * s)
        width = sheet.width - int(60 * s)
        side = sc.sides[d.side]
        stamp_w = int(240 * s)  # the TOP SECRET stamp sits in the top-right corner
        kicker = f"FOR THE {side.title.upper() or 'LEADER'} — {side.council.upper()} BRIEFING"
        surface.blit(render_fit(kicker, "bold", ctx.text(14), p.ink_soft, width - stamp_w), (x, y))
        y += line_height("bold", ctx.text(14)) + int(6 * s)
        date = render_fit(date_line(ctx, d.day), "title", ctx.text(30), p.ink, width - stamp_w)
        surface.blit(date, (x, y))
        y += max(date.get_height(), int(40 * s))
        pygame.draw.line(surface, p.ink, (x, y + 4), (x + width, y + 4), 2)
        y += int(14 * s)
        y += draw_wrapped(
            surface,
            d.title.upper(),
            "bold",
            ctx.text(20),
            p.ink,
            pygame.Rect(x, y, width, sheet.bottom - y),
        ) + int(8 * s)
        body = pygame.Rect(x, y, width, sheet.bottom - y - int(24 * s))
        size = fit_size(d.text, "body", ctx.text(21), body, minimum=10)
        used = draw_wrapped(surface, d.text, "body", size, p.ink, body, chars=int(self.typed))
        if self.typed >= len(d.text):
            self.draw_since(
                surface,
                pygame.Rect(
                    x, body.top + used + int(18 * s), width, sheet.bottom - body.top - used - int(40 * s)
                ),
            )
        stamp(
            surface,
            "TOP SECRET",
            (sheet.right - stamp_w // 2 - int(10 * s), sheet.top + int(40 * s)),
            min(ctx.text(26), int(30 * s)),
            p.stamp,
        )
        sidebar(surface, ctx, frame)
        hints(surface, ctx, frame.hints, "Enter open the file · M map · Esc menu")
        toasts(surface, ctx)
