"""The decision: the day's file, the options as cards, and the council's estimates.

Cards show their stance by colour, by an icon and by a word.  A card with
focus shows the advisers' live Monte Carlo estimate for it.  A card that would
push a track past its danger mark says so, and choosing it asks once more.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from ...play.council_words import estimate_text, method_note
from ...play.risk_words import confirm_question
from ...play.view import OptionView
from ..theme import STANCE_ICON, STANCE_WORD, stance_colour
from ..widgets.draw import paper, stance_icon, warning_icon
from ..widgets.text import draw_wrapped, elide, fit_size, line_height, render, text_height, wrap
from .base import Push, Replace, Screen, Transition, is_back, is_confirm, number_key
from .common import Frame, date_line, desk, header, hints, sidebar, toasts


def warnings_for(session, option: OptionView) -> tuple[str, ...]:
    """What taking this option would risk, in the layer's words (the terminal shows the same):
    its warnings, then the dangers it opens for later (shown, not asked about)."""
    return option.warnings + option.dangers


def file_text(decision, politics) -> str:
    """The day's file, then the side's politics and the options they close, each with its reason.

    A closed option is shown, not hidden, so the player learns what their pressure has cost.
    """
    lines = [decision.text]
    lines += [f"Politics: {note.text}" for note in politics]
    lines += [f"Closed — {o.label}: {o.reason}" for o in decision.closed]
    return "\n".join(lines)


@dataclass(frozen=True)
class Layout:
    frame: Frame
    subtitle: str
    text_rect: pygame.Rect
    cards: list[pygame.Rect]
    sizes: dict[str, int]


class DecisionScreen(Screen):
    name = "decision"

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.decision = ctx.session.view().decision
        # No card has the focus until the player moves or hovers: Enter alone takes nothing.
        self.focus: int | None = None
        self.confirming: int | None = None
        self.confirm_shown = 0.0  # when the question appeared (ctx.time)

    # ----- input --------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> Transition:
        if self.decision is None:
            return None
        n = len(self.decision.options)
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_DOWN, pygame.K_TAB, pygame.K_RIGHT):
                back = event.key == pygame.K_TAB and event.mod & pygame.KMOD_SHIFT
                if self.focus is None:
                    self.focus = n - 1 if back else 0
                else:
                    self.focus = (self.focus + (-1 if back else 1)) % n
                self.confirming = None
            elif event.key in (pygame.K_UP, pygame.K_LEFT):
                self.focus = n - 1 if self.focus is None else (self.focus - 1) % n
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
                # While "Are you sure?" is up, Enter does nothing: a rhythm of Enters must never
                # take a risky choice; it takes the option's own number, or Y.
                if self.confirming is not None:
                    return None
                return None if self.focus is None else self.activate(self.focus)
            elif event.key == pygame.K_y and self.confirming is not None:
                return self.activate(self.confirming)
            else:
                number = number_key(event)
                if number is not None and number <= n:
                    self.focus = number - 1
                    return self.activate(number - 1)
        elif event.type == pygame.MOUSEMOTION:
            for i, rect in enumerate(self.layout().cards):
                if rect.collidepoint(event.pos) and i != self.focus:
                    self.focus = i
                    self.confirming = None
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for i, rect in enumerate(self.layout().cards):
                if rect.collidepoint(event.pos):
                    self.focus = i
                    return self.activate(i)
        return None

    def reasons_to_ask(self, option: OptionView) -> tuple[str, ...]:
        """Why taking this option asks once more: its risks, and a file not read to the end."""
        reasons = tuple(option.warnings)
        if not self.file_fits():
            reasons += ("You have not seen the whole file for this decision",)
        return reasons

    def file_fits(self) -> bool:
        """Whether the day's file is shown whole (at the smallest text size it may shrink to)."""
        lay = self.layout()
        body = lay.text_rect.inflate(-int(24 * self.ctx.scale), -int(16 * self.ctx.scale))
        return text_height(self.decision.text, "body", 10, body.width) <= body.height

    def activate(self, index: int) -> Transition:
        option = self.decision.options[index]
        if self.reasons_to_ask(option):
            if self.confirming != index:
                self.confirming, self.confirm_shown = index, self.ctx.time
                return None
            if self.ctx.time - self.confirm_shown < self.ctx.grace:
                return None  # the question has not been on screen long enough to be read
        self.confirming = None
        from ..flow import screen_for
        from ..sound import play

        play(self.ctx, "stamp")
        self.ctx.session.choose(option.id)
        return Replace(screen_for(self.ctx, after_choice=True))

    # ----- drawing ------------------------------------------------------------------------
    def card_layout(self, width: int, avail: int) -> tuple[int, int, dict[str, int]]:
        """Columns, card height and text sizes that fit the file and the cards into ``avail``.

        Cards are measured, not guessed: label lines, warning lines and two lines for the
        estimate.  Everything starts at the player's text size; if it does not fit, two
        columns are tried, then all text shrinks together by the same share (down to 10 px),
        so nothing is clipped and the file, the labels and the small words stay in proportion.
        """
        ctx = self.ctx
        s = ctx.scale
        n = len(self.decision.options)
        gap = int(10 * s)
        text_w = width - int(24 * s)
        best = None
        for step in range(0, 16):
            k = 1.0 - step / 24  # all text shrinks by the same share, so small words stay in proportion
            sizes = {
                "text": max(10, round(ctx.text(19) * k)),
                "label": max(10, round(ctx.text(17) * k)),
                "small": max(10, round(ctx.text(14) * k)),
                "word": max(10, round(ctx.text(13) * k)),
                "number": max(10, round(ctx.text(24) * k)),
            }
            text_h = text_height(self.decision.text, "body", sizes["text"], text_w) + int(24 * s)
            for columns in (1, 2) if n > 1 else (1,):
                rows = (n + columns - 1) // columns
                col_w = (width - (columns - 1) * gap) // columns
                inner_w = col_w - self.stripe_width(sizes) - int(18 * s)
                h = max(self.card_height(o, inner_w, sizes) for o in self.decision.options)
                best = (columns, h, sizes)
                if text_h + rows * h + (rows - 1) * gap <= avail:
                    return best
        return best

    def stripe_width(self, sizes: dict[str, int]) -> int:
        return max(
            int(44 * self.ctx.scale),
            render(str(len(self.decision.options)), "title", sizes["number"], (0, 0, 0)).get_width() + 12,
        )

    def card_height(self, option: OptionView, inner_w: int, sizes: dict[str, int]) -> int:
        small = sizes["small"]
        lines = len(wrap(option.label, "bold", sizes["label"], inner_w)) * line_height("bold", sizes["label"])
        warn = warnings_for(self.ctx.session, option)
        if warn:
            text = "; ".join(warn)
            lines += min(2, len(wrap(text, "body", small, inner_w - small - 6))) * line_height("body", small)
        lines += self.estimate_lines(inner_w, small) * line_height("italic", small)  # reserved on every card
        number_and_icon = line_height("title", sizes["number"]) + int(34 * self.ctx.scale)
        return max(number_and_icon, line_height("bold", sizes["word"]) + lines + int(16 * self.ctx.scale))

    def estimate_lines(self, inner_w: int, small: int) -> int:
        """Lines an estimate needs on a card this wide (2 or 3): measured on the longest it could say.

        Reserved on every card, so the focus moving never changes the layout, and the
        likeliest ending, the estimate's last words, is never cut off.
        """
        titles = [e.title for e in self.ctx.session.scenario.endings] or [""]
        council = self.ctx.session.scenario.sides[self.decision.side].council
        sample = f"{council}: war 100% (Stevenson) to 100% (Stevenson); prestige -10.0; likeliest: "
        longest = sample + max(titles, key=len) + " (100%)"
        return max(2, min(3, len(wrap(longest, "italic", small, inner_w))))

    def layout(self) -> Layout:
        """Where everything goes for the window's size: a pure function of the size and view."""
        ctx = self.ctx
        frame = Frame(ctx, ctx.size)
        d = self.decision
        side = ctx.session.scenario.sides[d.side]
        subtitle = f"{date_line(ctx, d.day)} · {side.leader.upper()}"
        y = header(None, ctx, frame.inner, d.title, subtitle)
        s = ctx.scale
        n = len(d.options)
        gap = int(10 * s)
        avail = frame.inner.bottom - y - gap * 2
        columns, card_h, sizes = self.card_layout(frame.inner.width, avail)
        rows = (n + columns - 1) // columns
        cards_h = rows * card_h + (rows - 1) * gap
        text_rect = pygame.Rect(frame.inner.left, y, frame.inner.width, max(int(40 * s), avail - cards_h))
        top = text_rect.bottom + gap * 2
        col_w = (frame.inner.width - (columns - 1) * gap) // columns
        cards = [
            pygame.Rect(
                frame.inner.left + (i % columns) * (col_w + gap),
                top + (i // columns) * (card_h + gap),
                col_w,
                card_h,
            )
            for i in range(n)
        ]
        return Layout(frame, subtitle, text_rect, cards, sizes)

    def draw(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        p = ctx.palette
        desk(surface, ctx)
        if self.decision is None:
            return
        d = self.decision
        s = ctx.scale
        lay = self.layout()
        frame, sizes = lay.frame, lay.sizes
        header(surface, ctx, frame.inner, d.title, lay.subtitle)
        sheet = lay.text_rect.inflate(int(8 * s), int(8 * s))
        paper(surface, sheet, p)
        body = lay.text_rect.inflate(-int(24 * s), -int(16 * s))
        text = file_text(d, ctx.session.view().politics)
        size = fit_size(text, "body", sizes["text"], body, minimum=10)
        draw_wrapped(surface, text, "body", size, p.ink, body)
        for i, (option, rect) in enumerate(zip(d.options, lay.cards, strict=True)):
            self.draw_card(surface, rect, i, option, sizes)
        if self.confirming is not None:
            self.draw_confirm(surface, frame)
        bottom = sidebar(surface, ctx, frame)
        self.draw_method_note(surface, frame, bottom)
        hints(
            surface,
            ctx,
            frame.hints,
            f"1-{len(d.options)} choose · arrows/Tab pick a card · Enter take it · M map · Esc menu",
        )
        cards = lay.cards[0].unionall(lay.cards[1:])  # a message never hides an option
        toasts(surface, ctx, avoid=cards.inflate(0, 12), ceiling=lay.text_rect.top)

    def draw_card(
        self, surface: pygame.Surface, rect: pygame.Rect, i: int, option: OptionView, sizes: dict[str, int]
    ) -> None:
        ctx = self.ctx
        p = ctx.palette
        s = ctx.scale
        focused = i == self.focus
        colour = stance_colour(p, option.stance)
        paper(surface, rect, p, shadow=4)
        stripe = pygame.Rect(rect.left, rect.top, self.stripe_width(sizes), rect.height)
        pygame.draw.rect(surface, colour, stripe, border_top_left_radius=3, border_bottom_left_radius=3)
        num = render(str(i + 1), "title", sizes["number"], p.paper)
        surface.blit(num, num.get_rect(midtop=(stripe.centerx, stripe.top + int(4 * s))))
        icon = pygame.Rect(0, 0, int(18 * s), int(18 * s))
        icon.center = (stripe.centerx, stripe.bottom - int(18 * s))
        stance_icon(surface, STANCE_ICON[option.stance], icon, p.paper)
        if focused:
            pygame.draw.rect(surface, p.focus, rect.inflate(6, 6), width=4, border_radius=5)
        inner = pygame.Rect(
            stripe.right + int(10 * s),
            rect.top + int(6 * s),
            rect.right - stripe.right - int(18 * s),
            rect.height - int(10 * s),
        )
        word = render(STANCE_WORD[option.stance], "bold", sizes["word"], colour)
        surface.blit(word, (inner.left, inner.top))
        y = inner.top + line_height("bold", sizes["word"])
        y += draw_wrapped(
            surface,
            option.label,
            "bold",
            sizes["label"],
            p.ink,
            pygame.Rect(inner.left, y, inner.width, inner.bottom - y),
        )
        small = sizes["small"]
        warn = warnings_for(ctx.session, option)
        if warn:
            ic = pygame.Rect(inner.left, y + 2, small, small)
            warning_icon(surface, ic, p.warn, p.paper)
            lines = wrap("; ".join(warn), "body", small, inner.width - small - 6)
            if len(lines) > 2:  # the rest is in the confirmation; say that there is more
                lines = [lines[0], elide(" ".join(lines[1:]), "body", small, inner.width - small - 6)]
            for line in lines:
                surface.blit(render(line, "body", small, p.warn), (ic.right + 6, y))
                y += line_height("body", small)
        if focused:
            for line in wrap(self.estimate_text(option), "italic", small, inner.width)[:3]:
                surface.blit(render(line, "italic", small, p.ink_soft), (inner.left, y))
                y += line_height("italic", small)

    def draw_method_note(self, surface: pygame.Surface, frame: Frame, top: int) -> None:
        """Say in the panel how the estimates on the cards are made."""
        ctx = self.ctx
        job = ctx.session.current_advice()
        if job is None:
            return
        council = ctx.session.scenario.sides[self.decision.side].council
        text = method_note(council, job.per_adviser)
        pad = int(14 * ctx.scale)
        # Inside the panel, with its own margin at the foot: the note ends above the window's edge.
        rect = pygame.Rect(
            frame.sidebar.left + pad, top, frame.sidebar.width - 2 * pad, frame.sidebar.bottom - pad - top
        )
        size = fit_size(text, "italic", ctx.text(13), rect, minimum=9)
        if text_height(text, "italic", size, rect.width) > rect.height:
            return  # a note cut in half reads worse than none; the panel is too short for it
        draw_wrapped(surface, text, "italic", size, ctx.palette.light_text, rect)

    def estimate_text(self, option: OptionView) -> str:
        session = self.ctx.session
        council = session.scenario.sides[self.decision.side].council
        job = session.current_advice()
        if job is None:
            return ""
        if job.error:
            return f"The {council} cannot agree on an estimate."
        advice = job.results.get(option.id)
        if advice is None:
            dots = "." * (1 + int(self.ctx.time * 3) % 3)
            return f"The {council} is weighing this{dots}"
        titles = {e.id: e.title for e in session.scenario.endings}
        return estimate_text(council, advice, titles)

    def draw_confirm(self, surface: pygame.Surface, frame: Frame) -> None:
        ctx = self.ctx
        p = ctx.palette
        option = self.decision.options[self.confirming]
        text = (
            f"“{option.label}”: "
            + confirm_question(self.reasons_to_ask(option))
            + f" Press {self.confirming + 1} again or Y to take it; Esc to think again."
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
