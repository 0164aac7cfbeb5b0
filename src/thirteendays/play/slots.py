"""Where saves live by name: the slot a player names, and the files finished games are kept in.

Kept apart from the session so the rules for a name (what a player may type, what
Continue passes over) sit in one small place that the terminal, the window and the
command line all read.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..storage import saves_dir

SLOT_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _.-]{0,59}")
# The name a finished game is kept under ('SCENARIO-ended-20261126-202015'): finished by
# construction, so Continue passes over it without replaying it, and no slot may take it.
KEPT_ENDING = re.compile(r".+-ended-\d{8}-\d{6}")


def slot_path(name: str) -> Path:
    """The file of a named save slot; raises ValueError for a name that is not a plain file name."""
    path = _named(name)
    if KEPT_ENDING.fullmatch(path.stem):
        raise ValueError("a name ending '-ended-DATE-TIME' is kept for finished games; choose another")
    return path


def _named(name: str) -> Path:
    """The file a save name (a slot's, or a kept finished game's) stands for, to open it."""
    name = name.strip()
    if not SLOT_NAME.fullmatch(name) or name in ("autosave",):
        raise ValueError(
            "a save name is 1-60 letters, digits, spaces, '-', '_' or '.', starting with a letter or digit"
        )
    return saves_dir() / f"{name}.json"


def is_kept_ending(path: Path) -> bool:
    """Whether ``path`` is where a finished game was kept (so it has nothing to continue)."""
    return path.suffix == ".json" and KEPT_ENDING.fullmatch(path.stem) is not None


def save_location(text: str) -> Path:
    """A save named on the command line: a file path, or the name of a save slot."""
    path = Path(text)
    try:
        exists = path.exists()
    except OSError:  # a name too long for the filesystem: open_save says so, on one line
        return path
    if exists or path.suffix == ".json" or len(path.parts) > 1:
        return path
    try:
        return _named(text)
    except ValueError:
        return path
