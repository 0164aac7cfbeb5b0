"""Player settings: validated, stored in the user's config folder, never fatal.

A corrupt or hand-edited settings file falls back to defaults (field by field
where possible) with a one-line message saying what was wrong and where.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .storage import atomic_write, config_dir, read_json_settings

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


class Settings(BaseModel):
    model_config = ConfigDict(extra="ignore", validate_assignment=True)

    window: tuple[int, int] = Field((1280, 720), description="Window size in pixels.")
    fullscreen: bool = False
    text_scale: float = Field(1.0, ge=0.75, le=2.0, description="Multiplies every text size.")
    reduced_motion: bool = Field(False, description="No typing effect, no animated gauges.")
    palette: Palette = "classic"
    sound: bool = True

    def to_json(self) -> str:
        return json.dumps(self.model_dump(mode="json"), indent=2)


def settings_path() -> Path:
    return config_dir() / "settings.json"


def load_settings(path: Path | None = None) -> tuple[Settings, list[str]]:
    """The settings, and messages about anything that had to be ignored."""
    path = path or settings_path()
    data, message = read_json_settings(path)
    messages = [message] if message else []
    try:
        return Settings.model_validate(data), messages
    except ValidationError as exc:
        good = {}
        for key, value in data.items():
            try:
                Settings.model_validate({key: value})
                good[key] = value
            except ValidationError:
                continue
        for err in exc.errors(include_url=False):
            where = ".".join(str(p) for p in err["loc"])
            messages.append(f"{path}:1:1: setting '{where}' ignored: {err['msg']} (using the default)")
        return Settings.model_validate(good), messages


def save_settings(settings: Settings, path: Path | None = None) -> None:
    atomic_write(path or settings_path(), settings.to_json())
