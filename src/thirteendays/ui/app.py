"""The window's loop: a stack of screens, and the one place transitions are applied.

Events go to the top screen; it returns a transition; the app applies it.
Screens draw from the session's ``PlayerView`` (``thirteendays.play``), so a
screen can be rendered to a PNG at any time (``thirteendays screenshot``) and tests drive the same loop
with synthetic events under SDL's dummy drivers.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pygame

from ..play import Session
from ..settings import Settings, SettingsFile
from .screens.base import Pop, Push, Quit, Replace, Reset, Screen, Transition
from .theme import MIN_H, MIN_W, PALETTES, Palette, ui_scale

FPS = 60
MESSAGE_SECONDS = 5.0  # how long a message stays; its last second fades
# A directory part of a path ("/home/ann/.local/share/thirteendays/saves/"): a message names
# the file, never where the player's files live (screenshots get shared).
_DIRECTORY = re.compile(r"(?:~|[A-Za-z]:|\.{1,2})?(?:[/\\][^\s/\\]+)+[/\\](?=[^\s/\\])")
WINDOWMOVED = getattr(pygame, "WINDOWMOVED", -1)  # SDL 2 tells where a moved window now is
INPUT_EVENTS = frozenset(
    {pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEWHEEL, pygame.TEXTINPUT}
)


def without_paths(message: str) -> str:
    """The message with every directory dropped from the paths in it."""
    return _DIRECTORY.sub("", message)


@dataclass
class Context:
    """What every screen may read: settings, the session, sizes and messages."""

    settings: Settings
    session: Session | None = None
    size: tuple[int, int] = (1280, 720)
    messages: list[str] = field(default_factory=list)
    watch: object | None = None  # a ScenarioWatcher when playing with --watch
    settings_file: SettingsFile | None = None  # where changes are stored; None: this session only
    time: float = 0.0
    message_times: list[float] = field(default_factory=list)
    covered: bool = False  # while a screen under an overlay (the pause menu) draws itself

    def __post_init__(self) -> None:
        self.messages[:] = [without_paths(m) for m in self.messages[-3:]]
        self.message_times = [self.time] * len(self.messages)

    @property
    def palette(self) -> Palette:
        return PALETTES[self.settings.palette]

    @property
    def scale(self) -> float:
        return ui_scale(*self.size)

    def text(self, base: int) -> int:
        """A text size scaled for the window and the player's text-size setting."""
        return max(10, round(base * self.scale * self.settings.text_scale))

    def motion(self) -> bool:
        return not self.settings.reduced_motion

    def notify(self, message: str) -> None:
        self.messages.append(without_paths(message))
        self.message_times.append(self.time)
        del self.messages[:-3]
        del self.message_times[:-3]

    def live_messages(self) -> list[tuple[str, float]]:
        """(message, opacity 0..1) for the messages still showing: each fades after a few seconds."""
        out = []
        for message, born in zip(self.messages, self.message_times, strict=False):
            left = MESSAGE_SECONDS - (self.time - born)
            if left > 0:
                out.append((message, min(1.0, left)))
        return out

    @property
    def grace(self) -> float:
        """Seconds after a screen appears during which keys and clicks are ignored."""
        return self.settings.input_grace_ms / 1000.0


class App:
    def __init__(self, ctx: Context, first: Screen, *, headless: bool = False) -> None:
        self.ctx = ctx
        self.stack: list[Screen] = [first]
        self.running = True
        self.headless = headless
        # When the top screen appeared and whether it has been drawn since: input reaches a
        # screen only once the player could have seen it (the fall-through guard).
        self.shown_at = ctx.time
        self.drawn = False
        self.ignored = 0  # inputs dropped by the guard, for tests and curiosity
        self.moved_to: tuple[int, int] | None = None  # the window's last position the system reported

    @property
    def top(self) -> Screen:
        return self.stack[-1]

    def apply(self, transition: Transition) -> None:
        if transition is None:
            return
        before = self.top
        self._apply(transition)
        if self.top is not before:
            self.shown_at = self.ctx.time
            self.drawn = False

    def accepts_input(self) -> bool:
        """Whether the top screen has been drawn and shown for at least the grace period."""
        grace = max(self.ctx.grace, getattr(self.top, "grace", 0.0))  # a screen may ask for longer
        return self.drawn and self.ctx.time - self.shown_at >= grace

    def _apply(self, transition: Transition) -> None:
        before = list(self.stack)
        self._change(transition)
        for gone in before:
            if not any(gone is kept for kept in self.stack):
                gone.on_exit()

    def _change(self, transition: Transition) -> None:
        if isinstance(transition, Push):
            self.stack.append(transition.screen)
        elif isinstance(transition, Pop):
            if len(self.stack) > 1:
                self.stack.pop()
                self.top.on_resume()
            else:
                self.running = False
        elif isinstance(transition, Replace):
            self.stack[-1] = transition.screen
        elif isinstance(transition, Reset):
            self.stack = [transition.screen]
        elif isinstance(transition, Quit):
            self.running = False

    def dispatch(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.running = False
            return
        if event.type == pygame.VIDEORESIZE and not self.ctx.settings.fullscreen:
            w, h = max(MIN_W, event.w), max(MIN_H, event.h)
            self.ctx.size = (w, h)
            if not self.headless:  # remembered for the next start
                with contextlib.suppress(ValueError):
                    self.ctx.settings.window = (w, h)
                if (w, h) != (event.w, event.h):
                    # Only a window made smaller than the layouts allow is set again: set_mode on
                    # every resize can make SDL build a new window, centred, losing its place.
                    pygame.display.set_mode((w, h), pygame.RESIZABLE)
            return
        if event.type == WINDOWMOVED and not self.headless and not self.ctx.settings.fullscreen:
            self.moved_to = (int(event.x), int(event.y))  # where the player put it, for the next start
            return
        if event.type in INPUT_EVENTS and not self.accepts_input():
            self.ignored += 1  # a key meant for the screen before, or a screen not yet seen
            return
        self.apply(self.top.handle(event))

    def draw(self, surface: pygame.Surface) -> None:
        first = len(self.stack) - 1
        while first > 0 and not self.stack[first].opaque:
            first -= 1
        for screen in self.stack[first:]:
            # Only the top screen shows the messages: a screen seen through the pause menu would
            # show them a second time, under the shade.
            self.ctx.covered = screen is not self.top
            screen.draw(surface)
        self.ctx.covered = False

    def tick(self, dt: float, surface: pygame.Surface) -> None:
        self.ctx.time += dt
        if self.ctx.watch is not None:
            self.ctx.watch.poll(self, dt)
        if self.ctx.session is not None:
            self.ctx.session.tick()  # background work the layer wants under way (the advisers)
            for notice in self.ctx.session.take_notices():
                self.ctx.notify(notice)
        self.apply(self.top.update(dt))
        if self.running:
            self.draw(surface)
            self.drawn = True  # the top screen has been shown: its grace period may run


AUDIO: dict[str, str] = {}  # "problem": why there is no sound, said once in the settings screen


@contextlib.contextmanager
def _quiet_stderr():
    """Send the C libraries' own complaints (ALSA, PulseAudio) to /dev/null for a moment.

    They write to file descriptor 2 directly, past Python's ``sys.stderr``; a missing
    sound card is not the terminal's business, and the settings screen says it instead.
    """
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
            try:
                yield
            finally:
                os.dup2(saved, 2)
    finally:
        os.close(saved)


def init_pygame(*, audio: bool = True) -> None:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    with _quiet_stderr():  # SDL's "XDG_RUNTIME_DIR is invalid" and the like; failures still raise
        pygame.display.init()
    pygame.font.init()
    if audio and not pygame.mixer.get_init() and "problem" not in AUDIO:
        with _quiet_stderr():
            try:  # sound is optional: no audio device is fine
                pygame.mixer.init()
            except pygame.error as exc:
                AUDIO["problem"] = str(exc) or "no audio device"


def desktop_size() -> tuple[int, int] | None:
    """The display's size when the driver knows it (call after ``init_pygame``)."""
    try:
        sizes = pygame.display.get_desktop_sizes()
    except (pygame.error, AttributeError):
        return None
    return (int(sizes[0][0]), int(sizes[0][1])) if sizes else None


def open_window(settings: Settings) -> pygame.Surface:
    """The window the settings ask for, or the smallest windowed one if the display refuses it.

    A saved fullscreen or size that this machine cannot give must not make every
    start fail; the fallback is not written back, so the setting survives for the
    machine that can honour it.
    """
    if settings.window_pos is not None:
        os.environ["SDL_VIDEO_WINDOW_POS"] = "{},{}".format(*settings.window_pos)
    else:
        os.environ["SDL_VIDEO_CENTERED"] = "1"
    try:
        if settings.fullscreen:
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        w, h = settings.window
        surface = pygame.display.set_mode((max(MIN_W, w), max(MIN_H, h)), pygame.RESIZABLE)
    except pygame.error:
        surface = pygame.display.set_mode((MIN_W, MIN_H), pygame.RESIZABLE)
    _smallest_window()
    return surface


def _smallest_window() -> None:
    """Ask the system never to let the window be dragged smaller than the layouts are made for."""
    try:
        from pygame._sdl2.video import Window

        Window.from_display_module().minimum_size = (MIN_W, MIN_H)
    except (ImportError, pygame.error, AttributeError):
        pass  # the window is then set back to the minimum when made smaller (App.dispatch)


def window_position() -> tuple[int, int] | None:
    """Where the window's top-left corner is now, if the video driver can say."""
    try:
        from pygame._sdl2.video import Window

        x, y = Window.from_display_module().position
    except (ImportError, pygame.error, AttributeError):
        return None
    return (int(x), int(y))


def run_window(session: Session | None, watch: str | None = None) -> int:
    """Open the window and play until the player quits."""
    store = SettingsFile.load()
    settings = store.settings
    init_pygame()
    store.fit_to_display(desktop_size())
    try:
        surface = open_window(settings)
    except pygame.error as exc:
        print(f"thirteendays: cannot open a window ({exc}); play with --text", flush=True)
        return 2
    pygame.display.set_caption("Thirteen Days")
    opened_at = window_position()  # only a window the player moved has a position worth keeping
    ctx = Context(settings, size=surface.get_size(), messages=list(store.messages), settings_file=store)
    from .flow import screen_for
    from .screens.title import TitleScreen

    if session is not None:
        session.advise_ahead = True
        ctx.session = session
        first = screen_for(ctx)
    else:
        first = TitleScreen(ctx)
    if watch:
        from .watch import ScenarioWatcher

        ctx.watch = ScenarioWatcher(Path(watch))
    app = App(ctx, first)
    clock = pygame.time.Clock()
    while app.running:
        dt = clock.tick(FPS) / 1000.0
        for event in pygame.event.get():
            app.dispatch(event)
        if not app.running:
            break
        surface = pygame.display.get_surface()
        ctx.size = surface.get_size()
        app.tick(dt, surface)
        pygame.display.flip()
    if ctx.session is not None and not ctx.session.leave():
        for notice in ctx.session.take_notices():  # the window is gone: say it where it can be read
            print(f"thirteendays: {notice}", file=sys.stderr)
    pos = app.moved_to or window_position()  # the last move the system reported, else ask it
    if not ctx.settings.fullscreen and pos is not None and pos != opened_at:
        with contextlib.suppress(ValueError):
            ctx.settings.window_pos = pos
    for message in store.save(ctx.settings):  # only what the player changed; never over an unreadable file
        print(message, file=sys.stderr)
    pygame.quit()
    return 0


def headless_app(ctx: Context, first: Screen) -> tuple[App, pygame.Surface]:
    """An app drawing to an off-screen surface: for tests, screenshots and benchmarks."""
    init_pygame(audio=False)  # off-screen means unheard: no sound card is asked
    surface = pygame.Surface(ctx.size)
    first.settle()
    return App(ctx, first, headless=True), surface
