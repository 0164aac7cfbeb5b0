"""A game drawn by the window's own screens into a numpy array, for ``rgb_array`` rendering.

The environments import this module only when asked for frames, so pygame is
loaded by nobody who does not draw.  The frame is the screen a player would see
at this moment: the decision with its options, or the ending once it is over.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import numpy as np

from ..engine.game import Game
from ..play.session import Session
from ..settings import Settings

FRAME_SIZE = (960, 540)


def render_frame(game: Game, size: tuple[int, int] = FRAME_SIZE) -> np.ndarray:
    """Game 0 of ``game`` as the window would draw it now: an (H, W, 3) uint8 array."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    from .app import Context, headless_app
    from .flow import screen_for

    ctx = Context(Settings(reduced_motion=True), size=size)
    # An autosave path that never exists: drawing the ending must not delete a real save.
    nowhere = Path(tempfile.gettempdir()) / f"thirteendays-frame-{os.getpid()}-{id(game)}" / "none.json"
    game.decision()  # a game starts lazily: let it reach its first decision before reading the day
    session = Session(game, autosave=nowhere, advise_ahead=False)  # a frame must not cost rollouts
    session.mark_seen()
    session.mark_briefed(game.day)
    ctx.session = session
    app, surface = headless_app(ctx, screen_for(ctx))
    app.tick(0.0, surface)
    return np.transpose(pygame.surfarray.array3d(surface), (1, 0, 2)).copy()
