"""The log of a game, and saves that replay it exactly.

A save holds only what is needed to rebuild a game: the scenario's id and
content hash, the seed, who played which side, and the player's choices in
order.  Replaying those commands through the same engine rebuilds every track,
incident and ending, because all randomness flows from the seed.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
)

SAVE_FORMAT = 1


@dataclass
class LogEntry:
    """One step of one game: a choice, the day's dynamics, an incident, or the end."""

    kind: str  # choice | dynamics | incident | politics | war | end
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
    rule: str = ""  # a politics entry: the rule that overruled or removed the side's leader
    # A choice's words as the side read them when it chose (only where they have variants):
    # the choice's own flags can reword it afterwards, and the path must show what was chosen.
    label: str = ""
    history_label: str = ""  # the same for history's option at that decision

    def deltas(self) -> list[float]:
        return [a - b for a, b in zip(self.after, self.before, strict=True)]

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v not in ("", [], {}, 0.0) or k in ("kind", "day")}


MAX_SEED = 2**64 - 1
MAX_CHOICES = 10_000  # far above any scenario's decisions (days x events a day)
MAX_ID = 200  # ids, side, opponent, hash
MAX_PATH = 4096
MAX_SAVE_BYTES = 1_000_000  # a save of MAX_CHOICES choices fits well inside this
SHOWN = 80  # never echo more than this many characters of a bad value


class SaveFormatError(ValueError):
    """A save that is not well formed; ``str()`` is ``LINE:COL: reason`` on one line."""

    def __init__(self, line: int, col: int, reason: str) -> None:
        self.line, self.col, self.reason = line, col, reason
        super().__init__(f"{line}:{col}: {reason}")


def _shown(value: Any) -> str:
    """A bad value as a short quote: a 50 MB field must not become a 50 MB error line."""
    text = (
        repr(value)
        if not isinstance(value, str)
        else repr(value.encode("utf-8", "backslashreplace").decode())
    )
    return text if len(text) <= SHOWN else text[: SHOWN - 3] + "..."


def _plain(text: str) -> str:
    """Strings in a save are shown and written again: no lone surrogates or control characters."""
    if any(0xD800 <= ord(ch) <= 0xDFFF or (ord(ch) < 32 and ch not in "\t") or ord(ch) == 127 for ch in text):
        raise ValueError("contains control or surrogate characters")
    return text


Id = Annotated[str, StringConstraints(min_length=1, max_length=MAX_ID), AfterValidator(_plain)]


class Save(BaseModel):
    """What rebuilds a game: the scenario, its content hash, the seed, the side and the choices.

    Every field is bounded, so a hand-edited or hostile save is refused by the model
    with a one-line reason instead of reaching the engine.  ``scenario_file`` is empty
    for a shipped scenario (found by ``scenario_id`` in the installed package) and an
    absolute path for a user's file, so a save opens from any folder.
    """

    model_config = ConfigDict(extra="forbid", strict=True, validate_assignment=True)

    scenario_id: Id
    scenario_hash: Id
    seed: int = Field(ge=0, le=MAX_SEED)
    side: Id | None
    opponent: Id
    choices: list[tuple[Id, Id]] = Field(max_length=MAX_CHOICES)
    format: Literal[1] = SAVE_FORMAT
    scenario_file: Annotated[str, StringConstraints(max_length=MAX_PATH), AfterValidator(_plain)] = ""
    # Two people at one screen, each deciding for a side (``side`` is then None). Written only
    # when true, so a one-player save reads the same to an older version of the game.
    hotseat: bool = False

    @field_validator("opponent")
    @classmethod
    def _known_policy(cls, name: str) -> str:
        from .policies import MINDS

        if name not in MINDS:
            raise ValueError(f"unknown opponent (choose from {', '.join(sorted(MINDS))})")
        return name

    def to_json(self) -> str:
        data = self.model_dump()
        if not data["hotseat"]:
            del data["hotseat"]
        data["choices"] = [list(c) for c in self.choices]
        return json.dumps(data, indent=2)

    @classmethod
    def from_json(cls, text: str) -> Save:
        """Parse a save; raises SaveFormatError with a one-line ``LINE:COL: reason`` on anything malformed."""
        try:
            data = json.loads(text, object_pairs_hook=_no_duplicate_keys)
        except DuplicateKey as exc:
            raise SaveFormatError(1, 1, f"the key '{exc.key}' appears twice (which one is meant?)") from None
        except json.JSONDecodeError as exc:
            raise SaveFormatError(exc.lineno, exc.colno, f"not valid JSON ({exc.msg})") from None
        except RecursionError:
            raise SaveFormatError(1, 1, "not a save (nested too deeply)") from None
        except ValueError:  # an integer of thousands of digits: Python refuses to read it
            raise SaveFormatError(1, 1, "not a save (a number with thousands of digits)") from None
        if not isinstance(data, dict):
            raise SaveFormatError(1, 1, "a save is a JSON object")
        if data.get("format") != SAVE_FORMAT:
            raise SaveFormatError(
                1, 1, f"unsupported save format {_shown(data.get('format'))} (expected {SAVE_FORMAT})"
            )
        if isinstance(data.get("choices"), list):
            data["choices"] = [tuple(c) if isinstance(c, list) else c for c in data["choices"]]
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            raise SaveFormatError(1, 1, describe(exc)) from None


class DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key[:40]


def _no_duplicate_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    """A save names each field once; JSON would quietly keep the last of two, and so hide an edit."""
    data: dict[str, object] = {}
    for key, value in pairs:
        if key in data:
            raise DuplicateKey(key)
        data[key] = value
    return data


def describe(exc: ValidationError) -> str:
    """pydantic's first complaint as one short line in the player's words, never echoing the input."""
    problems = exc.errors(include_url=False, include_input=False, include_context=False)
    first = problems[0]
    where = ".".join(str(p) for p in first["loc"]) or "save"
    message = first["msg"].removeprefix("Value error, ").removeprefix("Input should be ")
    text = f"'{where}' is missing" if first["type"] == "missing" else f"'{where}' must be {message}"
    if first["type"] == "value_error":
        text = f"'{where}': {first['msg'].removeprefix('Value error, ')}"
    more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
    return (text[:200] + more).replace("\n", " ")
