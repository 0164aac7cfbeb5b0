"""User folders, settings and atomic saves.

Saves and settings are written to a temporary file in the same folder and
moved into place, so a crash mid-write leaves the old file intact and
"continue" always finds a whole save.
"""

from __future__ import annotations

import difflib
import itertools
import json
import math
import os
import re
import stat
import tempfile
import time
from datetime import datetime
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
    """Write ``text`` so that ``path`` holds either the old file or the new one, even after power loss.

    The data is fsynced before the rename, and the folder after it: without the
    second fsync a crash can leave the rename unrecorded on disk, and "continue"
    would find the old save (or none).  A temporary file left by a process killed
    mid-write is removed later by :func:`remove_stale_temps`.
    """
    if not path.parent.is_dir():
        path.parent.mkdir(parents=True, exist_ok=True)
        fsync_folder(path.parent.parent)  # a new saves folder must survive a power cut too
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
    fsync_folder(path.parent)


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable; a no-op where folders cannot be opened (Windows)."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    try:
        fd = os.open(folder, flags)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:  # some file systems (and Windows) refuse to fsync a folder; the data is already safe
        pass
    finally:
        os.close(fd)


def write_save(save: Save, path: Path) -> None:
    atomic_write(path, save.to_json())


class SaveFileError(ValueError):
    """A save that cannot be read; ``str()`` is one line with FILE:LINE:COL."""

    def __init__(self, path: Path, line: int, col: int, reason: str) -> None:
        self.path, self.line, self.col, self.reason = path, line, col, reason
        super().__init__(f"{path}:{line}:{col}: {reason}")


class SaveMissing(SaveFileError):
    """No save by that name: the request was wrong (a usage error), not the file."""


def _nearest_save(path: Path) -> str:
    """' (did you mean 'pre21'?)' for a typo'd save name, from the saves beside it; else ''."""
    try:
        names = [p.stem for p in itertools.islice(path.parent.glob("*.json"), 1000)]
    except OSError:
        return ""
    close = difflib.get_close_matches(path.stem[:100], names, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def read_save(path: Path) -> Save:
    """The save at ``path``; raises SaveFileError with one ``FILE:LINE:COL`` line and never
    reads more than MAX_SAVE_BYTES, so a huge file or a device is refused, not swallowed."""
    try:
        if not path.is_file():
            if not path.exists():
                raise SaveMissing(path, 1, 1, "no such save file" + _nearest_save(path))
            raise SaveFileError(path, 1, 1, "not a regular file")
        with path.open("rb") as fh:
            raw = fh.read(MAX_SAVE_BYTES + 1)
        if len(raw) > MAX_SAVE_BYTES:
            raise SaveFileError(path, 1, 1, f"too large for a save (over {MAX_SAVE_BYTES:,} bytes)")
        text = raw.decode("utf-8")
    except SaveFileError:
        raise
    except (OSError, UnicodeDecodeError) as exc:
        why = (exc.strerror if isinstance(exc, OSError) else None) or exc.__class__.__name__
        raise SaveFileError(path, 1, 1, f"cannot read the save ({why.lower()})") from None
    try:
        return Save.from_json(text)
    except SaveFormatError as exc:
        raise SaveFileError(path, exc.line, exc.col, f"{exc.reason} (the file is left as it was)") from None


SETTINGS_MAX_BYTES = 256 * 1024
SETTINGS_MAX_DEPTH = 32
_MAX_NUMBER_CHARS = 100


class _BadNumber(ValueError):
    """A number no setting could hold: too long to convert safely, or not finite."""


def _parse_int(text: str) -> int:
    if len(text) > _MAX_NUMBER_CHARS:  # int() refuses (or crawls over) thousands of digits
        raise _BadNumber(f"a number with {len(text):,} digits")
    return int(text)


def _parse_float(text: str) -> float:
    if len(text) > _MAX_NUMBER_CHARS or not math.isfinite(value := float(text)):
        raise _BadNumber(f"the number {text[:20]}{'...' if len(text) > 20 else ''} is out of range")
    return value


def _parse_constant(name: str) -> float:
    raise _BadNumber(f"{name} is not a number JSON allows")


def _depth(value: object) -> int:
    """Nesting depth, without recursion, so a hostile file cannot exhaust the stack."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        if level > SETTINGS_MAX_DEPTH:
            break
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        stack.extend((child, level + 1) for child in children)
    return deepest


def read_json_settings(path: Path) -> tuple[dict | None, str | None]:
    """The settings file's JSON object, or ``None`` and a one-line reason when it cannot be read.

    A missing file is ``({}, None)``: nothing to read is not a problem.  Anything
    else that goes wrong (not a regular file, too large, not UTF-8, not JSON,
    nested too deep, a number no setting could hold) is reported and the file is
    left exactly as it is; the caller starts on defaults and must not write over it.
    """

    def bad(where: str, why: str) -> tuple[None, str]:
        return (
            None,
            f"{path}:{where}: settings file ignored: {why} (using the defaults; the file is left as it is)",
        )

    try:
        info = path.stat()
    except FileNotFoundError:
        return {}, None
    except OSError as exc:
        return bad("1:1", f"cannot read it ({exc.strerror or exc.__class__.__name__})")
    if not stat.S_ISREG(info.st_mode):  # a folder, a pipe or a device: reading could fail or block
        return bad("1:1", "it is not a regular file")
    if info.st_size > SETTINGS_MAX_BYTES:
        return bad("1:1", f"it is {info.st_size:,} bytes, more than settings ever need")
    try:
        with path.open("rb") as fh:
            raw = fh.read(SETTINGS_MAX_BYTES + 1)
    except OSError as exc:
        return bad("1:1", f"cannot read it ({exc.strerror or exc.__class__.__name__})")
    if len(raw) > SETTINGS_MAX_BYTES:
        return bad("1:1", "it is larger than settings ever need")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - raw.rfind(b"\n", 0, exc.start)
        return bad(f"{line}:{col}", "it is not UTF-8 text")
    try:
        data = json.loads(
            text, parse_int=_parse_int, parse_float=_parse_float, parse_constant=_parse_constant
        )
    except json.JSONDecodeError as exc:
        return bad(f"{exc.lineno}:{exc.colno}", f"not valid JSON: {exc.msg}")
    except RecursionError:
        return bad("1:1", "it is nested too deeply")
    except ValueError as exc:  # _BadNumber, or a float the C parser refuses
        return bad("1:1", str(exc)[:120])
    if not isinstance(data, dict):
        return bad("1:1", f"it holds a JSON {type(data).__name__}, not an object of settings")
    if _depth(data) > SETTINGS_MAX_DEPTH:
        return bad("1:1", "it is nested too deeply")
    return data, None


STALE_TEMP_SECONDS = 600
_TEMP_NAME = re.compile(r"^\.(?P<target>.+\.json)\.[A-Za-z0-9_]{8}\.tmp$")


def remove_stale_temps(
    folder: Path, *, older_than: float = STALE_TEMP_SECONDS, now: float | None = None
) -> list[Path]:
    """Delete temporary files that :func:`atomic_write` left behind when its process was killed.

    Only files that are certainly ours go: named exactly as ``atomic_write`` names
    them for a ``.json`` target, regular files (never links), owned by this user,
    and untouched for ``older_than`` seconds, so a write in progress in another
    running game is never disturbed.  Returns what was removed.
    """
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    uid = os.getuid() if hasattr(os, "getuid") else None
    for entry in entries:
        if not _TEMP_NAME.match(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(info.st_mode) or (uid is not None and info.st_uid != uid):
                continue
            if now - info.st_mtime < older_than:
                continue
            os.unlink(entry.path)
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed


def tidy_user_folders() -> list[Path]:
    """On start: clear interrupted writes from the saves and config folders. Never fails."""
    removed: list[Path] = []
    for folder in (saves_dir(), config_dir()):
        removed += remove_stale_temps(folder)
    return removed


def move_aside(path: Path, when: datetime | None = None) -> Path:
    """Rename a file the game cannot read to a dated ``.bad`` copy beside it, and return the new name."""
    stamp = (when or datetime.now()).strftime("%Y%m%d-%H%M%S")
    for n in range(1000):
        target = path.with_name(f"{path.name}.{stamp}{f'-{n}' if n else ''}.bad")
        if not target.exists():
            os.replace(path, target)
            fsync_folder(path.parent)
            return target
    raise FileExistsError(f"{path}: too many .bad copies beside it")
