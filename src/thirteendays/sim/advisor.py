"""What-if rollouts from a mid-game state: the advisers' estimate for each option.

The council does not know what either leader will do next, so it plays the
rest of the crisis many times from exactly this moment — the player's later
choices by the ``ai`` policy, the opponent by its own — and reports the risk
of war and the likeliest ending, with 95% intervals.  The rollouts use their
own seeds, derived from the game's, so asking for advice never changes the game.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..engine.game import HUMAN, Game
from ..engine.streams import Streams
from .montecarlo import wilson


@dataclass(frozen=True)
class Advice:
    option: str
    rollouts: int
    war: float
    war_low: float
    war_high: float
    likeliest: str
    likeliest_share: float
    likeliest_low: float
    likeliest_high: float
    shares: dict[str, float]


def advise(game: Game, option_id: str, rollouts: int = 10_000, seed: int | None = None) -> Advice:
    """Estimate where taking ``option_id`` now leads; the game itself is untouched."""
    if game.decision() is None:
        raise RuntimeError("there is no decision to advise on")
    c = game.compiled
    key = seed if seed is not None else game.seed
    ss = np.random.SeedSequence(
        key, spawn_key=(len(game.player_choices), 0xAD71CE, c.event_ids.index(game.decision().event.id))
    )
    streams = Streams.for_run(ss, rollouts)
    policies = {
        sid: ("ai" if ctrl == HUMAN else ctrl) for sid, ctrl in zip(c.side_ids, game.controllers, strict=True)
    }
    twin = game.fork(rollouts, streams, policies)
    twin.choose(option_id)
    result = twin.run()
    counts = np.bincount(result.endings[result.endings >= 0], minlength=len(c.ending_ids))
    war = int(result.state.war.sum())
    best = int(counts.argmax())
    lo, hi = wilson(war, rollouts)
    blo, bhi = wilson(int(counts[best]), rollouts)
    return Advice(
        option=option_id,
        rollouts=rollouts,
        war=war / rollouts,
        war_low=lo,
        war_high=hi,
        likeliest=c.ending_ids[best],
        likeliest_share=counts[best] / rollouts,
        likeliest_low=blo,
        likeliest_high=bhi,
        shares={eid: int(k) / rollouts for eid, k in zip(c.ending_ids, counts, strict=True)},
    )
