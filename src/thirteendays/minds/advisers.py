"""The council: named advisers who estimate each option under their own assumptions.

A single estimate is an oracle the player learns to obey, and an oracle that
simulates the player with the war-prone ``ai`` policy is a wrong one: it rated
the air strike safest.  Here every adviser plays the rest of the crisis with the
player continuing *their own* habits so far (Dirichlet counts over stances, with
a careful prior), and the other side acting as that adviser expects (his
``expects`` weights, worth ``resolve`` moves, updated by what the other side has
actually done).  Each gives intervals, not a number, and says what he assumes;
the council's spread is the honest uncertainty.

All advisers share the same random numbers (common random numbers), so where
they differ it is their assumptions speaking, not the dice.  The rollouts use
seeds derived from the game's, so asking for advice never changes the game.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..engine.game import Game
from ..scenario.model import Adviser, Scenario, Stance
from ..sim.montecarlo import wilson
from .search import play_out, prestige_table, stance_counts

ROLLOUTS = 600  # per adviser and option: 7 advisers x 4 options in well under a second
# The player is assumed careful until they show otherwise: holding firm twice as likely.
PLAYER_PRIOR = np.array([1.0, 2.0, 1.0])
_ORDER = (Stance.CONCEDE, Stance.HOLD, Stance.ESCALATE)
_SALT = 0xAD71CE


@dataclass(frozen=True)
class Opinion:
    """One adviser's estimate of one option, with 95% intervals."""

    adviser: str
    role: str
    assumes: str
    option: str
    rollouts: int
    war: float
    war_low: float
    war_high: float
    prestige: float
    prestige_low: float
    prestige_high: float
    likeliest: str
    likeliest_share: float
    # Every ending he expects, as (ending id, share): the council's likeliest is read from
    # all of them, so one worried man's "war" does not speak for the whole room.
    shares: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class CouncilView:
    """The whole council on one option: each opinion, and the range they span."""

    option: str
    opinions: tuple[Opinion, ...]

    @property
    def war_low(self) -> float:
        return min(o.war for o in self.opinions)

    @property
    def war_high(self) -> float:
        return max(o.war for o in self.opinions)

    @property
    def war(self) -> float:
        """The council's consensus: the mean of its members' estimates."""
        return float(np.mean([o.war for o in self.opinions]))

    @property
    def prestige(self) -> float:
        return float(np.mean([o.prestige for o in self.opinions]))

    @property
    def likeliest(self) -> tuple[str, float]:
        """The ending the council as a whole expects most, and its mean share among them.

        Not the most confident member's ending: beside "war 20% to 66%" the single
        worried adviser's "likeliest: war" read as the council's verdict.
        """
        pooled: dict[str, float] = {}
        for o in self.opinions:
            for ending, share in o.shares or ((o.likeliest, o.likeliest_share),):
                pooled[ending] = pooled.get(ending, 0.0) + share / len(self.opinions)
        return max(pooled.items(), key=lambda kv: kv[1])

    @property
    def most_worried(self) -> Opinion:
        return max(self.opinions, key=lambda o: o.war)

    @property
    def least_worried(self) -> Opinion:
        return min(self.opinions, key=lambda o: o.war)


def council_of(scenario: Scenario, side: str) -> tuple[Adviser, ...]:
    """The side's declared advisers, or one neutral voice for a scenario that names none."""
    declared = scenario.sides[side].advisers
    if declared:
        return tuple(declared)
    return (
        Adviser(
            name=f"The {scenario.sides[side].council}",
            assumes="that the other side will go on as it has so far",
            expects={Stance.CONCEDE: 1.0, Stance.HOLD: 1.0, Stance.ESCALATE: 1.0},
            resolve=1.0,
        ),
    )


def expectation(adviser: Adviser) -> np.ndarray:
    """His expectation of the other side as pseudo-counts (concede, hold, escalate)."""
    w = np.array([adviser.expects.get(s, 0.0) for s in _ORDER], dtype=np.float64)
    return w / w.sum() * adviser.resolve


def ranking(views: dict[str, CouncilView]) -> list[str]:
    """Options from safest to riskiest by the council's consensus; prestige breaks ties."""
    return sorted(views, key=lambda k: (round(views[k].war, 3), -views[k].prestige))


def consult(game: Game, rollouts: int = ROLLOUTS, seed: int | None = None) -> dict[str, CouncilView]:
    """Every adviser's estimate of every open option of the pending decision, in one batch.

    The game is untouched.  ``seed`` defaults to the game's; the key also holds
    the number of choices made and the event, so each decision gets fresh rollouts.
    """
    pending = game.pending
    if pending is None:
        raise RuntimeError("there is no decision to advise on")
    c, ev = game.compiled, pending.event
    me, other = ev.side, 1 - ev.side
    council = council_of(c.scenario, c.side_ids[me])
    a = len(council)
    row = int(pending.games[0])
    rows = np.full(a, row)
    key = game.seed if seed is None else seed
    ss = np.random.SeedSequence(key, spawn_key=(_SALT, len(game.player_choices), ev.index))
    own = stance_counts(c, game.state, me)[row] + PLAYER_PRIOR
    seen = stance_counts(c, game.state, other, seen_only=True)[row]  # never its secret orders
    controllers: list = [None, None]
    controllers[me] = np.tile(own, (a, 1))
    controllers[other] = np.stack([expectation(x) + seen for x in council])
    costs: list = []
    ends, wars = play_out(game, pending, rows, rollouts, [ss] * a, controllers, believer=me, costs=costs)
    mine = prestige_table(c, me)[ends] - costs[0][..., me]  # (A, O, R), less broken promises
    open_ = [j for j in range(ev.n_options) if pending.legal[j, row]]
    views = {}
    for j in open_:
        opinions = []
        for i, adviser in enumerate(council):
            war = int(wars[i, j].sum())
            lo, hi = wilson(war, rollouts)
            p = mine[i, j]
            half = 1.96 * float(p.std(ddof=1)) / np.sqrt(rollouts) if rollouts > 1 else 0.0
            counts = np.bincount(ends[i, j], minlength=len(c.ending_ids) + 1)[: len(c.ending_ids)]
            best = int(counts.argmax())
            opinions.append(
                Opinion(
                    adviser=adviser.name,
                    role=adviser.role,
                    assumes=adviser.assumes,
                    option=ev.option_ids[j],
                    rollouts=rollouts,
                    war=war / rollouts,
                    war_low=lo,
                    war_high=hi,
                    prestige=float(p.mean()),
                    prestige_low=float(p.mean()) - half,
                    prestige_high=float(p.mean()) + half,
                    likeliest=c.ending_ids[best],
                    likeliest_share=int(counts[best]) / rollouts,
                    shares=tuple((c.ending_ids[k], int(n) / rollouts) for k, n in enumerate(counts) if n),
                )
            )
        views[ev.option_ids[j]] = CouncilView(ev.option_ids[j], tuple(opinions))
    return views


def careful_rollouts(game: Game, rollouts: int = ROLLOUTS, seed: int | None = None) -> dict[str, float]:
    """The war share of each open option with the player continuing their habits and the real opponent.

    The yardstick the council is measured against: no assumptions, the opponent's
    actual mind (only a scripted one; a searching mind would search in every rollout).
    """
    pending = game.pending
    if pending is None:
        raise RuntimeError("there is no decision to advise on")
    c, ev = game.compiled, pending.event
    me, other = ev.side, 1 - ev.side
    row = int(pending.games[0])
    key = game.seed if seed is None else seed
    ss = np.random.SeedSequence(key, spawn_key=(_SALT + 1, len(game.player_choices), ev.index))
    controllers: list = [None, None]
    controllers[me] = (stance_counts(c, game.state, me)[row] + PLAYER_PRIOR)[None, :]
    controllers[other] = game.controllers[other]
    # A yardstick for measurement (bench, tests), never shown to a player: it plays on the truth.
    _, wars = play_out(game, pending, np.array([row]), rollouts, [ss], controllers)
    return {ev.option_ids[j]: float(wars[0, j].mean()) for j in range(ev.n_options) if pending.legal[j, row]}
