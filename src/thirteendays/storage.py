"""User folders, settings and atomic saves.

Saves and settings are written to a temporary file in the same folder and
moved into place, so a crash mid-write leaves the old file intact and
"continue" always finds a whole save.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from platformdirs import PlatformDirs

from .engine.record import MAX_SAVE_BYTES, Save, SaveFormatError

APP = "thirteendays"


def dirs() -> PlatformDirs:
    return PlatformDirs(APP, appauthor=False)


def data_dir() -> Path:
    override = os.environ.get("THIRTEENDAYS_HOME")
    return Path(override) / "data" if override else Path(dirs().user_data_dir)


def config_dir() -> Path:
    override = os.environ.get("THIRTEENDAYS_HOME")
    return Path(override) / "config" if override else Path(dirs().user_config_dir)


def saves_dir() -> Path:
    return data_dir() / "saves"


def user_scenarios_dir() -> Path:
    return data_dir() / "scenarios"


def autosave_path() -> Path:
    return saves_dir() / "autosave.json"


def atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_save(save: Save, path: Path) -> None:
    atomic_write(path, save.to_json())


class SaveFileError(ValueError):
    """A save that cannot be read; ``str()`` is one line with FILE:LINE:COL."""

    def __init__(self, path: Path, line: int, col: int, reason: str) -> None:
        self.path, self.line, self.col, self.reason = path, line, col, reason
        super().__init__(f"{path}:{line}:{col}: {reason}")


def read_save(path: Path) -> Save:
    """The save at ``path``; raises SaveFileError with one ``FILE:LINE:COL`` line and never
    reads more than MAX_SAVE_BYTES, so a huge file or a device is refused, not swallowed."""
    try:
        if not path.is_file():
            what = "no such save file" if not path.exists() else "not a regular file"
            raise SaveFileError(path, 1, 1, what)
        with path.open("rb") as fh:
            raw = fh.read(MAX_SAVE_BYTES + 1)
        if len(raw) > MAX_SAVE_BYTES:
            raise SaveFileError(path, 1, 1, f"too large for a save (over {MAX_SAVE_BYTES:,} bytes)")
        text = raw.decode("utf-8")
    except SaveFileError:
        raise
    except (OSError, UnicodeDecodeError) as exc:
        raise SaveFileError(path, 1, 1, f"cannot read the save ({exc.__class__.__name__})") from None
    try:
        return Save.from_json(text)
    except SaveFormatError as exc:
        raise SaveFileError(path, exc.line, exc.col, f"{exc.reason} (the file is left as it was)") from None


def read_json_settings(path: Path) -> tuple[dict, str | None]:
    """Settings as a dict, and a message when the file was unreadable and ignored."""
    if not path.exists():
        return {}, None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        where = f"{getattr(exc, 'lineno', 1)}:{getattr(exc, 'colno', 1)}"
        return {}, f"{path}:{where}: settings file is not valid JSON; using defaults (it will be rewritten)"
    if not isinstance(data, dict):
        return {}, f"{path}:1:1: settings must be a JSON object; using defaults"
    return data, None
