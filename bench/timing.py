"""Timers shared by the benchmarks.

The machines are noisy, so each figure is the best of several runs (the run
least disturbed by other work), and CPU time is offered beside wall time: on a
shared machine it is nearer what a quiet machine's wall clock would show.
"""

from __future__ import annotations

import time
from collections.abc import Callable


def best_of(fn: Callable[[], object], repeat: int = 3, *, warm: bool = False) -> float:
    """The best wall time of ``repeat`` runs; ``warm`` runs once first (imports, caches)."""
    return _best(fn, repeat, warm, time.perf_counter)


def best_cpu(fn: Callable[[], object], repeat: int = 3, *, warm: bool = True) -> float:
    """The best CPU time (all threads of this process) of ``repeat`` runs."""
    return _best(fn, repeat, warm, time.process_time)


def timed(fn: Callable[[], object]) -> tuple[float, float, object]:
    """Wall and CPU seconds of one call, and what it returned."""
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, out


def _best(fn: Callable[[], object], repeat: int, warm: bool, clock: Callable[[], float]) -> float:
    if warm:
        fn()
    times = []
    for _ in range(repeat):
        t = clock()
        fn()
        times.append(clock() - t)
    return min(times)
