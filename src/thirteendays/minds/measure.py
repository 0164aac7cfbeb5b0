"""Measures of how much of a game the crisis is: the issue's "Done when" numbers, seeded.

Every comparison uses common random numbers: the plans being compared meet the
same dice (the same ``SeedSequence`` per block of games), so differences are
the plans', not the luck's.  The bench prints these at full scale and the tests
hold their bounds at a small one.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from ..engine.compiled import Compiled
from ..engine.game import Game
from ..engine.outcomes import Result
from ..engine.streams import Streams
from ..scenario.model import Scenario
from .advisers import careful_rollouts, consult, ranking
from .policies import Policy
from .search import STANCES, prestige_table, stances

_SALT = 0xBE7C


def plan_policy(table: np.ndarray, games_per_plan: int) -> Policy:
    """A side playing fixed stance plans: ``table`` (E, P) is the stance of plan p at event e.

    Games are laid out plan-major, ``games_per_plan`` per plan.  Each event takes
    the open option of the wanted stance the scenario finds likeliest, or the
    nearest stance when none is open; no plan reads the state.
    """

    def policy(ev, legal: np.ndarray, state, u: np.ndarray) -> np.ndarray:
        want = np.repeat(table[ev.index], games_per_plan)[: legal.shape[1]]
        dist = np.abs(stances(ev)[:, None] - want[None, :])
        score = np.where(legal, -100.0 * dist + ev.ai_logw[:, None], -np.inf)
        return score.argmax(axis=0)

    return policy


def _streams(seed: int, key: int, plans: int, games: int) -> Streams:
    """The same dice for every plan: one block per plan, all from one seed."""
    ss = np.random.SeedSequence(seed, spawn_key=(_SALT, key))
    return Streams([ss] * plans, [games] * plans)


def play_plans(
    c: Compiled, side: str, table: np.ndarray, games: int, opponent: str | Policy, seed: int, key: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Prestige (P, G) for the side, war (P, G) and ending index (P, G) of every plan.

    Prestige is what the player is scored: the ending's, less what the side lost by
    breaking public commitments (``_earned``).
    """
    plans = table.shape[1]
    other = next(s for s in c.side_ids if s != side)
    batch = Game(c, side=None, n=plans * games, streams=_streams(seed, key, plans, games), record=False)
    result = batch.run({side: plan_policy(table, games), other: opponent})
    prestige, ends = _earned(c, side, result)
    return prestige.reshape(plans, games), result.state.war.reshape(plans, games), ends.reshape(plans, games)


def play_named(c: Compiled, side: str, mine: str, games: int, opponent: str, seed: int, key: int = 0):
    """Prestige (G,) and war (G,) of a named policy for the side, on the same dice as ``play_plans``."""
    other = next(s for s in c.side_ids if s != side)
    batch = Game(c, side=None, n=games, streams=_streams(seed, key, 1, games), record=False)
    result = batch.run({side: mine, other: opponent})
    return _earned(c, side, result)[0], result.state.war


def _earned(c: Compiled, side: str, result: Result) -> tuple[np.ndarray, np.ndarray]:
    """Each game's prestige for the side and its ending index (no ending: the last).

    The audience cost is subtracted here as the score screen and the environments do:
    a measure that left it out would call a promise broken at the end free, and count
    a decision that only makes or breaks one as not mattering.
    """
    ends = np.where(result.endings < 0, len(c.ending_ids), result.endings)
    me = c.side_ids.index(side)
    return prestige_table(c, me)[ends] - result.audience_cost(me), ends


def simple_scripts(c: Compiled, switch_days: list[int] | None = None) -> tuple[list[str], np.ndarray]:
    """Fixed stances, and a fixed stance switching to another from one day on: names and (E, P)."""
    days = np.array([e.day for e in c.events])
    names, cols = [], []
    words = ("concede", "hold", "escalate")
    for a in range(STANCES):
        names.append(f"always {words[a]}")
        cols.append(np.full(len(c.events), a))
    for d in switch_days if switch_days is not None else range(2, c.days + 1):
        for a in range(STANCES):
            for b in range(STANCES):
                if a != b:
                    names.append(f"{words[a]}, {words[b]} from day {d}")
                    cols.append(np.where(days < d, a, b))
    return names, np.stack(cols, axis=1)


@dataclass(frozen=True)
class ScriptReport:
    side: str
    scripts: int
    best_name: str
    best_mean: float
    best_share: float  # of the best script by mean prestige: share reaching the side's best ending
    best_war: float
    tricks: list[str]  # scripts reaching the best ending > 30% with war <= 10%
    historical_mean: float
    historical_low: float
    historical_high: float

    @property
    def holds(self) -> bool:
        return not self.tricks and self.best_mean <= self.historical_high


def scripts_against(
    c: Compiled, side: str, opponent: str, games: int, seed: int, switch_days=None
) -> ScriptReport:
    """The issue's first bound: no simple script is a trick that beats the opponent."""
    names, table = simple_scripts(c, switch_days)
    prestige, war, ends = play_plans(c, side, table, games, opponent, seed)
    table_p = prestige_table(c, c.side_ids.index(side))[:-1]
    best_ending = int(table_p.argmax())
    share = (ends == best_ending).mean(axis=1)
    wars = war.mean(axis=1)
    means = prestige.mean(axis=1)
    tricks = [n for n, s, w in zip(names, share, wars, strict=True) if s > 0.30 and w <= 0.10]
    hist, _ = play_named(c, side, "historical", games, opponent, seed)
    half = 1.96 * hist.std(ddof=1) / np.sqrt(games)
    b = int(means.argmax())
    return ScriptReport(
        side,
        len(names),
        names[b],
        float(means[b]),
        float(share[b]),
        float(wars[b]),
        tricks,
        float(hist.mean()),
        float(hist.mean() - half),
        float(hist.mean() + half),
    )


def random_plans(c: Compiled, plans: int, seed: int) -> np.ndarray:
    """Random fixed plans: a uniformly random stance per event, (E, P)."""
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(_SALT, 1))))
    return rng.integers(0, STANCES, size=(len(c.events), plans))


def variance_explained(c: Compiled, side: str, opponent: str, plans: int, games: int, seed: int) -> float:
    """Share of the variance of the side's prestige explained by its plan (between / total)."""
    prestige, _, _ = play_plans(c, side, random_plans(c, plans, seed), games, opponent, seed, key=2)
    total = prestige.var()
    return float(prestige.mean(axis=1).var() / total) if total > 0 else 0.0


def _single_changes(c: Compiled, side: str, plan: np.ndarray) -> tuple[list[int], np.ndarray]:
    """The side's events, and the plan followed by every plan that differs from it in one of them."""
    me = c.side_ids.index(side)
    mine = [e.index for e in c.events if e.side == me]
    variants = [plan]
    for e in mine:
        for s in range(STANCES):
            if s != plan[e]:
                v = plan.copy()
                v[e] = s
                variants.append(v)
    return mine, np.stack(variants, axis=1)


def best_plan(
    c: Compiled,
    side: str,
    opponent: str,
    plans: int,
    games: int,
    seed: int,
    climb: int = 3,
    starts: int = 1,
) -> np.ndarray:
    """The best of ``plans`` random plans, then improved one decision at a time.

    The best of a few dozen random plans is far from the best plan (changing one of
    its decisions often gains more than a point), so it is climbed: each round tries
    every single change on the same dice and keeps the one that gains most, for at
    most ``climb`` rounds or until none gains.  Climbs from different plans end on
    different hills (the Soviet side's three best random plans at seed 2026 climbed to
    +1.62, +2.59 and +1.25), so the ``starts`` best are each climbed and the best
    climbed plan is kept.
    """
    table = random_plans(c, plans, seed)
    prestige, _, _ = play_plans(c, side, table, games, opponent, seed, key=3)
    means = prestige.mean(axis=1)
    found, found_value = table[:, 0], -np.inf
    for k in np.argsort(-means, kind="stable")[:starts]:
        best, value = table[:, k], float(means[k])
        for _ in range(climb):
            _, variants = _single_changes(c, side, best)
            values, _, _ = play_plans(c, side, variants, games, opponent, seed, key=3)
            tried = values.mean(axis=1)
            j = int(tried[1:].argmax()) + 1
            if tried[j] <= tried[0]:
                break
            best, value = variants[:, j], float(tried[j])
        if value > found_value:
            found, found_value = best, value
    return found


def checked_changes(
    c: Compiled, side: str, opponent: str, plan: np.ndarray, games: int, seed: int, key: int
) -> tuple[list[int], np.ndarray, np.ndarray]:
    """The side's events, the plans one change from ``plan`` (``_single_changes``), and what
    each change does to ``plan``'s value: (E, STANCES - 1) signed differences, one set of dice."""
    mine, variants = _single_changes(c, side, plan)
    values, _, _ = play_plans(c, side, variants, games, opponent, seed, key=key)
    means = values.mean(axis=1)
    return mine, variants, (means[1:] - means[0]).reshape(len(mine), STANCES - 1)


def decision_deltas(
    c: Compiled,
    side: str,
    opponent: str,
    plans: int,
    games: int,
    seed: int,
    climb: int = 3,
    check: int = 4,
    polish: int = 2,
    threshold: float = 0.5,
    starts: int = 1,
) -> dict[str, float]:
    """For each of the side's events, the most that changing it moves the best plan's value.

    The best plan (``best_plan``) is found on one set of dice; each of the side's
    events is then changed to each other stance in turn and played ``check`` times as
    many games on fresh dice, so the figure is flattered neither by the luck the
    search exploited nor by the dice alone (at 32 games a change that did nothing
    could read as 0.75).  A climb on small samples can stop short of the best plan,
    and then a change *gains* more than ``threshold``, which says the plan was not
    the best rather than that the decision matters: such a change is taken and the
    check repeated on fresh dice, at most ``polish`` times.
    """
    best = best_plan(c, side, opponent, plans, games, seed, climb, starts)
    for round_ in range(polish + 1):
        mine, variants, d = checked_changes(c, side, opponent, best, games * check, seed, key=4 + round_)
        k = int(d.argmax())
        if d.flat[k] <= threshold or round_ == polish:
            break
        best = variants[:, k + 1]  # variant 0 is the plan itself
    return {c.events[e].id: float(v) for e, v in zip(mine, np.abs(d).max(axis=1), strict=True)}


def decisions_that_matter(
    c: Compiled,
    side: str,
    opponent: str,
    plans: int,
    games: int,
    seed: int,
    threshold: float = 0.5,
    climb: int = 3,
    check: int = 4,
    polish: int = 2,
    starts: int = 1,
) -> tuple[int, int]:
    """How many of the side's events change the best plan's value by more than ``threshold``,
    of how many (``decision_deltas``)."""
    deltas = decision_deltas(c, side, opponent, plans, games, seed, climb, check, polish, threshold, starts)
    return sum(d > threshold for d in deltas.values()), len(deltas)


def adviser_agreement(
    scenario: Scenario, side: str, seed: int, rollouts: int, careful: int
) -> tuple[int, int]:
    """On the historical path, how often the council's safest option is as safe as careful play's safest."""
    game = Game(scenario, side=side, seed=seed, opponent="historical")
    agree = total = 0
    while (d := game.decision()) is not None:
        views = consult(game, rollouts=rollouts)
        wars = careful_rollouts(game, rollouts=careful)
        spread = max(wars.values()) - min(wars.values())
        if spread > 0.02:
            total += 1
            # The council reads its intelligence and the yardstick the truth: an option
            # within one standard error of careful play's safest is as safe.
            safest = min(wars.values())
            error = float(np.sqrt(max(safest * (1 - safest), 1 / careful) / careful))
            agree += wars[ranking(views)[0]] <= safest + error
        h = [o.id for o in d.options if o.historical]
        game.choose(h[0] if h else d.option_ids[0])
    return agree, total


def master_move_times(scenario: Scenario, side: str, seed: int, opponent: str = "master") -> list[float]:
    """Seconds per opponent move in a one-game (window) match; the player takes history's options."""
    from ..engine.policies import get_policy

    mind = get_policy(opponent)
    times: list[float] = []

    class Timed:
        __name__ = opponent

        def decide(self, game, pending):
            t = time.perf_counter()
            out = mind.decide(game, pending)
            times.append(time.perf_counter() - t)
            return out

        def __call__(self, *args):
            raise RuntimeError("timed minds decide")

    game = Game(scenario, side=side, seed=seed, opponent="ai")
    other = next(s for s in game.compiled.side_ids if s != side)
    game.controllers[game.compiled.side_ids.index(other)] = Timed()
    while (d := game.decision()) is not None:
        h = [o.id for o in d.options if o.historical]
        game.choose(h[0] if h else d.option_ids[0])
    return times
