"""Game.step: one option per game of a batch, with a typed pending decision."""

from __future__ import annotations

import numpy as np
import pytest

from thirteendays.engine.game import Game, Pending


def test_each_game_of_a_batch_takes_its_own_option(tutorial):
    g = Game(tutorial, side="us", seed=3, n=4)
    p = g.pending
    assert isinstance(p, Pending)
    assert p.event.id == "response" and p.side == "us"
    assert p.waiting.all() and p.legal.shape == (3, 4)
    g.step(np.array([0, 1, 2, 1]))
    assert g.state.chosen(g.compiled, "response").tolist() == [0, 1, 2, 1]


def test_games_not_waiting_are_skipped_whatever_their_action(tutorial):
    g = Game(tutorial, side="ussr", seed=3, n=256, opponent="ai")
    p = g.pending
    assert p.event.id == "ships"  # fires only where the US declared a quarantine
    assert 0 < p.waiting.sum() < g.n
    assert (p.games == np.flatnonzero(p.waiting)).all()
    actions = np.where(p.waiting, 2, 99)  # 99 is no option at all: ignored where nobody waits
    g.step(actions)
    chosen = g.state.chosen(g.compiled, "ships")
    assert (chosen[p.waiting] == 2).all()
    assert (chosen[~p.waiting] == -1).all()


def test_an_illegal_action_raises_and_changes_nothing(tutorial):
    g = Game(tutorial, side="us", seed=1, n=2, opponent="historical")
    g.choose("quarantine")
    g.choose("show-photos")
    p = g.pending
    assert p.event.id == "letters"
    invade = p.event.option_ids.index("invade")
    assert not p.legal[invade].any()
    tracks = g.state.tracks.copy()
    with pytest.raises(ValueError, match=r"game 0: option \d+ is not open at 'letters'"):
        g.step(np.array([invade, 0]))
    with pytest.raises(ValueError, match="not open"):
        g.step(np.array([0, 17]))
    with pytest.raises(ValueError, match="one integer option index per game"):
        g.step(np.array([0]))
    with pytest.raises(ValueError, match="one integer option index per game"):
        g.step(np.array([0.0, 1.0]))
    assert g.pending is p
    assert (g.state.tracks == tracks).all()


def test_choose_is_step_with_the_same_option_everywhere(tutorial):
    a = Game(tutorial, side="us", seed=9, n=8)
    b = Game(tutorial, side="us", seed=9, n=8)
    a.choose("quarantine")
    b.step(np.full(8, 1))
    assert (a.state.tracks == b.state.tracks).all()
    assert a.player_choices == b.player_choices == [("response", "quarantine")]


def test_step_for_one_game_gives_the_log_choose_gives(tutorial):
    a = Game(tutorial, side="us", seed=5)
    b = Game(tutorial, side="us", seed=5)
    while a.decision() is not None:
        option = a.decision().option_ids[-1]
        a.choose(option)
        b.step([b.pending.event.option_ids.index(option)])
    assert b.pending is None and b.finished
    assert [e.to_dict() for e in a.log] == [e.to_dict() for e in b.log]
    assert a.player_choices == b.player_choices


def test_step_without_a_decision_is_refused(tutorial):
    g = Game(tutorial, side="us", seed=5, opponent="historical")
    g.choose("quarantine")
    g.choose("show-photos")
    g.choose("secret-trade")
    assert g.pending is None
    with pytest.raises(RuntimeError, match="no decision is waiting"):
        g.step([0])
