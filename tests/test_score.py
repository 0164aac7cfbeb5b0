"""Scoring that rewards statecraft: Brams' ordering, and the result ranked against history."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from conftest import SCENARIOS
from thirteendays.engine.game import Game
from thirteendays.play.score import _benchmark, score_card
from thirteendays.play.words import score_lines
from thirteendays.scenario.loader import load_file

# Brams' game of chicken, per side: (it escalates and the other yields, both compromise,
# it yields and the other escalates, both escalate), as the scenario's endings.
BRAMS = {
    "cuban_missile_crisis.yaml": {
        "us": (
            ["withdrawal", "withdrawal-under-fire"],
            ["secret-trade", "public-trade", "withdrawal-pledge"],
            ["missiles-stay"],
        ),
        "ussr": (
            ["missiles-stay"],
            ["secret-trade", "public-trade", "withdrawal-pledge"],
            ["withdrawal", "withdrawal-under-fire"],
        ),
        "both": ["nuclear-war", "invasion"],
    },
    "berlin_1961.yaml": {
        "us": (["allied-rights"], ["mutual-withdrawal"], ["checks-accepted"]),
        "ussr": (["checks-accepted"], ["mutual-withdrawal"], ["allied-rights"]),
        "both": ["war"],
    },
}


@pytest.mark.parametrize("name", sorted(BRAMS))
def test_each_side_ranks_the_endings_in_brams_order(name):
    scenario = load_file(SCENARIOS / name).scenario
    prestige = {e.id: e.prestige for e in scenario.endings}
    table = BRAMS[name]
    for side in ("us", "ussr"):
        wins, compromises, yields = table[side]
        tiers = [wins, compromises, yields, table["both"]]
        values = [[prestige[e][side] for e in tier] for tier in tiers]
        for better, worse in itertools.pairwise(values):
            assert min(better) > max(worse), (side, values)


def test_the_historical_compromise_is_worth_more_than_standing_off():
    scenario = load_file(SCENARIOS / "cuban_missile_crisis.yaml").scenario
    prestige = {e.id: e.prestige for e in scenario.endings}
    for side in ("us", "ussr"):
        assert prestige["secret-trade"][side] > prestige["standoff"][side] > prestige["invasion"][side]


def test_a_benchmark_places_the_result_counting_ties_as_half():
    b = _benchmark("x", np.array([-10.0, 3.0, 3.0, 6.0]), 3)
    assert b.beaten == pytest.approx(0.5)
    assert b.mean == pytest.approx(0.5)
    assert b.low < b.mean < b.high


def test_the_score_card_is_seeded_and_leaves_the_game_alone():
    scenario = load_file(SCENARIOS / "tutorial.yaml").scenario
    game = Game(scenario, side="us", seed=8, opponent="ai")
    while (d := game.decision()) is not None:
        game.choose(d.option_ids[0])
    ending = game.result().ending_id()
    card = score_card(game, runs=300)
    assert card == score_card(game, runs=300)
    assert game.result().ending_id() == ending
    assert card.prestige == game.result().prestige(0)["us"]
    assert 0 <= card.history.beaten <= 1 and 0 <= card.computer.beaten <= 1
    assert any("better than" in line for line in score_lines(card))


def test_the_terminal_ends_with_the_ranking():
    from test_play import play_lines, started

    text = play_lines(started(), *["1"] * 40, "q")
    assert "of history's plan" in text and "of the computer's play" in text


def test_a_president_broken_by_congress_is_no_prize_for_moscow():
    """It paid Moscow +3, a prize the dice on Washington's politics handed out; Moscow feared a
    President who had lost his government to men who wanted an invasion."""
    scenario = load_file(SCENARIOS / "cuban_missile_crisis.yaml").scenario
    endings = {e.id: e for e in scenario.endings}
    broken = endings["president-broken"]
    assert broken.winner is None
    ussr = {k: e.prestige["ussr"] for k, e in endings.items()}
    assert ussr["withdrawal"] < ussr["president-broken"] < ussr["standoff"]
    assert broken.prestige["us"] < endings["standoff"].prestige["us"]


def test_the_verdict_ranks_by_games_beaten_and_never_claims_an_average_it_contradicts():
    """A standoff (-1) against history's games averaging -2.8, 40% of them beaten, was told
    'History and the computer both did better, on average'."""
    from thirteendays.play.score import Benchmark, ScoreCard

    history = Benchmark("history's plan", -2.8, -4.4, -1.3, 0.40)
    computer = Benchmark("the computer's play", -2.8, -4.7, -0.9, 0.50)
    lines = score_lines(ScoreCard("ussr", -1, 24, history, computer))
    assert "on average" not in lines[1]
    assert lines[1] == (
        "Most of history's games ended better for your side; you broke even with the computer's."
    )
    won = Benchmark("history's plan", 1.0, 0.5, 1.5, 0.9)
    assert score_lines(ScoreCard("us", 3, 24, won, won))[1] == (
        "You beat most of history's games; you beat most of the computer's."
    )


def test_a_range_whose_ends_read_alike_is_not_printed_as_a_range():
    """'+4.0 to +4.0' says nothing: every one of history's games ended the same way."""
    from thirteendays.play.score import Benchmark, ScoreCard

    same = Benchmark("history's plan", 4.0, 4.0, 4.0, 0.5, tied=1.0, same=True)
    spread = Benchmark("the computer's play", 2.0, -1.0, 4.0, 0.5)
    first = score_lines(ScoreCard("us", 4, 24, same, spread))[0]
    assert "+4.0 to +4.0" not in first
    assert "(+4.0 in every one)" in first
    assert "(+2.0 on average, give or take 2.5)" in first


def test_a_war_level_with_historys_wars_beat_none_of_them_and_not_every_one_was_a_war():
    """Seen in play: a war level with 99% of history's games read '(-10.0 in every one)' and
    'You beat most of history's games', because ties counted half and the mean's interval was
    too narrow to print."""
    from thirteendays.play.score import ScoreCard

    history = _benchmark("history's plan", np.array([-10.0] * 99 + [-11.0]), -10)
    lines = score_lines(ScoreCard("ussr", -10, 100, history, history))
    assert "in every one" not in lines[0] and "level with 99%" in lines[0]
    assert lines[1] == (
        "Most of history's games ended as yours did; most of the computer's ended as yours did."
    )


def test_an_advisers_prestige_interval_is_left_out_when_its_ends_read_alike():
    from types import SimpleNamespace

    from thirteendays.play.council_words import adviser_lines

    def opinion(low: float, high: float):
        return SimpleNamespace(
            adviser="Dean Rusk",
            role="",
            war=0.1,
            war_low=0.05,
            war_high=0.15,
            prestige=4.0,
            prestige_low=low,
            prestige_high=high,
            likeliest="secret-trade",
            assumes="a way out",
        )

    flat, wide = adviser_lines(SimpleNamespace(opinions=[opinion(4.0, 4.0), opinion(1.0, 4.0)]), {})
    assert "prestige +4.0, likeliest" in flat
    assert "prestige +4.0 (+1.0 to +4.0), likeliest" in wide


def test_a_result_level_with_some_games_says_so_rather_than_counting_ties_half():
    """A war against history's games, a tenth of them wars too, read "better than 5%"."""
    import numpy as np

    from thirteendays.play.score import ScoreCard, _benchmark

    history = _benchmark("history's plan", np.array([-10.0] * 10 + [3.0] * 90), -10)
    assert history.beaten == 0.05 and history.tied == 0.1
    first = score_lines(ScoreCard("us", -10, 100, history, history))[0]
    assert "better than 0% and level with 10% of history's plan" in first
