"""The saves a player can open: listed newest first, each with a one-line label.

Listing reads the save folder, so front ends call it when the player asks to
load (a menu action), never while constructing or drawing a screen.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..storage import SaveFileError, read_save, saves_dir
from .words import HOTSEAT_LABEL, plural

SHOWN_SAVES = 9  # what fits a menu the number keys can reach


@dataclass(frozen=True)
class SaveEntry:
    path: Path
    label: str  # 'autosave: tutorial as us, 5 choices — 26 Nov 01:02'; the save's whole name
    readable: bool


def list_saves(limit: int = SHOWN_SAVES) -> list[SaveEntry]:
    """The newest saves first; an unreadable one is listed (and says so), never fatal."""
    folder = saves_dir()
    if not folder.is_dir():
        return []
    dated = []
    for path in folder.glob("*.json"):
        try:
            dated.append((path.stat().st_mtime, path))
        except OSError:
            continue  # removed while we looked
    dated.sort(reverse=True)
    return [_entry(path, mtime) for mtime, path in dated[:limit]]


def _entry(path: Path, mtime: float) -> SaveEntry:
    stamp = dt.datetime.fromtimestamp(mtime).strftime("%d %b %H:%M")
    try:
        save = read_save(path)
    except SaveFileError:
        return SaveEntry(path, f"{path.name} (unreadable) — {stamp}", False)
    # Whole names, never cut: a name shown is one ``--load`` and ``replay`` accept, and two
    # saves that differ only at the end (the seconds of a kept game) must read differently.
    who = "autosave" if path.name == "autosave.json" else path.stem
    scenario = save.scenario_id
    made = plural(len(save.choices), "choice")
    if save.hotseat:  # names no side: the listing is read by whichever player opens the menu
        return SaveEntry(path, f"{who}: {scenario}, {HOTSEAT_LABEL}, {made} — {stamp}", True)
    side = save.side or "watching"
    return SaveEntry(path, f"{who}: {scenario} as {side}, {made} — {stamp}", True)
