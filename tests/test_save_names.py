"""The terminal's save listing names every save in full, as ``--load`` and ``replay`` take it."""

from __future__ import annotations

import io

from thirteendays.cli import main
from thirteendays.play import new_game
from thirteendays.play.slots import save_location
from thirteendays.storage import saves_dir
from thirteendays.text.play import TextUI

# Two names longer than 40 characters that differ only at the end, like two kept games
# saved in the same minute: cut at 40 they read the same.
NAMES = ("cuban-missile-crisis-ended-20261126-202015", "cuban-missile-crisis-ended-20261126-202047")


def test_the_terminal_lists_each_save_by_a_name_replay_and_load_accept(capsys):
    session = new_game("tutorial", "us", 5, "historical").session
    session.choose(session.view().decision.option_ids[0])
    for name in NAMES:
        session.save(saves_dir() / f"{name}.json")  # as a finished game is kept, under a long name
    out = io.StringIO()
    TextUI(session, out, io.StringIO()).list_saves()
    listing = " ".join(out.getvalue().split())
    for name in NAMES:
        assert f"- {name}: tutorial as us, 1 choice" in listing
        assert save_location(name).exists()  # what --load and replay resolve a name to
    capsys.readouterr()
    assert main(["replay", NAMES[1]]) == 0
    assert "the saved game is unfinished after 1 choice" in capsys.readouterr().err
