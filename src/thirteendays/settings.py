"""Player settings: validated, stored in the user's config folder, never lost, never fatal.

The promise to the player is that the game never destroys a settings file:

- A file the game cannot read at all (not JSON, not UTF-8, nested too deep, a
  number no setting could hold, a folder in its place) is reported once and left
  byte for byte as it is; the game runs on defaults.  Only if the player then
  changes a setting is the unreadable file moved aside to a dated ``.bad`` copy
  (and that is said once) so the new choice can be stored.
- A readable file with a bad value (wrong type, out of range) loses only that
  value for this session, with a message; the value stays in the file until the
  player chooses a new one.
- Only what the player changed is written.  Keys this version does not know
  (from a newer version, or the player's own notes) survive every save.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, ValidationError, field_validator

from .storage import atomic_write, config_dir, move_aside, read_json_settings

Palette = Literal["classic", "colour-blind", "high-contrast"]
PALETTES: tuple[str, ...] = ("classic", "colour-blind", "high-contrast")
WINDOW_SIZES: tuple[tuple[int, int], ...] = (
    (1024, 640),
    (1280, 720),
    (1600, 900),
    (1920, 1080),
    (2560, 1440),
    (3840, 2160),
)
#: The smallest window the layout is designed for (ui.theme.MIN_W, MIN_H; a test keeps them equal).
MIN_WINDOW = (1024, 640)
#: The largest window a setting may ask for: beyond 8K, a number is a typo, not a screen.
MAX_WINDOW = (7680, 4320)


class Settings(BaseModel):
    """What the player can set.  Every field is range-checked, so a hand-edited value cannot break a start."""

    model_config = ConfigDict(extra="ignore", validate_assignment=True, allow_inf_nan=False)

    window: tuple[int, int] = Field((1280, 720), description="Window size in pixels.")
    fullscreen: StrictBool = False
    text_scale: float = Field(1.0, ge=0.75, le=2.0, description="Multiplies every text size.")
    reduced_motion: StrictBool = Field(False, description="No typing effect, no animated gauges.")
    palette: Palette = "classic"
    sound: StrictBool = True
    window_pos: tuple[int, int] | None = Field(
        None, description="Where the window's top-left corner was last; None: centred."
    )
    input_grace_ms: int = Field(
        350,
        ge=0,
        le=2000,
        description="Keys and clicks this soon after a screen appears are ignored, so a fast Enter "
        "meant for the last screen never takes a choice on the new one.",
    )

    @field_validator("window_pos")
    @classmethod
    def _position_in_range(cls, value: tuple[int, int] | None) -> tuple[int, int] | None:
        if value is not None and not all(-MAX_WINDOW[0] <= v <= MAX_WINDOW[0] for v in value):
            raise ValueError("must be a position on a desktop")
        return value

    @field_validator("window")
    @classmethod
    def _window_in_range(cls, value: tuple[int, int]) -> tuple[int, int]:
        (w, h), (lo_w, lo_h), (hi_w, hi_h) = value, MIN_WINDOW, MAX_WINDOW
        if not (lo_w <= w <= hi_w and lo_h <= h <= hi_h):
            raise ValueError(f"must lie between {lo_w}x{lo_h} and {hi_w}x{hi_h}")
        return value

    def to_json(self) -> str:
        return json.dumps(self.model_dump(mode="json"), indent=2)


def settings_path() -> Path:
    return config_dir() / "settings.json"


def fit_window(size: tuple[int, int], display: tuple[int, int] | None) -> tuple[int, int]:
    """A window size that fits the display: the wanted one, else the largest standard size that fits.

    Used when the window opens and when the settings screen offers sizes, so a
    size saved on a large monitor never makes a start on a laptop fail.  An
    unknown display (``None``, or the zeros some drivers report) leaves the size alone.
    """
    if display is None or display[0] < MIN_WINDOW[0] or display[1] < MIN_WINDOW[1]:
        return size
    if size[0] <= display[0] and size[1] <= display[1]:
        return size
    fitting = [s for s in WINDOW_SIZES if s[0] <= display[0] and s[1] <= display[1]]
    return max(fitting, default=MIN_WINDOW)


#: The first window takes at most this share of the display, so its edges and title bar show.
FIRST_WINDOW_SHARE = 0.9


def first_window(display: tuple[int, int] | None) -> tuple[int, int] | None:
    """The size of a first window on this display: 90% of it, never under the smallest layout.

    ``None`` when the display is unknown (the default size is then kept).
    """
    if display is None or display[0] < MIN_WINDOW[0] or display[1] < MIN_WINDOW[1]:
        return None
    w = min(MAX_WINDOW[0], max(MIN_WINDOW[0], int(display[0] * FIRST_WINDOW_SHARE)))
    h = min(MAX_WINDOW[1], max(MIN_WINDOW[1], int(display[1] * FIRST_WINDOW_SHARE)))
    return (w, h)


def sizes_for(display: tuple[int, int] | None) -> tuple[tuple[int, int], ...]:
    """The standard window sizes worth offering on this display."""
    if display is None or display[0] < MIN_WINDOW[0] or display[1] < MIN_WINDOW[1]:
        return WINDOW_SIZES
    return tuple(s for s in WINDOW_SIZES if s[0] <= display[0] and s[1] <= display[1]) or (MIN_WINDOW,)


def _validate(data: dict[str, Any], path: Path) -> tuple[Settings, list[str]]:
    """Settings from a JSON object, keeping every good field and naming every bad one."""
    try:
        return Settings.model_validate(data), []
    except ValidationError as exc:
        bad = {str(err["loc"][0]) for err in exc.errors(include_url=False) if err["loc"]}
        messages = []
        for err in exc.errors(include_url=False):
            where = ".".join(str(p) for p in err["loc"])
            messages.append(
                f"{path}:1:1: setting '{where}' ignored: {_plain(err['msg'])[:120]} "
                "(using the default; the file is left as it is)"
            )
        good = {k: v for k, v in data.items() if k not in bad}
        return Settings.model_validate(good), messages


def _plain(message: str) -> str:
    """pydantic's wording in the player's: 'Value error, ...' and 'Input should be ...' read as code."""
    message = message.removeprefix("Value error, ")
    message = message.replace("Input should be a valid boolean", "it must be true or false")
    message = message.replace("Input should be less than or equal to", "it must be at most")
    message = message.replace("Input should be greater than or equal to", "it must be at least")
    return message.replace("Input should be", "it must be")


@dataclass
class SettingsFile:
    """The settings as read, and what is needed to write back only the player's changes.

    ``raw`` is the file's JSON object, unknown keys and bad values included, or
    ``None`` when the file could not be read; ``baseline`` is what the game started
    with, so a field still equal to it was not changed by the player.
    """

    path: Path
    settings: Settings
    baseline: Settings
    raw: dict[str, Any] | None
    messages: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path | None = None) -> SettingsFile:
        path = path or settings_path()
        raw, problem = read_json_settings(path)
        if raw is None:
            return cls(path, Settings(), Settings(), None, [problem] if problem else [])
        settings, messages = _validate(raw, path)
        return cls(path, settings, settings.model_copy(), raw, messages)

    def fit_to_display(self, display: tuple[int, int] | None) -> None:
        """Size the window for this display without counting it as the player's change.

        A first start (no size in the file) takes 90% of the display; a stored size
        too large for this display shrinks to the largest standard size that fits.
        A remembered position that would put the window off this display is forgotten.
        """
        first = first_window(display) if "window" not in (self.raw or {}) else None
        fitted = first or fit_window(self.settings.window, display)
        if fitted != self.settings.window:
            if self.baseline.window == self.settings.window:
                self.baseline.window = fitted
            self.settings.window = fitted
        pos = self.settings.window_pos
        if pos is not None and display is not None:
            w, h = self.settings.window
            if pos[0] < 0 or pos[1] < 0 or pos[0] + w > display[0] or pos[1] + h > display[1]:
                self.settings.window_pos = None

    def changes(self, settings: Settings | None = None) -> dict[str, Any]:
        """The fields the player changed, as JSON values."""
        now = (settings or self.settings).model_dump(mode="json")
        before = self.baseline.model_dump(mode="json")
        return {k: v for k, v in now.items() if v != before[k]}

    def save(self, settings: Settings | None = None) -> list[str]:
        """Write the player's changes over the file's current content; messages for the player, if any.

        Nothing changed means nothing is written, so an unreadable file is kept
        as it is.  The file is read again first, so an edit made while the game
        ran (by hand, or by a second copy of the game) is kept too.  When there
        are changes to store and the file cannot be read, it is first moved aside
        to a dated ``.bad`` copy; something not a file in its place (a folder) is
        never moved, and the changes are then not stored, with a message saying why.
        """
        settings = settings or self.settings
        changes = self.changes(settings)
        if not changes:
            return []
        messages: list[str] = []
        try:
            current, _problem = read_json_settings(self.path)
            if current is None:
                if not self.path.is_file():
                    return [
                        f"{self.path}:1:1: settings not saved: that name is taken by something not a file"
                    ]
                kept = move_aside(self.path)
                messages.append(
                    f"{self.path}:1:1: the unreadable settings file was kept as {kept.name} "
                    "and your new settings were saved"
                )
                current = {}
            merged = {**current, **changes}
            # through a symlink (dotfiles kept in a repository) to the real file, so the link survives
            target = self.path.resolve() if self.path.is_symlink() else self.path
            atomic_write(target, _as_json(merged))
        except OSError as exc:
            return [*messages, f"{self.path}:1:1: settings not saved: {exc.strerror or exc}"]
        self.raw = merged
        self.baseline = settings.model_copy()
        return messages


def _as_json(data: dict[str, Any]) -> str:
    """JSON as a person would write it (``café``, not ``caf\\u00e9``), escaped only if it must be."""
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate from a hand-made "\\udc80": only escapes can hold it
        text = json.dumps(data, indent=2) + "\n"
    return text


def load_settings(path: Path | None = None) -> tuple[Settings, list[str]]:
    """The settings, and messages about anything that had to be ignored."""
    loaded = SettingsFile.load(path)
    return loaded.settings, loaded.messages


def save_settings(settings: Settings, path: Path | None = None) -> list[str]:
    """Store the fields of ``settings`` that differ from the file (or from the defaults it leaves out)."""
    return SettingsFile.load(path).save(settings)
