"""Frame time of every screen at 1280x720, with the text caches warm.

Run:  SDL_VIDEODRIVER=dummy python bench/bench_ui.py
Prints the median and 95th-percentile time to draw one frame per screen, and
each median as a share of the 4 ms budget, measured side by side in one run.
The map is measured three more times while it animates (rings drawn out, ships
sailing): the Cuba map on day 12 with its inset, and Berlin's schematic.
"""

from __future__ import annotations

import os
import statistics
import time

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from thirteendays.settings import Settings
from thirteendays.ui.shots import SCREENS, build

BUDGET_MS = 4.0
FRAMES = 200


def main() -> None:
    print(f"{'screen':<12}{'median ms':>10}{'p95 ms':>9}{'of budget':>11}")
    worst = 0.0
    moving = Settings(reduced_motion=False)
    runs = [(name, name, {"day": 9}) for name in SCREENS] + [
        ("map anim", "map", {"day": 9, "settings": moving}),
        ("map day 12", "map", {"day": 12, "settings": moving}),
        ("map berlin", "map", {"day": 6, "scenario": "berlin_1961", "settings": moving}),
    ]
    for label, name, kwargs in runs:
        app, surface = build(name, size=(1280, 720), **kwargs)
        for _ in range(10):
            app.tick(1 / 60, surface)
        times = []
        for _ in range(FRAMES):
            t = time.perf_counter()
            app.tick(1 / 60, surface)
            times.append((time.perf_counter() - t) * 1000)
        med = statistics.median(times)
        p95 = sorted(times)[int(0.95 * len(times))]
        worst = max(worst, med)
        print(f"{label:<12}{med:10.2f}{p95:9.2f}{med / BUDGET_MS:10.0%}")
    print(f"worst median {worst:.2f} ms = {worst / BUDGET_MS:.0%} of the {BUDGET_MS} ms budget")


if __name__ == "__main__":
    main()
