"""Settings: window size or fullscreen, text size, reduced motion, colour palette, sound."""

from __future__ import annotations

import pygame

from ...settings import PALETTES, sizes_for
from ..app import desktop_size
from ..widgets.menu import Item, Menu
from .base import Pop, Screen, Transition, is_back

PAGE = {"footer": "Left/Right change · Enter toggle · Esc done", "size": 19, "max_width": 560}


class SettingsScreen(Screen):
    name = "settings"

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        st = ctx.settings
        self.menu = Menu(
            [
                Item(
                    lambda: f"Window: {st.window[0]} x {st.window[1]}", lambda: self.size(1), adjust=self.size
                ),
                Item(
                    lambda: f"Fullscreen: {'on' if st.fullscreen else 'off'}",
                    self.fullscreen,
                    adjust=lambda _: self.fullscreen(),
                ),
                Item(
                    lambda: f"Text size: {round(st.text_scale * 100)}%",
                    lambda: self.text(1),
                    adjust=self.text,
                ),
                Item(
                    lambda: f"Reduced motion: {'on' if st.reduced_motion else 'off'}",
                    self.motion,
                    adjust=lambda _: self.motion(),
                ),
                Item(lambda: f"Colours: {st.palette}", lambda: self.palette(1), adjust=self.palette),
                Item(lambda: sound_label(st.sound), self.sound, adjust=lambda _: self.sound()),
                Item("Done", self.done),
            ]
        )

    def _apply_window(self) -> None:
        st = self.ctx.settings
        surface = pygame.display.get_surface()
        if surface is None or (pygame.display.get_driver() == "dummy" and not pygame.display.get_init()):
            return
        try:
            if st.fullscreen:
                pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
            else:
                pygame.display.set_mode(st.window, pygame.RESIZABLE)
            self.ctx.size = pygame.display.get_surface().get_size()
        except pygame.error as exc:
            self.ctx.notify(f"Could not change the window: {exc}")

    def size(self, step: int) -> None:
        st = self.ctx.settings
        sizes = list(sizes_for(desktop_size() if pygame.display.get_init() else None))
        i = sizes.index(tuple(st.window)) if tuple(st.window) in sizes else 1
        st.window = sizes[(i + step) % len(sizes)]
        self._apply_window()

    def fullscreen(self) -> None:
        self.ctx.settings.fullscreen = not self.ctx.settings.fullscreen
        self._apply_window()

    def text(self, step: int) -> None:
        st = self.ctx.settings
        st.text_scale = min(2.0, max(0.75, st.text_scale + 0.25 * step))  # stops at the ends

    def motion(self) -> None:
        self.ctx.settings.reduced_motion = not self.ctx.settings.reduced_motion

    def palette(self, step: int) -> None:
        st = self.ctx.settings
        st.palette = PALETTES[(PALETTES.index(st.palette) + step) % len(PALETTES)]

    def sound(self) -> None:
        self.ctx.settings.sound = not self.ctx.settings.sound

    def done(self) -> Transition:
        """Store what the player changed; without a settings file (a screenshot) nothing is stored."""
        store = self.ctx.settings_file
        if store is not None:
            for message in store.save(self.ctx.settings):
                self.ctx.notify(message)
        return Pop()

    def handle(self, event: pygame.event.Event) -> Transition:
        if is_back(event):
            return self.done()
        from .common import menu_page_layout

        rect, _, row_h, _ = menu_page_layout(self.ctx, "SETTINGS", self.menu, **PAGE)
        return self.menu.handle(event, (rect, row_h))

    def draw(self, surface: pygame.Surface) -> None:
        from .common import menu_page

        menu_page(surface, self.ctx, "SETTINGS", self.menu, **PAGE)


def sound_label(on: bool) -> str:
    """The sound row; where the machine has no sound it says so here, once, not on the terminal."""
    from ..app import AUDIO

    if "problem" in AUDIO:
        return "Sound: unavailable (no audio device found)"  # SDL's own words mean nothing to a player
    return f"Sound: {'on' if on else 'off'}"
