"""The application layer's costs, measured side by side in one run.

Run:  SDL_VIDEODRIVER=dummy python bench/bench_play.py
Prints medians for: the title screen's first frame (it no longer parses the
scenario on the main thread) beside loading the scenario; building the
player's view beside reading it from the session's cache; and opening a
finished save (read, load the scenario, replay every choice).
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
os.environ.setdefault("THIRTEENDAYS_HOME", tempfile.mkdtemp(prefix="thirteendays-bench-"))

from thirteendays.play import new_game, open_save, view_for
from thirteendays.scenario.loader import load_file
from thirteendays.settings import Settings
from thirteendays.ui.app import Context, init_pygame
from thirteendays.ui.screens.title import TitleScreen

RUNS = 15


def median_ms(work: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        work()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def title_first_frame() -> None:
    import pygame

    ctx = Context(Settings(reduced_motion=True), size=(1280, 720))
    screen = TitleScreen(ctx)
    screen.draw(pygame.Surface(ctx.size))


def finished_save() -> Path:
    session = new_game("cuban_missile_crisis", "us", 11, "historical").session
    while session.view().decision is not None:
        session.choose(session.view().decision.options[0].id)
    return session.save(Path(os.environ["THIRTEENDAYS_HOME"]) / "finished.json")


def main() -> None:
    init_pygame()
    title_first_frame()  # warm the fonts
    load = median_ms(lambda: load_file("cuban_missile_crisis"))
    title = median_ms(title_first_frame)
    session = new_game("cuban_missile_crisis", "us", 11, "historical").session
    while session.view().decision is not None and session.view().decision.day < 9:
        session.choose(session.view().decision.options[0].id)  # mid-crisis: a long log
    build = median_ms(lambda: view_for(session.game, "us"), runs=200)
    session.view()
    cached = median_ms(session.view, runs=200)
    path = finished_save()
    opened = median_ms(lambda: open_save(path))
    rows = [
        ("title screen: construct + first frame", title, ""),
        ("load the 13 days (off the main thread)", load, f"{load / title:.0f}x the title's frame"),
        ("PlayerView on day 9: built", build, ""),
        ("PlayerView on day 9: session cache", cached, f"{build / cached:.0f}x faster than building"),
        ("open a finished save (read+load+replay)", opened, ""),
    ]
    for label, ms, note in rows:
        print(f"{label:<42}{ms:9.3f} ms  {note}")


if __name__ == "__main__":
    main()
