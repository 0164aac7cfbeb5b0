"""The crisis prices what a player does in public, and the computer reads only what it could see."""

from __future__ import annotations

import numpy as np
import pytest

from conftest import SCENARIOS, scripted_game
from thirteendays.engine.compiled import Compiled
from thirteendays.engine.game import HUMAN, Game
from thirteendays.minds.search import stance_counts, stance_policy
from thirteendays.play_setup import opponent_of
from thirteendays.scenario.loader import load_file


@pytest.fixture(scope="module")
def crisis() -> Compiled:
    result = load_file(SCENARIOS / "cuban_missile_crisis.yaml")
    assert result.ok
    return Compiled(result.scenario)


def _scripted(c: Compiled, side: str, wanted: dict[str, str], seed: int = 4, opponent: str | None = None):
    return scripted_game(c, wanted, side, seed, opponent)


def test_the_searching_mind_never_counts_a_secret_order(crisis):
    """Readying strike plans in secret is no signal of firmness to Moscow; a public ultimatum is."""
    us = crisis.side_ids.index("us")
    secret = _scripted(crisis, "us", {"photographs": "strike-plans", "more-flights": "quiet-buildup"})
    public = _scripted(crisis, "us", {"the-speech": "ultimatum-speech"})
    for game in (secret, public):
        everything = stance_counts(crisis, game.state, us)
        seen = stance_counts(crisis, game.state, us, seen_only=True)
        assert (seen <= everything).all()
    assert stance_counts(crisis, secret.state, us)[0, 2] >= 2  # it did escalate, twice ...
    seen = stance_counts(crisis, secret.state, us, seen_only=True)
    hidden = stance_counts(crisis, secret.state, us)[0, 2] - seen[0, 2]
    assert hidden >= 2  # ... and neither move is counted for the other side
    assert stance_counts(crisis, public.state, us, seen_only=True)[0, 2] >= 1


def test_the_player_model_weighs_the_scenarios_odds_of_each_stance(crisis):
    """A player who conceded often is still unlikely to accept the missiles on the last day."""
    ev = crisis.event("the-deadline")
    legal = np.ones((ev.n_options, 4000), dtype=bool)
    u = np.random.default_rng(3).random(4000)
    soft = stance_policy(np.tile([0.6, 0.2, 0.2], (4000, 1)))(ev, legal, None, u)
    live = ev.option_ids.index("live-with-it")
    assert 0.05 < (soft == live).mean() < 0.6  # the habit tilts it, the moment still weighs


def test_a_public_price_dropped_for_the_pledge_alone_costs_moscow(crisis):
    """Broadcasting the Jupiters as the price, then taking the pledge alone, breaks a public promise."""
    # Gromyko discloses, so the denial, itself a promise the first offer of terms breaks, is not made.
    pledge_only = {
        "gromyko-brief": "disclose",
        "turkey-trade": "first-only",
        "final-decision": "withdraw-pledge",
    }
    kept = _scripted(crisis, "ussr", {"second-letter": "stand-by", **pledge_only})
    broken = _scripted(crisis, "ussr", {"second-letter": "demand-turkey", **pledge_only})
    me = crisis.side_ids.index("ussr")
    for game in (kept, broken):
        assert "withdraw-pledge" in [e.option for e in game.log if e.kind == "choice"]
    assert kept.state.audience[0, me] == 0
    assert broken.state.audience[0, me] == 1  # what winning it in public, not secret, is worth
    assert broken.result().prestige(0)["ussr"] == kept.result().prestige(0)["ussr"] - 1


def test_a_withdrawal_won_by_bombing_is_its_own_ending_worth_less_than_a_clean_one(crisis):
    endings = {e.id: e for e in crisis.scenario.endings}
    under, clean = endings["withdrawal-under-fire"], endings["withdrawal"]
    assert under.prestige["us"] < clean.prestige["us"] and under.prestige["ussr"] < clean.prestige["ussr"]
    ids = [e.id for e in crisis.scenario.endings]
    assert ids.index("withdrawal-under-fire") < ids.index("withdrawal")  # tried first


def test_the_terminal_meets_the_same_opponent_as_the_window_by_default():
    import argparse

    assert opponent_of(argparse.Namespace(opponent=None, difficulty=None)) == "master"
    assert opponent_of(argparse.Namespace(opponent="ai", difficulty=None)) == "ai"
    assert opponent_of(argparse.Namespace(opponent=None, difficulty="history")) == "historical"


def test_the_advisers_count_the_price_of_a_broken_promise(crisis):
    """After naming the Jupiters, the council values the pledge alone at its ending less the cost."""
    from thirteendays.minds.advisers import consult

    wanted = {"second-letter": "demand-turkey", "turkey-trade": "first-only"}
    game = Game(crisis, side="ussr", seed=4)
    game.controllers = [HUMAN] * len(crisis.side_ids)
    while (d := game.decision()) is not None and d.event.id != "final-decision":
        pick = wanted.get(d.event.id)
        h = [o.id for o in d.options if o.historical]
        game.choose(pick if pick in d.option_ids else (h[0] if h else d.option_ids[0]))
    assert d is not None and "withdraw-pledge" in d.option_ids
    game.controllers[crisis.side_ids.index("us")] = "historical"
    pledge = next(e for e in crisis.scenario.endings if e.id == "withdrawal-pledge").prestige["ussr"]
    view = consult(game, rollouts=64)["withdraw-pledge"]
    # The Jupiters were named: every rollout pays 2, on top of what befalls the chairman after.
    assert view.prestige <= pledge - 2 + 0.25


def test_the_ending_says_what_a_broken_promise_cost(crisis):
    """The ending line gives the loss in words, in every front end's shared wording and the report."""
    from thirteendays.play import view_for
    from thirteendays.play.prestige import prestige_parts, promises_line
    from thirteendays.report.page import render_report

    pledge_only = {"second-letter": "demand-turkey", "turkey-trade": "first-only"}
    broken = _scripted(crisis, "ussr", {**pledge_only, "final-decision": "withdraw-pledge"})
    kept = _scripted(
        crisis,
        "ussr",
        {"gromyko-brief": "disclose", "second-letter": "stand-by", "turkey-trade": "first-only"},
    )
    ending = view_for(broken, "ussr").ending
    assert dict(ending.promises) == {"ussr": 2}  # Gromyko's denial (1) and the Jupiters' price (1)
    soviet = next(p for p in prestige_parts(crisis.scenario, ending) if p.startswith("Soviet Union"))
    said = (
        "(2 lost for going back on public promises: 'the Soviet arms in Cuba are purely defensive' "
        "and 'the Jupiters in Turkey are the price of the missiles in Cuba')"
    )
    assert soviet.endswith(said)
    assert "2 lost for going back on public promises" in render_report(broken)
    # The window's line of its own names them too.
    assert promises_line(crisis.scenario, ending) == (
        "Soviet Union lost 2 for going back on 'the Soviet arms in Cuba are purely defensive' "
        "and 'the Jupiters in Turkey are the price of the missiles in Cuba'."
    )
    assert view_for(kept, "ussr").ending.promises == ()
    assert not any(
        "public promises" in p for p in prestige_parts(crisis.scenario, view_for(kept, "ussr").ending)
    )


def test_crowing_over_a_secret_bargain_invites_moscow_to_tell_the_world(crisis):
    """The October 28 answer could not change the ending; claiming a victory after a secret
    trade now lets Moscow reveal the price, and a searching Khrushchev does."""
    welcomed = _scripted(crisis, "us", {})
    assert welcomed.result().ending_id() == "secret-trade"
    assert "washington-crows" not in [e.event for e in welcomed.log if e.kind == "choice"]
    kept = _scripted(crisis, "us", {"the-answer": "gloat", "washington-crows": "keep-secret"})
    assert kept.result().ending_id() == "secret-trade"
    told = _scripted(crisis, "us", {"the-answer": "gloat", "washington-crows": "reveal-trade"})
    assert told.result().ending_id() == "trade-revealed"
    assert told.result().prestige(0)["us"] < welcomed.result().prestige(0)["us"] - 4
    assert told.result().prestige(0)["ussr"] > welcomed.result().prestige(0)["ussr"]
    faced = []
    for seed in range(4, 10):  # the Master may hold out, or the dice bring war, before the crow
        game = Game(crisis, side="us", seed=seed, opponent="master")
        while (d := game.decision()) is not None:  # history's plan, then a crow
            h = [o.id for o in d.options if o.historical]
            game.choose("gloat" if d.event.id == "the-answer" else h[0] if h else d.option_ids[0])
        if "washington-crows" in [e.event for e in game.log if e.kind == "choice"]:
            faced.append(game.result().ending_id())
    assert faced and set(faced) == {"trade-revealed"}, faced  # the Master tells the world, every time
