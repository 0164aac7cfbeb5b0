"""Continue resumes the newest unfinished save, the autosave or one named, in the terminal and the window."""

from __future__ import annotations

import os
import shutil

import pytest

from conftest import SCENARIOS
from thirteendays.cli import build_parser
from thirteendays.play import new_game, slot_path
from thirteendays.play.resume import resumable_games
from thirteendays.play.slots import is_kept_ending
from thirteendays.play_setup import prepare_session
from thirteendays.scenario.loader import load_file
from thirteendays.settings import Settings
from thirteendays.storage import autosave_path, saves_dir

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

CONTINUE = ["play", "--text", "--continue"]


def _named_then_finished(kept_games: int = 4) -> list[str]:
    """Save a game as 'mid' on day 1, play it to the end, and keep several finished games
    newer than it; the autosave is gone, as after any finished game.  Its choices at 'mid'."""
    session = new_game("tutorial", "us", 5, "historical").session
    session.choose(session.view().decision.option_ids[0])
    at_mid = list(session.game.player_choices)
    mid = session.save(slot_path("mid"))
    while session.view().decision is not None:
        session.choose(session.view().decision.option_ids[0])
    assert session.game.finished and session.kept is not None and not autosave_path().exists()
    os.utime(mid, (1_000_000, 1_000_000))
    for n in range(kept_games):  # every game finished since: each newer than 'mid'
        copy = session.kept.with_name(f"tutorial-ended-20261126-2020{n:02d}.json")
        if copy != session.kept:
            shutil.copy(session.kept, copy)
        os.utime(copy, (2_000_000 + n, 2_000_000 + n))
    return at_mid


def test_the_terminal_continues_a_named_save_when_there_is_no_autosave():
    at_mid = _named_then_finished()
    session, code = prepare_session(build_parser().parse_args(CONTINUE))
    assert code == 0 and session is not None
    assert list(session.game.player_choices) == at_mid and not session.game.finished


def test_the_window_continues_the_named_save_past_finished_games():
    from thirteendays.ui.app import Context
    from thirteendays.ui.screens.title import TitleScreen

    _named_then_finished()
    found = resumable_games().games["tutorial"]
    assert found.name == "mid" and found.path == slot_path("mid")
    title = TitleScreen(Context(Settings(reduced_motion=True), size=(1280, 720)))
    title.settle()
    title.preview = load_file(SCENARIOS / "tutorial.yaml")
    assert title.continue_label() == f"Continue mid, day {found.day}"


def test_continue_with_only_finished_games_says_there_is_none(capsys):
    _named_then_finished()
    slot_path("mid").unlink()
    assert prepare_session(build_parser().parse_args(CONTINUE)) == (None, 2)
    err = capsys.readouterr().err
    assert f"there is no unfinished game to continue (no unfinished save in {saves_dir()})" in err


def test_continue_says_which_save_it_cannot_read(capsys):
    (saves_dir()).mkdir(parents=True, exist_ok=True)
    autosave_path().write_text("{oops")
    assert prepare_session(build_parser().parse_args(CONTINUE)) == (None, 1)
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"{autosave_path()}:1:2: SV001 error: not valid JSON") and "Traceback" not in err
    assert autosave_path().read_text() == "{oops"  # left as it was


def test_a_slot_cannot_take_the_name_a_finished_game_is_kept_under():
    with pytest.raises(ValueError, match="kept for finished games"):
        slot_path("tutorial-ended-20261126-202015")
    assert is_kept_ending(saves_dir() / "tutorial-ended-20261126-202015.json")
    assert not is_kept_ending(saves_dir() / "tutorial-ended.json")


def test_continue_with_a_scenario_resumes_that_scenarios_game_not_the_newest(capsys):
    """--continue took the newest unfinished save of any scenario, whatever --scenario said."""
    crisis = new_game("cuban_missile_crisis", "us", 3, "historical").session
    crisis.choose(crisis.view().decision.option_ids[0])
    crisis_save = crisis.save(slot_path("crisis"))
    os.utime(crisis_save, (1_000_000, 1_000_000))
    tutorial = new_game("tutorial", "us", 5, "historical").session
    tutorial.choose(tutorial.view().decision.option_ids[0])  # the newest: the autosave
    parse = build_parser().parse_args
    session, code = prepare_session(parse([*CONTINUE, "--scenario", "cuban_missile_crisis"]))
    assert code == 0 and session.scenario.id == "cuban-missile-crisis"
    assert list(session.game.player_choices) == list(crisis.game.player_choices)
    session, code = prepare_session(parse(CONTINUE))
    assert code == 0 and session.scenario.id == "tutorial"
    slot_path("crisis").unlink()
    assert prepare_session(parse([*CONTINUE, "--scenario", "cuban_missile_crisis"])) == (None, 2)
    assert "no unfinished game of cuban-missile-crisis to continue" in capsys.readouterr().err
    assert prepare_session(parse([*CONTINUE, "--scenario", "no-such-scenario"])) == (None, 2)
