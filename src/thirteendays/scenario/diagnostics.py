"""Problems found in a scenario, as values with positions.

Loading and linting never raise on bad content: they collect every problem in
one pass and hand back a list, so an author fixes a file in one round instead
of one error at a time.  The CLI and the window format the same objects.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

MAX_ECHO = 200
_UNSHOWABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clip(text: object, limit: int = MAX_ECHO) -> str:
    """``text`` made safe to print on one line: control characters escaped, at most ``limit`` characters.

    Diagnostics quote the author's input; a 2 MB value, a NUL or a lone
    surrogate must not become a 2 MB line, a cut-off terminal or a crash in print.
    """
    s = str(text)
    if len(s) > limit * 4:
        s = s[: limit * 4]  # escaping can only lengthen; no need to scan the rest
    s = _UNSHOWABLE.sub(lambda m: m.group().encode("unicode_escape", "backslashreplace").decode("ascii"), s)
    s = s.replace("\n", " ").replace("\r", " ").replace("\t", " ")
    return s if len(s) <= limit else s[: limit - 1] + "…"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem at one place.  ``path`` is the location inside the document."""

    code: str
    severity: Severity
    file: str
    line: int
    col: int
    path: str
    message: str
    hint: str = ""

    def __post_init__(self) -> None:
        # Every message, path and hint is bounded here, once, whoever built it.
        for name, limit in (
            ("file", 2 * MAX_ECHO),
            ("path", MAX_ECHO),
            ("message", MAX_ECHO),
            ("hint", MAX_ECHO),
        ):
            value = getattr(self, name)
            if len(value) > limit or _UNSHOWABLE.search(value) or "\n" in value:
                object.__setattr__(self, name, clip(value, limit))

    def format(self) -> str:
        """``FILE:LINE:COL: CODE severity: message [at path] (hint)`` on one line."""
        where = f" [at {self.path}]" if self.path else ""
        hint = f" ({self.hint})" if self.hint else ""
        return (
            f"{self.file}:{self.line}:{self.col}: {self.code} {self.severity.value}: "
            f"{self.message}{where}{hint}"
        )

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A hint naming the closest known word, or the known words when there are few."""
    options = sorted(set(choices))
    # difflib is quadratic in the word's length; a name longer than any id is no typo of one.
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6) if len(word) <= 100 else []
    if close:
        return f"did you mean '{close[0]}'?"
    if 0 < len(options) <= 8:
        return "expected one of: " + ", ".join(options)
    return ""


def errors(diagnostics: Sequence[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.is_error]


def sort_key(d: Diagnostic) -> tuple[str, int, int, str]:
    return (d.file, d.line, d.col, d.code)


def format_path(parts: Sequence[str | int]) -> str:
    """``events[3].options[0].effects`` from a tuple path."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


class ScenarioError(Exception):
    """Raised by the convenience API when a scenario has errors; carries them all."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(d.format() for d in self.diagnostics))
