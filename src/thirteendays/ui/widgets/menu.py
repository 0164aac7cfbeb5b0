"""A vertical menu: keyboard (arrows, numbers, Enter), mouse hover and click.

Where the rows are is a pure function of the menu's rectangle, so ``draw``
keeps nothing and the screen hands the same layout to ``handle`` for the mouse.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pygame

from ..theme import Palette
from .draw import button

Rows = int | Sequence[int]  # one height for every row, or each row's own


@dataclass
class Item:
    label: Callable[[], str] | str
    action: Callable[[], object]
    enabled: Callable[[], bool] | bool = True
    adjust: Callable[[int], object] | None = None  # left/right on a setting

    def text(self) -> str:
        return self.label() if callable(self.label) else self.label

    def on(self) -> bool:
        return self.enabled() if callable(self.enabled) else self.enabled


class Menu:
    def __init__(self, items: list[Item]) -> None:
        self.items = items
        self.focus = next((i for i, it in enumerate(items) if it.on()), 0)
        self.numbers = True  # 1-9 take the item in that row; off where a digit has no clear meaning

    def move(self, step: int) -> None:
        for _ in range(len(self.items)):
            self.focus = (self.focus + step) % len(self.items)
            if self.items[self.focus].on():
                return

    def rects(self, layout: tuple[pygame.Rect, Rows] | None) -> list[pygame.Rect]:
        """The rows' rectangles for a layout of (menu rectangle, row height or each row's height).

        A row may be taller than the others where its label takes two lines (the title's
        long scenario names): every row keeps one text size."""
        if layout is None:
            return []
        rect, rows = layout
        heights = [rows] * len(self.items) if isinstance(rows, int) else list(rows)
        gap = min(heights, default=0) // 4
        out, y = [], rect.top
        for h in heights:
            out.append(pygame.Rect(rect.left, y, rect.width, h))
            y += h + gap
        return out

    def handle(self, event: pygame.event.Event, layout: tuple[pygame.Rect, int] | None = None):
        """Returns whatever the chosen item's action returns (often a transition).

        ``layout`` is where the menu is drawn, for the mouse; without it only keys work.
        """
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_DOWN, pygame.K_TAB):
                self.move(-1 if event.mod & pygame.KMOD_SHIFT else 1)
            elif event.key == pygame.K_UP:
                self.move(-1)
            elif event.key in (pygame.K_LEFT, pygame.K_RIGHT) and self.items[self.focus].adjust:
                return self.items[self.focus].adjust(-1 if event.key == pygame.K_LEFT else 1)
            elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
                item = self.items[self.focus]
                return item.action() if item.on() else None
            elif self.numbers and pygame.K_1 <= event.key <= pygame.K_9:
                i = event.key - pygame.K_1
                if i < len(self.items) and self.items[i].on():
                    self.focus = i
                    return self.items[i].action()
        elif event.type == pygame.MOUSEMOTION:
            for i, rect in enumerate(self.rects(layout)):
                if rect.collidepoint(event.pos) and self.items[i].on():
                    self.focus = i
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for i, rect in enumerate(self.rects(layout)):
                if rect.collidepoint(event.pos) and self.items[i].on():
                    self.focus = i
                    return self.items[i].action()
        return None

    def draw(self, surface: pygame.Surface, rect: pygame.Rect, p: Palette, size: int, row_h: Rows) -> None:
        for i, (item, r) in enumerate(zip(self.items, self.rects((rect, row_h)), strict=True)):
            # One size for every row: a long label is cut short with "…", never set smaller
            # than its neighbours (the title's Scenario row once was).
            button(surface, r, item.text(), p, size, focused=i == self.focus, enabled=item.on(), shrink=False)
