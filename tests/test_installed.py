"""The installed game, used as a new player uses it: from a folder outside the source tree.

The installed ``thirteendays`` console script runs with its working folder in
a temporary directory and ``THIRTEENDAYS_HOME`` at a temporary home: two
choices and quit, ``replay`` of the autosave, the window's Load screen (SDL's
dummy driver) listing and opening it, then ``play --continue`` to the epilogue.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def console_script() -> str:
    beside = Path(sys.executable).parent / "thirteendays"
    found = str(beside) if beside.exists() else shutil.which("thirteendays")
    assert found, "the thirteendays console script is not installed"
    return found


def run(args: list[str], cwd: Path, home: Path, stdin: str = "") -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "THIRTEENDAYS_HOME": str(home),
        "SDL_VIDEODRIVER": "dummy",
        "SDL_AUDIODRIVER": "dummy",
    }
    env.pop("PYTHONPATH", None)
    return subprocess.run(args, input=stdin, capture_output=True, text=True, cwd=cwd, env=env, timeout=300)


WINDOW_LOAD = textwrap.dedent(
    """
    import pygame
    from thirteendays.settings import Settings
    from thirteendays.ui.app import Context, headless_app
    from thirteendays.ui.screens.title import TitleScreen

    ctx = Context(Settings(reduced_motion=True), size=(1280, 720))
    app, surface = headless_app(ctx, TitleScreen(ctx))
    app.tick(0.5, surface)  # past the grace period in which keys are ignored
    app.top.menu.focus = 5  # Load game
    app.dispatch(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode=""))
    app.tick(0.5, surface)
    app.tick(0.02, surface)
    assert app.top.name == "load", app.top.name
    print("listed:", app.top.menu.items[0].text())
    app.dispatch(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode=""))
    app.tick(0.02, surface)
    print("opened:", app.top.name, len(ctx.session.game.player_choices), ctx.messages)
    """
)


def test_a_new_player_from_any_folder(tmp_path: Path):
    cwd = tmp_path / "somewhere"
    cwd.mkdir()
    home = tmp_path / "home"
    assert not cwd.resolve().is_relative_to(ROOT)
    script = console_script()
    # Two choices (a warned option is confirmed with y), then quit.
    first = run([script, "play", "--text", "--seed", "11"], cwd, home, "1\ny\n1\ny\nq\n")
    assert first.returncode == 0, first.stderr
    autosave = home / "data" / "saves" / "autosave.json"
    save = json.loads(autosave.read_text())
    assert len(save["choices"]) == 2 and save["scenario_file"] == ""
    # replay prints the log of that autosave.
    replayed = run([script, "replay", str(autosave)], cwd, home)
    assert replayed.returncode == 0, replayed.stderr
    assert "unfinished after 2 choices" in replayed.stderr
    assert f"us {save['choices'][0][0]} -> {save['choices'][0][1]} (player)" in replayed.stdout
    # The window's Load screen lists it and opens it.
    window = run([sys.executable, "-c", WINDOW_LOAD], cwd, home)
    assert window.returncode == 0, window.stderr
    assert "listed: autosave: cuban-missile-crisis as us, 2 choices" in window.stdout
    assert "opened: briefing 2 []" in window.stdout or "opened: decision 2 []" in window.stdout
    # Continue plays on to the epilogue, and a finished game leaves no autosave behind.
    rest = run([script, "play", "--text", "--continue"], cwd, home, "1\ny\n" * 40)
    assert rest.returncode == 0, rest.stderr
    assert "The end:" in rest.stdout and "Epilogue" in rest.stdout
    assert "Traceback" not in rest.stderr + first.stderr + replayed.stderr + window.stderr
    assert not autosave.exists()
    assert not (cwd / "scenarios").exists() and list(cwd.iterdir()) == []


def test_a_wheel_built_from_the_source_ships_everything_the_game_reads(tmp_path: Path):
    """What ``pip install .`` installs, not the editable checkout: scenarios, fonts and map data
    must come from the package, or a player who installed the game cannot start it."""
    target = tmp_path / "site"
    # From a copy of the source as a fresh clone has it: a checkout's own egg-info and build
    # folders would slip files into the wheel that pyproject.toml forgot to name.
    clean = tmp_path / "source"
    shutil.copytree(
        ROOT,
        clean,
        ignore=shutil.ignore_patterns(
            "*.egg-info", "build", "dist", ".venv", ".git", "__pycache__", ".*_cache", ".hypothesis"
        ),
    )
    built = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(clean)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert built.returncode == 0, built.stderr
    cwd, home = tmp_path / "elsewhere", tmp_path / "home"
    cwd.mkdir()
    python = [sys.executable, "-m", "thirteendays"]

    def installed(args: list[str], stdin: str = "") -> subprocess.CompletedProcess:
        env = {**os.environ, "PYTHONPATH": str(target), "THIRTEENDAYS_HOME": str(home)}
        env.update(SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
        return subprocess.run(
            [*python, *args], input=stdin, capture_output=True, text=True, cwd=cwd, env=env, timeout=300
        )

    where = subprocess.run(
        [sys.executable, "-c", "import thirteendays; print(thirteendays.__file__)"],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(target)},
    )
    assert Path(where.stdout.strip()).is_relative_to(target)  # the wheel's copy, not the checkout
    # Every module of the source is in the wheel. (Checked file by file: the test's own
    # interpreter has the editable checkout on its import path, which would hide a module
    # the wheel left out.)
    source = ROOT / "src" / "thirteendays"
    missing = [
        str(p.relative_to(source))
        for p in source.rglob("*.py")
        if not (target / "thirteendays" / p.relative_to(source)).is_file()
    ]
    assert missing == [], f"modules left out of the wheel (list their packages in pyproject.toml): {missing}"
    for name in ("cuban_missile_crisis", "berlin_1961", "tutorial"):
        res = installed(["validate", name])
        assert res.returncode == 0, res.stderr
    played = installed(["play", "--text", "--seed", "3"], "1\ny\n" * 40)
    assert played.returncode == 0, played.stderr
    assert "Epilogue" in played.stdout
    shot = installed(["screenshot", "--screen", "map", "--out", "map.png"])
    assert shot.returncode == 0, shot.stderr
    assert (cwd / "map.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
