"""Screens and the transitions they return.

A screen handles input and time and draws itself; it never changes the stack.
It returns a transition — push, pop, replace, reset or quit — and only the app
applies it (the State pattern of HexDecimal's tcod tutorial).  ``draw`` must
not change state, so any screen can be rendered to a PNG at any moment.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Union

import pygame

if TYPE_CHECKING:
    from ..app import Context


@dataclass(frozen=True)
class Push:
    screen: Screen


@dataclass(frozen=True)
class Pop:
    pass


@dataclass(frozen=True)
class Replace:
    screen: Screen


@dataclass(frozen=True)
class Reset:
    """Replace the whole stack, e.g. 'quit to title'."""

    screen: Screen


@dataclass(frozen=True)
class Quit:
    pass


Transition = Union[Push, Pop, Replace, Reset, Quit, None]  # noqa: UP007 - a readable alias


class Screen:
    """Base class with do-nothing defaults; subclasses override what they need."""

    name = "screen"
    opaque = True  # False lets the screen below show through (pause menu)

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def handle(self, event: pygame.event.Event) -> Transition:
        return None

    def update(self, dt: float) -> Transition:
        return None

    def draw(self, surface: pygame.Surface) -> None:
        raise NotImplementedError

    def on_resume(self) -> None:
        """Called when the screen above it is popped."""

    def on_exit(self) -> None:
        """Called once the screen leaves the stack: drop background work nobody will read."""

    def settle(self, timeout: float = 30.0) -> None:
        """Wait for background work this screen started (headless rendering wants a still frame)."""


def is_confirm(event: pygame.event.Event) -> bool:
    return event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)


def is_back(event: pygame.event.Event) -> bool:
    return event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_BACKSPACE)


def number_key(event: pygame.event.Event) -> int | None:
    """1-9 from the top row or keypad, as 1-based numbers."""
    if event.type != pygame.KEYDOWN:
        return None
    if pygame.K_1 <= event.key <= pygame.K_9:
        return event.key - pygame.K_0
    if pygame.K_KP1 <= event.key <= pygame.K_KP9:
        return event.key - pygame.K_KP1 + 1
    return None
