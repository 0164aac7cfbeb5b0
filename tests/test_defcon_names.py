"""A scenario may name its DEFCON levels: in 1962 only SAC went to DEFCON 2, so the Cuban
crisis calls 2 what it was, in the window's box and the terminal's header alike."""

from __future__ import annotations

import io
import os

import pytest
from pydantic import ValidationError

from thirteendays.play import new_game
from thirteendays.play.words import DEFCON_WORDS, defcon_words
from thirteendays.scenario.model import Defcon
from thirteendays.settings import Settings
from thirteendays.text.play import TextUI
from thirteendays.ui.shots import build
from thirteendays.ui.widgets.text_audit import AuditSurface

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

SAC = "SAC at DEFCON 2; other forces at 3"


def test_names_are_levels_1_to_5_with_short_words():
    assert Defcon.model_validate({"start": 5, "names": {2: SAC}}).names == {2: SAC}
    for bad in ({7: "x"}, {2: ""}, {2: "x" * 81}):
        with pytest.raises(ValidationError):
            Defcon.model_validate({"start": 5, "names": bad})


def test_the_cuban_crisis_names_defcon_2_and_keeps_the_standard_words_elsewhere():
    scenario = new_game("cuban_missile_crisis", "us", 1, "historical").session.scenario
    assert defcon_words(scenario, 2) == SAC
    assert defcon_words(scenario, 3) == DEFCON_WORDS[3]
    berlin = new_game("berlin_1961", "us", 1, "historical").session.scenario
    assert all(defcon_words(berlin, n) == DEFCON_WORDS[n] for n in range(1, 6))


@pytest.mark.parametrize("size", [(1024, 640), (1280, 720)])
@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_the_window_box_says_the_name_on_october_25(size, scale):
    app, _ = build("decision", size=size, day=10, settings=Settings(reduced_motion=True, text_scale=scale))
    assert app.ctx.session.view().defcon == 2
    surface = AuditSurface(size)
    app.top.draw(surface)
    texts = " ".join(p.text for p in surface.placed)
    assert SAC in " ".join(texts.split()), "the box wraps the name, whole"
    assert "Next step to war" not in texts
    assert not surface.problems()
    if app.ctx.session.advisor is not None:
        app.ctx.session.advisor.cancel()


def test_the_terminal_header_says_the_name():
    from thirteendays.ui.shots import historical_choices

    session = new_game("cuban_missile_crisis", "us", 1, "historical").session
    historical_choices(session, 10)
    out = io.StringIO()
    TextUI(session, out, io.StringIO()).tracks_line(session.view())
    assert f"DEFCON 2 ({SAC})." in out.getvalue()
    session = new_game("cuban_missile_crisis", "us", 1, "historical").session
    out = io.StringIO()
    TextUI(session, out, io.StringIO()).tracks_line(session.view())
    assert "DEFCON 5." in out.getvalue() and "(" not in out.getvalue().split("DEFCON 5")[1][:2]
