"""A throwaway home for commands that must never touch the player's files.

``thirteendays screenshot`` builds a whole session (with an autosave, a save to
list on the Load screen, settings) to render a screen; it does so under a
temporary ``THIRTEENDAYS_HOME`` that is removed afterwards, so the player's
saves and settings stay byte-identical.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HOME_VARIABLE = "THIRTEENDAYS_HOME"


@contextmanager
def throwaway_home() -> Iterator[Path]:
    """Point the game's folders at a temporary home for the duration of the block."""
    before = os.environ.get(HOME_VARIABLE)
    with tempfile.TemporaryDirectory(prefix="thirteendays-") as folder:
        os.environ[HOME_VARIABLE] = folder
        try:
            yield Path(folder)
        finally:
            if before is None:
                os.environ.pop(HOME_VARIABLE, None)
            else:
                os.environ[HOME_VARIABLE] = before
