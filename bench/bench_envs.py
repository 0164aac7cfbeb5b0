"""Environment benchmarks: the vector env at N = 65,536, the single env, against the engine itself.

Run:  python bench/bench_envs.py            (about half a minute)
      python bench/bench_envs.py --quick    (N = 16,384, fewer episodes)

Two counts of the vector env are printed: sub-env steps (num_envs x vector steps,
Gymnasium's usual "steps per second") and decisions (steps where a game actually
faced a decision; the rest are games sitting out an event that is not theirs).
The engine's own rate is measured in the same run, on the same games, with the
same choices (the first open option) made by a policy inside the engine, so the
ratio is what the environment costs.  Each rate is also given per CPU second of
this process, which stays meaningful when other work shares the machine.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
from threadpoolctl import threadpool_limits

from thirteendays.engine.game import Game
from thirteendays.envs import CrisisEnv, CrisisVectorEnv

SCENARIO = "cuban_missile_crisis"
TARGET = 2_000_000


def first_open(event, legal: np.ndarray, state, u: np.ndarray) -> np.ndarray:
    """The engine-side twin of the agent below: the first open option."""
    return legal.argmax(axis=0)


class Clock:
    """Wall and CPU seconds of one measurement."""

    def __enter__(self) -> Clock:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc) -> None:
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu


def vector_rates(env: CrisisVectorEnv, batches: int) -> tuple[int, int, int, Clock]:
    """(sub-env steps, decisions, games, clock) over whole batch episodes."""
    obs, info = env.reset(seed=1)
    steps = decisions = games = 0
    clock = Clock().__enter__()
    for _ in range(batches):
        done = np.zeros(env.num_envs, dtype=bool)
        while not done.all():  # each game of the batch ends once, then the batch is over
            mask = info["action_mask"]
            decisions += int(np.count_nonzero(obs["event"] < len(env.compiled.events)))
            obs, _, terminated, _, info = env.step(mask.argmax(axis=1))
            steps += 1
            done |= terminated
        games += env.num_envs
        obs, _, _, _, info = env.step(np.zeros(env.num_envs, dtype=np.int64))  # the autoreset step
        steps += 1
    clock.__exit__()
    return steps * env.num_envs, decisions, games, clock


def engine_rates(env: CrisisVectorEnv, batches: int) -> tuple[int, int, Clock]:
    """(the side's decisions, games, clock) with the same choices made inside the engine."""
    c = env.compiled
    side_events = [e.index for e in c.events if e.side == env.side_index]
    decisions = 0
    with Clock() as clock:
        for b in range(batches):
            g = Game(c, side=None, seed=b, n=env.num_envs, record=False, history=False)
            g.run({env.side: first_open, **{s: env.opponent for s in c.side_ids if s != env.side}})
            decisions += int(np.count_nonzero(g.state.choices[side_events] >= 0))
    return decisions, batches * env.num_envs, clock


def single_rate(episodes: int) -> tuple[float, float]:
    """(steps/s, episodes/s) of thirteendays/Crisis-v0 taking the first open option."""
    env = CrisisEnv(SCENARIO)
    steps = 0
    start = time.perf_counter()
    for seed in range(episodes):
        _, info = env.reset(seed=seed)
        done = False
        while not done:
            _, _, done, _, info = env.step(int(info["action_mask"].argmax()))
            steps += 1
    dt = time.perf_counter() - start
    return steps / dt, episodes / dt


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument(
        "--blas-threads",
        type=int,
        default=1,
        help="BLAS threads (default 1: at these sizes extra BLAS threads spin more than they help)",
    )
    args = ap.parse_args()
    with threadpool_limits(args.blas_threads, user_api="blas"):
        run(args.quick)


def run(quick: bool) -> None:
    n = 16_384 if quick else 65_536
    batches = 2 if quick else 4
    env = CrisisVectorEnv(n, SCENARIO, side="us", opponent="ai")
    vector_rates(env, 1)  # warm up: compile, allocate
    engine_rates(env, 1)
    vec = min((vector_rates(env, batches) for _ in range(2)), key=lambda r: r[-1].wall)
    eng = min((engine_rates(env, batches) for _ in range(2)), key=lambda r: r[-1].wall)
    steps, decisions, games, vclock = vec
    eng_decisions, eng_games, eclock = eng
    print(f"scenario: {SCENARIO}; side us (first open option) against the ai; N = {n:,} games in one batch")
    for label, clock in (("wall", "wall"), ("CPU", "cpu")):
        vt, et = getattr(vclock, clock), getattr(eclock, clock)
        print(
            f"vector env, per {label} second: {steps / vt:12,.0f} sub-env steps; "
            f"{decisions / vt:12,.0f} decision steps ({games / vt:,.0f} games)"
        )
        print(
            f"engine,     per {label} second: {eng_decisions / et:12,.0f} decisions "
            f"({eng_games / et:,.0f} games)"
        )
    wall_ratio = (decisions / vclock.wall) / (eng_decisions / eclock.wall)
    cpu_ratio = (decisions / vclock.cpu) / (eng_decisions / eclock.cpu)
    print(
        f"ratio: vector env / engine = {wall_ratio:.2f} (wall), {cpu_ratio:.2f} (CPU); "
        f"decisions per game {decisions / games:.2f} vs {eng_decisions / eng_games:.2f}"
    )
    rate = decisions / vclock.wall
    verdict = "met" if rate >= TARGET else "NOT met"
    print(f"target: >= {TARGET:,} decision steps/s on 2 cores: {verdict} ({rate:,.0f} measured)")
    single_steps, single_eps = single_rate(100 if quick else 400)
    print(
        f"single env: {single_steps:12,.0f} steps/s ({single_eps:,.0f} episodes/s); "
        f"the vector env takes {rate / single_steps:,.0f}x as many decisions a second"
    )


if __name__ == "__main__":
    main()
