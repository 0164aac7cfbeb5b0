"""Per-side visibility: a secret option or a one-sided incident never reaches the other side."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import tutorial_game_against_hawk
from thirteendays.engine.game import Game
from thirteendays.play import view_for
from thirteendays.report.page import render_report

SECRET_LABEL = "Keep the missiles and wait"  # the tutorial's secret Soviet option 'hold-out'


def _us_game_with_secret_hold_out(tutorial) -> tuple[Game, int]:
    """A US game in which the computer (a hawk) takes the secret 'hold-out'."""
    for seed in range(300):
        game = Game(tutorial, side="us", seed=seed, opponent="hawk")
        for choice in ("quarantine", "show-photos", "pledge"):
            d = game.decision()
            if d is None or choice not in d.option_ids:
                break
            game.choose(choice)
        if any(e.kind == "choice" and e.option == "hold-out" for e in game.log) and game.finished:
            return game, seed
    raise AssertionError("no seed had the computer hold out")


def test_a_secret_choice_by_the_computer_is_not_in_the_other_sides_view(tutorial):
    game, _ = _us_game_with_secret_hold_out(tutorial)
    us, ussr = view_for(game, "us"), view_for(game, "ussr")
    assert not any(e.option == "hold-out" for e in us.log)
    assert any(e.option == "hold-out" for e in ussr.log)  # the side that chose it knows
    assert any(e.option == "hold-out" for e in view_for(game, None).log)  # an onlooker sees all
    days = [row.text for day in range(1, 4) for row in us.day_rows(day)]
    assert days and not any(SECRET_LABEL in t for t in days)
    assert not any(SECRET_LABEL in t for t in (r.text for r in us.explanation))
    assert any(SECRET_LABEL in row.text for day in range(1, 4) for row in ussr.day_rows(day))


def test_a_secret_choice_stays_out_of_the_report(tutorial):
    game, _ = _us_game_with_secret_hold_out(tutorial)
    page = render_report(game)
    assert SECRET_LABEL not in page and "hold-out" not in page
    assert "Accept the first letter only" in page  # the player's own choice is there


def test_a_secret_choice_stays_out_of_the_terminal(tutorial, tmp_path: Path):
    _, seed = _us_game_with_secret_hold_out(tutorial)
    res = subprocess.run(
        [
            *(sys.executable, "-m", "thirteendays", "play", "--text", "--scenario", "tutorial"),
            *("--side", "us", "--seed", str(seed), "--opponent", "hawk"),
        ],
        input="2\n1\n1\n1\n",
        capture_output=True,
        text=True,
        env={"THIRTEENDAYS_HOME": str(tmp_path / "home"), "PATH": ""},
        timeout=120,
        cwd=tmp_path,
    )
    assert res.returncode == 0, res.stderr
    assert "The end:" in res.stdout
    assert SECRET_LABEL not in res.stdout


def test_an_incident_seen_by_one_side_only(tutorial):
    session = tutorial_game_against_hawk(
        lambda s: any(e.kind == "incident" and e.incident == "sub-surfaces" for e in s.game.log)
    )
    assert not any(e.incident == "sub-surfaces" for e in session.view().log)
    assert not any(e.incident == "sub-surfaces" for e in session.unseen())
    assert any(e.incident == "sub-surfaces" for e in view_for(session.game, "ussr").log)
    assert "Aboard the submarine" not in render_report(session.game)
