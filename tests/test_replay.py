"""Saves are small, atomic, and replay the game exactly; bad saves are refused clearly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SCENARIOS
from thirteendays.engine.game import Game
from thirteendays.engine.replay import ReplayError, replay, save_of
from thirteendays.scenario.loader import load_text
from thirteendays.storage import SaveFileError, atomic_write, read_save, write_save


def played(tutorial, choices=("quarantine", "show-photos", "secret-trade"), seed=21) -> Game:
    g = Game(tutorial, side="us", seed=seed)
    for option in choices:
        g.choose(option)
    return g


def test_replay_rebuilds_the_game_exactly(tutorial, tmp_path: Path):
    g = played(tutorial)
    path = tmp_path / "s.json"
    write_save(save_of(g), path)
    again = replay(read_save(path), tutorial)
    assert [e.to_dict() for e in again.log] == [e.to_dict() for e in g.log]
    assert again.result().ending_id() == g.result().ending_id()


def test_a_save_mid_game_resumes_at_the_same_decision(tutorial, tmp_path: Path):
    g = Game(tutorial, side="us", seed=4)
    g.choose("quarantine")
    path = tmp_path / "mid.json"
    write_save(save_of(g), path)
    again = replay(read_save(path), tutorial)
    assert again.decision().event.id == g.decision().event.id
    assert (again.state.tracks == g.state.tracks).all()


def test_a_save_of_an_edited_scenario_is_refused(tutorial):
    g = played(tutorial)
    text = (SCENARIOS / "tutorial.yaml").read_text().replace("start: 0.35", "start: 0.45")
    edited = load_text(text, "edited.yaml").scenario
    with pytest.raises(ReplayError, match="has changed since this game was saved"):
        replay(save_of(g), edited)


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("{not json", "not valid JSON"),
        ("[]", "a save is a JSON object"),
        ('{"format": 99}', "unsupported save format"),
        ('{"format": 1, "scenario_id": "tutorial"}', "'scenario_hash' is missing"),
        ('{"format": 1, "format": 1}', "the key 'format' appears twice"),
        ('{"format": 1, "seed": ' + "9" * 5000 + "}", "a number with thousands of digits"),
        (
            '{"format": 1, "scenario_id": "t", "scenario_hash": "h", "seed": 1, "side": "us", '
            '"opponent": "zz", "choices": []}',
            "'opponent': unknown opponent",
        ),
    ],
)
def test_malformed_saves_get_one_line_messages_and_are_kept(tmp_path: Path, content, fragment):
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(SaveFileError) as info:
        read_save(path)
    message = str(info.value)
    assert message.startswith(f"{path}:")
    assert fragment in message
    assert "\n" not in message
    assert path.read_text() == content  # nothing lost


def test_choices_that_do_not_fit_are_refused(tutorial):
    save = save_of(played(tutorial))
    save.choices[0] = ("response", "surrender")
    with pytest.raises(ReplayError, match="not open"):
        replay(save, tutorial)


def test_atomic_write_replaces_whole_files(tmp_path: Path):
    path = tmp_path / "f.json"
    atomic_write(path, json.dumps({"a": 1}))
    atomic_write(path, json.dumps({"a": 2}))
    assert json.loads(path.read_text()) == {"a": 2}
    assert [p.name for p in tmp_path.iterdir()] == ["f.json"]


def test_a_choice_forced_by_the_other_sides_politics_prints_without_an_empty_actor():
    """The other side's overrule reaches this side with its actor hidden; it printed 'demand-turkey ()'."""
    from thirteendays.cli_replay import replay_line
    from thirteendays.engine.record import LogEntry

    hidden = LogEntry("choice", 12, event="second-letter", option="demand-turkey", side="ussr", by="")
    assert replay_line(hidden) == "day 12: ussr second-letter -> demand-turkey"
    mine = LogEntry("choice", 7, event="the-speech", option="quarantine-speech", side="us", by="player")
    assert replay_line(mine) == "day  7: us the-speech -> quarantine-speech (player)"
