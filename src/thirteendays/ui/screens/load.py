"""Load a saved game: saves are listed newest first; a bad save is reported, never fatal.

The list is read by whoever opens this screen (a menu action), so the screen's
constructor and ``draw`` touch no files; opening a save goes through the layer.
"""

from __future__ import annotations

import pygame

from ...play import SaveEntry, list_saves, open_save
from ..widgets.menu import Item, Menu
from .base import Pop, Push, Reset, Screen, Transition, is_back

NOTE_EMPTY = "No saved games yet. Save from the pause menu (Esc)."


def open_saved_game(ctx, path) -> Transition:
    """Rebuild the saved game; on any problem, say what and where, and stay put."""
    opened = open_save(path, advise_ahead=True)
    if opened.session is None:
        lines = opened.lines()
        ctx.notify(lines[0] if lines else f"{path}: cannot open this save")
        return None
    ctx.session = opened.session
    from ..flow import screen_for

    return Reset(screen_for(ctx))


def load_screen(ctx) -> Transition:
    """The Load screen with the saves as they are now (a menu action, so it may read files)."""
    return Push(LoadScreen(ctx, list_saves()))


class LoadScreen(Screen):
    name = "load"

    def __init__(self, ctx, saves: list[SaveEntry]) -> None:
        super().__init__(ctx)
        self.saves = saves
        items = [Item(entry.label, (lambda p=entry.path: open_saved_game(ctx, p))) for entry in saves]
        items.append(Item("Back", Pop))
        self.menu = Menu(items)
        self.empty = not saves

    def page(self) -> dict:
        # Two lines a row: a save's label (name, scenario, side, choices, time) is long, and at
        # large text it wraps rather than shrinking to a size nobody asked for.
        return {"note": NOTE_EMPTY if self.empty else "", "size": 17, "max_width": 720, "lines": 2}

    def handle(self, event: pygame.event.Event) -> Transition:
        if is_back(event):
            return Pop()
        from .common import menu_page_layout

        rect, _, row_h, _ = menu_page_layout(self.ctx, "LOAD A GAME", self.menu, **self.page())
        return self.menu.handle(event, (rect, row_h))

    def draw(self, surface: pygame.Surface) -> None:
        from .common import menu_page

        menu_page(surface, self.ctx, "LOAD A GAME", self.menu, **self.page())
