"""The decision: the day's file, the options as cards, and the council's estimates.

Cards show their stance by colour, by an icon and by a word.  A card with
focus shows the advisers' live Monte Carlo estimate for it.  A card that would
push a track past its danger mark says so, and choosing it asks once more.
"""

from __future__ import annotations

import pygame

from ...scenario.model import Option
from ..theme import STANCE_ICON, STANCE_WORD, stance_colour
from ..widgets.draw import paper, stance_icon, warning_icon
from ..widgets.text import draw_wrapped, fit_size, line_height, render, wrap
from .base import Push, Replace, Screen, Transition, is_back, is_confirm, number_key
from .common import Frame, date_line, desk, header, hints, sidebar, toasts


def warnings_for(session, option: Option) -> list[str]:
    """Tracks this option would push past their warning or war mark."""
    out = []
    for tid, delta in option.effects.items():
        track = session.scenario.tracks[tid]
        now = session.track_value(tid)
        for mark, what in ((track.war_at, "war"), (track.warn_at, "the danger mark")):
            if mark is not None and delta > 0 and now < mark <= now + delta:
                after = round(min(1, now + delta) * 100)
                out.append(f"Pushes {track.label} to {what} ({round(now * 100)}% to {after}%)")
                break
    if option.risk >= 0.02:
        out.append(f"Carries its own chance of war (about {round(option.risk * 100)}%)")
    return out


class DecisionScreen(Screen):
    name = "decision"

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.decision = ctx.session.decision()
        self.focus = 0
        self.confirming: int | None = None
        self.cards: list[pygame.Rect] = []
        if self.decision is not None:
            ctx.session.start_advice()

    # ----- input --------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> Transition:
        if self.decision is None:
            return None
        n = len(self.decision.options)
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_DOWN, pygame.K_TAB, pygame.K_RIGHT):
                back = event.key == pygame.K_TAB and event.mod & pygame.KMOD_SHIFT
                self.focus = (self.focus + (-1 if back else 1)) % n
                self.confirming = None
            elif event.key in (pygame.K_UP, pygame.K_LEFT):
                self.focus = (self.focus - 1) % n
                self.confirming = None
            elif event.key == pygame.K_m:
                from .map import MapScreen

                return Push(MapScreen(self.ctx))
            elif is_back(event):
                if self.confirming is not None:
                    self.confirming = None
                    return None
                from .pause import PauseScreen

                return Push(PauseScreen(self.ctx))
            elif is_confirm(event):
                return self.activate(self.focus)
            else:
                number = number_key(event)
                if number is not None and number <= n:
                    self.focus = number - 1
                    return self.activate(number - 1)
        elif event.type == pygame.MOUSEMOTION:
            for i, rect in enumerate(self.cards):
                if rect.collidepoint(event.pos) and i != self.focus:
                    self.focus = i
                    self.confirming = None
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for i, rect in enumerate(self.cards):
                if rect.collidepoint(event.pos):
                    self.focus = i
                    return self.activate(i)
        return None

    def activate(self, index: int) -> Transition:
        option = self.decision.options[index]
        if warnings_for(self.ctx.session, option) and self.confirming != index:
            self.confirming = index
            return None
        from ..flow import screen_for
        from ..sound import play

        play(self.ctx, "stamp")
        self.ctx.session.choose(option.id)
        return Replace(screen_for(self.ctx, after_choice=True))

    # ----- drawing ------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        p = ctx.palette
        desk(surface, ctx)
        frame = Frame(ctx, surface)
        sidebar(surface, ctx, frame)
        if self.decision is None:
            return
        d = self.decision
        side = ctx.session.scenario.sides[d.side]
        y = header(
            surface, ctx, frame.inner, d.event.title, f"{date_line(ctx, d.day)} · {side.leader.upper()}"
        )
        s = ctx.scale
        n = len(d.options)
        columns = 2 if (n >= 4 and frame.inner.width > 900 * s) or n >= 5 else 1
        rows = (n + columns - 1) // columns
        card_h = int(
            line_height("bold", ctx.text(17)) * 2
            + line_height("body", ctx.text(14)) * 2
            + line_height("bold", ctx.text(13))
            + 20 * s
        )
        gap = int(10 * s)
        cards_h = rows * card_h + (rows - 1) * gap
        text_rect = pygame.Rect(
            frame.inner.left,
            y,
            frame.inner.width,
            max(int(80 * s), frame.inner.bottom - y - cards_h - gap * 2),
        )
        sheet = text_rect.inflate(int(8 * s), int(8 * s))
        paper(surface, sheet, p)
        body = text_rect.inflate(-int(24 * s), -int(20 * s))
        size = fit_size(d.event.text, "body", ctx.text(19), body, minimum=ctx.text(11))
        draw_wrapped(surface, d.event.text, "body", size, p.ink, body)

        top = text_rect.bottom + gap * 2
        col_w = (frame.inner.width - (columns - 1) * gap) // columns
        self.cards = []
        for i, option in enumerate(d.options):
            col, row = i % columns, i // columns
            rect = pygame.Rect(
                frame.inner.left + col * (col_w + gap), top + row * (card_h + gap), col_w, card_h
            )
            self.cards.append(rect)
            self.draw_card(surface, rect, i, option)
        if self.confirming is not None:
            self.draw_confirm(surface, frame)
        hints(surface, ctx, frame.hints, f"1-{n} choose · arrows/Tab move · Enter take · M map · Esc menu")
        toasts(surface, ctx)

    def draw_card(self, surface: pygame.Surface, rect: pygame.Rect, i: int, option: Option) -> None:
        ctx = self.ctx
        p = ctx.palette
        s = ctx.scale
        focused = i == self.focus
        colour = stance_colour(p, option.stance.value)
        paper(surface, rect, p, shadow=4)
        stripe = pygame.Rect(rect.left, rect.top, int(44 * s), rect.height)
        pygame.draw.rect(surface, colour, stripe, border_top_left_radius=3, border_bottom_left_radius=3)
        num = render(str(i + 1), "title", ctx.text(24), p.paper)
        surface.blit(num, num.get_rect(center=(stripe.centerx, stripe.top + int(20 * s))))
        icon = pygame.Rect(0, 0, int(18 * s), int(18 * s))
        icon.center = (stripe.centerx, stripe.bottom - int(22 * s))
        stance_icon(surface, STANCE_ICON[option.stance.value], icon, p.paper)
        if focused:
            pygame.draw.rect(surface, p.focus, rect.inflate(6, 6), width=4, border_radius=5)
        inner = pygame.Rect(
            stripe.right + int(10 * s),
            rect.top + int(6 * s),
            rect.right - stripe.right - int(18 * s),
            rect.height - int(10 * s),
        )
        word = render(STANCE_WORD[option.stance.value], "bold", ctx.text(13), colour)
        surface.blit(word, (inner.left, inner.top))
        y = inner.top + word.get_height()
        label_size = ctx.text(17)
        label_lines = wrap(option.label, "bold", label_size, inner.width)
        if len(label_lines) > 2:
            label_size = fit_size(
                option.label,
                "bold",
                label_size,
                pygame.Rect(0, 0, inner.width, 2 * line_height("bold", label_size)),
            )
        y += draw_wrapped(
            surface,
            option.label,
            "bold",
            label_size,
            p.ink,
            pygame.Rect(inner.left, y, inner.width, inner.bottom - y),
        )
        small = ctx.text(14)
        warn = warnings_for(ctx.session, option)
        if warn:
            ic = pygame.Rect(inner.left, y + 2, small, small)
            warning_icon(surface, ic, p.warn, p.paper)
            text = warn[0] if len(warn) == 1 else f"{warn[0]}; {warn[1]}"
            line = wrap(text, "body", small, inner.width - small - 6)[0]
            surface.blit(render(line, "body", small, p.warn), (ic.right + 6, y))
            y += line_height("body", small)
        if focused:
            text = self.estimate_text(option)
            for line in wrap(text, "italic", small, inner.width)[:2]:
                if y + line_height("italic", small) > rect.bottom:
                    break
                surface.blit(render(line, "italic", small, p.ink_soft), (inner.left, y))
                y += line_height("italic", small)

    def estimate_text(self, option: Option) -> str:
        session = self.ctx.session
        council = session.scenario.sides[self.decision.side].council
        job = session.advisor
        if job is None:
            return ""
        if job.error:
            return f"The {council} cannot agree on an estimate."
        advice = job.results.get(option.id)
        if advice is None:
            dots = "." * (1 + int(self.ctx.time * 3) % 3)
            return f"The {council} is weighing this{dots}"
        titles = {e.id: e.title for e in session.scenario.endings}
        return (
            f"{council} estimate: war {advice.war * 100:.0f}% "
            f"({advice.war_low * 100:.0f}-{advice.war_high * 100:.0f}%); likeliest: "
            f"{titles[advice.likeliest]} {advice.likeliest_share * 100:.0f}%"
        )

    def draw_confirm(self, surface: pygame.Surface, frame: Frame) -> None:
        ctx = self.ctx
        p = ctx.palette
        option = self.decision.options[self.confirming]
        text = (
            "; ".join(warnings_for(ctx.session, option))
            + f". Press {self.confirming + 1} or Enter again to confirm, Esc to think again."
        )
        size = ctx.text(16)
        width = int(frame.main.width * 0.7)
        h = len(wrap(text, "bold", size, width)) * line_height("bold", size) + int(60 * ctx.scale)
        box = pygame.Rect(0, 0, width + int(40 * ctx.scale), h)
        box.center = frame.main.center
        pygame.draw.rect(surface, p.paper, box, border_radius=6)
        pygame.draw.rect(surface, p.warn, box, 4, border_radius=6)
        icon = pygame.Rect(box.left + 16, box.top + 12, int(26 * ctx.scale), int(26 * ctx.scale))
        warning_icon(surface, icon, p.warn, p.paper)
        surface.blit(render("ARE YOU SURE?", "title", ctx.text(22), p.warn), (icon.right + 10, box.top + 10))
        draw_wrapped(
            surface,
            text,
            "bold",
            size,
            p.ink,
            pygame.Rect(box.left + 20, icon.bottom + 10, width, box.height),
        )
