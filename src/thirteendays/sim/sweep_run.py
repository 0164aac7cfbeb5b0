"""Running a study's points: in this process, on a local process pool, or on Dask.

All three call the same ``play_point`` with the same arguments and put each
result back at its point's index, so the numbers are identical whichever runs
them and in whatever order tasks finish.  Identical points (a step held at a
limit, a policy pair given twice) are played once.

The local pool uses the ``spawn`` start method, which works the same on Linux,
macOS and Windows; a task carries the scenario model itself (it pickles; about
80 kB for the shipped scenario) and its overrides, never a closure.  Dask is
imported only when a scheduler address is given.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool

from ..scenario.model import Scenario
from .sweep import Outcome, Point, StudyError, play_point

# Below this many games a study runs in this process unless --workers says otherwise: a
# spawned worker takes about a second to import numpy and pydantic, which is longer than
# a few hundred thousand games take.
SERIAL_BELOW = 400_000
CONNECT_TIMEOUT = 10.0  # seconds to reach a scheduler and to see a worker there
DASK_HINT = 'running on a Dask cluster needs dask.distributed: pip install "thirteendays[dask]"'

Progress = Callable[[int, int], None]


class ClusterError(RuntimeError):
    """The cluster cannot be reached or used; one line for the user, exit status 1."""


def run_points(
    scenario: Scenario,
    points: Sequence[Point],
    runs: int,
    seed: int,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
    timeout: float = CONNECT_TIMEOUT,
) -> list[Outcome]:
    """Each point's outcome, in the order of ``points``; ``timeout`` bounds reaching a scheduler."""
    unique = list(dict.fromkeys(points))
    if scheduler:
        done = _on_dask(scenario, unique, runs, seed, scheduler, progress, timeout)
    else:
        done = _local(scenario, unique, runs, seed, workers, progress)
    by_point = dict(zip(unique, done, strict=True))
    return [by_point[p] for p in points]


def _local(
    scenario: Scenario,
    points: list[Point],
    runs: int,
    seed: int,
    workers: int | None,
    progress: Progress | None,
) -> list[Outcome]:
    if workers is None and len(points) * runs < SERIAL_BELOW:
        workers = 1  # starting processes would cost more than the games
    workers = min(workers or os.cpu_count() or 1, len(points))
    out: list[Outcome | None] = [None] * len(points)
    if workers <= 1:
        for i, p in enumerate(points):
            out[i] = play_point(scenario, p, runs, seed)
            if progress:
                progress(i + 1, len(points))
        return out  # type: ignore[return-value]
    context = multiprocessing.get_context("spawn")
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            futures = {pool.submit(play_point, scenario, p, runs, seed): i for i, p in enumerate(points)}
            for n, fut in enumerate(as_completed(futures), 1):
                out[futures[fut]] = fut.result()
                if progress:
                    progress(n, len(points))
    except BrokenProcessPool:
        raise ClusterError(
            "a local worker process died (out of memory?); try fewer --workers or fewer runs"
        ) from None
    return out  # type: ignore[return-value]


def connect(address: str, timeout: float = CONNECT_TIMEOUT):
    """A Dask client for ``address`` with at least one worker, or a one-line ClusterError."""
    try:
        from dask.distributed import Client
    except ImportError:
        raise ClusterError(DASK_HINT) from None
    if "://" not in address and ":" not in address:
        raise StudyError(f"--scheduler '{address}' is not an address, e.g. tcp://HOST:8786")
    try:
        client = Client(address, timeout=f"{timeout}s", set_as_default=False)
    except (OSError, TimeoutError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ClusterError(
            f"cannot reach the Dask scheduler at {address} within {timeout:g} s ({reason[:160]})"
        ) from None
    except ValueError as exc:
        raise StudyError(f"--scheduler '{address}': {str(exc).splitlines()[0][:160]}") from None
    try:
        client.wait_for_workers(1, timeout=timeout)
    except TimeoutError:
        client.close()
        raise ClusterError(
            f"the Dask scheduler at {address} has no workers after {timeout:g} s "
            f"(start one with: dask worker {address})"
        ) from None
    return client


def _on_dask(
    scenario: Scenario,
    points: list[Point],
    runs: int,
    seed: int,
    address: str,
    progress: Progress | None,
    timeout: float,
) -> list[Outcome]:
    client = connect(address, timeout)
    from dask.distributed import as_completed as dask_completed

    try:
        [shared] = client.scatter([scenario], broadcast=True)
        futures = [client.submit(play_point, shared, p, runs, seed, pure=False) for p in points]
        index = {f.key: i for i, f in enumerate(futures)}
        out: list[Outcome | None] = [None] * len(points)
        for n, fut in enumerate(dask_completed(futures, loop=client.loop), 1):
            out[index[fut.key]] = fut.result()
            if progress:
                progress(n, len(points))
        return out  # type: ignore[return-value]
    except Exception as exc:  # whatever a remote worker raised, the user gets one line
        raise ClusterError(_cluster_failure(address, exc)) from None
    finally:
        client.close()


def _cluster_failure(address: str, exc: BaseException) -> str:
    text = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
    if "No module named 'thirteendays'" in text or "deserialization of the task graph" in text:
        return (
            f"the Dask cluster at {address} cannot load the study: install thirteendays (the same "
            f"version) where the scheduler and every worker run ({text.rstrip('. ')})"
        )
    return f"the study failed on the Dask cluster at {address}: {type(exc).__name__}: {text}"
