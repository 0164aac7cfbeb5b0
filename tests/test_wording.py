"""Text that depends on the state: variants picked per game, once, for every front end."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import numpy as np

from conftest import ROOT, SCENARIOS, tutorial_game_against_hawk
from thirteendays.engine.compiled import Compiled
from thirteendays.engine.game import Game
from thirteendays.engine.state import State
from thirteendays.engine.wording import resolve_text, resolved_scenario, variant_index
from thirteendays.play import new_game
from thirteendays.scenario.lint import lint
from thirteendays.scenario.loader import load_file

STRIKE_WORDS = "still smouldering"
PLAIN_WORDS = "Two messages from Khrushchev lie on your desk"


def _letters(c: Compiled):
    return c.scenario.events[c.event_ids.index("letters")]


def test_each_game_of_a_batch_gets_its_own_variant(tutorial_compiled: Compiled):
    c = tutorial_compiled
    state = State.initial(c, 6)
    strike = np.uint64(1 << c.flag_ids.index("strike"))
    state.flags[[1, 4]] |= strike
    text = _letters(c).text
    assert list(variant_index(c, state, text)) == [1, 0, 1, 1, 0, 1]
    assert STRIKE_WORDS in resolve_text(c, state, text, row=4)
    assert resolve_text(c, state, text, row=0).startswith(PLAIN_WORDS)
    assert resolve_text(c, state, "plain words", row=3) == "plain words"


def test_the_resolved_scenario_holds_plain_strings_and_leaves_the_original_alone(tutorial_compiled):
    c = tutorial_compiled
    state = State.initial(c, 1)
    state.flags[0] |= np.uint64(1 << c.flag_ids.index("strike"))
    worded = resolved_scenario(c, state)
    letters = worded.events[c.event_ids.index("letters")]
    assert isinstance(letters.text, str) and STRIKE_WORDS in letters.text
    assert letters.title == "Two letters and the smoke"
    assert letters.options[0].label == "Accept the first letter, as if the strike had not happened"
    assert "No strike was ordered" in letters.options[0].note
    submarine = next(x for x in worded.incidents if x.id == "submarine")
    assert "heard of the strikes" in submarine.text
    withdrawal = next(x for x in worded.endings if x.id == "withdrawal")
    assert withdrawal.views["us"].startswith("A victory, bought")
    assert isinstance(_letters(c).text, list)  # the scenario itself keeps its variants


def _session_at_letters(strike: bool):
    """A tutorial game as the US, at the day-3 letters, with or without the day-1 strike."""
    for seed in range(200):
        session = new_game("tutorial", "us", seed, "historical").session
        session.choose("air-strike" if strike else "quarantine")
        session.choose("show-photos")
        view = session.view()
        if view.decision is not None and view.decision.event_id == "letters":
            return session, seed
    raise AssertionError("no seed reached the letters")


def test_the_player_view_shows_the_variant_that_holds():
    session, _ = _session_at_letters(strike=True)
    d = session.view().decision
    assert STRIKE_WORDS in d.text
    assert "as if the strike had not happened" in d.options[0].label
    session, _ = _session_at_letters(strike=False)
    d = session.view().decision
    assert d.title == "Two letters"
    assert d.text.startswith(PLAIN_WORDS)
    assert d.options[0].label == "Accept the first letter only"


def test_the_terminal_shows_the_same_variant(tmp_path: Path):
    _, seed = _session_at_letters(strike=True)
    env = {"THIRTEENDAYS_HOME": str(tmp_path / "home"), "PATH": ""}
    res = subprocess.run(
        [
            *(sys.executable, "-m", "thirteendays", "play", "--text", "--scenario", "tutorial"),
            *("--side", "us", "--seed", str(seed), "--opponent", "historical"),
        ],
        input="1\n1\n1\n1\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=tmp_path,
    )
    assert res.returncode == 0, res.stderr
    assert STRIKE_WORDS in res.stdout
    assert PLAIN_WORDS not in res.stdout


def test_variants_are_deterministic_across_a_batch(tutorial_compiled):
    def run() -> np.ndarray:
        game = Game(tutorial_compiled, side=None, seed=11, n=400)
        game.run({"us": "random", "ussr": "random"})
        return variant_index(tutorial_compiled, game.state, _letters(tutorial_compiled).text)

    first, second = run(), run()
    assert np.array_equal(first, second)
    assert set(first.tolist()) == {0, 1}  # some games struck, some did not


def _broken(tmp_path: Path, old: str, new: str) -> list[str]:
    text = (SCENARIOS / "tutorial.yaml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "broken.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = load_file(path)
    return [d.format() for d in result.diagnostics]


def test_a_variant_list_must_end_with_a_plain_fallback(tmp_path: Path):
    lines = _broken(
        tmp_path,
        "          - text: Accept the first letter only",
        "          - {when: {flag: trade}, text: Accept the first letter only}",
    )
    assert len(lines) == 1, lines
    assert "TD012" in lines[0] and "last variant must be a plain fallback" in lines[0]
    assert "label" in lines[0]


def test_only_the_last_variant_may_go_without_a_condition(tmp_path: Path):
    first = "          - when: {flag: strike}\n            text: Accept"
    lines = _broken(tmp_path, first, "          - text: Accept")
    assert len(lines) == 1 and "variant 0 has no 'when'" in lines[0], lines


def test_each_variant_counts_for_the_word_limit(tmp_path: Path):
    long = " ".join(["word"] * 160)
    text = (SCENARIOS / "tutorial.yaml").read_text(encoding="utf-8")
    path = tmp_path / "long.yaml"
    path.write_text(text.replace("          The missile sites are still smouldering", f"          {long}"))
    report = lint(load_file(path), simulate_runs=0)
    hits = [d for d in report.diagnostics if d.code == "TD111"]
    assert hits and hits[0].path.endswith("text[0].text"), [d.format() for d in report.diagnostics]


def test_the_guides_examples_of_variants_and_weights_are_the_tutorials_own_lines():
    guide = (ROOT / "docs" / "writing-scenarios.md").read_text(encoding="utf-8")
    section = guide.split("## Text that depends on the state")[1].split("## How the model")[0]
    tutorial = (SCENARIOS / "tutorial.yaml").read_text(encoding="utf-8").splitlines()
    blocks = re.findall(r"```yaml\n(.*?)```", section, re.S)
    assert len(blocks) == 10
    for block in blocks:
        for line in block.splitlines():
            assert line in tutorial, line


def test_replay_prints_the_saved_sides_log_without_the_others_secrets(tutorial, tmp_path: Path):
    from thirteendays.cli import main

    session = tutorial_game_against_hawk(
        lambda s: s.game.finished and any(e.option == "hold-out" for e in s.game.log), seeds=300
    )
    path = session.save(tmp_path / "game.json")
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["replay", str(path)]) == 0
    text = out.getvalue()
    assert "letters -> pledge" in text and "hold-out" not in text


def test_a_variants_condition_is_checked_like_any_other(tmp_path: Path):
    """A typo in a variant's ``when`` is an error at its line, not a KeyError in play."""
    text = (SCENARIOS / "tutorial.yaml").read_text(encoding="utf-8")
    old = "      - {when: {flag: strike}, text: Two letters and the smoke}"
    line = text.splitlines().index(old) + 1
    lines = _broken(tmp_path, old, old.replace("flag: strike", "flag: strik"))
    assert len(lines) == 1, lines
    assert f"broken.yaml:{line}:" in lines[0] and "strik" in lines[0] and "strike" in lines[0], lines
