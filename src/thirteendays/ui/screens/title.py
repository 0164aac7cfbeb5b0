"""The title: choose a side and a scenario; continue, load, settings, quit."""

from __future__ import annotations

from concurrent.futures import Future

import pygame

from ...engine.policies import DIFFICULTIES, DIFFICULTY_LABELS
from ...play import start_game
from ...play.resume import Resumable, Resumables, resumable_games
from ...play.scenarios import available_scenarios, in_background, load_in_background
from ...play.words import date_span
from ...scenario.loader import DEFAULT_SCENARIO
from ..widgets.draw import paper, stamp
from ..widgets.menu import Item, Menu
from ..widgets.text import (
    draw_wrapped,
    fit_size,
    fit_width,
    line_height,
    render,
    render_fit,
    text_height,
    wrap,
)
from .base import Push, Quit, Replace, Screen, Transition
from .title_notes import STAMP, STAMP_ANGLE, draw_notes, notes, sheet_rect, stamp_place

SETTLE_SECONDS = 30.0
QUIT_QUESTION = "Quit Thirteen Days?"
KEY_HINT = "Arrows move · Left/Right change · Enter select · Esc quit"
QUIT_ANSWERS = "Y or Enter quits · Esc stays"


def _catalogue() -> tuple[list[tuple[str, str]], Resumables]:
    """The scenarios to offer and each one's game to continue (read off the main thread)."""
    return available_scenarios(), resumable_games()


class TitleScreen(Screen):
    """The title reads scenarios in the background through the layer: it draws at once and
    enables New game when the chosen scenario has loaded."""

    name = "title"

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.scenarios: list[tuple[str, str]] = [
            (DEFAULT_SCENARIO.replace("_", " ").title(), DEFAULT_SCENARIO)
        ]
        self.scenario_index = 0
        self.side_index = 0
        self.difficulty_index = len(DIFFICULTIES) - 1  # Master: the opponent worth outwitting
        self.preview = None
        self.reference: str | None = None  # what saves record for the previewed scenario
        self.resumable: Resumables | None = None  # each scenario's game to continue; None: not read yet
        self.asking_quit = False  # Esc asks "Quit Thirteen Days?" rather than closing at once
        self._catalogue: Future | None = None
        self._loading: Future | None = None
        self.menu = Menu(
            [
                Item(self.side_label, self.toggle_side, adjust=lambda _: self.toggle_side()),
                Item(self.scenario_label, lambda: self.cycle(1), adjust=self.cycle),
                Item(self.difficulty_label, lambda: self.cycle_difficulty(1), adjust=self.cycle_difficulty),
                Item("New game", self.new_game, enabled=lambda: self.preview is not None),
                Item(self.continue_label, self.cont, enabled=self.can_continue),
                Item("Load game", self.load),
                Item("Settings", self.settings),
                # After the one-player items, so their places (and number keys 1-7) stay as they were.
                Item("Two players (hot-seat)", self.new_hotseat, enabled=lambda: self.preview is not None),
                Item("Quit", Quit),
            ]
        )
        self.menu.focus = 3
        self.menu.numbers = False  # digits would flip the side or the scenario unseen: arrows only here

    # ----- background loading -----------------------------------------------------------
    def update(self, dt: float) -> Transition:
        if self._catalogue is None:
            self._catalogue = in_background(_catalogue)
            self._load_preview()
        elif self._catalogue.done() and self.resumable is None:
            try:
                self.scenarios, self.resumable = self._catalogue.result()
            except Exception as exc:  # a folder we cannot list must not close the window
                self.resumable = Resumables()
                self.ctx.notify(f"Cannot read the saved games ({type(exc).__name__}); try Load game")
        if self._loading is not None and self._loading.done():
            job, self._loading = self._loading, None
            self._take(job)
        return None

    def _take(self, job: Future) -> None:
        try:
            result, self.reference = job.result()
        except Exception as exc:  # missing, unreadable or unloadable: said, never a crash
            self.ctx.notify(str(exc)[:300] or type(exc).__name__)
            self.preview = None
            return
        if result.ok:
            self.preview = result
        else:
            self.preview = None
            self.ctx.notify(result.diagnostics[0].format()[:300])

    def _load_preview(self) -> None:
        self.preview = None
        if self._loading is not None:
            self._loading.cancel()  # a scenario flipped past before it loaded: not worth the wait
        self._loading = load_in_background(self.scenarios[self.scenario_index][1])

    def settle(self, timeout: float = SETTLE_SECONDS) -> None:
        """Wait for the background loads (headless rendering and tests want a settled screen)."""
        self.update(0.0)
        for job in (self._catalogue, self._loading):
            if job is not None:
                job.exception(timeout)
        self.update(0.0)
        if self._loading is not None:
            self._loading.exception(timeout)
            self.update(0.0)

    def sides(self) -> list[str]:
        return list(self.preview.scenario.sides) if self.preview else ["us", "ussr"]

    def side_label(self) -> str:
        if not self.preview:
            return "Side: —"
        sid = self.sides()[self.side_index % 2]
        return f"Play as: {self.preview.scenario.sides[sid].leader}"

    def scenario_label(self) -> str:
        return f"Scenario: {self.scenarios[self.scenario_index][0]}"

    def difficulty_label(self) -> str:
        return f"Opponent: {DIFFICULTY_LABELS[list(DIFFICULTIES)[self.difficulty_index]]}"

    def cycle_difficulty(self, step: int) -> None:
        self.difficulty_index = (self.difficulty_index + step) % len(DIFFICULTIES)

    def toggle_side(self) -> None:
        self.side_index = 1 - self.side_index

    def cycle(self, step: int) -> None:
        self.scenario_index = (self.scenario_index + step) % len(self.scenarios)
        self._load_preview()

    def new_game(self) -> Transition:
        if self.preview is None:
            return None
        side = self.sides()[self.side_index % 2]
        opponent = DIFFICULTIES[list(DIFFICULTIES)[self.difficulty_index]]
        opened = start_game(self.preview, side, None, opponent, advise_ahead=True, reference=self.reference)
        if opened.session is None:
            self.ctx.notify(opened.lines()[0][:300])
            return None
        self.ctx.session = opened.session
        from ..flow import screen_for

        return Replace(screen_for(self.ctx))

    def new_hotseat(self) -> Transition:
        """Both sides played by people at this window, passing it between turns."""
        if self.preview is None:
            return None
        opened = start_game(
            self.preview, None, None, advise_ahead=True, reference=self.reference, hotseat=True
        )
        if opened.session is None:
            self.ctx.notify(opened.lines()[0][:300])
            return None
        self.ctx.session = opened.session
        from ..flow import screen_for

        return Replace(screen_for(self.ctx))

    def to_continue(self) -> Resumable | None:
        """The chosen scenario's newest unfinished save, once both are known."""
        if self.preview is None or self.preview.scenario is None or self.resumable is None:
            return None
        return self.resumable.games.get(self.preview.scenario.id)

    def can_continue(self) -> bool:
        """Unknown yet counts as yes: Continue then reads the saves itself and says what it found."""
        if self.resumable is None or self.preview is None or self.to_continue() is not None:
            return True
        return self._problem() is not None  # enabled so that it can say what is wrong

    def _problem(self) -> str | None:
        scenario = self.preview.scenario.id if self.preview and self.preview.scenario else None
        problems = self.resumable.problems if self.resumable else {}
        return problems.get(scenario) or problems.get(None)

    def continue_label(self) -> str:
        """Continue says what it resumes (name and day), or why there is nothing to resume."""
        if self.resumable is None or self.preview is None:
            return "Continue"
        found = self.to_continue()
        if found is None:
            if self._problem() is not None:
                return "Continue: save unreadable"
            return "Nothing to continue"
        name = found.name
        scenario = self.preview.scenario.id
        if name.startswith(f"{scenario}-"):  # a dated save: its date says which, the scenario is above
            name = f"save {name[len(scenario) + 1 :]}"
        return f"Continue {name}, day {found.day}"

    def cont(self) -> Transition:
        from .load import open_saved_game

        if self.resumable is None:  # pressed before the background read finished: read now (a menu action)
            self.resumable = resumable_games()
        games = self.resumable.games
        found = self.to_continue() if self.preview is not None else next(iter(games.values()), None)
        if found is None:
            scenario = self.preview.scenario.id if self.preview and self.preview.scenario else None
            self.ctx.notify(self.resumable.why_not(scenario))
            return None
        return open_saved_game(self.ctx, found.path)

    def load(self) -> Transition:
        from .load import load_screen

        return load_screen(self.ctx)

    def settings(self) -> Transition:
        from .settings import SettingsScreen

        return Push(SettingsScreen(self.ctx))

    def handle(self, event: pygame.event.Event) -> Transition:
        if self.asking_quit:
            if event.type == pygame.KEYDOWN and event.key in (pygame.K_y, pygame.K_RETURN, pygame.K_KP_ENTER):
                return Quit()
            if event.type == pygame.KEYDOWN or (event.type == pygame.MOUSEBUTTONDOWN and event.button == 1):
                self.asking_quit = False  # Esc, N, any other key or a click: stay
            return None
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.asking_quit = True
            return None
        rect, _, row_h = self.layout()
        return self.menu.handle(event, (rect, row_h))

    def layout(self) -> tuple[pygame.Rect, int, list[int]]:
        """(menu rect, text size, each row's height) for the window's size; draw and the mouse share it.

        Every row has one text size; a label too long for its row (a long scenario title,
        a long save name) takes a second line in a taller row rather than a smaller font.
        The key hint below the menu keeps the player's text size and wraps; the menu's
        rows shrink first to leave it room.
        """
        ctx = self.ctx
        s = ctx.scale
        w, h = ctx.size
        pad = int(30 * s)
        sheet_right = pad + int(w * 0.56)
        menu_w = w - sheet_right - 3 * pad
        room = h - 3 * pad - self.hint_lines_height(menu_w) - pad // 2
        labels = [item.text() for item in self.menu.items]
        size = ctx.text(19)
        while True:
            lh = line_height("bold", size)
            lines = [min(2, len(wrap(label, "bold", size, menu_w - 12))) for label in labels]
            rows = [n * lh + int(14 * s) for n in lines]
            total = sum(rows) + (len(rows) - 1) * (min(rows) // 4)
            if size <= 10 or total <= room:
                break
            size -= 1
        top = max(pad, min((h - total) // 2, pad + room - total + pad // 2))
        rect = pygame.Rect(sheet_right + int(1.5 * pad), top, menu_w, total)
        return rect, size, rows

    def hint_lines(self, width: int) -> list[str]:
        """The key hint in lines that break between keys, never inside one."""
        from .common import wrap_parts

        return wrap_parts(KEY_HINT, "body", self.ctx.text(13), width)

    def hint_lines_height(self, width: int) -> int:
        return len(self.hint_lines(width)) * line_height("body", self.ctx.text(13))

    def draw(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        p = ctx.palette
        s = ctx.scale
        from .common import desk

        desk(surface, ctx)
        w, h = surface.get_size()
        pad = int(30 * s)
        sheet = sheet_rect(ctx, (w, h))
        paper(surface, sheet, p, shadow=10)
        x, y = sheet.left + pad, sheet.top + pad
        inner_w = sheet.width - 2 * pad
        head = render_fit("THIRTEEN DAYS", "title", ctx.text(64), p.ink, inner_w)
        surface.blit(head, (x, y))
        y += head.get_height()
        span = date_span(self.preview.scenario) if self.preview and self.preview.scenario else ""
        dates = render_fit(span or " ", "bold", ctx.text(22), p.ink_soft, inner_w)
        surface.blit(dates, (x, y))
        y += dates.get_height() + int(16 * s)
        pygame.draw.line(surface, p.ink, (x, y), (sheet.right - pad, y), 2)
        y += int(16 * s)
        if self.preview:
            sc = self.preview.scenario
            y += (
                draw_wrapped(surface, sc.title, "bold", ctx.text(20), p.ink, pygame.Rect(x, y, inner_w, 400))
                + 4
            )
        summary = self.preview.scenario.summary if self.preview else ""
        keep = line_height("italic", ctx.text(18))  # "Reading the files…"
        if summary:
            keep = text_height(summary, "body", ctx.text(18), inner_w)
        placed = notes(ctx, sheet, y, keep)  # the messages of the moment: the summary makes room
        bottom = placed[-1].box.top - int(6 * s) if placed else sheet.bottom - pad - int(90 * s)
        if self.preview:
            box = pygame.Rect(x, y, inner_w, max(0, bottom - y))
            size = fit_size(self.preview.scenario.summary, "body", ctx.text(18), box, 10)
            draw_wrapped(surface, self.preview.scenario.summary, "body", size, p.ink, box)
        else:
            reading = render_fit("Reading the files…", "italic", ctx.text(18), p.ink_soft, inner_w)
            surface.blit(reading, (x, y))
        centre, stamp_size = stamp_place(ctx, sheet)
        stamp(surface, STAMP, centre, stamp_size, p.stamp, angle=STAMP_ANGLE)
        draw_notes(surface, ctx, placed)
        rect, size, row_h = self.layout()
        menu_w = rect.width
        self.menu.draw(surface, rect, p, size, row_h)
        y = h - pad - self.hint_lines_height(menu_w)
        for line in self.hint_lines(menu_w):
            surface.blit(render(line, "body", ctx.text(13), p.light_text), (rect.left, y))
            y += line_height("body", ctx.text(13))
        if self.asking_quit:
            self.draw_quit_question(surface)

    def quit_box(self) -> tuple[pygame.Rect, int, int]:
        """(box, question size, answer size): the question centred on the window, sized to its words."""
        ctx = self.ctx
        w, h = ctx.size
        big, small = ctx.text(30), ctx.text(16)
        width = min(int(w * 0.8), max(int(420 * ctx.scale), int(w * 0.4)))
        pad = int(20 * ctx.scale)
        big = fit_width(QUIT_QUESTION, "title", big, width - 2 * pad)
        small = fit_width(QUIT_ANSWERS, "body", small, width - 2 * pad)
        height = line_height("title", big) + line_height("body", small) + 3 * pad
        box = pygame.Rect(0, 0, width, height)
        box.center = (w // 2, h // 2)
        return box, big, small

    def draw_quit_question(self, surface: pygame.Surface) -> None:
        p = self.ctx.palette
        shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        shade.fill((0, 0, 0, 150))
        surface.blit(shade, (0, 0))
        box, big, small = self.quit_box()
        pad = int(20 * self.ctx.scale)
        paper(surface, box, p, shadow=8)
        pygame.draw.rect(surface, p.stamp, box, 3)
        question = render(QUIT_QUESTION, "title", big, p.ink)
        surface.blit(question, question.get_rect(midtop=(box.centerx, box.top + pad)))
        answers = render(QUIT_ANSWERS, "body", small, p.ink_soft)
        surface.blit(answers, answers.get_rect(midbottom=(box.centerx, box.bottom - pad)))
