"""The after-action report: one valid, self-contained HTML page naming every decision of the game."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import html5lib
import pytest

from conftest import SCENARIOS
from thirteendays.engine.game import Game
from thirteendays.engine.replay import save_of
from thirteendays.engine.wording import resolved_scenario
from thirteendays.report import ReportError, render_report
from thirteendays.scenario.loader import load_file
from thirteendays.storage import write_save

CMC = SCENARIOS / "cuban_missile_crisis.yaml"


def _finished(scenario, side: str, seed: int, pick) -> Game:
    game = Game(scenario, side=side, seed=seed)
    while (decision := game.decision()) is not None:
        game.choose(pick(decision).id)
    return game


def _history_or_first(decision):
    return next((o for o in decision.options if o.historical), decision.options[0])


def _run(*args: str, cwd: Path, stdin: str = "") -> subprocess.CompletedProcess:
    """The command line in a child process; the home is the test's own (see conftest)."""
    return subprocess.run(
        [sys.executable, "-m", "thirteendays", *args],
        input=stdin,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def cmc():
    return load_file(CMC).scenario


@pytest.mark.parametrize(("side", "seed"), [("us", 3), ("ussr", 8)])
def test_the_page_parses_strictly_and_names_every_decision(cmc, side, seed):
    game = _finished(cmc, side, seed, _history_or_first)
    page = render_report(game)
    html5lib.HTMLParser(strict=True).parse(page)  # raises on any parse error
    worded = resolved_scenario(game.compiled, game.state)  # the words this game shows
    for event_id, option_id in game.player_choices:
        event = next(e for e in worded.events if e.id == event_id)
        option = next(o for o in event.options if o.id == option_id)
        assert _escaped(event.title) in page
        assert _escaped(option.label) in page
    ending = next(e for e in worded.endings if e.id == game.result().ending_id(0))
    assert _escaped(ending.title) in page
    for text in ending.views.values():
        assert _escaped(text.strip()[:60]) in page
    for treaty in cmc.epilogue.treaties:
        assert _escaped(treaty.name) in page


def test_the_page_references_nothing_outside_itself_and_runs_no_script(cmc):
    page = render_report(_finished(cmc, "us", 5, lambda d: d.options[-1]))
    lowered = page.lower()
    assert "<script" not in lowered
    assert not re.search(r"\b(src|href)\s*=", lowered)
    assert "url(" not in lowered and "@import" not in lowered
    assert "<svg" in lowered and "<polyline" in lowered  # the chart is inline


def test_scenario_text_is_escaped(tutorial):
    hostile = tutorial.model_copy(update={"title": "<script>alert(1)</script> & <b>"})
    game = _finished(hostile, "us", 1, lambda d: d.options[0])
    page = render_report(game)
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page


def test_an_unfinished_game_has_no_report(cmc):
    game = Game(cmc, side="us", seed=1)
    game.choose(game.decision().options[0].id)
    with pytest.raises(ReportError, match="has not ended yet"):
        render_report(game)


def test_report_command_from_outside_the_source_tree(cmc, tmp_path: Path):
    finished = _finished(cmc, "us", 9, _history_or_first)
    save = tmp_path / "done.json"
    write_save(save_of(finished, str(CMC)), save)
    res = _run("report", str(save), "--out", "aar.html", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    page = (tmp_path / "aar.html").read_text(encoding="utf-8")
    html5lib.HTMLParser(strict=True).parse(page)
    assert "Your path beside history" in page


def test_report_command_refuses_unfinished_and_broken_saves_in_one_line(cmc, tmp_path: Path):
    unfinished = Game(cmc, side="us", seed=2)
    unfinished.choose(unfinished.decision().options[0].id)
    save = tmp_path / "half.json"
    write_save(save_of(unfinished, str(CMC)), save)
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    for path, fragment in ((save, "SV004 error: the game has not ended yet"), (broken, "not valid JSON")):
        res = _run("report", str(path), "--out", "x.html", cwd=tmp_path)
        assert res.returncode == 1
        lines = res.stderr.strip().splitlines()
        assert len(lines) == 1 and fragment in lines[0], res.stderr
        assert "Traceback" not in res.stderr
        assert not (tmp_path / "x.html").exists()
    res = _run("report", str(save), "--out", str(tmp_path), cwd=tmp_path)
    assert res.returncode == 2 and "is a folder" in res.stderr


def _escaped(text: str) -> str:
    from html import escape

    return escape(" ".join(text.split()))


def test_a_finished_game_is_kept_and_its_report_is_one_command_away(tmp_path: Path):
    """The autosave goes when a game ends; the finished game is kept as a save the report opens."""
    saves = Path(os.environ["THIRTEENDAYS_HOME"]) / "data" / "saves"
    answers = "1\ny\n" * 10
    played = _run("play", "--text", "--scenario", "tutorial", "--seed", "2", cwd=tmp_path, stdin=answers)
    assert played.returncode == 0, played.stderr
    kept = sorted(saves.glob("tutorial-ended-*.json"))
    assert len(kept) == 1 and not (saves / "autosave.json").exists()
    assert f"thirteendays report {kept[0].stem} --out report.html" in " ".join(played.stdout.split())
    res = _run("report", kept[0].stem, "--out", "report.html", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    html5lib.HTMLParser(strict=True).parse((tmp_path / "report.html").read_text(encoding="utf-8"))


def test_the_report_names_the_opponent_in_words_not_the_codes_name():
    from thirteendays.play.words import opponent_words

    assert "“ai”" not in opponent_words("ai") and "tension" in opponent_words("ai")
    assert opponent_words("master").startswith("the computer at Master")
