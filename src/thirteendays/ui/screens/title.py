"""The title: choose a side and a scenario; continue, load, settings, quit."""

from __future__ import annotations

import pygame

from ...engine.game import Game
from ...play_setup import fresh_seed
from ...scenario.loader import load_file, shipped_scenarios
from ...storage import autosave_path, user_scenarios_dir
from ..session import Session
from ..widgets.draw import paper, stamp
from ..widgets.menu import Item, Menu
from ..widgets.text import draw_wrapped, fit_size, line_height, render_fit
from .base import Push, Quit, Replace, Screen, Transition


def available_scenarios() -> list[tuple[str, str]]:
    """(display name, name or path) for shipped scenarios and those in the user's folder."""
    out = [
        (name.replace("_", " ").title(), name)
        for name in sorted(shipped_scenarios(), key=lambda n: (n != "cuban_missile_crisis", n))
    ]
    folder = user_scenarios_dir()
    if folder.exists():
        out += [(f"{p.stem} (yours)", str(p)) for p in sorted(folder.glob("*.yaml"))]
    return out


class TitleScreen(Screen):
    name = "title"

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.scenarios = available_scenarios()
        self.scenario_index = 0
        self.side_index = 0
        self.preview = None
        self._load_preview()
        self.menu = Menu(
            [
                Item(self.side_label, self.toggle_side, adjust=lambda _: self.toggle_side()),
                Item(self.scenario_label, lambda: self.cycle(1), adjust=self.cycle),
                Item("New game", self.new_game, enabled=lambda: self.preview is not None),
                Item("Continue", self.cont, enabled=lambda: autosave_path().exists()),
                Item("Load game", self.load),
                Item("Settings", self.settings),
                Item("Quit", Quit),
            ]
        )
        self.menu.focus = 2

    def _load_preview(self) -> None:
        name = self.scenarios[self.scenario_index][1]
        try:
            result = load_file(name)
        except (FileNotFoundError, OSError) as exc:
            self.ctx.notify(str(exc))
            self.preview = None
            return
        if result.ok:
            self.preview = result
        else:
            self.preview = None
            self.ctx.notify(result.diagnostics[0].format())

    def sides(self) -> list[str]:
        return list(self.preview.scenario.sides) if self.preview else ["us", "ussr"]

    def side_label(self) -> str:
        if not self.preview:
            return "Side: —"
        sid = self.sides()[self.side_index % 2]
        return f"Play as: {self.preview.scenario.sides[sid].leader}"

    def scenario_label(self) -> str:
        return f"Scenario: {self.scenarios[self.scenario_index][0]}"

    def toggle_side(self) -> None:
        self.side_index = 1 - self.side_index

    def cycle(self, step: int) -> None:
        self.scenario_index = (self.scenario_index + step) % len(self.scenarios)
        self._load_preview()

    def new_game(self) -> Transition:
        scenario = self.preview.scenario
        side = self.sides()[self.side_index % 2]
        game = Game(scenario, side=side, seed=fresh_seed())
        self.ctx.session = Session(game, self.preview.file, autosave_path())
        from ..flow import screen_for

        return Replace(screen_for(self.ctx))

    def cont(self) -> Transition:
        from .load import open_save

        return open_save(self.ctx, autosave_path())

    def load(self) -> Transition:
        from .load import LoadScreen

        return Push(LoadScreen(self.ctx))

    def settings(self) -> Transition:
        from .settings import SettingsScreen

        return Push(SettingsScreen(self.ctx))

    def handle(self, event: pygame.event.Event) -> Transition:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            return Quit()
        return self.menu.handle(event)

    def draw(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        p = ctx.palette
        s = ctx.scale
        from .common import desk, toasts

        desk(surface, ctx)
        w, h = surface.get_size()
        pad = int(30 * s)
        sheet = pygame.Rect(pad, pad, int(w * 0.56), h - 2 * pad)
        paper(surface, sheet, p, shadow=10)
        x, y = sheet.left + pad, sheet.top + pad
        inner_w = sheet.width - 2 * pad
        head = render_fit("THIRTEEN DAYS", "title", ctx.text(64), p.ink, inner_w)
        surface.blit(head, (x, y))
        y += head.get_height()
        dates = render_fit("October 16 – 28, 1962", "bold", ctx.text(22), p.ink_soft, inner_w)
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
            stamp_h = int(90 * s)  # keep the stamp's corner clear of the summary
            box = pygame.Rect(x, y, inner_w, sheet.bottom - y - pad - stamp_h)
            size = fit_size(sc.summary, "body", ctx.text(18), box, 10)
            draw_wrapped(surface, sc.summary, "body", size, p.ink, box)
        stamp(
            surface,
            "EYES ONLY",
            (sheet.right - int(130 * s), sheet.bottom - int(60 * s)),
            int(30 * s),
            p.stamp,
            angle=12,
        )
        size = ctx.text(19)
        menu_w = w - sheet.right - 3 * pad
        while (
            size > 10
            and len(self.menu.items) * (line_height("bold", size) + int(14 * s)) * 1.25 > h - 3 * pad
        ):
            size -= 1
        row_h = line_height("bold", size) + int(14 * s)
        total = len(self.menu.items) * (row_h + row_h // 4)
        self.menu.draw(
            surface,
            pygame.Rect(sheet.right + int(1.5 * pad), max(pad, (h - total) // 2), menu_w, total),
            p,
            size,
            row_h,
        )
        hint = render_fit(
            "Arrows move · Left/Right change · Enter select", "body", ctx.text(13), p.light_text, menu_w
        )
        surface.blit(hint, (sheet.right + int(1.5 * pad), h - pad - hint.get_height()))
        toasts(surface, ctx)
