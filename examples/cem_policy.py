"""Learn a policy for one side with the cross-entropy method, numpy only, from the vector env.

    python examples/cem_policy.py                 # the US against the scripted `ai` USSR
    python examples/cem_policy.py --side ussr --generations 30

The policy is a table: a preference score for every option of every event, and
at each decision the side takes its highest-scoring open option.  The
cross-entropy method keeps a Gaussian over those tables.  Each generation
draws a population of tables, plays them all at once (game i of one vector-env
batch follows table i mod population), keeps the best fifth by mean prestige,
and refits the Gaussian to them.

The learned table is then judged against the scripted ``ai`` policy playing the
same side, on the same seeded games: the same batch seed gives both the same
dice, so the difference is the policy's alone.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass

import numpy as np

from thirteendays.engine.game import Game
from thirteendays.envs import CrisisVectorEnv
from thirteendays.envs.observe import Prestige

ELITE_SHARE = 0.2


@dataclass
class Table:
    """Option preferences per event: (events + 1, options); the last row is 'no decision'."""

    scores: np.ndarray

    def act(self, obs: dict[str, np.ndarray], member: np.ndarray | None = None) -> np.ndarray:
        """The highest-scoring open option for every game; rows of ``member`` pick tables."""
        scores = self.scores[obs["event"]] if member is None else self.scores[member, obs["event"]]
        return np.where(obs["options"] == 1, scores, -np.inf).argmax(axis=1)


def play(env: CrisisVectorEnv, act, seed: int) -> np.ndarray:
    """One batch episode from ``reset(seed)``: the reward every game earned."""
    obs, _ = env.reset(seed=seed)
    total = np.zeros(env.num_envs)
    done = np.zeros(env.num_envs, dtype=bool)
    while not done.all():  # each game of the batch ends once; then a new batch would start
        obs, reward, terminated, _, _ = env.step(act(obs))
        total += reward
        done |= terminated
    return total


def train(
    scenario: str = "cuban_missile_crisis",
    side: str = "us",
    generations: int = 25,
    population: int = 64,
    games: int = 32_768,
    seed: int = 0,
    log=print,
) -> Table:
    """The cross-entropy method over option tables, ``games`` games per generation."""
    env = CrisisVectorEnv(games, scenario, side=side, opponent="ai")
    shape = (len(env.compiled.events) + 1, env.compiled.max_options)
    rng = np.random.default_rng(np.random.SeedSequence(seed))
    mean, std = np.zeros(shape), np.ones(shape)
    member = np.arange(games) % population
    elites = max(2, round(population * ELITE_SHARE))
    for generation in range(generations):
        tables = mean + std * rng.standard_normal((population, *shape))
        batch_seed = int(rng.integers(2**63))
        rewards = play(env, lambda obs, t=tables: Table(t).act(obs, member), batch_seed)
        score = np.bincount(member, weights=rewards, minlength=population) / np.bincount(member)
        best = tables[np.argsort(score)[-elites:]]
        mean, std = best.mean(axis=0), best.std(axis=0) + 0.05  # a floor keeps it exploring
        log(f"generation {generation + 1:3d}: mean prestige {rewards.mean():+.3f}, best {score.max():+.3f}")
    return Table(mean)


def evaluate(table: Table, scenario: str, side: str, games: int, seed: int) -> dict[str, float]:
    """Mean prestige of the table, the scripted ``ai`` and random play, on the same seeded games."""
    env = CrisisVectorEnv(games, scenario, side=side, opponent="ai")
    learned = play(env, table.act, seed).mean()
    rng = np.random.default_rng(seed)
    uniform = play(env, lambda obs: (rng.random(obs["options"].shape) * obs["options"]).argmax(axis=1), seed)
    game = Game(env.compiled, side=None, seed=seed, n=games, opponent="ai")
    result = game.run({s: "ai" for s in env.compiled.side_ids})
    ai = Prestige.of(env.compiled).of_games(result.endings, env.side_index).mean()
    return {"learned": float(learned), "ai": float(ai), "random": float(uniform.mean())}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scenario", default="cuban_missile_crisis")
    ap.add_argument("--side", default="us")
    ap.add_argument("--generations", type=int, default=25)
    ap.add_argument("--population", type=int, default=64)
    ap.add_argument("--games", type=int, default=32_768, help="games per generation")
    ap.add_argument("--eval-games", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    t = time.perf_counter()
    table = train(args.scenario, args.side, args.generations, args.population, args.games, args.seed)
    print(f"trained in {time.perf_counter() - t:.1f} s")
    scores = evaluate(table, args.scenario, args.side, args.eval_games, seed=args.seed + 1_000_003)
    print(
        f"mean {args.side} prestige over {args.eval_games:,} seeded games against the ai: "
        f"learned {scores['learned']:+.3f}, ai {scores['ai']:+.3f}, random {scores['random']:+.3f}"
    )


if __name__ == "__main__":
    main()
