"""The ending: what happened, the tracks over the days, your path beside history, their view."""

from __future__ import annotations

import numpy as np
import pygame

from ...play.score import ScoreJob
from ...play.words import score_lines
from ..widgets.chart import draw_chart
from ..widgets.draw import paper, stamp
from ..widgets.text import draw_wrapped, fit_size, line_height, render, render_fit, text_height, wrap
from .base import Replace, Screen, Transition, is_back, is_confirm
from .common import desk, hint_height, hints, toasts
from .report_button import ReportButton


class EndingScreen(Screen):
    name = "ending"

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        # The autosave of a finished game is gone already: that policy lives in the session.
        view = ctx.session.view()
        self.view = view
        self.ending = view.ending
        self.prestige = dict(view.ending.prestige)
        self.path = view.ending.path
        self.scroll = 0
        game = ctx.session.game
        # Ranked off the main thread; started on the first update, never in the constructor.
        self.score = ScoreJob(game) if game.side is not None and game.finished else None
        self.report = ReportButton(ctx)

    def update(self, dt: float) -> Transition:
        if self.score is not None:
            self.score.start()
        self.report.update()
        return None

    def on_exit(self) -> None:
        if self.score is not None:
            self.score.cancel()

    def score_text(self) -> str:
        """The ranking line under the prestige, or a word that it is still being worked out."""
        if self.score is None or self.score.error:
            return ""
        if self.score.card is None:
            return "Ranking your result against history and the computer..."
        return " ".join(score_lines(self.score.card))

    def settle(self, timeout: float = 30.0) -> None:
        self.report.settle(timeout)

    def hint_rect(self) -> pygame.Rect:
        w, h = self.ctx.size
        hint_h = hint_height(self.ctx)
        return pygame.Rect(0, h - hint_h, w, hint_h)

    def handle(self, event: pygame.event.Event) -> Transition:
        if self.report.wants(event, self.hint_rect()):
            self.report.press()
            return None
        if is_confirm(event) or (event.type == pygame.MOUSEBUTTONDOWN and event.button == 1):
            from .epilogue import EpilogueScreen

            return Replace(EpilogueScreen(self.ctx))
        if event.type == pygame.KEYDOWN and event.key == pygame.K_DOWN:
            self.scroll = min(max(0, len(self.path) - 1), self.scroll + 1)
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_UP:
            self.scroll = max(0, self.scroll - 1)
        elif event.type == pygame.MOUSEWHEEL:
            self.scroll = min(max(0, len(self.path) - 1), max(0, self.scroll - event.y))
        elif is_back(event):
            from .base import Push
            from .pause import PauseScreen

            return Push(PauseScreen(self.ctx))
        return None

    def draw(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        p = ctx.palette
        s = ctx.scale
        desk(surface, ctx)
        w, h = surface.get_size()
        pad = int(18 * s)
        hint_h = hint_height(ctx)
        sc = self.view.scenario
        me = self.view.side
        other = next(sid for sid in sc.sides if sid != me)
        # Left: the outcome.
        left = pygame.Rect(pad, pad, int(w * 0.46), int((h - hint_h) * 0.56))
        paper(surface, left, p)
        x, y, width = left.left + pad, left.top + pad, left.width - 2 * pad
        score = "   ".join(f"{sc.sides[k].name}: {v:+d}" for k, v in self.prestige.items())
        prestige = f"Prestige — {score}"
        ranking = self.score_text()
        told = dict(self.ending.views)
        text = (
            f"{self.ending.text}\n\nAs the {sc.sides[me].name} tells it: {told.get(me, '')}\n\n"
            f"As the {sc.sides[other].name} tells it: {told.get(other, '')}"
        )
        reserve = int(52 * s) if self.ending.historical else 0  # room for the stamp
        room = left.bottom - y - pad - reserve
        for k in (1.0, 0.9, 0.8, 0.7, 0.6, 0.5):  # headings give way before the story is cut
            label, title, small = (max(9, round(ctx.text(n) * k)) for n in (14, 30, 15))
            head = line_height("bold", label) + text_height(self.ending.title, "title", title, width)
            head += text_height(prestige, "bold", small, width) + 4
            if ranking:
                head += text_height(ranking, "italic", small - 2, width) + 4
            if head + text_height(text, "body", 9, width) <= room:
                break
        surface.blit(render("THE OUTCOME", "bold", label, p.ink_soft), (x, y))
        y += line_height("bold", label)
        for line in wrap(self.ending.title, "title", title, width):
            surface.blit(render(line, "title", title, p.ink), (x, y))
            y += line_height("title", title)
        y += (
            draw_wrapped(surface, prestige, "bold", small, p.stamp, pygame.Rect(x, y, width, left.bottom - y))
            + 4
        )
        if ranking:
            rect = pygame.Rect(x, y, width, left.bottom - y)
            y += draw_wrapped(surface, ranking, "italic", small - 2, p.ink_soft, rect) + 4
        box = pygame.Rect(x, y, width, left.bottom - y - pad - reserve)
        draw_wrapped(surface, text, "body", fit_size(text, "body", ctx.text(16), box, 9), p.ink, box)
        if self.ending.historical:
            stamp(
                surface,
                "AS IT HAPPENED",
                (left.right - int(120 * s), left.bottom - int(30 * s)),
                int(18 * s),
                p.stamp,
            )
        # Right: the chart.
        right = pygame.Rect(left.right + pad, pad, w - left.right - 2 * pad, left.height)
        paper(surface, right, p)
        series = {}
        if self.view.history:
            hist = np.asarray(self.view.history)
            for k, track in enumerate(self.view.tracks):
                series[track.label] = hist[:, k]
        labels = ["start"] + [f"{sc.date_of(d):%b} {sc.date_of(d).day}" for d in range(1, sc.days + 1)]
        draw_chart(
            surface,
            right.inflate(-2 * pad, -2 * pad),
            series,
            p.ink,
            p.paper_edge,
            ctx.text(13),
            x_labels=labels,
            title="The tracks, day by day",
        )
        # Bottom: the path beside history.
        bottom = pygame.Rect(pad, left.bottom + pad, w - 2 * pad, h - hint_h - left.bottom - 2 * pad)
        paper(surface, bottom, p)
        self.draw_path(surface, bottom.inflate(-2 * pad, -pad))
        bar = self.hint_rect()
        hints(surface, ctx, bar, "Enter epilogue · Up/Down scroll · Esc menu", self.report.reserve(bar))
        self.report.draw(surface, bar)
        toasts(surface, ctx)

    def draw_path(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        ctx = self.ctx
        p = ctx.palette
        size = self.path_size(rect)
        lh = line_height("body", size)
        head_size = min(size, ctx.text(14))
        surface.blit(
            render_fit("YOUR PATH BESIDE HISTORY", "bold", head_size, p.ink_soft, rect.width),
            (rect.left, rect.top),
        )
        y = rect.top + line_height("bold", head_size) + 4
        cols = [int(rect.width * 0.16), int(rect.width * 0.42)]
        heads = ["Day", "Your choice", "What really happened"]
        xs = [rect.left, rect.left + cols[0], rect.left + cols[0] + cols[1]]
        widths = [cols[0] - 8, cols[1] - 8, rect.right - xs[2]]
        for hx, head, wd in zip(xs, heads, widths, strict=True):
            surface.blit(render_fit(head, "bold", size, p.ink, wd), (hx, y))
        y += lh + 2
        pygame.draw.line(surface, p.ink_soft, (rect.left, y), (rect.right, y), 1)
        y += 4
        for step in self.path[self.scroll :]:
            cells = [f"{step.date}", step.yours, step.history if not step.same else f"The same. {step.note}"]
            if not step.same and step.note:
                cells[2] = f"{step.history}. {step.note}"
            wrapped = [wrap(c, "body", size, wd) for c, wd in zip(cells, widths, strict=True)]
            rows = max(len(x) for x in wrapped)
            if y + rows * lh > rect.bottom:
                more = render("More — press Down", "italic", size, p.ink_soft)
                surface.blit(more, (rect.right - more.get_width(), rect.bottom - lh))
                break
            colour = p.ink if step.same else p.stamp
            for cx, lines, c in zip(xs, wrapped, (p.ink, colour, p.ink_soft), strict=True):
                for i, line in enumerate(lines):
                    surface.blit(render(line, "body", size, c), (cx, y + i * lh))
            y += rows * lh + 4

    def path_size(self, rect: pygame.Rect) -> int:
        """A text size at which at least two rows of the table fit, so it is never empty."""
        size = self.ctx.text(14)
        widths = [int(rect.width * 0.16) - 8, int(rect.width * 0.42) - 8, int(rect.width * 0.42)]
        while size > 9:
            lh = line_height("body", size)
            rows = 0
            for step in self.path[self.scroll : self.scroll + 2]:
                cells = (step.date, step.yours, f"{step.history}. {step.note}")
                rows += max(len(wrap(c, "body", size, wd)) for c, wd in zip(cells, widths, strict=True))
            if (rows + 2) * lh + 12 <= rect.height:
                return size
            size -= 1
        return size
