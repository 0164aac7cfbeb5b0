"""The pygame front end: the only package that imports pygame.

This package's own ``__init__`` stays free of pygame, so headless code (the CLI's
argument parser) can read the names of the screens without opening a window.
Importing it first silences pygame's start-up banner, before any module here imports pygame,
so no command prints it (the window, screenshots, ``simulate --plot``, the env renders).
"""

import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

SCREENS = (
    "title",
    "briefing",
    "decision",
    "resolution",
    "map",
    "ending",
    "epilogue",
    "pause",
    "settings",
    "load",
)
