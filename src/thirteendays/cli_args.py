"""Argument types for the command line: every hostile value becomes a one-line usage error.

argparse turns an ``ArgumentTypeError`` into ``thirteendays COMMAND: error: ...``
and exit status 2, so a value that would crash or hang a command later (a
5,000-digit seed, ``1e9``, ``NaN``, an output "file" that is a folder) is
refused here, before any work is done.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

SEED_MAX = 2**64 - 1  # seeds are 0..2**64-1 everywhere: saves, the engine's SeedSequence, the CLI


def shown(text: str, limit: int = 40) -> str:
    """An argument quoted for a message, cut short: an error never echoes 5,000 characters back."""
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")  # lone surrogates from odd file names
    return repr(text if len(text) <= limit else text[:limit] + "...")


_WHOLE = re.compile(r"[+-]?[0-9]{1,30}")  # ASCII digits only: "²" is a digit to str.isdigit, not to int()


def why(exc: BaseException) -> str:
    """Why a write failed, in a few words: the OS's reason, or the library's message cut short."""
    return getattr(exc, "strerror", None) or shown(str(exc), 120)


def whole_number(text: str) -> int:
    digits = text.strip().replace("_", "")
    if not _WHOLE.fullmatch(digits):  # no 5,000-digit conversions, no 1e9, no NaN
        raise argparse.ArgumentTypeError(f"{shown(text)} is not a whole number")
    return int(digits)


class Parser(argparse.ArgumentParser):
    """argparse, with its errors on one line and cut short.

    argparse prints its whole usage block before the error, so ``--seed abc`` gave seven
    lines to find one problem in; here the problem and a hint share one line, like every
    other error, and ``--help`` is named for the rest.  ``invalid choice: '<50 MB>'`` is
    not a message either: long ones are cut.
    """

    def error(self, message: str):  # type: ignore[override]
        message = " ".join(message.split())
        message = message if len(message) <= 300 else message[:300] + "..."
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def seed(text: str) -> int:
    value = whole_number(text)
    if not 0 <= value <= SEED_MAX:
        raise argparse.ArgumentTypeError(f"seeds are whole numbers from 0 to {SEED_MAX}")
    return value


def positive(text: str) -> int:
    value = whole_number(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def out_file(text: str) -> str:
    """An output file: refused at once if it names a folder or lies in a folder that does not exist.

    Checked while parsing, so a long simulation does not run only to fail at the
    last step; what cannot be known in advance (permissions, a full disk) is
    caught where the file is written.
    """
    if not text.strip() or "\0" in text:
        raise argparse.ArgumentTypeError("needs a file name")
    path = Path(text)
    try:
        if path.is_dir():
            raise argparse.ArgumentTypeError(f"{shown(text)} is a folder; give a file name inside it")
        parent = path.parent
        if not parent.is_dir():
            raise argparse.ArgumentTypeError(f"the folder {shown(str(parent))} does not exist")
    except OSError as exc:  # a name too long, or a path through a file
        raise argparse.ArgumentTypeError(f"{shown(text)}: {exc.strerror or exc}") from None
    return text


def write_output(path: Path, text: str) -> None:
    """Write a text output atomically; a device or pipe (/dev/stdout, /dev/null) is written, not replaced."""
    from .storage import atomic_write

    if path.exists() and not path.is_file():
        with path.open("w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        atomic_write(path, text)
