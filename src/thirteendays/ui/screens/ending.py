"""The ending: what happened, the tracks over the days, your path beside history, their view."""

from __future__ import annotations

import numpy as np
import pygame

from ...play.dates import day_dates_short
from ...play.prestige import prestige_parts, promises_line
from ...play.score import ScoreJob
from ...play.words import ARCHIVES_OPEN, archive_lines, score_lines, surname
from ..widgets.chart import draw_chart
from ..widgets.draw import paper, stamp
from ..widgets.text import draw_wrapped, fit_size, line_height, render, render_fit, text_height, wrap
from .base import Replace, Screen, Transition, is_back, is_confirm
from .common import desk, hint_height, hints, toasts
from .report_button import ReportButton

ARCHIVES_SHOWED = "The archives opened: what was kept from you, as the records later showed."
STORY_MIN = 0.7  # the story may shrink to this share of the player's text size, no further


def prestige_line(parts: list[str], size: int, width: int, after: str = "") -> str:
    """ "Prestige — United States: +3   Soviet Union: +3" on one line if it fits, else one side
    to a line: a side's name is never broken from its score ("Soviet" / "Union: +3").
    ``after`` (what broken promises cost) goes on a line of its own below."""
    one = f"Prestige — {'   '.join(parts)}"
    if parts and len(wrap(one, "bold", size, width)) > 1:
        one = "\n".join([f"Prestige — {parts[0]}", *parts[1:]])
    return f"{one}\n{after}" if after else one


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
        self.story_scroll = 0  # the outcome's story, when large text makes it longer than its box
        game = ctx.session.game
        # Ranked off the main thread; started on the first update, never in the constructor.
        self.score = ScoreJob(game) if game.side is not None and game.finished else None
        # Hot-seat: both players read one ending, with everything either side kept secret.
        self.everyone = view.side is None and ctx.session.hotseat
        self.archives = ARCHIVES_OPEN if self.everyone and ctx.session.archives_open() else ""
        secrets = archive_lines(view.scenario, ctx.session.kept_from()) if self.everyone else []
        self.secrets = "\n".join(secrets)
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
            return self.archives
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
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
            lay = self.outcome_layout(self.outcome_rect())
            step = max(1, lay["fits"] - 1) * (1 if event.key == pygame.K_PAGEDOWN else -1)
            self.story_scroll = max(0, min(lay["first"] + step, max(0, len(lay["lines"]) - lay["fits"])))
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_DOWN:
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
        # Left: the outcome.
        left = self.outcome_rect()
        paper(surface, left, p)
        self.draw_outcome(surface, left)
        # Right: the chart.
        right = pygame.Rect(left.right + pad, pad, w - left.right - 2 * pad, left.height)
        paper(surface, right, p)
        series = {}
        if self.view.history:
            hist = np.asarray(self.view.history)
            for k, track in enumerate(self.view.tracks):
                series[track.label] = hist[:, k]
        labels = ["start"] + [day_dates_short(sc, d) for d in range(1, sc.days + 1)]
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
        hints(
            surface,
            ctx,
            bar,
            "Enter epilogue · Up/Down path · PgUp/PgDn story · Esc menu",
            self.report.reserve(bar),
        )
        self.report.draw(surface, bar)
        toasts(surface, ctx, wide=True)  # no track panel here: centred on the window

    def outcome_rect(self) -> pygame.Rect:
        w, h = self.ctx.size
        pad = int(18 * self.ctx.scale)
        return pygame.Rect(pad, pad, int(w * 0.46), int((h - hint_height(self.ctx)) * 0.56))

    def story(self) -> str:
        """The ending's text, the ranking (once worked out), each side's account, history's, and
        what the archives revealed: the terminal's ending, in the same order."""
        sc = self.view.scenario
        me = self.view.side if self.view.side is not None else next(iter(sc.sides))
        other = next(sid for sid in sc.sides if sid != me)
        told = dict(self.ending.views)
        ranking = self.score_text()
        x = self.ending
        opened = "\n".join([ARCHIVES_SHOWED, *x.archives])
        parts = [
            x.text,
            ranking,
            f"As the {sc.sides[me].name} tells it: {told.get(me, '')}",
            f"As the {sc.sides[other].name} tells it: {told.get(other, '')}",
            f"In history: {x.reflection} (Source: {x.source})" if x.reflection else "",
            f"From the archives:\n{self.secrets}" if self.secrets else "",
            opened if x.archives else "",
        ]
        return "\n\n".join(part for part in parts if part)

    def outcome_layout(self, left: pygame.Rect) -> dict:
        """Sizes for the outcome's headings and story, and the story's lines and where they go.

        Headings give way first (down to half size); the story keeps at least ``STORY_MIN``
        of the player's text size, and what does not fit then scrolls (PgUp/PgDn) rather
        than shrinking below what the player asked to read.
        """
        ctx = self.ctx
        s = ctx.scale
        pad = int(18 * s)
        width = left.width - 2 * pad
        sc = self.view.scenario
        parts = prestige_parts(sc, self.ending, sep=": ", said=False)
        lost = promises_line(sc, self.ending)
        text = self.story()
        reserve = int(52 * s) if self.ending.historical else 0  # room for the stamp
        room = left.height - 2 * pad - reserve
        least = max(9, round(ctx.text(16) * STORY_MIN))

        def heading(k: float) -> tuple[int, int, int, int]:
            label, title, small = (max(9, round(ctx.text(n) * k)) for n in (14, 30, 15))
            head = line_height("bold", label) + text_height(self.ending.title, "title", title, width)
            return (
                label,
                title,
                small,
                head + text_height(prestige_line(parts, small, width, lost), "bold", small, width) + 4,
            )

        # Headings give way before the story is cut; if it must scroll anyway, they give way
        # only as far as leaves the story four lines.
        steps = (1.0, 0.9, 0.8, 0.7, 0.6, 0.5)
        story_h = text_height(text, "body", least, width)
        lines_h = 4 * line_height("body", least)
        k = next((k for k in steps if heading(k)[3] + story_h <= room), None)
        if k is None:
            k = next((k for k in steps if heading(k)[3] + lines_h <= room), steps[-1])
        label, title, small, head = heading(k)
        box = pygame.Rect(left.left + pad, left.top + pad + head, width, max(0, room - head))
        size = fit_size(text, "body", ctx.text(16), box, least)
        lines = wrap(text, "body", size, width)
        lh = line_height("body", size)
        fits = max(1, box.height // lh)
        if len(lines) > fits:
            fits = max(1, fits - 1)  # one line for "More"
        return {
            "label": label,
            "title": title,
            "small": small,
            "prestige": prestige_line(parts, small, width, lost),
            "box": box,
            "size": size,
            "lines": lines,
            "fits": fits,
            "first": min(self.story_scroll, max(0, len(lines) - fits)),
        }

    def draw_outcome(self, surface: pygame.Surface, left: pygame.Rect) -> None:
        ctx = self.ctx
        p = ctx.palette
        s = ctx.scale
        pad = int(18 * s)
        lay = self.outcome_layout(left)
        x, y, width = left.left + pad, left.top + pad, left.width - 2 * pad
        label, title, small = lay["label"], lay["title"], lay["small"]
        surface.blit(render("THE OUTCOME", "bold", label, p.ink_soft), (x, y))
        y += line_height("bold", label)
        for line in wrap(self.ending.title, "title", title, width):
            surface.blit(render(line, "title", title, p.ink), (x, y))
            y += line_height("title", title)
        rect = pygame.Rect(x, y, width, left.bottom - y)
        y += draw_wrapped(surface, lay["prestige"], "bold", small, p.stamp, rect) + 4
        box, size, lines, first, fits = lay["box"], lay["size"], lay["lines"], lay["first"], lay["fits"]
        lh = line_height("body", size)
        yy = box.top
        for line in lines[first : first + fits]:
            if line:
                surface.blit(render(line, "body", size, p.ink), (box.left, yy))
            yy += lh
        if len(lines) > fits:
            more = "More — PgDn" if first + fits < len(lines) else "Back — PgUp"
            mark = render(more, "italic", size, p.ink_soft)
            surface.blit(mark, (box.right - mark.get_width(), yy))
        if self.ending.historical:
            stamp(
                surface,
                "AS IT HAPPENED",
                (left.right - int(120 * s), left.bottom - int(30 * s)),
                int(18 * s),
                p.stamp,
            )

    def draw_path(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        ctx = self.ctx
        p = ctx.palette
        size = self.path_size(rect)
        lh = line_height("body", size)
        head_size = min(size, ctx.text(14))
        surface.blit(
            render_fit(
                "THE PLAYERS' PATHS BESIDE HISTORY" if self.everyone else "YOUR PATH BESIDE HISTORY",
                "bold",
                head_size,
                p.ink_soft,
                rect.width,
            ),
            (rect.left, rect.top),
        )
        y = rect.top + line_height("bold", head_size) + 4
        cols = [int(rect.width * 0.16), int(rect.width * 0.42)]
        heads = ["Day", "Their choices" if self.everyone else "Your choice", "What really happened"]
        xs = [rect.left, rect.left + cols[0], rect.left + cols[0] + cols[1]]
        widths = [cols[0] - 8, cols[1] - 8, rect.right - xs[2]]
        for hx, head, wd in zip(xs, heads, widths, strict=True):
            surface.blit(render_fit(head, "bold", size, p.ink, wd), (hx, y))
        y += lh + 2
        pygame.draw.line(surface, p.ink_soft, (rect.left, y), (rect.right, y), 1)
        y += 4
        for step in self.path[self.scroll :]:
            yours = f"{surname(self.view.scenario, step.side)}: {step.yours}" if self.everyone else step.yours
            same = "The same choice, on another road." if step.off_road else "The same."
            cells = [f"{step.date}", yours, step.history if not step.same else f"{same} {step.note}"]
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
