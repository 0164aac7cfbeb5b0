"""Pass the screen: between two players' turns at one window, a page that hides both games.

It names whose turn it is and the day, and nothing else of either side's game:
the last player's screen is gone before the next one sits down, and the next
one's is drawn only after they say they are alone.  It holds for longer than
other screens before it takes a key (``grace``), so a player pressing Enter
through the end of their own turn cannot skip past it into the other's.
"""

from __future__ import annotations

import pygame

from ...play.session import EVERYONE
from ...play.words import day_line, everyone_screen, pass_screen
from ..widgets.draw import stamp
from ..widgets.text import fit_size, line_height, render, wrap
from .base import Push, Replace, Screen, Transition, is_back, is_confirm
from .common import desk, hint_height, hints, toasts

HOLD_SECONDS = 1.0  # at least this long on screen before a key hands it over


class PassScreen(Screen):
    name = "pass"

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        session = ctx.session
        # Worked out once, here: drawing reads no game at all, so it can show nothing of one.
        self.wanted = session.waiting_for()
        if self.wanted == EVERYONE:
            self.title, self.prompt = everyone_screen(session.archives_open())
        else:
            self.title, self.prompt = pass_screen(session.scenario, self.wanted)
        self.day = day_line(session.scenario, session.game.day)

    @property
    def grace(self) -> float:
        """Seconds before input is taken; the app waits the longer of this and its own."""
        return max(HOLD_SECONDS, self.ctx.grace)

    def handle(self, event: pygame.event.Event) -> Transition:
        if is_confirm(event) or (event.type == pygame.MOUSEBUTTONDOWN and event.button == 1):
            from ..flow import screen_for

            self.ctx.session.hand_over()
            return Replace(screen_for(self.ctx))
        if is_back(event):
            from .pause import PauseScreen

            return Push(PauseScreen(self.ctx))
        return None

    def draw(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        p = ctx.palette
        s = ctx.scale
        desk(surface, ctx)
        w, h = surface.get_size()
        hint_h = hint_height(ctx)
        width = int(w * 0.7)
        room = pygame.Rect(0, 0, width, int(h * 0.22))
        blocks = [
            (self.day, "bold", ctx.text(20)),
            (self.title, "title", fit_size(self.title, "title", ctx.text(48), room, 16)),
            (self.prompt, "body", fit_size(self.prompt, "body", ctx.text(22), room, 12)),
        ]
        gap = int(18 * s)
        laid = [(wrap(text, face, size, width), face, size) for text, face, size in blocks]
        total = sum(len(lines) * line_height(face, size) for lines, face, size in laid) + gap * 2
        y = max(int(20 * s), (h - hint_h - total) // 2)
        for lines, face, size in laid:  # each line centred, the whole block in the middle
            for line in lines:
                text = render(line, face, size, p.light_text)
                surface.blit(text, ((w - text.get_width()) // 2, y))
                y += line_height(face, size)
            y += gap
        stamp(
            surface,
            "EYES ONLY",
            (w - int(170 * s), h - hint_h - int(70 * s)),
            int(30 * s),
            p.stamp,
            angle=12,
        )
        hints(surface, ctx, pygame.Rect(0, h - hint_h, w, hint_h), "Enter when ready · Esc menu")
        toasts(surface, ctx)
