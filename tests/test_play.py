"""The application layer: new game, open save from any folder, autosave policy, slots, the view."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest

from conftest import SCENARIOS
from thirteendays.cli import main
from thirteendays.engine.record import MAX_SAVE_BYTES
from thirteendays.play import Session, list_saves, new_game, open_save, slot_path, view_for
from thirteendays.play.intel import masked_log
from thirteendays.play.session import SAVE_MISMATCH, SAVE_SCENARIO, SAVE_UNREADABLE
from thirteendays.storage import autosave_path


def started(name: str | Path = "tutorial", seed: int = 5) -> Session:
    opened = new_game(name, "us", seed, "historical")
    assert opened.session is not None, opened.lines()
    return opened.session


def first_choice(session: Session) -> str:
    return session.view().decision.options[1].id


def saved_tutorial(tmp_path: Path) -> Path:
    session = started()
    session.choose(first_choice(session))
    return autosave_path()


def test_a_shipped_scenario_is_saved_by_id_and_opens_from_any_folder(tmp_path, monkeypatch):
    path = saved_tutorial(tmp_path)
    data = json.loads(path.read_text())
    assert data["scenario_id"] == "tutorial" and data["scenario_file"] == ""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    opened = open_save(path)
    assert opened.ok, opened.lines()
    assert opened.session.game.player_choices == [tuple(c) for c in data["choices"]]


def test_an_old_save_made_in_a_checkout_still_opens_anywhere(tmp_path, monkeypatch):
    path = saved_tutorial(tmp_path)
    data = json.loads(path.read_text())
    data["scenario_file"] = "scenarios/tutorial.yaml"
    path.write_text(json.dumps(data))
    monkeypatch.chdir(tmp_path)
    assert not (tmp_path / "scenarios").exists()
    assert open_save(path).ok


def test_a_users_file_is_saved_by_absolute_path_and_an_edit_is_refused(tmp_path, monkeypatch):
    mine = tmp_path / "mine" / "crisis.yaml"
    mine.parent.mkdir()
    text = (SCENARIOS / "tutorial.yaml").read_text() + "\n# my own copy\n"
    mine.write_text(text)
    monkeypatch.chdir(mine.parent)
    session = started("crisis.yaml")
    assert session.scenario_file == str(mine.resolve())
    session.choose(first_choice(session))
    monkeypatch.chdir(tmp_path)
    assert open_save(autosave_path()).ok
    mine.write_text(text.replace("start: 0.35", "start: 0.45"))
    opened = open_save(autosave_path())
    assert not opened.ok and opened.diagnostics[0].code == SAVE_MISMATCH
    assert "has changed since this game was saved" in opened.lines()[0]


def test_a_copy_of_a_shipped_scenario_is_saved_as_the_shipped_one(tmp_path):
    copy = tmp_path / "copy.yaml"
    shutil.copy(SCENARIOS / "tutorial.yaml", copy)
    assert started(copy).scenario_file == ""


def _mutated(path: Path, **changes) -> str:
    data = json.loads(path.read_text())
    data.update(changes)
    return json.dumps(data)


LONG = "x" * 500_000
HUGE = "x" * 50_000_000


@pytest.mark.parametrize(
    ("change", "code", "fragment"),
    [
        ({"seed": -1}, SAVE_UNREADABLE, "'seed'"),
        ({"seed": 2**64}, SAVE_UNREADABLE, "'seed'"),
        ({"opponent": "nobody"}, SAVE_UNREADABLE, "unknown opponent"),
        ({"side": "france"}, SAVE_MISMATCH, "not one of"),
        ({"side": "\ud800"}, SAVE_UNREADABLE, "'side'"),
        ({"scenario_id": LONG}, SAVE_UNREADABLE, "'scenario_id'"),
        ({"scenario_id": HUGE}, SAVE_UNREADABLE, "too large for a save"),
        ({"scenario_file": "/proc/self/environ"}, SAVE_SCENARIO, "not a .yaml file"),
        ({"scenario_file": "/proc/self/x.yaml"}, SAVE_SCENARIO, "not a scenario"),
        ({"scenario_file": "/nowhere/x.yaml"}, SAVE_SCENARIO, "missing"),
        ({"scenario_id": "atlantis"}, SAVE_SCENARIO, "missing"),
        ({"choices": [["response", "surrender"]]}, SAVE_MISMATCH, "not open"),
        ({"choices": [["a", "b"]] * 20_000}, SAVE_UNREADABLE, "'choices'"),
        ({"extra": 1}, SAVE_UNREADABLE, "'extra'"),
    ],
)
def test_bad_saves_give_one_short_line_and_are_kept(tmp_path, change, code, fragment):
    path = saved_tutorial(tmp_path)
    path.write_text(_mutated(path, **change))
    before = path.read_bytes()
    opened = open_save(path)
    assert not opened.ok
    (line,) = opened.lines()
    assert line.startswith(f"{path}:1:1: {code} error:") and fragment in line
    assert "\n" not in line and len(line) < 400
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('{"format": 1, "seed": ' + "9" * 5000 + "}", "not a save"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ("\ud800".encode("utf-8", "surrogatepass").decode("latin-1"), "cannot read the save"),
    ],
)
def test_hostile_save_files_are_refused_without_a_traceback(tmp_path, capsys, text, fragment):
    path = tmp_path / "hostile.json"
    path.write_text(text, encoding="latin-1")
    assert main(["replay", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{path}:") and fragment in err and len(err) < 400
    assert "Traceback" not in err


def test_a_huge_save_is_refused_before_it_is_read_whole(tmp_path):
    path = tmp_path / "huge.json"
    path.write_bytes(b" " * (MAX_SAVE_BYTES + 10))
    (line,) = open_save(path).lines()
    assert "too large for a save" in line


def test_the_autosave_is_written_after_each_choice_and_removed_at_the_end():
    session = started()
    session.choose(first_choice(session))
    assert autosave_path().exists()
    while session.view().decision is not None:
        session.choose(session.view().decision.options[0].id)
    assert session.view().finished and not autosave_path().exists()
    session.leave()  # a finished game is not saved again
    assert not autosave_path().exists()


def test_leaving_an_unfinished_game_saves_it():
    session = started()
    session.leave()
    assert open_save(autosave_path()).ok


def test_named_save_slots(tmp_path):
    session = started()
    session.choose(first_choice(session))
    path = session.save(slot_path("Before the letters"))
    assert path.name == "Before the letters.json"
    labels = [entry.label for entry in list_saves()]
    assert any(label.startswith("Before the letters: tutorial as us, 1 choice —") for label in labels)
    assert open_save(path).session.game.player_choices == session.game.player_choices
    for bad in ("", "../escape", "a/b", "autosave", "x" * 61, ".hidden"):
        with pytest.raises(ValueError, match="a save name"):
            slot_path(bad)


def test_an_unreadable_save_is_listed_as_unreadable():
    started().save(slot_path("good"))
    (slot_path("good").parent / "bad.json").write_text("{oops")
    labels = {entry.path.name: entry for entry in list_saves()}
    assert labels["good.json"].readable and not labels["bad.json"].readable
    assert "(unreadable)" in labels["bad.json"].label


def test_the_player_view_is_frozen_and_matches_the_game():
    session = started()
    view = session.view()
    with pytest.raises(dataclasses.FrozenInstanceError):
        view.day = 3
    game = session.game
    truth = dict(zip(game.compiled.track_ids, game.state.tracks[0].tolist(), strict=True))
    exact = [t for t in view.tracks if not t.estimated]
    assert exact and [t.value for t in exact] == pytest.approx([truth[t.id] for t in exact])
    for t in view.tracks:  # the other side's tracks are estimates whose band is the view's own
        if t.estimated and t.known:
            assert t.low <= t.value <= t.high
    assert view.decision.option_ids == game.decision().option_ids
    assert session.view() is view  # built once per state
    session.choose(first_choice(session))
    after = session.view()
    assert after is not view and after.explanation and after.explanation[0].text.startswith("Day ")
    assert view_for(game, "us") == after


def test_what_the_player_has_not_seen():
    session = started()
    session.choose(first_choice(session))
    unseen = session.unseen()
    assert unseen and unseen == masked_log(session.game, session.game.side)
    assert session.unseen() == unseen  # reading changes nothing
    session.mark_seen(upto_day=unseen[0].day)
    assert all(e.day > unseen[0].day for e in session.unseen())
    session.mark_seen()
    assert session.unseen() == ()


def test_new_game_answers_bad_requests_without_raising(tmp_path):
    assert "no such scenario" in new_game("atlantis").usage
    assert "--side must be one of" in new_game("tutorial", "france").usage
    assert "--seed must lie between" in new_game("tutorial", seed=2**64).usage
    broken = tmp_path / "broken.yaml"
    broken.write_text("title: [unclosed")
    opened = new_game(broken)
    assert not opened.ok and not opened.usage and opened.lines()[0].startswith(f"{broken}:")


# ----- the terminal, through the same layer ------------------------------------------------
def play_lines(session: Session, *lines: str) -> str:
    import io

    from thirteendays.text.play import play_text

    out = io.StringIO()
    play_text(session, out, io.StringIO("".join(f"{line}\n" for line in lines)))
    return " ".join(out.getvalue().split())  # the terminal wraps at 78 columns


def test_the_terminal_gives_the_advisers_estimates_on_request(monkeypatch):
    from thirteendays.play import advisor

    monkeypatch.setattr(advisor, "ROLLOUTS", 200)
    text = play_lines(started(), "a", "q")
    council = started().scenario.sides["us"].council
    assert f"{council}: war" in text and "plays the rest of the crisis about 100 times" in text
    assert "Curtis LeMay (Air Force Chief of Staff): war" in text and "assumes that Moscow" in text


def test_the_terminal_asks_before_a_choice_that_crosses_a_danger_mark():
    session = started()
    options = session.view().decision.options
    warned = next(i for i, o in enumerate(options, 1) if o.warnings)
    text = play_lines(session, str(warned), "n", "q")
    assert "Are you sure?" in text and options[warned - 1].warnings[0] in text
    assert session.game.player_choices == []  # thought again
    text = play_lines(session, str(warned), str(warned), "q")
    assert f"You chose: {options[warned - 1].label}." in text
    assert session.game.player_choices[0][1] == options[warned - 1].id


def test_the_terminal_saves_to_named_slots_and_lists_them():
    session = started()
    text = play_lines(session, "s Thursday", "l", "s ../x", "q")
    assert "Saved to" in text and "Thursday.json" in text
    assert "- Thursday: tutorial as us, 0 choices" in text
    assert "Not saved: a save name is" in text
    assert open_save(slot_path("Thursday")).ok


def test_front_ends_read_the_view_not_engine_arrays():
    root = Path(__file__).resolve().parent.parent / "src" / "thirteendays"
    forbidden = (".state.", "state.tracks", ".compiled.", "game.history", "game.log", "game.result()")
    offenders = [
        f"{path.relative_to(root)}:{number}: {line.strip()}"
        for folder in ("ui", "text")
        for path in sorted((root / folder).rglob("*.py"))
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if any(word in line for word in forbidden)
    ]
    assert offenders == []


def test_play_load_takes_the_name_of_a_save_slot(monkeypatch, capsys):
    import io
    import sys

    session = started()
    session.choose(first_choice(session))
    session.save(slot_path("my game"))
    monkeypatch.setattr(sys, "stdin", io.StringIO("q\n"))
    assert main(["play", "--text", "--load", "my game"]) == 0
    out = capsys.readouterr().out
    assert "Day " in out and "Goodbye." in out
    # a name that names no save is a usage error (2); a save that cannot be read is not (1)
    assert main(["play", "--text", "--load", "no such game"]) == 2
    assert "SV001 error: no such save file" in capsys.readouterr().err
    assert main(["play", "--text", "--load", "my gane"]) == 2  # a typo is answered with the near name
    assert "no such save file (did you mean 'my game'?)" in capsys.readouterr().err


def test_a_failed_autosave_is_a_notice_not_a_crash(monkeypatch):
    session = started()

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("thirteendays.play.session.write_save", full_disk)
    session.choose(first_choice(session))
    assert len(session.game.player_choices) == 1  # the game goes on
    (notice,) = session.take_notices()
    assert "Autosave failed" in notice and "No space left on device" in notice
    assert session.take_notices() == []
    assert session.leave() is False
    assert "No space left" in play_lines(session, "q")


def test_a_shipped_scenario_by_name_is_not_mistaken_for_a_local_file_of_that_name(tmp_path, monkeypatch):
    local = tmp_path / "scenarios" / "tutorial.yaml"
    local.parent.mkdir()
    local.write_text((SCENARIOS / "tutorial.yaml").read_text().replace("start: 0.35", "start: 0.45"))
    monkeypatch.chdir(tmp_path)
    session = started("tutorial")
    assert session.scenario_file == ""
    session.choose(first_choice(session))
    assert open_save(autosave_path()).ok  # the shipped one, whatever is in this folder


def test_a_folder_named_like_the_scenario_does_not_hide_it(tmp_path, monkeypatch):
    path = saved_tutorial(tmp_path)
    (tmp_path / "tutorial").mkdir()
    monkeypatch.chdir(tmp_path)
    assert open_save(path).ok


def test_continuing_an_old_checkout_save_writes_a_portable_one(tmp_path):
    path = saved_tutorial(tmp_path)
    data = json.loads(path.read_text())
    data["scenario_file"] = "scenarios/tutorial.yaml"
    path.write_text(json.dumps(data))
    session = open_save(path).session
    session.save()
    assert json.loads(path.read_text())["scenario_file"] == ""


@pytest.mark.parametrize("command", [["replay"], ["report", "--out", "r.html"], ["play", "--text", "--load"]])
def test_a_save_name_too_long_for_the_filesystem_is_one_line(capsys, tmp_path, monkeypatch, command):
    from thirteendays import cli

    monkeypatch.chdir(tmp_path)
    name = "x" * 5000
    argv = [*command, name] if command[0] != "report" else ["report", name, *command[1:]]
    assert cli.main(argv) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "SV001" in err and "file name too long" in err and len(err) < 600


def test_the_title_page_dates_are_the_scenarios_own():
    from thirteendays.play.scenarios import load_shipped
    from thirteendays.play.words import date_span

    assert date_span(load_shipped("cuban_missile_crisis").scenario) == "October 16 – 28, 1962"
    assert date_span(load_shipped("berlin_1961").scenario) == "October 22 – 28, 1961"
    across = load_shipped("tutorial").scenario.model_copy(update={"days": 30})
    assert date_span(across).count("–") == 1 and "November" in date_span(across)


def test_a_day_that_ends_in_war_says_what_began_it():
    """'WAR.' alone left players guessing whether they, the other side or chance began it."""
    from thirteendays.play import new_game

    told = []
    for seed in range(1, 200):
        session = new_game("cuban_missile_crisis", "us", seed, "hawk").session
        game = session.game
        while game.decision() is not None:
            game.choose(game.decision().options[0].id)
        rows = [r.text for day in range(1, 14) for r in session.view().day_rows(day)]
        if "WAR." in rows:
            told.append(rows[rows.index("WAR.") + 1])
        if len(told) >= 3:
            break
    assert len(told) == 3
    assert all(t.startswith(("It began with", "No one ordered it", "What began it")) for t in told), told


def test_a_khrushchev_game_dates_each_day_and_says_which_were_not_his_to_decide():
    """It opened on a bare 'End of day 1:', with no date and no word of why nothing was asked."""
    opened = new_game("cuban_missile_crisis", "ussr", 5, "historical")
    assert opened.session is not None, opened.lines()
    text = play_lines(opened.session, "1", "q")
    assert "End of day 1 (Tuesday, October 16); nothing fell to you to decide:" in text
    assert "End of day 3 (Thursday, October 18):" in text  # Gromyko's brief was his


def test_the_terminal_tells_the_other_sides_morning_move_before_asking_and_again_in_the_day():
    """The status before a decision already counts the other side's move of that morning; the
    terminal told it only at the end of the day, so the alert rose with no cause given."""
    from thirteendays.play.session import new_game

    session = new_game("cuban_missile_crisis", side="us", seed=11, opponent="historical").session
    text = play_lines(session, "1", "1", "1", "q")
    gromyko = "Nikita Khrushchev: Deny that there are any offensive weapons in Cuba."
    so_far = text.index("Day 3 (Thursday, October 18), so far:")
    assert so_far < text.index(gromyko, so_far) < text.index("Gromyko in the Oval Office", so_far)
    end = text.index("End of day 3")
    assert text.index(gromyko, end) > end  # the whole day, so that its rows add up
