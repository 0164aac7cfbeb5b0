"""The epilogue: how your ending leads into history, and the treaties that followed, scrollable."""

from __future__ import annotations

import pygame

from ..widgets.draw import paper
from ..widgets.text import line_height, render, wrap
from .base import Reset, Screen, Transition, is_back, is_confirm
from .report_button import ReportButton


class EpilogueScreen(Screen):
    name = "epilogue"

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.scroll = 0
        self.report = ReportButton(ctx)

    def update(self, dt: float) -> Transition:
        self.report.update()
        return None

    def settle(self, timeout: float = 30.0) -> None:
        self.report.settle(timeout)

    def hint_rect(self) -> pygame.Rect:
        from .common import hint_height

        w, h = self.ctx.size
        return pygame.Rect(0, h - hint_height(self.ctx), w, hint_height(self.ctx))

    def handle(self, event: pygame.event.Event) -> Transition:
        if self.ctx.session is not None and self.report.wants(event, self.hint_rect()):
            self.report.press()
            return None
        if is_confirm(event) or is_back(event):
            from .title import TitleScreen

            self.ctx.session = None
            return Reset(TitleScreen(self.ctx))
        treaties = self.ctx.session.scenario.epilogue.treaties if self.ctx.session else []
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_DOWN, pygame.K_PAGEDOWN):
            self.scroll = min(self.scroll + 1, max(0, len(treaties) - 1))
        elif event.type == pygame.KEYDOWN and event.key in (pygame.K_UP, pygame.K_PAGEUP):
            self.scroll = max(0, self.scroll - 1)
        elif event.type == pygame.MOUSEWHEEL:
            self.scroll = max(0, self.scroll - event.y)
        return None

    def draw(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        p = ctx.palette
        s = ctx.scale
        from .common import desk, hint_height, hints

        desk(surface, ctx)
        w, h = surface.get_size()
        pad = int(24 * s)
        hint_h = hint_height(ctx)
        sheet = pygame.Rect(pad, pad, w - 2 * pad, h - hint_h - 2 * pad)
        paper(surface, sheet, p)
        sc = ctx.session.scenario if ctx.session else None
        x, y, width = sheet.left + pad, sheet.top + pad, sheet.width - 2 * pad
        surface.blit(render("EPILOGUE", "title", ctx.text(34), p.ink), (x, y))
        y += line_height("title", ctx.text(34))
        if sc is None:
            return
        ending = ctx.session.view().ending
        intro = " ".join(t for t in (ending.epilogue if ending else "", sc.epilogue.text) if t)
        for line in wrap(intro, "body", ctx.text(17), width):
            surface.blit(render(line, "body", ctx.text(17), p.ink), (x, y))
            y += line_height("body", ctx.text(17))
        y += int(10 * s)
        # The timeline: a rule down the left, a dated entry per treaty.
        treaties = sc.epilogue.treaties
        widest = max(
            (
                render(f"{t.date:%b} {t.date.day}, {t.date.year}", "bold", ctx.text(16), p.stamp).get_width()
                for t in treaties
            ),
            default=0,
        )
        line_x = x + max(int(150 * s), widest + int(16 * s))
        top = y
        for treaty in treaties[min(self.scroll, max(0, len(treaties) - 1)) :]:
            d = treaty.date
            date = f"{d:%b} {d.day}, {d.year}"
            body_lines = wrap(
                f"{treaty.name}. {treaty.note}", "body", ctx.text(16), sheet.right - pad - line_x - 20
            )
            need = len(body_lines) * line_height("body", ctx.text(16)) + int(12 * s)
            if y + need > sheet.bottom - pad:
                more = render("More — press Down", "italic", ctx.text(14), p.ink_soft)
                surface.blit(more, (sheet.right - pad - more.get_width(), sheet.bottom - pad))
                break
            surface.blit(render(date, "bold", ctx.text(16), p.stamp), (x, y))
            pygame.draw.circle(surface, p.stamp, (line_x, y + int(9 * s)), int(6 * s))
            for i, line in enumerate(body_lines):
                surface.blit(
                    render(line, "body", ctx.text(16), p.ink),
                    (line_x + 20, y + i * line_height("body", ctx.text(16))),
                )
            y += need
        pygame.draw.line(surface, p.ink_soft, (line_x, top), (line_x, max(top, y - int(12 * s))), 2)
        bar = self.hint_rect()
        hints(surface, ctx, bar, "Up/Down scroll · Enter back to the title", self.report.reserve(bar))
        self.report.draw(surface, bar)
        from .common import toasts

        toasts(surface, ctx, wide=True)  # no track panel here: centred on the window
