"""Load a saved game: saves are listed newest first; a bad save is reported, never fatal."""

from __future__ import annotations

import datetime as dt

import pygame

from ...engine.replay import ReplayError, replay
from ...scenario.loader import load_file
from ...storage import SaveFileError, autosave_path, read_save, saves_dir
from ..session import Session
from ..widgets.menu import Item, Menu
from .base import Pop, Reset, Screen, Transition, is_back


def list_saves() -> list:
    folder = saves_dir()
    if not folder.exists():
        return []
    return sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)[:9]


def save_label(path) -> str:
    """'Thirteen Days as us, 5 choices — 26 Nov 01:02', or the file name if it cannot be read."""
    stamp = dt.datetime.fromtimestamp(path.stat().st_mtime).strftime("%d %b %H:%M")
    try:
        save = read_save(path)
    except SaveFileError:
        return f"{path.name} (unreadable) — {stamp}"
    who = "autosave" if path.name == "autosave.json" else save.scenario_id
    return f"{who}: {save.side or 'watching'}, {len(save.choices)} choices — {stamp}"


def open_save(ctx, path) -> Transition:
    """Rebuild the saved game; on any problem, say what and where, and stay put."""
    try:
        save = read_save(path)
        result = load_file(save.scenario_file or save.scenario_id)
        if not result.ok:
            ctx.notify(result.diagnostics[0].format() if result.diagnostics else f"{path}: scenario invalid")
            return None
        game = replay(save, result.scenario)
    except (SaveFileError, ReplayError, FileNotFoundError) as exc:
        ctx.notify(str(exc))
        return None
    ctx.session = Session(game, result.file, autosave_path())
    ctx.session.seen = len(game.log)
    from ..flow import screen_for

    return Reset(screen_for(ctx))


class LoadScreen(Screen):
    name = "load"

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        items = [Item(save_label(path), (lambda p=path: open_save(ctx, p))) for path in list_saves()]
        items.append(Item("Back", Pop))
        self.menu = Menu(items)
        self.empty = len(items) == 1

    def handle(self, event: pygame.event.Event) -> Transition:
        if is_back(event):
            return Pop()
        return self.menu.handle(event)

    def draw(self, surface: pygame.Surface) -> None:
        from .common import menu_page

        note = "No saved games yet. Save from the pause menu (Esc)." if self.empty else ""
        menu_page(surface, self.ctx, "LOAD A GAME", self.menu, note=note, size=17, max_width=640)
