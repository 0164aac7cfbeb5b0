"""Choices that looked free in the middle of the crisis now carry the price history gave them."""

from __future__ import annotations

import numpy as np
import pytest

from conftest import SCENARIOS, scripted_game
from thirteendays.engine.compiled import Compiled
from thirteendays.engine.game import Game
from thirteendays.minds.policies import get_policy
from thirteendays.play.intel import promise_warnings, standing_promises
from thirteendays.play.view import view_for
from thirteendays.play.words import option_label
from thirteendays.scenario.loader import load_file


@pytest.fixture(scope="module")
def crisis() -> Compiled:
    result = load_file(SCENARIOS / "cuban_missile_crisis.yaml")
    assert result.ok
    return Compiled(result.scenario)


def _play(c: Compiled, wanted: dict[str, str], seed: int = 4) -> Game:
    """Both sides by hand: ``wanted`` options where offered, else history's."""
    return scripted_game(c, wanted, "us", seed)


def _briefing(game: Game, event: str) -> str:
    return game.briefings[event]


def _offered(game: Game, event: str) -> list[str]:
    return [e.option for e in game.log if e.kind == "choice" and e.event == event]


def test_accepting_u_thants_pause_lifts_the_quarantine_and_lets_the_sites_be_finished(crisis):
    """Kennedy refused the pause because the crews would work on; a Moscow that holds out
    behind it keeps its missiles."""
    paused = _play(crisis, {"security-council": "u-thant", "final-decision": "hold-out"})
    held = _play(crisis, {"final-decision": "hold-out"})
    quarantine = crisis.flag_ids.index("quarantine")
    assert not (int(paused.state.flags[0]) >> quarantine) & 1
    assert (int(held.state.flags[0]) >> quarantine) & 1
    assert paused.result().ending_id() == "missiles-stay"
    assert held.result().ending_id() != "missiles-stay"
    assert "pause held at sea" in view_for(paused, "us").ending.text
    assert "pause would stop nothing on the island" in _briefing(paused, "security-council")
    # with the quarantine lifted, no ship is stopped at sea, in the log or in the story
    boarded = 0
    for seed in range(8):
        game = _play(crisis, {"security-council": "u-thant"}, seed=seed)
        assert "marucla" not in [e.incident for e in game.log if e.kind == "incident"]
        assert "Marucla" not in _briefing(game, "scali-fomin")
        kept = _play(crisis, {}, seed=seed)
        boarded += "marucla" in [e.incident for e in kept.log if e.kind == "incident"]
    assert boarded >= 4  # under the quarantine the Marucla is boarded in most games


def test_boarding_soviet_ships_by_force_risks_the_shooting_at_sea(crisis):
    line = crisis.event("at-the-line")
    risk = dict(zip(line.option_ids, line.risk[:-1], strict=True))
    assert risk["stop-all"] >= 0.03
    assert risk["let-pass"] == 0.0 and risk["pull-back"] == 0.0
    # over many games the boarding's own risk shows as more wars, on the same dice
    wars = []
    for option in ("let-pass", "stop-all"):
        batch = Game(crisis, side=None, n=4000, seed=11, record=False)
        forced = _force(crisis, "at-the-line", option)
        wars.append(batch.run({"us": forced, "ussr": "historical"}).state.war.mean())
    assert wars[1] > wars[0] + 0.02
    # and a player who ran the risk and came through is told so, not left with 'accident: 0.9%'
    boarded = _play(crisis, {"at-the-line": "stop-all"})
    report = [r.text for r in view_for(boarded, "us").day_rows(9)]
    assert "    Its own chance of war, about 4%, passed." in report
    calm = [r.text for r in view_for(_play(crisis, {}), "us").day_rows(9)]
    assert not any("Its own chance of war" in line for line in calm)


def _force(c: Compiled, event: str, option: str):
    """History's US policy, except ``option`` at ``event``."""
    history = get_policy("historical")
    target = c.event(event)
    j = target.option_ids.index(option)

    def policy(ev, legal, state, u):
        picks = history(ev, legal, state, u)
        return np.where(legal[j], j, picks) if ev.index == target.index else picks

    return policy


def test_a_private_word_without_a_deadline_leaves_moscow_time_to_haggle_in_public(crisis):
    """Robert Kennedy's warning is why Khrushchev answered at once; without it he may hold out
    for the public trade his broadcast demanded, and Washington must pay it or refuse."""
    warned = _play(crisis, {})
    assert warned.result().ending_id() == "secret-trade"
    haggled = _play(
        crisis,
        {"rfk-dobrynin": "rfk-assure", "final-decision": "hold-out", "the-deadline": "trade-in-public"},
    )
    assert _offered(haggled, "final-decision") == ["hold-out"]
    assert "haggle" in _briefing(haggled, "the-deadline")
    assert haggled.result().ending_id() == "public-trade"
    assert haggled.result().prestige(0)["us"] < warned.result().prestige(0)["us"] - 3
    refused = _play(crisis, {"rfk-dobrynin": "rfk-assure", "final-decision": "hold-out"})
    assert refused.result().ending_id() == "standoff"
    # the day report names Moscow's move as it was offered, after the trade was made public too
    label = option_label(view_for(haggled, "us").scenario, "final-decision", "hold-out")
    assert label.startswith("Hold out for the Jupiters in public")
    # with the deadline given, holding out is defiance, and the strike is on the table too
    defied = _play(crisis, {"final-decision": "hold-out", "the-deadline": "trade-in-public"})
    assert defied.result().ending_id() == "public-trade"
    assert "not bent to your brother's deadline" in _briefing(defied, "the-deadline")


def test_a_promise_put_on_paper_is_moscow_s_to_publish(crisis):
    """Robert Kennedy handed back Khrushchev's letter so that nothing on Turkey existed in writing."""
    written = _play(crisis, {"rfk-dobrynin": "rfk-letter", "washington-crows": "reveal-trade"})
    assert written.result().ending_id() == "trade-revealed"
    ending = view_for(written, "us").ending
    assert "publishes" in ending.text and "claimed a victory" not in ending.text
    kept = _play(crisis, {"rfk-dobrynin": "rfk-letter", "washington-crows": "keep-secret"})
    assert kept.result().ending_id() == "secret-trade"
    # while Moscow holds out there is no bargain to tell of
    held = _play(crisis, {"rfk-dobrynin": "rfk-letter", "final-decision": "hold-out"})
    assert "washington-crows" not in held.briefings
    game = Game(crisis, side="us", seed=4, opponent="master")
    while (d := game.decision()) is not None:  # history's plan, with the promise in writing
        h = [o.id for o in d.options if o.historical]
        game.choose("rfk-letter" if d.event.id == "rfk-dobrynin" else h[0] if h else d.option_ids[0])
    assert game.result().ending_id() == "trade-revealed"  # a searching Khrushchev publishes


def test_moscow_s_briefings_say_only_what_washington_did(crisis):
    """A play-test found Moscow told of bombers aloft and destroyers closing in after Kennedy
    had stayed at DEFCON 3 and lifted the quarantine for U Thant."""
    stopped = {"soviet-ships": "stop-ships"}  # ships not yet turned: they meet the line
    history = _play(crisis, stopped)
    assert "DEFCON 2" in _briefing(history, "ships-at-line")  # SAC's alert went out in the clear
    quiet = _play(crisis, {**stopped, "defcon-two": "defcon3"})
    assert "DEFCON 2" not in _briefing(quiet, "ships-at-line")
    assert "quarantine is in force" in _briefing(quiet, "ships-at-line")
    paused = _play(crisis, {"security-council": "u-thant"})
    assert "lifted his quarantine" in _briefing(paused, "way-out")
    assert "destroyers" not in _briefing(paused, "way-out")
    turned = _play(crisis, {**stopped, "ships-at-line": "turn-home"})
    assert "bombers" not in _briefing(turned, "way-out")
    assert "turned for home" in _briefing(turned, "way-out")


def test_the_briefings_follow_the_course_already_taken(crisis):
    """More of the play-test's contradictions: each briefing now reads the path that led to it."""
    backed = _play(crisis, {"joint-chiefs": "side-chiefs"})
    assert "Monday strike you backed" in _briefing(backed, "chicago")
    assert "Monday strike" not in _briefing(_play(crisis, {}), "chicago")
    firm = _play(crisis, {"way-out": "finish-sites", "first-letter": "letter-firm"})
    assert "offered Kennedy nothing" in _briefing(firm, "second-letter")
    assert "ask for them too" not in _briefing(firm, "second-letter")
    assert option_label(view_for(firm, "ussr").scenario, "second-letter", "stand-by").startswith(
        "Let yesterday's letter stand"
    )
    assert "ask for them too" in _briefing(_play(crisis, {}), "second-letter")
    struck = _play(crisis, {"first-response": "air-strike"})
    refuse = option_label(view_for(struck, "us").scenario, "turkey-trade", "refuse")
    assert refuse == "Refuse, and tell the Chiefs to be ready to bomb again and land on Monday"


def test_endorsing_castros_five_points_costs_moscow_a_pledge_tied_to_inspection(crisis):
    """Kennedy's pledge hung on UN inspection, which Castro refused: a Moscow that takes up his
    terms loses it, and is told so before it chooses; after a trade the option is not offered."""
    pledge = {"turkey-trade": "first-only", "final-decision": "withdraw-pledge"}
    kept = _play(crisis, {**pledge, "castro-five-points": "send-mikoyan"})
    lost = _play(crisis, {**pledge, "castro-five-points": "back-five-points"})
    assert _offered(lost, "castro-five-points") == ["back-five-points"]
    assert kept.result().ending_id() == "withdrawal-pledge"
    assert lost.result().ending_id() == "withdrawal"
    assert "never a pledge to keep" in _briefing(lost, "castro-five-points")
    assert "Castro's five points" in view_for(lost, "ussr").ending.text
    traded = _play(crisis, {"castro-five-points": "back-five-points"})  # history: the secret trade
    assert _offered(traded, "castro-five-points") == ["send-mikoyan"]
    assert "never a pledge" not in _briefing(traded, "castro-five-points")
    assert traded.result().ending_id() == "secret-trade"


def test_moscows_answer_to_the_shoot_down_moves_washington_before_its_next_decision(crisis):
    """Owning the U-2 shoot-down hands the Chiefs their case and binds Moscow to fight for Cuba;
    an apology takes the case away. Both land before Kennedy's next choice."""
    from thirteendays.engine.game import HUMAN

    political = crisis.track_ids.index("us.political")

    def at_washingtons_next_choice(option: str) -> tuple[float, int]:
        game = Game(crisis, side="us", seed=4, opponent="historical")
        game.controllers = [HUMAN] * len(crisis.side_ids)
        answered = False
        while (d := game.decision()) is not None:
            if answered and d.event.side == "us":
                return float(game.state.tracks[0, political]), int(game.state.commitments[0])
            pick = option if d.event.id == "u2-orders" else None
            answered |= d.event.id == "u2-orders"
            game.choose(pick or next((o.id for o in d.options if o.historical), d.option_ids[0]))
        raise AssertionError("Washington made no choice after Moscow's answer")

    (backed, bound), (hasty, free), (sorry, _) = (
        at_washingtons_next_choice(o) for o in ("back-generals", "too-hasty", "regret")
    )
    assert backed > hasty + 0.07 > sorry + 0.14
    assert bound != free  # backing the generals is a public promise to fight for Cuba


def test_moscow_hears_washingtons_answer_to_the_shoot_down_and_u_thant_asks_for_what_stands(crisis):
    """ "Kennedy is deciding his answer now" read under his answer already given; U Thant asked
    a President who had proclaimed no quarantine to lift it."""
    suspended = _play(crisis, {"anderson": "suspend-flights"})
    struck = _play(crisis, {"anderson": "hit-sam"})
    held = _play(crisis, {})
    assert "the flights are suspended" in _briefing(suspended, "u2-orders")
    assert "struck the battery" in _briefing(struck, "u2-orders")
    assert "deciding his answer now" in _briefing(held, "u2-orders")  # holding fire was secret
    talks = _play(crisis, {"first-response": "diplomacy", "the-speech": "summit-speech"})
    assert "no American military moves" in _briefing(talks, "security-council")
    assert "no quarantine" not in _briefing(talks, "security-council")
    assert "and no quarantine" in _briefing(held, "security-council")


def test_gromykos_denial_is_a_promise_the_first_offer_of_terms_breaks(crisis):
    """Kennedy quoted the denial to the world on October 22: history's Moscow pays for it when it
    offers to take the missiles out, and is warned first; a Moscow that disclosed does not."""
    ussr = crisis.side_ids.index("ussr")
    lied = _play(crisis, {})
    told = _play(crisis, {"gromyko-brief": "disclose"})
    warned = _play(crisis, {"gromyko-brief": "warn"})
    assert int(lied.state.audience[0, ussr]) == 1 and int(told.state.audience[0, ussr]) == 0
    assert lied.result().ending_id() == told.result().ending_id() == "secret-trade"
    assert lied.result().prestige()["ussr"] == told.result().prestige()["ussr"] - 1
    standing = [cid for cid, _ in standing_promises(_stop_at(crisis, "warn"), "ussr")]
    assert standing == ["no_missiles", "defend_cuba"]  # Gromyko's warning denied the missiles too
    assert int(warned.state.audience[0, ussr]) == 1  # the denial broken; no bare withdrawal, so not both

    game = _stop_at(crisis, "deny", until="way-out")
    terms = next(o for o in game.decision().options if o.id == "seek-terms")
    assert promise_warnings(game, "ussr", terms) == ()  # the Presidium's secret: no public word broken
    game = _stop_at(crisis, "deny", until="first-letter")
    terms = next(o for o in game.decision().options if o.id == "letter-pledge")
    (line,) = promise_warnings(game, "ussr", terms)
    assert line == (
        "You said publicly: the Soviet arms in Cuba are purely defensive. "
        "Going back on it now costs 1 prestige"
    )


def _stop_at(c: Compiled, answer: str, until: str = "gromyko") -> Game:
    """History's game, with Gromyko's answer ``answer``, stopped at the event ``until``."""
    from thirteendays.engine.game import HUMAN

    game = Game(c, side="ussr", seed=4, opponent="historical")
    game.controllers = [HUMAN] * len(c.side_ids)
    while (d := game.decision()) is not None and d.event.id != until:
        pick = answer if d.event.id == "gromyko-brief" else None
        game.choose(pick or next((o.id for o in d.options if o.historical), d.option_ids[0]))
    return game


def test_after_a_war_no_one_counts_broken_promises(crisis):
    """A war's prestige is the war's: Moscow's denial, once broken, adds nothing to it."""
    game = _play(crisis, {}, seed=6)
    assert "seek-terms" in _offered(game, "way-out") and bool(game.state.war[0])
    assert game.result().prestige() == {"us": -10, "ussr": -10}


def test_washington_never_reads_the_presidiums_decision_to_seek_terms(crisis):
    """Kennedy's report for October 25 read 'Khrushchev: Look for terms...', a day before the
    letter: the Presidium's deliberation, which Washington learned of only through Moscow's channels."""
    from thirteendays.play.view import view_for

    game = Game(crisis, side="us", seed=4, opponent="historical")
    while (d := game.decision()) is not None:
        game.choose(next((o.id for o in d.options if o.historical), d.option_ids[0]))
    assert any(e.option == "seek-terms" for e in game.log)  # it was chosen
    assert not any(e.option == "seek-terms" for e in view_for(game, "us").log)
    assert any(e.option == "seek-terms" for e in view_for(game, "ussr").log)
