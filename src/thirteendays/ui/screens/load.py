"""Load a saved game: saves are listed newest first; a bad save is reported, never fatal."""

from __future__ import annotations

import pygame

from ...engine.replay import ReplayError, replay
from ...scenario.loader import load_file
from ...storage import SaveFileError, autosave_path, read_save, saves_dir
from ..session import Session
from ..widgets.menu import Item, Menu
from ..widgets.text import line_height, render
from .base import Pop, Reset, Screen, Transition, is_back


def list_saves() -> list:
    folder = saves_dir()
    if not folder.exists():
        return []
    return sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)[:9]


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
        items = [Item(path.stem, (lambda p=path: open_save(ctx, p))) for path in list_saves()]
        items.append(Item("Back", Pop))
        self.menu = Menu(items)
        self.empty = len(items) == 1

    def handle(self, event: pygame.event.Event) -> Transition:
        if is_back(event):
            return Pop()
        return self.menu.handle(event)

    def draw(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        p = ctx.palette
        from .common import desk, toasts

        desk(surface, ctx)
        w, h = surface.get_size()
        title = render("LOAD A GAME", "title", ctx.text(36), p.light_text)
        surface.blit(title, title.get_rect(midtop=(w // 2, int(30 * ctx.scale))))
        top = int(40 * ctx.scale) + title.get_height()
        if self.empty:
            note = render(
                "No saved games yet. Save from the pause menu (Esc).", "body", ctx.text(17), p.light_text
            )
            surface.blit(note, note.get_rect(midtop=(w // 2, top)))
            top += note.get_height() + int(20 * ctx.scale)
        size = ctx.text(17)
        row_h = line_height("bold", size) + int(10 * ctx.scale)
        width = int(min(w * 0.8, 640 * ctx.scale))
        self.menu.draw(surface, pygame.Rect((w - width) // 2, top, width, h - top), p, size, row_h)
        toasts(surface, ctx)
