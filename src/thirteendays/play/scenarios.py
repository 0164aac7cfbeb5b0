"""Naming scenarios portably, and loading them off the main thread.

A save names a shipped scenario by its id (found in the installed package, so
it opens from any folder and after any reinstall) and a player's own file by
its absolute path.  Saves written by older versions from a source checkout
named ``scenarios/NAME.yaml`` relative to the folder the game ran in; those
still open when the path names a shipped scenario.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..scenario.loader import LoadResult, load_text, resolve, shipped_scenarios
from ..storage import user_scenarios_dir

SCENARIO_SUFFIXES = (".yaml", ".yml")
NOT_FILES = (Path("/proc"), Path("/sys"), Path("/dev"))  # kernel and device files are never scenarios

_loader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="scenario-loader")


class ScenarioRefError(ValueError):
    """A save's scenario reference that cannot name a scenario file (one line)."""


def shipped_bytes(name: str) -> bytes | None:
    """The bytes of a shipped scenario by name or id, or None when there is none."""
    key = name.replace("-", "_")
    shipped = shipped_scenarios()
    if key not in shipped:
        return None
    return resources.files("thirteendays.scenarios").joinpath(shipped[key]).read_bytes()


def reference_for(result: LoadResult) -> str:
    """What a save records for a loaded scenario: '' for a shipped one, else an absolute path.

    A file whose bytes are those of the shipped scenario with the same id counts as
    shipped (a checkout's ``scenarios/`` folder, or a copy), so the save stays portable.
    """
    if result.scenario is None:
        return ""
    shipped = shipped_bytes(result.scenario.id)
    path = Path(result.file)
    if not path.is_file():
        return ""  # it came from the package itself
    if shipped is not None and path.stat().st_size == len(shipped) and path.read_bytes() == shipped:
        return ""
    return str(path.resolve())


def load_with_reference(name: str | Path) -> tuple[LoadResult, str]:
    """Load a scenario by shipped name or path, with what a save should record for it.

    Decided from the bytes actually loaded: a shipped scenario (or an exact copy) is
    recorded by id, anything else by its absolute path; a file in the current folder
    that happens to be called ``scenarios/NAME.yaml`` cannot be mistaken for it.
    Raises FileNotFoundError or OSError like ``load_file``.
    """
    file, data = resolve(name)
    result = _load_bytes(data, file)
    if result.scenario is None or shipped_bytes(result.scenario.id) == data:
        return result, ""
    return result, str(Path(file).resolve())


@lru_cache(maxsize=8)
def _load_bytes(data: bytes, file: str) -> LoadResult:
    """Loading is pure in the bytes and the name shown in messages, so the title screen can
    flip between scenarios, and start game after game, without parsing a file twice."""
    return load_text(data, file)


def load_shipped(name: str) -> LoadResult:
    """A shipped scenario from the installed package, never a file of that name in the
    current folder; raises FileNotFoundError when there is no such shipped scenario."""
    data = shipped_bytes(name)
    if data is None:
        shipped = ", ".join(sorted(shipped_scenarios()))
        raise FileNotFoundError(f"{name[:200]}: no such scenario (shipped: {shipped})")
    return load_text(data, f"scenarios/{name.replace('-', '_')}.yaml")


def source_of(scenario_id: str, scenario_file: str) -> str:
    """The shipped name (no suffix) or file path to load for a save's scenario.

    Raises ScenarioRefError when the reference cannot name a scenario file.
    """
    if not scenario_file:
        return scenario_id
    path = Path(scenario_file)
    if not path.is_absolute():
        old_checkout = path.parent == Path("scenarios") and path.suffix in SCENARIO_SUFFIXES
        if old_checkout and shipped_bytes(path.stem) is not None:
            return path.stem  # an old save from a source checkout
        if not path.is_file():
            raise ScenarioRefError(
                f"the save names '{scenario_file[:200]}' relative to the folder it was made in, "
                "and it is not here"
            )
    if path.suffix not in SCENARIO_SUFFIXES:
        raise ScenarioRefError(f"the save's scenario file '{scenario_file[:200]}' is not a .yaml file")
    resolved = path.resolve()
    if any(resolved.is_relative_to(root) for root in NOT_FILES):
        raise ScenarioRefError(f"the save's scenario file '{scenario_file[:200]}' is not a scenario")
    return str(path)


def available_scenarios() -> list[tuple[str, str]]:
    """(display name, name or path) for shipped scenarios and those in the player's folder."""
    out = [
        (name.replace("_", " ").title(), name)
        for name in sorted(shipped_scenarios(), key=lambda n: (n != "cuban_missile_crisis", n))
    ]
    folder = user_scenarios_dir()
    if folder.is_dir():
        out += [(f"{p.stem} (yours)", str(p)) for p in sorted(folder.glob("*.yaml"))]
    return out


def in_background(fn, *args) -> Future:
    """Run ``fn(*args)`` on the one worker thread that reads scenario files for the window."""
    return _loader.submit(fn, *args)


def load_in_background(name: str) -> Future[tuple[LoadResult, str]]:
    """Start loading a scenario on a worker thread; the title screen keeps drawing meanwhile.

    The future's result is ``load_with_reference(name)``; a missing or unreadable file
    becomes the future's exception (FileNotFoundError or OSError), never a crash.
    """
    return _loader.submit(load_with_reference, name)
