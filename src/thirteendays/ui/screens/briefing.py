"""The morning briefing: the date, and the day's file typed out on the teleprinter."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from ...play.words import since_yesterday
from ..widgets.draw import paper, stamp
from ..widgets.text import line_height, render, render_fit, wrap
from .base import Push, Replace, Screen, Transition, is_back, is_confirm
from .common import Frame, date_line, desk, hints, sidebar, toasts

CHARS_PER_SECOND = 90
LEAST = 0.8  # the file's text shrinks to fit the sheet no further than this share of its size


@dataclass(frozen=True)
class Line:
    text: str
    face: str  # a font face, or "gap" / "rule": space, or the rule above "since yesterday"
    size: int  # the font size, or the height of a gap or rule
    typed: bool = False  # part of the file's text, typed out on the teleprinter
    soft: bool = False  # drawn in the soft ink

    @property
    def height(self) -> int:
        return self.size if self.face in ("gap", "rule") else line_height(self.face, self.size)


class BriefingScreen(Screen):
    name = "briefing"

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        # The council starts work while the player reads: the session's advisers run in the
        # background as soon as a decision waits (the app's tick asks the session).
        self.decision = ctx.session.view().decision
        self.typed = 0.0 if ctx.motion() else 1e9
        self.scroll = 0  # the first line of the page shown; clamped when drawn
        self._pages: dict[tuple, list[Line]] = {}
        self.scrolls = False  # whether the page is longer than the sheet (the last drawing said so)
        self.more = False  # whether lines lie below the sheet's foot (the last drawing said so)

    def handle(self, event: pygame.event.Event) -> Transition:
        if self.handle_scroll(event):
            return None
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

    def since_rows(self) -> list[str]:
        """What the other side did and what happened since the player's last decision."""
        view = self.ctx.session.view()
        rows = since_yesterday(view.scenario, view.log, view.side, self.decision.day)
        return rows + [f"At home: {note.text}" for note in view.politics]  # near or in force

    def page(self, width: int, room: int, typed: bool) -> list[Line]:
        """The file as lines: its title, its text and what changed since yesterday.

        The text keeps the player's size, shrinking at most to ``LEAST`` of it so the whole
        page fits; what still does not fit scrolls (a "More" hint says so) rather than being
        cut, as the "since yesterday" block once was at 1024×640 with large text.
        """
        key = (width, room, typed, self.ctx.text(21), self.ctx.scale)
        if key not in self._pages:  # laid out once per size, not every frame
            self._pages = {key: self._page(width, room, typed)}
        return self._pages[key]

    def _page(self, width: int, room: int, typed: bool) -> list[Line]:
        ctx, d = self.ctx, self.decision
        rows = self.since_rows() if typed else []
        head = ctx.text(20)
        least = max(10, round(ctx.text(21) * LEAST))
        lines: list[Line] = []
        for size in range(ctx.text(21), least - 1, -1):
            small = min(ctx.text(16), size)
            lines = [Line(x, "bold", head) for x in wrap(d.title.upper(), "bold", head, width)]
            lines.append(Line("", "gap", int(8 * ctx.scale)))
            lines += [Line(x, "body", size, typed=True) for x in wrap(d.text, "body", size, width)]
            if rows:
                lines.append(Line("", "rule", int(18 * ctx.scale)))
                lines.append(Line("SINCE YESTERDAY", "bold", ctx.text(14), soft=True))
                lines += [
                    Line(x, "body", small) for row in rows for x in wrap("· " + row, "body", small, width)
                ]
            if sum(x.height for x in lines) <= room:
                break
        return lines

    def handle_scroll(self, event: pygame.event.Event) -> bool:
        """Up/Down a line, PgUp/PgDn a page, or the wheel: True if the event scrolled."""
        step = {pygame.K_DOWN: 1, pygame.K_UP: -1, pygame.K_PAGEDOWN: 8, pygame.K_PAGEUP: -8}
        if event.type == pygame.KEYDOWN and event.key in step:
            self.scroll = max(0, self.scroll + step[event.key])
            return True
        if event.type == pygame.MOUSEWHEEL:
            self.scroll = max(0, self.scroll - 3 * event.y)
            return True
        return False

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
        self.draw_page(surface, pygame.Rect(x, y, width, sheet.bottom - y - int(20 * s)))
        stamp(
            surface,
            "TOP SECRET",
            (sheet.right - stamp_w // 2 - int(10 * s), sheet.top + int(40 * s)),
            min(ctx.text(26), int(30 * s)),
            p.stamp,
        )
        sidebar(surface, ctx, frame)
        keys = "Enter open the file · Up/Down scroll · M map · Esc menu" if self.scrolls else ""
        hints(surface, ctx, frame.hints, keys or "Enter open the file · M map · Esc menu")
        toasts(surface, ctx)

    def draw_page(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        """The page's lines from the scroll position down, whole lines only, with a "More" hint
        at the foot while lines remain below and one at the head while lines lie above."""
        ctx, p = self.ctx, self.ctx.palette
        done = self.typed >= len(self.decision.text)
        lines = self.page(box.width, box.height, done)
        mark = ctx.text(13)
        self.scrolls = sum(x.height for x in lines) > box.height
        hint_h = line_height("italic", mark)
        room = box.height - (2 * hint_h if self.scrolls else 0)  # the hints above and below
        last, used = len(lines), 0  # the furthest one may scroll: the last page ends the file
        while last > 0 and used + lines[last - 1].height <= room:
            used += lines[last - 1].height
            last -= 1
        self.scroll = min(self.scroll, last)
        y, shown, used = box.top, 0, 0
        if self.scroll > 0:
            up = render("More above — press Up", "italic", mark, p.ink_soft)
            surface.blit(up, (box.right - up.get_width(), y))
            y += hint_h
        typed = int(self.typed)
        for i, line in enumerate(lines):
            if line.typed:
                piece = line.text[: max(0, typed - shown)]
                shown += len(line.text) + 1
            else:
                piece = line.text
            if i < self.scroll:
                continue
            if used + line.height > room:
                break
            if line.face == "rule":
                mid = y + line.height // 2
                pygame.draw.line(surface, p.paper_edge, (box.left, mid), (box.right, mid), 1)
            elif line.face != "gap" and piece:
                colour = p.ink_soft if line.soft else p.ink
                surface.blit(render(piece, line.face, line.size, colour), (box.left, y))
            y += line.height
            used += line.height
        else:
            self.more = False
            return
        self.more = True
        more = render("More below — press Down", "italic", mark, p.ink_soft)
        surface.blit(more, (box.right - more.get_width(), box.bottom - more.get_height()))
