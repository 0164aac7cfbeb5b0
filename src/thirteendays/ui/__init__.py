"""The pygame front end: the only package that imports pygame.

This package's own ``__init__`` stays free of pygame, so headless code (the CLI's
argument parser) can read the names of the screens without opening a window.
"""

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
