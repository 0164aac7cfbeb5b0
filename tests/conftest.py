"""Shared fixtures: the real shipped scenario files, loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from thirteendays.engine.compiled import Compiled
from thirteendays.scenario.loader import load_file
from thirteendays.scenario.model import Scenario

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"


@pytest.fixture(scope="session")
def tutorial() -> Scenario:
    result = load_file(SCENARIOS / "tutorial.yaml")
    assert result.ok, [d.format() for d in result.diagnostics]
    return result.scenario


@pytest.fixture(scope="session")
def tutorial_compiled(tutorial: Scenario) -> Compiled:
    return Compiled(tutorial)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Saves and settings go to a temporary folder, never the user's."""
    monkeypatch.setenv("THIRTEENDAYS_HOME", str(tmp_path / "home"))


def tutorial_game_against_hawk(wanted, seeds: int = 400):
    """A tutorial game as the US against a hawk (quarantine, photographs, pledge where open),
    for the first seed whose session ``wanted`` accepts: the tests' way to find a rare path."""
    from thirteendays.play import new_game

    for seed in range(seeds):
        session = new_game("tutorial", "us", seed, "hawk").session
        for choice in ("quarantine", "show-photos", "pledge"):
            d = session.view().decision
            if d is None or choice not in d.option_ids:
                break
            session.choose(choice)
        if wanted(session):
            return session
    raise AssertionError("no seed gave the game wanted")


def pressure_rows():
    """The tutorial, its track ids, and builders of a log row that moves only the President's
    pressure (``values`` of the tracks, ``part`` of a day's dynamics): hand-made day reports."""
    sc = load_file(SCENARIOS / "tutorial.yaml").scenario
    ids = list(sc.tracks)
    k = ids.index("us.political")

    def values(political: float) -> list[float]:
        out = [sc.tracks[t].start for t in ids]
        out[k] = political
        return out

    def part(delta: float) -> list[float]:
        return [delta if i == k else 0.0 for i in range(len(ids))]

    return sc, ids, values, part


def scripted_game(c: Compiled, wanted: dict[str, str], side: str = "us", seed: int = 4, opponent=None):
    """A one-game match: ``wanted`` options where offered, else history's.  Without ``opponent``
    both sides are played by this script; with one, ``side`` only, against that mind.  The
    briefing of every decision, as it read when it was taken, is kept in ``game.briefings``."""
    from thirteendays.engine.game import HUMAN, Game
    from thirteendays.engine.wording import resolve_text

    game = Game(c, side=side, seed=seed, opponent=opponent or "historical")
    if opponent is None:
        game.controllers = [HUMAN] * len(c.side_ids)
    game.briefings = {}
    while (d := game.decision()) is not None:
        game.briefings[d.event.id] = resolve_text(c, game.state, d.event.text)
        pick = wanted.get(d.event.id)
        if pick not in d.option_ids:
            h = [o.id for o in d.options if o.historical]
            pick = h[0] if h else d.option_ids[0]
        game.choose(pick)
    return game
