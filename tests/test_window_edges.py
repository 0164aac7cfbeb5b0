"""Smaller things that looked wrong in the window's screenshots, each pinned by a test."""

from __future__ import annotations

import os
import re

import pytest

from thirteendays.play import advisor as advisor_module
from thirteendays.settings import Settings
from thirteendays.ui.shots import build
from thirteendays.ui.widgets.text_audit import AuditSurface

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")


SIZES = [(1024, 640), (1280, 800), (1920, 1080)]
TEXT_SCALES = (1.0, 1.5, 2.0)


def drawn_everywhere(app):
    """The top screen drawn at every size and text scale: (where, audit surface) for each."""
    for size in SIZES:
        for scale in TEXT_SCALES:
            app.ctx.size = size
            app.ctx.settings = Settings(reduced_motion=True, text_scale=scale)
            audit = AuditSurface(size)
            app.top.draw(audit)
            yield f"{size} text {scale}", audit


@pytest.fixture(autouse=True)
def _few_rollouts(monkeypatch):
    monkeypatch.setattr(advisor_module, "ROLLOUTS", 50)


def test_the_endings_prestige_never_parts_a_sides_name_from_its_score():
    app, _ = build("ending", size=(1024, 640), settings=Settings(reduced_motion=True, text_scale=1.5))
    names = [side.name for side in app.ctx.session.scenario.sides.values()]
    checked = 0
    for where, audit in drawn_everywhere(app):
        drawn = [p.text for p in audit.placed]
        # the prestige line(s): from "Prestige —" to the last side's score
        start = next(i for i, t in enumerate(drawn) if t.startswith("Prestige"))
        lines = [drawn[start]]
        for t in drawn[start + 1 :]:  # the lines that go on with scores ("…: +3")
            if not re.search(r": [+-]\d+$", t.rstrip()):
                break
            lines.append(t)
        shown = " ".join(lines)
        assert all(f"{n}: " in shown for n in names), where
        for line in lines[1:]:
            if not any(line.startswith(n) for n in names):
                pytest.fail(f"{where}: a side's name broken from its score: {line!r}")
        checked += 1
    assert checked


def test_no_range_ring_runs_through_the_maps_data_credit():
    from thirteendays.ui.widgets.map_marks import colour_of

    app, _ = build("map", day=12, settings=Settings(reduced_motion=True))
    p = app.ctx.palette
    ring = tuple(colour_of(p, "danger"))
    crossed = []
    for where, audit in drawn_everywhere(app):
        (credit,) = [q.rect for q in audit.placed if q.text.startswith("Coastlines")]
        red = sum(
            tuple(audit.get_at((x, y)))[:3] == ring
            for x in range(credit.left, credit.right)
            for y in range(credit.top, credit.bottom)
        )
        if red:
            crossed.append(f"{where}: {red} pixels of a ring in the credit")
    assert not crossed, "\n".join(crossed)


def test_a_card_with_more_warnings_than_it_has_room_for_says_there_is_more():
    """Two lines of warnings on a card; the rest cut off mid-sentence read as the whole risk."""
    from dataclasses import replace

    app, _ = build("decision", size=(1024, 640))
    screen = app.top
    many = (
        "Pushes Soviet military alert to war (75% to 100%)",
        "May push US military alert to war, by our best estimate",
        "Could push US military alert to war if it stands near the top of our estimate (77–93%)",
        "Carries its own chance of war (about 20%)",
    )
    first, *rest = screen.decision.options
    screen.decision = replace(screen.decision, options=(replace(first, warnings=many), *rest))
    for where, audit in drawn_everywhere(app):
        drawn = [p.text for p in audit.placed]
        start = next(i for i, t in enumerate(drawn) if t.startswith("Pushes Soviet military alert"))
        assert drawn[start + 1].endswith("…"), where
        assert "Carries its own chance" not in " ".join(drawn[start : start + 2]), where


def test_the_windows_ending_tells_what_the_terminals_does():
    """History's account and the opened archives were in the terminal's ending, not the window's."""
    app, _ = build("ending", size=(1280, 720), side="ussr")
    story = app.top.story()
    view = app.ctx.session.view()
    assert f"In history: {view.ending.reflection}" in story
    assert "The archives opened" in story and all(line in story for line in view.ending.archives)
    assert view.ending.archives  # a single player's ending has something to open
