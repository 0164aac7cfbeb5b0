"""The council: named advisers, their own assumptions, ranges, and no misleading oracle."""

from __future__ import annotations

import numpy as np
import pytest

from conftest import SCENARIOS
from thirteendays.engine.game import Game
from thirteendays.minds.advisers import careful_rollouts, consult, council_of, ranking
from thirteendays.scenario.loader import load_file


@pytest.fixture(scope="module")
def crisis():
    result = load_file(SCENARIOS / "cuban_missile_crisis.yaml")
    assert result.ok
    return result.scenario


def _historical_until(scenario, event_id: str, seed: int = 1) -> Game:
    game = Game(scenario, side="us", seed=seed, opponent="historical")
    while (d := game.decision()) is not None and d.event.id != event_id:
        h = [o.id for o in d.options if o.historical]
        game.choose(h[0] if h else d.option_ids[0])
    assert game.decision() is not None and game.decision().event.id == event_id
    return game


def test_the_shipped_councils_are_the_named_men_of_1962(crisis):
    us = [a.name for a in council_of(crisis, "us")]
    ussr = [a.name for a in council_of(crisis, "ussr")]
    for who in ("Maxwell Taylor", "Curtis LeMay", "Robert McNamara", "Dean Rusk", "Adlai Stevenson"):
        assert who in us
    assert {"Robert Kennedy", "McGeorge Bundy"} <= set(us)
    assert {"Rodion Malinovsky", "Andrei Gromyko", "Anastas Mikoyan", "Frol Kozlov"} == set(ussr)
    assert all(a.assumes for a in council_of(crisis, "us"))


def test_no_adviser_rates_the_air_strike_safest_on_october_21(crisis):
    game = _historical_until(crisis, "first-response")
    views = consult(game, rollouts=300)
    assert ranking(views)[-1] == "air-strike" or ranking(views)[0] != "air-strike"
    for i in range(len(views["air-strike"].opinions)):
        safest = min(views, key=lambda k: views[k].opinions[i].war)
        assert safest != "air-strike", views["air-strike"].opinions[i].adviser


def test_the_advisers_disagree_and_give_intervals(crisis):
    game = _historical_until(crisis, "first-response")
    views = consult(game, rollouts=300)
    assert any(v.war_high - v.war_low > 0.05 for v in views.values())
    for v in views.values():
        for o in v.opinions:
            assert 0 <= o.war_low <= o.war <= o.war_high <= 1
            assert o.prestige_low <= o.prestige <= o.prestige_high


def test_asking_the_council_changes_nothing_and_repeats_exactly(crisis):
    game = _historical_until(crisis, "the-speech")
    tracks, draws = game.state.tracks.copy(), game.pending.draws.copy()
    first = consult(game, rollouts=120)
    assert (game.state.tracks == tracks).all() and (game.pending.draws == draws).all()
    again = consult(game, rollouts=120)
    assert {k: v.war for k, v in first.items()} == {k: v.war for k, v in again.items()}


def test_a_scenario_without_advisers_has_one_neutral_voice():
    tutorial = load_file(SCENARIOS / "tutorial.yaml").scenario
    assert [a.name for a in council_of(tutorial, "us")] == ["Robert McNamara", "Curtis LeMay"]
    (only,) = council_of(tutorial, "ussr")
    assert only.name.startswith("The ") and only.resolve == 1.0


def test_the_consensus_agrees_with_careful_rollouts_on_most_historical_decisions(crisis):
    """The issue's bound (80%) at a CI-sized scale: the safest option by consensus and by careful play."""
    game = Game(crisis, side="us", seed=3, opponent="historical")
    agree = total = 0
    while (d := game.decision()) is not None:
        views = consult(game, rollouts=200)
        careful = careful_rollouts(game, rollouts=1400)
        wars = np.array(list(careful.values()))
        if wars.max() - wars.min() > 0.02:  # a decision where safety differs at all
            total += 1
            # The council reads its intelligence, the yardstick the truth: an option within one
            # standard error (about 0.01 at 1,400 rollouts) of the safest is as safe.
            agree += careful[ranking(views)[0]] <= min(careful.values()) + 0.01
        h = [o.id for o in d.options if o.historical]
        game.choose(h[0] if h else d.option_ids[0])
    assert total >= 5 and agree / total >= 0.8, (agree, total)


def test_an_advisers_short_name_never_reads_as_the_player():
    """'war 6% (Kennedy)' read as the President; the range names Robert Kennedy 'R. Kennedy'."""
    from thirteendays.play.council_words import _surname

    assert _surname("Robert Kennedy") == "R. Kennedy" and _surname("Curtis LeMay") == "C. LeMay"
    assert _surname("The ExComm") == "The ExComm" and _surname("Malinovsky") == "Malinovsky"


def test_a_range_whose_ends_round_alike_says_the_council_agrees():
    """'war 1% (C. LeMay) to 1% (C. LeMay)' named one man twice and told nothing."""
    from thirteendays.minds.advisers import CouncilView, Opinion
    from thirteendays.play.council_words import estimate_text

    def opinion(name: str, war: float) -> Opinion:
        return Opinion(name, "role", "assumes", "quiet", 100, war, 0.0, 0.03, 1.0, 0.5, 1.5, "standoff", 0.6)

    same = CouncilView("quiet", (opinion("Curtis LeMay", 0.011), opinion("Dean Rusk", 0.009)))
    text = estimate_text("ExComm", same, {"standoff": "A standoff"})
    assert "war 1% (all 2 agree)" in text and "LeMay" not in text
    apart = CouncilView("quiet", (opinion("Curtis LeMay", 0.01), opinion("Dean Rusk", 0.2)))
    assert "war 1% (C. LeMay) to 20% (D. Rusk)" in estimate_text("ExComm", apart, {})


def test_the_councils_likeliest_ending_is_the_whole_rooms_not_its_most_worried_member():
    """Beside "war 20% to 66%" the line said "likeliest: Nuclear war", the one worried adviser's."""
    from thirteendays.minds.advisers import CouncilView, Opinion
    from thirteendays.play.council_words import estimate_text

    def opinion(name: str, shares: dict[str, float]) -> Opinion:
        top = max(shares, key=shares.__getitem__)
        return Opinion(
            name,
            "role",
            "assumes",
            "quiet",
            100,
            shares.get("war", 0.0),
            0.0,
            1.0,
            1.0,
            0.5,
            1.5,
            top,
            shares[top],
            tuple(shares.items()),
        )

    calm = {"pledge": 0.6, "war": 0.2, "trade": 0.2}
    view = CouncilView(
        "quiet",
        (
            opinion("Dean Rusk", calm),
            opinion("Dean Rusk", calm),
            opinion("Curtis LeMay", {"war": 0.66, "pledge": 0.34}),
        ),
    )
    assert view.likeliest[0] == "pledge"
    text = estimate_text("ExComm", view, {"pledge": "Withdrawal for a pledge", "war": "Nuclear war"})
    assert text.endswith("likeliest: Withdrawal for a pledge (51%)"), text


def test_a_prestige_that_rounds_to_nothing_reads_plus_zero_not_minus_zero():
    """'-0.0' beside a warning of a real cost read as a hidden loss."""
    from thirteendays.play.council_words import _signed, _spread

    assert _signed(-0.01) == "+0.0" and _signed(-0.06) == "-0.1" and _signed(2.0) == "+2.0"
    assert _spread(-0.02, 0.03) == ""
