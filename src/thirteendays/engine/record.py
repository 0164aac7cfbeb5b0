"""The log of a game, and saves that replay it exactly.

A save holds only what is needed to rebuild a game: the scenario's id and
content hash, the seed, who played which side, and the player's choices in
order.  Replaying those commands through the same engine rebuilds every track,
incident and ending, because all randomness flows from the seed.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

SAVE_FORMAT = 1


@dataclass
class LogEntry:
    """One step of one game: a choice, the day's dynamics, an incident, or the end."""

    kind: str  # choice | dynamics | incident | war | end
    day: int
    before: list[float] = field(default_factory=list)
    after: list[float] = field(default_factory=list)
    event: str = ""
    option: str = ""
    side: str = ""
    by: str = ""  # "player" or a policy name
    incident: str = ""
    ending: str = ""
    hazard: float = 0.0
    parts: dict[str, list[float]] = field(default_factory=dict)
    cause: str = ""

    def deltas(self) -> list[float]:
        return [a - b for a, b in zip(self.after, self.before, strict=True)]

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v not in ("", [], {}, 0.0) or k in ("kind", "day")}


@dataclass
class Save:
    scenario_id: str
    scenario_hash: str
    seed: int
    side: str | None
    opponent: str
    choices: list[tuple[str, str]]
    format: int = SAVE_FORMAT
    scenario_file: str = ""

    def to_json(self) -> str:
        data = asdict(self)
        data["choices"] = [list(c) for c in self.choices]
        return json.dumps(data, indent=2)

    @classmethod
    def from_json(cls, text: str) -> Save:
        """Parse a save; raises ValueError with a one-line reason on anything malformed."""
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg})") from None
        if not isinstance(data, dict):
            raise ValueError("1:1: a save is a JSON object")
        if data.get("format") != SAVE_FORMAT:
            raise ValueError(f"1:1: unsupported save format {data.get('format')!r} (expected {SAVE_FORMAT})")
        required = {"scenario_id": str, "scenario_hash": str, "seed": int, "opponent": str, "choices": list}
        for key, kind in required.items():
            if not isinstance(data.get(key), kind) or isinstance(data.get(key), bool):
                raise ValueError(f"1:1: '{key}' is missing or not a {kind.__name__}")
        if data.get("side") is not None and not isinstance(data["side"], str):
            raise ValueError("1:1: 'side' must be a string or null")
        choices = []
        for i, item in enumerate(data["choices"]):
            if not (isinstance(item, list) and len(item) == 2 and all(isinstance(x, str) for x in item)):
                raise ValueError(f"1:1: choice {i} must be [event id, option id]")
            choices.append((item[0], item[1]))
        return cls(
            scenario_id=data["scenario_id"],
            scenario_hash=data["scenario_hash"],
            seed=data["seed"],
            side=data.get("side"),
            opponent=data["opponent"],
            choices=choices,
            scenario_file=str(data.get("scenario_file", "")),
        )
