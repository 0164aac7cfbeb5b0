"""The opponent that looks ahead: one-step rollout search over the batch engine.

At each of its decisions the searching mind plays the rest of the crisis many
times for every open option, in one batch, and keeps the option whose endings
are worth most to it under its risk attitude.  The rest of each rollout is
played by a base policy for itself and by a model of the other player built
from that player's own moves so far (Dirichlet counts over stances), so a
player who has always held firm is expected to keep holding firm: a fixed
script is read and answered, not rewarded.  This is Bertsekas' rollout
algorithm: a one-step improvement on the base policy against the modelled
player, which is why it cannot do worse than the script it continues with.

What the mind does not know is drawn through one function, ``believe``: the
other side's resolve from the scenario's prior updated by its public moves and
commitments, its tracks from the side's intelligence band, its unrevealed
secrets by a coin (``minds/belief.py``).  Its own hidden resolve sets its nerve.

An estimate from a few hundred rollouts carries noise, and two options often
differ by less than it.  The mind then does not let the noise choose.  Every
option within ``doubt`` standard errors of the best counts as just as good, and
among those it leans its own way (``lean``): Master holds its course, then
escalates, and concedes last; Cautious holds, then concedes; Reckless
escalates.  Among options of one stance it keeps the author's favourite.  A
coin-flip between near-equal options would otherwise send the same crisis down
different roads game after game, and what the player did would matter less
than which way the coin fell.  The player's moves, which change the values,
still change the choice.

Randomness: each game of the batch gets its own ``SeedSequence`` per decision,
keyed by the game's seed, the event and the game's own draw for it, so a seed
and the same choices give the same opponent on every machine, whatever the
batch size.  Every option is scored with the same random numbers (common
random numbers), so the comparison between options is not noise.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from ..engine.compiled import Compiled, CompiledEvent
from ..engine.game import Game, Pending
from ..engine.machine import Phase
from ..engine.outcomes import NO_ENDING
from ..engine.state import State
from ..engine.streams import Streams
from .belief import believe_state, secret_options
from .policies import Policy, author_weights, sample

STANCES = 3  # concede, hold, escalate: the scenario's closed vocabulary
RESOLVE_NERVE = 2.0  # war-aversion lost per unit of resolve above the side's prior mean
_SALT = 0x5EA7C4


@dataclass(frozen=True)
class SearchLevel:
    """A searching mind's strength and temperament.

    ``rollouts`` per option sets how sharp its estimates are (and its cost);
    ``risk`` is its risk attitude, the weight of a war in its utility beyond the
    war ending's own prestige: positive is risk-averse, negative risk-seeking.
    ``rivalry`` weighs the other side's prestige against its own: 0 plays for
    itself alone, 1 plays a zero-sum game against the player.  ``prior`` is the
    Dirichlet pseudo-count behind its model of the player: small priors read a
    player's habits quickly.  ``doubt`` and ``lean`` say what it does when its
    rollouts cannot tell options apart (see the module's docstring).
    """

    name: str
    rollouts: int
    risk: float
    prior: float = 1.0
    rivalry: float = 0.0
    base: str = "ai"
    temper: float = 0.0  # how far its hidden risk attitude strays from ``risk``, as a fraction
    doubt: float = 3.0  # standard errors within which options count as equally good
    lean: tuple[int, int, int] = (0, 2, 1)  # preference among equals for concede, hold, escalate

    def decide(self, game: Game, pending: Pending) -> np.ndarray:
        return search(game, pending, self.for_game(game))

    def for_game(self, game: Game) -> SearchLevel:
        """This match's hidden temperament: ``risk`` scaled by a factor drawn once from the game's seed.

        The player cannot read it off the difficulty: one Master is warier than another.
        Drawn from its own ``SeedSequence`` child, so it never moves the game's dice.
        """
        if self.temper <= 0:
            return self
        rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence(game.seed, spawn_key=(_SALT, 0))))
        factor = 1.0 + self.temper * (2.0 * float(rng.random()) - 1.0)
        return replace(self, risk=self.risk * factor, temper=0.0)


LEVELS: dict[str, SearchLevel] = {
    # Cautious plays for itself and fears war; Reckless courts it to beat the player;
    # Master reads the player fastest, weighs its rival's gains and samples most.
    "cautious": SearchLevel("cautious", rollouts=96, risk=8.0, prior=2.0, lean=(1, 2, 0)),
    "reckless": SearchLevel("reckless", rollouts=96, risk=-4.0, prior=2.0, rivalry=0.5, lean=(0, 1, 2)),
    "master": SearchLevel("master", rollouts=256, risk=1.0, prior=1.5, rivalry=0.5, temper=0.25),
}


def stances(ev: CompiledEvent) -> np.ndarray:
    """Each option's stance rank (0 concede, 1 hold, 2 escalate), read from its escalation order."""
    return np.clip(np.rint(ev.escalation / 100.0), 0, STANCES - 1).astype(np.intp)


def stance_counts(c: Compiled, state: State, side: int, seen_only: bool = False) -> np.ndarray:
    """How often each game's ``side`` has conceded, held and escalated so far: (N, 3).

    ``seen_only`` counts only the moves the other side could see: a mind reading
    its opponent must not learn from orders given in secret.
    """
    out = np.zeros((state.n, STANCES), dtype=np.float64)
    for ev in c.events:
        if ev.side != side:
            continue
        chosen = state.choices[ev.index]
        taken = chosen >= 0
        if seen_only:
            taken &= ~secret_options(c, ev)[np.where(taken, chosen, ev.n_options)]
        if not taken.any():
            continue
        rank = stances(ev)[np.where(taken, chosen, 0)]
        np.add.at(out, (np.flatnonzero(taken), rank[taken]), 1.0)
    return out


def stance_policy(p: np.ndarray) -> Policy:
    """A player whose habits ``p`` (N, 3) over stances tilt the scenario's own likelihoods.

    Each open option's chance is its ``ai`` weight within its stance, times the
    player's habit for that stance, times the square root of the scenario's own odds
    of that stance here.  The scenario says what is likely at this moment (few
    Presidents would accept the missiles on the last day, however often they had
    conceded before); the habits, which lead, say how firm this player is.
    """

    def policy(ev: CompiledEvent, legal: np.ndarray, state: State, u: np.ndarray) -> np.ndarray:
        rank = stances(ev)
        w = np.where(legal, np.exp(ev.ai_logw - ev.ai_logw.max())[:, None], 0.0)
        per_stance = np.zeros((STANCES, legal.shape[1]))
        np.add.at(per_stance, rank, w)
        # Within a stance, the scenario's weights; across stances, the habits times the
        # scenario's own odds of that stance here, damped (square root) so habits still lead.
        share = np.divide(w, per_stance[rank], out=np.zeros_like(w), where=per_stance[rank] > 0)
        odds = np.sqrt(per_stance / np.maximum(per_stance.sum(axis=0), 1e-30))
        weights = share * p.T[rank] * odds[rank]
        none = weights.sum(axis=0) <= 0
        weights[:, none] += legal[:, none]  # no stance the player has a habit for is open
        return sample(weights, u)

    return policy


def believe(
    game: Game, rows: np.ndarray, copies: int, side: int | None = None, seeds: list | None = None
) -> State:
    """What ``side`` takes the world to be: ``copies`` samples per game in ``rows``.

    The one place a searching mind (and the advisers) learns the state: its own
    side exactly, the other side's resolve, estimated tracks and unrevealed
    secrets sampled from its belief (``minds/belief.py``).  Without a side (an
    onlooker's what-if) the sample is the truth repeated.
    """
    if side is None or seeds is None:
        return game.state.select(rows, copies)
    return believe_state(game, rows, copies, side, seeds)


def _seeds(game: Game, pending: Pending, rows: np.ndarray) -> list[np.random.SeedSequence]:
    """One seed per game for this decision: the game's seed, the event and the game's own draw."""
    draws = (pending.draws[rows, 0].astype(np.float64) * 2**24).astype(np.int64)
    return [np.random.SeedSequence(game.seed, spawn_key=(_SALT, pending.event.index, int(d))) for d in draws]


def play_out(
    game: Game,
    pending: Pending,
    rows: np.ndarray,
    rollouts: int,
    seeds: list[np.random.SeedSequence],
    controllers: list[str | Policy | np.ndarray],
    believer: int | None = None,
    costs: list | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Play every open option of ``pending`` ``rollouts`` times for each game in ``rows``.

    Returns the endings and the war mask, shaped (G, O, R): game, option, rollout.
    ``controllers`` per side are a mind, or an (G, 3) array of stance weights for
    a modelled player (expanded here to every rollout).  A closed option is
    played as the first open one, and its entries are for the caller to mask.
    The game itself is untouched: the rollouts run on a copy of its attributes,
    as ``Game.fork`` does, with the state ``believer`` (a side index, or None for
    the truth) believes in.  ``costs``, when given, receives each rollout's prestige
    lost to broken commitments, (G, O, R, S).
    """
    ev = pending.event
    g, o, r = rows.size, ev.n_options, rollouts
    m = g * o * r
    # The same seed for every option of a game: common random numbers between options.
    streams = Streams([s for s in seeds for _ in range(o)], [r] * (g * o))
    twin = object.__new__(Game)
    twin.__dict__.update(game.__dict__)
    twin.rng = streams
    twin.state = believe(game, rows, o * r, believer, seeds)
    twin.queue = list(game.queue)
    twin.record, twin.log, twin.history, twin.observer = False, [], None, None
    twin.player_choices = list(game.player_choices)
    twin.phase = Phase.DECISION
    twin.endings = None
    twin.controllers = [
        stance_policy(np.repeat(w / w.sum(axis=1, keepdims=True), o * r, axis=0))
        if isinstance(w, np.ndarray)
        else w
        for w in controllers
    ]
    legal = np.repeat(pending.legal[:, rows], o * r, axis=1)
    action = np.tile(np.repeat(np.arange(o), r), g)
    action = np.where(legal[action, np.arange(m)], action, legal.argmax(axis=0))
    twin._pending = Pending(
        ev, np.ones(m, dtype=bool), legal, pending.side, streams.random(2 if ev.has_risk else 1)
    )
    twin.step(action)
    result = twin.run()
    c = game.compiled
    ends = np.where(result.endings == NO_ENDING, len(c.ending_ids), result.endings)
    if costs is not None:
        costs.append(result.state.audience.reshape(g, o, r, -1).astype(np.float64))
    return ends.reshape(g, o, r), result.state.war.reshape(g, o, r)


def rollout_samples(
    game: Game, pending: Pending, level: SearchLevel, rows: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Prestige, war and utility of every rollout of every option for each game: (G, O, R) each."""
    c, ev = game.compiled, pending.event
    me, other = ev.side, 1 - ev.side
    counts = stance_counts(c, game.state, other, seen_only=True)[rows] + level.prior
    controllers: list = [level.base if k == me else counts for k in range(len(c.side_ids))]
    costs: list = []
    seeds = _seeds(game, pending, rows)
    ends, wars = play_out(game, pending, rows, level.rollouts, seeds, controllers, believer=me, costs=costs)
    prestige = prestige_table(c, me)[ends] - costs[0][..., me]
    theirs = prestige_table(c, other)[ends] - costs[0][..., other]
    # Its own hidden resolve sets its nerve: a firm side fears war less than its level says.
    nerve = RESOLVE_NERVE * (game.state.resolve[rows, me] - c.hidden.means()[me])
    value = prestige - level.rivalry * theirs - (level.risk - nerve[:, None, None]) * wars
    return prestige, wars, value


def rollout_values(
    game: Game, pending: Pending, level: SearchLevel, rows: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mean prestige, war share and utility of each option for each game in ``rows``: (G, O) each.

    Closed options score -inf in the utility.
    """
    rows = pending.games if rows is None else rows
    prestige, wars, value = rollout_samples(game, pending, level, rows)
    utility = np.where(pending.legal[:, rows].T, value.mean(axis=2), -np.inf)
    return prestige.mean(axis=2), wars.mean(axis=2), utility


def leaning(ev: CompiledEvent, lean: tuple[int, int, int]) -> np.ndarray:
    """An option's rank among equally good ones: its stance's place in ``lean``, then the author's weight."""
    weights = author_weights(ev)
    spread = float(np.ptp(weights)) or 1.0
    return np.array(lean, dtype=np.float64)[stances(ev)] + 0.01 * (weights - weights.min()) / spread


def decisive(value: np.ndarray, legal: np.ndarray, favourite: np.ndarray, doubt: float) -> np.ndarray:
    """The option per game: the favourite among those within ``doubt`` standard errors of the best.

    ``value`` is (G, O, R) per rollout, ``legal`` (G, O), ``favourite`` (O,) a
    rank (``leaning``).  Every option shares its game's dice (common random
    numbers), so the error of a difference is read from the rollout-by-rollout
    differences, which is far smaller than either option's own spread.
    """
    g = np.arange(value.shape[0])
    utility = np.where(legal, value.mean(axis=2), -np.inf)
    best = utility.argmax(axis=1)
    gap = value - value[g, best][:, None, :]
    error = gap.std(axis=2) / np.sqrt(value.shape[2])
    tied = legal & (utility >= utility[g, best][:, None] - doubt * error)
    return np.where(tied, favourite[None, :], -np.inf).argmax(axis=1)


def prestige_table(c: Compiled, side: int) -> np.ndarray:
    """Prestige per ending for one side, with a last entry of 0 for a game with no ending."""
    return np.array([float(e.prestige.get(c.side_ids[side], 0)) for e in c.scenario.endings] + [0.0])


def search(game: Game, pending: Pending, level: SearchLevel) -> np.ndarray:
    """The searching mind's option for every game of the batch (entries for idle games are 0)."""
    out = np.zeros(game.n, dtype=np.int64)
    rows = pending.games
    if rows.size == 0:
        return out
    favourite = leaning(pending.event, level.lean)
    # Games are searched in slices so memory stays bounded in a large batch.
    per = max(1, 60_000 // (pending.event.n_options * level.rollouts))
    for start in range(0, rows.size, per):
        part = rows[start : start + per]
        _, _, value = rollout_samples(game, pending, level, part)
        out[part] = decisive(value, pending.legal[:, part].T, favourite, level.doubt)
    return out
