"""Load a scenario file into a validated, immutable ``Scenario`` plus diagnostics.

The pipeline is: safe YAML with positions -> pydantic shapes -> cross-references.
Each stage reports every problem it finds; later stages run only when earlier
ones leave something to check, so one pass gives the author the whole list.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import stat
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path as FsPath
from typing import Any

from pydantic import ValidationError

from .diagnostics import Diagnostic, ScenarioError, Severity, clip, did_you_mean, errors, format_path
from .model import Scenario
from .references import check_references
from .schema_walk import keys_of, model_at
from .yaml_safe import MAX_BYTES, Path, Positions, load_yaml

DEFAULT_SCENARIO = "cuban_missile_crisis"


@dataclass
class LoadResult:
    file: str
    scenario: Scenario | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    positions: Positions = field(default_factory=Positions)

    @property
    def ok(self) -> bool:
        return self.scenario is not None and not errors(self.diagnostics)


def content_hash(s: Scenario) -> str:
    """A hash of the scenario's meaning, not its bytes: comments and layout don't count."""
    canonical = json.dumps(s.model_dump(mode="json", by_alias=True), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def _data_path(data: Any, loc: tuple[Any, ...]) -> tuple[Path, bool]:
    """pydantic's ``loc`` mapped onto the document; union tags are skipped.

    Returns the path and whether its last part was found in the data.
    """
    path: list[str | int] = []
    node = data
    found = True
    for part in loc:
        in_dict = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_dict or in_list:
            path.append(part)
            node = node[part]
            found = True
        else:
            found = False
            last_missing = part
    if not found and loc and isinstance(loc[-1], str):
        return (*path, last_missing), False
    return tuple(path), True


def _schema_diagnostics(exc: ValidationError, data: Any, positions: Positions, file: str) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        kind = err["type"]
        path, found = _data_path(data, loc)
        if kind == "extra_forbidden":
            parent = path[:-1]
            model = model_at(Scenario, data, parent)
            hint = did_you_mean(str(path[-1]), keys_of(model)) if model else ""
            line, col = positions.of(path, key=True)
            out.append(
                Diagnostic(
                    "TD010",
                    Severity.ERROR,
                    file,
                    line,
                    col,
                    format_path(path),
                    f"unknown key '{path[-1]}'",
                    hint,
                )
            )
        elif kind == "missing":
            line, col = positions.of(path[:-1])
            out.append(
                Diagnostic(
                    "TD011",
                    Severity.ERROR,
                    file,
                    line,
                    col,
                    format_path(path),
                    f"missing required key '{path[-1]}'",
                    "see docs/writing-scenarios.md for the field",
                )
            )
        else:
            line, col = positions.of(path if found else path[:-1])
            value = err.get("input")
            shown = repr(value) if isinstance(value, str | int | float | bool) else ""
            msg = err["msg"] + (f" (got {shown})" if shown and len(shown) < 40 else "")
            out.append(
                Diagnostic("TD012", Severity.ERROR, file, line, col, format_path(path), msg, _hint_for(kind))
            )
    return out


def _hint_for(kind: str) -> str:
    return {
        "string_pattern_mismatch": "ids are lower-case letters, digits, '-' and '_'",
        "condition_kind": "e.g. {flag: quarantine} or {track: world, above: 0.5}",
        "float_parsing": "write a number such as 0.05",
        "int_parsing": "write a whole number",
        "bool_parsing": "write true or false",
        "date_from_datetime_parsing": "write a date as YYYY-MM-DD",
        "enum": "",
    }.get(kind, "")


def load_text(text: str | bytes, file: str = "<string>", *, parser: str = "auto") -> LoadResult:
    """Read, validate, cross-check and compile a scenario; every problem is a diagnostic.

    This never raises on any input: whatever escapes the stages below (a bug
    on some input nobody foresaw) still becomes one TD005 line with a position,
    so the command line exits 1 and a watching window keeps the last good game.
    """
    try:
        return _load_text(text, file, parser)
    except Exception as exc:  # the last line of defence; every stage handles its own errors
        d = Diagnostic(
            "TD005",
            Severity.ERROR,
            file,
            1,
            1,
            "",
            f"cannot read this file as a scenario ({type(exc).__name__}: {clip(exc, 80)})",
            "please report this file as a bug",
        )
        return LoadResult(file, None, [d])


def _load_text(text: str | bytes, file: str, parser: str) -> LoadResult:
    loaded = load_yaml(text, file, parser=parser)
    result = LoadResult(file, None, list(loaded.diagnostics), loaded.positions)
    if loaded.data is None:
        return result
    if not isinstance(loaded.data, dict):
        result.diagnostics.append(
            Diagnostic(
                "TD012",
                Severity.ERROR,
                file,
                1,
                1,
                "",
                "a scenario is a mapping of keys to values",
                "start with 'format: 1'",
            )
        )
        return result
    try:
        scenario = Scenario.model_validate(loaded.data)
    except ValidationError as exc:
        # A value the YAML stage already refused (left as None) needs no second line.
        refused = {(d.line, d.col) for d in loaded.diagnostics}
        schema = _schema_diagnostics(exc, loaded.data, loaded.positions, file)
        result.diagnostics.extend(d for d in schema if d.code != "TD012" or (d.line, d.col) not in refused)
        result.diagnostics.sort(key=lambda d: (d.line, d.col, d.code))
        return result
    result.diagnostics.extend(check_references(scenario, loaded.positions, file))
    if not errors(result.diagnostics):
        result.diagnostics.extend(_compile_check(scenario, file))
    result.diagnostics.sort(key=lambda d: (d.line, d.col, d.code))
    if not errors(result.diagnostics):
        result.scenario = scenario
    return result


def _compile_check(scenario: Scenario, file: str) -> list[Diagnostic]:
    """Compile once for the engine: a scenario that validates must also run.

    The checks above are meant to make this unreachable; if the engine still
    refuses, the author gets a line, not a traceback from the first game.
    """
    from ..engine.compiled import Compiled  # the engine imports the model; import it late

    try:
        Compiled(scenario)
    except Exception as exc:
        return [
            Diagnostic(
                "TD023",
                Severity.ERROR,
                file,
                1,
                1,
                "",
                f"the engine cannot run this scenario ({type(exc).__name__}: {clip(exc, 80)})",
                "please report this file as a bug",
            )
        ]
    return []


def shipped_scenarios() -> dict[str, str]:
    """Scenario names shipped with the package, mapped to their file names."""
    root = resources.files("thirteendays.scenarios")
    return {
        entry.name.removesuffix(".yaml"): entry.name
        for entry in root.iterdir()
        if entry.name.endswith(".yaml")
    }


def read_capped(path: FsPath, limit: int = MAX_BYTES) -> bytes:
    """At most ``limit + 1`` bytes of a regular file, so the size cap holds while reading.

    A 3 GB file costs 2 MB of memory, not 3 GB; a FIFO, a device such as
    /dev/zero or a directory is refused before a byte is read (opening
    non-blocking, so a FIFO with no writer cannot hang the command).  The
    loader reports "too large" from the extra byte.  Raises OSError with a
    plain reason for what cannot be read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, "is a folder, not a scenario file", str(path))
        if not stat.S_ISREG(mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def resolve(name_or_path: str | FsPath) -> tuple[str, bytes]:
    """Find a scenario by shipped name or by path; returns (display name, bytes).

    Raises FileNotFoundError with a message that lists the shipped names.
    """
    if "\0" in str(name_or_path):  # no file can have this name; Path would raise ValueError
        raise FileNotFoundError(f"{clip(name_or_path)!r}: no such scenario file")
    candidate = FsPath(name_or_path)
    if candidate.suffix in (".yaml", ".yml") or candidate.exists() or "/" in str(name_or_path):
        if not candidate.exists():
            raise FileNotFoundError(f"{name_or_path}: no such scenario file")
        return str(name_or_path), read_capped(candidate)
    shipped = shipped_scenarios()
    key = str(name_or_path).replace("-", "_")
    if key not in shipped:
        hint = did_you_mean(key, shipped)
        known = hint or "shipped: " + ", ".join(sorted(shipped))
        raise FileNotFoundError(f"{name_or_path}: no such scenario ({known})")
    data = resources.files("thirteendays.scenarios").joinpath(shipped[key]).read_bytes()
    return f"scenarios/{shipped[key]}", data


def load_file(name_or_path: str | FsPath, *, parser: str = "auto") -> LoadResult:
    """Load a shipped scenario or a file; raises OSError only when the file cannot be read."""
    file, data = resolve(name_or_path)
    return load_text(data, file, parser=parser)


def load_scenario(name_or_path: str | FsPath = DEFAULT_SCENARIO) -> Scenario:
    """Load a shipped scenario by name, or a file by path; raise ScenarioError on problems."""
    result = load_file(name_or_path)
    if not result.ok or result.scenario is None:
        raise ScenarioError(errors(result.diagnostics) or result.diagnostics)
    return result.scenario
