"""Politics that bites: rules close options, overrule a decision or remove a leader, for everyone.

A small scenario (the lint fixture plus two political tracks and three rules) makes
each rule hold or not by the tracks' starting values alone, so every assertion is about
a game whose politics we know; the shipped crisis checks the same in a real setting.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest

from conftest import SCENARIOS
from thirteendays.engine.game import Game
from thirteendays.envs.crisis import CrisisEnv
from thirteendays.play import new_game, view_for
from thirteendays.play.visibility import visible_log
from thirteendays.scenario.lint import lint
from thirteendays.scenario.loader import load_file, load_scenario, load_text
from thirteendays.scenario.model import EndingKind
from thirteendays.text.play import play_text

BASE = (Path(__file__).parent / "fixtures" / "base.yaml").read_text(encoding="utf-8")
POLITICS = """
politics:
  us:
    - id: no-concession
      when: {track: us.political, above: 0.7}
      title: Congress refuses any concession
      warning: Congress will refuse any concession
      close: {stances: [concede]}
  ussr:
    - id: run-the-line
      when: {track: ussr.political, above: 0.6}
      title: The Presidium orders the ships through
      warning: the Presidium will order the ships through
      overrule: {event: ships, option: run}
    - id: chairman-falls
      when: {track: ussr.political, above: 0.9}
      title: The Presidium removes its chairman
      warning: the Presidium will remove you
      remove: {ending: removed}
"""
REMOVED = """  - id: removed
    kind: removed
    winner: us
    title: Khrushchev removed
    text: The Presidium removes its chairman.
"""


def text_for(us: float = 0.3, ussr: float = 0.3, noise: float = 0.0) -> str:
    tracks = (
        f"  us.political: {{label: Pressure on the President, start: {us}}}\n"
        f"  ussr.political: {{label: Pressure in the Presidium, start: {ussr}}}\n"
    )
    text = BASE.replace("model:\n", tracks + "model:\n", 1)
    if noise:
        text = text.replace("  noise: {world: 0.02}", f"  noise: {{world: 0.02, us.political: {noise}}}")
    return text.replace("endings:\n", "endings:\n" + REMOVED, 1) + POLITICS


def scenario(**kw):
    result = load_text(text_for(**kw), "politics.yaml")
    assert result.scenario is not None, [str(d) for d in result.diagnostics]
    return result.scenario


def settle_pending(game: Game):
    """Play the batch to the US's last decision ('settle'), the one a concession rule closes."""
    while True:
        p = game.pending
        assert p is not None
        if p.event.id == "settle":
            return p
        game.step(np.zeros(game.n, dtype=np.int64))  # the first option: blockade, then the rest


# ----- close ---------------------------------------------------------------------------------
def test_a_closing_rule_closes_options_per_game_in_pending_legal():
    # Noise spreads the President's pressure over the batch: the rule holds in some games only.
    game = Game(scenario(us=0.7, noise=0.05), side="us", seed=3, n=400, opponent="dove")
    p = settle_pending(game)
    accept = p.event.option_ids.index("accept")
    pressure = game.state.tracks[:, game.compiled.track_ids.index("us.political")]
    holds = pressure >= 0.7
    assert 0 < holds[p.waiting].sum() < p.waiting.sum()  # both kinds of game are in the batch
    assert np.array_equal(p.legal[accept, p.waiting], ~holds[p.waiting])
    assert p.legal[p.event.option_ids.index("refuse"), p.waiting].all()
    with pytest.raises(ValueError, match="not open"):
        game.step(np.full(game.n, accept, dtype=np.int64))


@pytest.mark.parametrize("policy", ["ai", "random", "dove", "historical"])
def test_the_computer_never_takes_a_closed_option(policy):
    sc = scenario(us=0.95)
    result = Game(sc, n=2000, seed=1).run({"us": policy, "ussr": "ai"})
    c = result.compiled
    settle = c.event("settle")
    taken = result.state.choices[settle.index]
    assert (taken >= 0).any()
    assert not (taken == settle.option_ids.index("accept")).any()
    # Below the level the same policies do concede: the rule, not the policy, forbids it.
    low = Game(scenario(us=0.3), n=2000, seed=1).run({"us": "dove", "ussr": "ai"})
    assert (low.state.choices[settle.index] == settle.option_ids.index("accept")).any()


def test_the_environment_masks_a_closed_option():
    env = CrisisEnv(scenario(us=0.95), side="us", opponent="dove")
    _obs, info = env.reset(seed=4)
    while env.game.pending is not None and env.game.pending.event.id != "settle":
        _obs, _, done, _, info = env.step(int(np.argmax(info["action_mask"])))
        assert not done
    p = env.game.pending
    assert p is not None
    mask = info["action_mask"]
    assert mask[p.event.option_ids.index("accept")] == 0
    assert mask[p.event.option_ids.index("refuse")] == 1


def test_the_player_sees_a_closed_option_with_its_reason():
    game = Game(scenario(us=0.95), side="us", seed=2, opponent="dove")
    settle_pending(game)
    view = view_for(game, "us")
    assert [o.id for o in view.decision.options] == ["refuse"]
    assert [(o.id, o.reason) for o in view.decision.closed] == [
        ("accept", "Congress refuses any concession.")
    ]
    assert any(n.in_force and n.rule == "no-concession" for n in view.politics)


def test_the_terminal_shows_a_closed_option_unnumbered_with_its_reason(tmp_path):
    path = tmp_path / "politics.yaml"
    path.write_text(text_for(us=0.95), encoding="utf-8")
    session = new_game(path, "us", 2, "dove").session
    out = io.StringIO()
    play_text(session, out, io.StringIO("1\ny\n1\ny\n1\ny\n"))
    text = out.getvalue()
    assert "-. Accept (concede). Closed: Congress refuses any concession." in text
    assert "1. Refuse (escalate)" in text
    assert "Politics: Pressure on the President 95%: Congress refuses any concession." in text


# ----- overrule and removal ---------------------------------------------------------------------
def test_an_overrule_takes_the_decision_at_its_level_and_is_announced():
    above = Game(scenario(ussr=0.65), side="ussr", seed=5, opponent="historical")
    assert above.decision() is None or above.decision().event.id != "ships"  # never asked
    ships = above.compiled.event("ships")
    assert int(above.state.choices[ships.index, 0]) == ships.option_ids.index("run")
    rows = [r.text for r in view_for(above, "ussr").day_rows(2)]
    assert "OVERRULED — The Presidium orders the ships through." in rows
    assert "Khrushchev, overruled: Run the line." in rows
    # Below its level the chairman decides for himself.
    below = Game(scenario(ussr=0.55), side="ussr", seed=5, opponent="historical")
    d = below.decision()
    assert d is not None and d.event.id == "ships" and len(d.options) == 2


def test_the_other_side_never_learns_that_a_leader_was_overruled():
    game = Game(scenario(ussr=0.65), side="us", seed=5, opponent="historical")
    game.run({"us": "historical"})
    seen = visible_log(game.scenario, game.log, "us")
    assert not any(e.kind == "politics" for e in seen)
    choice = next(e for e in seen if e.kind == "choice" and e.event == "ships")
    assert choice.by == ""
    assert any(e.kind == "politics" for e in visible_log(game.scenario, game.log, "ussr"))


def test_removal_ends_the_game_at_the_days_close_with_the_typed_ending():
    game = Game(scenario(ussr=0.95), side="ussr", seed=1, opponent="historical")
    game.run({"ussr": "historical"})
    result = game.result()
    assert result.ending_id() == "removed"
    assert int(game.state.end_day[0]) == 1
    view = view_for(game, "ussr")
    assert view.ending.kind == EndingKind.REMOVED.value and view.ending.winner == "us"
    assert "REMOVED — The Presidium removes its chairman." in [r.text for r in view.day_rows(1)]
    # In a batch the rule removes exactly the games at or above its level.
    batch = Game(scenario(ussr=0.85), n=3000, seed=2).run({"us": "random", "ussr": "random"})
    removed = batch.endings == batch.compiled.ending_ids.index("removed")
    assert not removed.any()  # 0.85 cannot reach 0.9: nothing moves the Presidium's pressure here
    assert (
        Game(scenario(ussr=0.9), n=50, seed=2)
        .run({"us": "random", "ussr": "random"})
        .ending_counts()["removed"]
        == 50
    )


# ----- seeing it coming --------------------------------------------------------------------------
def test_the_warning_comes_before_the_rule_fires_in_the_view_and_the_terminal():
    game = Game(scenario(ussr=0.5), side="ussr", seed=5, opponent="historical")
    view = view_for(game, "ussr")
    notes = {n.rule: n for n in view.politics}
    assert not notes["run-the-line"].in_force
    assert notes["run-the-line"].text == (
        "Pressure in the Presidium 50%: at 60% the Presidium will order the ships through."
    )
    assert "chairman-falls" not in notes  # 50% is not within 15 points of 90%
    # The American sees nothing of the Presidium's politics.
    assert view_for(game, "us").politics == ()

    opened = new_game(SCENARIOS / "cuban_missile_crisis.yaml", "ussr", 11, "historical")
    session = opened.session
    game = session.game
    k = game.compiled.track_ids.index("ussr.political")
    game.state.tracks[0, k] = 0.80  # the Presidium 5 points short of its first rule (85%)
    out = io.StringIO()
    play_text(session, out, io.StringIO("q\n"))
    text = " ".join(out.getvalue().split())
    assert (
        "Politics: Pressure in the Presidium 80%: at 85% the Presidium will forbid any withdrawal "
        "without something in return." in text
    )


# ----- declarations ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("change", "replacement", "code", "fragment", "anchor"),
    [
        (
            "overrule: {event: ships, option: run}",
            "overrule: {event: shipz, option: run}",
            "TD020",
            "unknown event 'shipz'",
            "shipz",
        ),
        (
            "overrule: {event: ships, option: run}",
            "overrule: {event: settle, option: accept}",
            "TD022",
            "decided by 'us'",
            "event: settle",
        ),
        (
            "remove: {ending: removed}",
            "remove: {ending: deal}",
            "TD022",
            "of kind settlement",
            "ending: deal",
        ),
        ("remove: {ending: removed}", "remove: {ending: nowhere}", "TD020", "unknown ending", "nowhere"),
        (  # two consequences: the error sits on the rule itself
            "close: {stances: [concede]}",
            "close: {stances: [concede]}\n      remove: {ending: removed}",
            "TD012",
            "exactly one of close, overrule or remove",
            "- id: no-concession",
        ),
        (
            "close: {stances: [concede]}",
            "close: {stances: [concede]}\n      bites: true",
            "TD010",
            "",
            "bites",
        ),
    ],
)
def test_bad_declarations_are_positioned_errors(change, replacement, code, fragment, anchor):
    text = text_for().replace(change, replacement, 1)
    line = next(i for i, t in enumerate(text.splitlines(), 1) if anchor in t)
    result = load_text(text, "bad.yaml")
    assert result.scenario is None
    hits = [d for d in result.diagnostics if d.code == code and d.line == line]
    assert hits, [str(d) for d in result.diagnostics]
    assert any(fragment.lower() in d.message.lower() for d in hits), [d.message for d in hits]


def test_a_removed_ending_takes_no_condition():
    text = text_for().replace("    kind: removed\n", "    kind: removed\n    when: {war: false}\n", 1)
    result = load_text(text, "bad.yaml")
    assert result.scenario is None
    assert any("no 'when'" in d.message for d in result.diagnostics)


def test_shipped_rules_are_read_and_lint_clean():
    for name in ("cuban_missile_crisis.yaml", "berlin_1961.yaml"):
        report = lint(load_file(SCENARIOS / name), simulate_runs=0)
        assert not [d for d in report.diagnostics if d.code in ("TD131", "TD132")]
        assert load_scenario(SCENARIOS / name).politics


# ----- determinism and the shipped crisis -------------------------------------------------------
def test_seeded_games_with_politics_are_identical():
    crisis = load_scenario(SCENARIOS / "cuban_missile_crisis.yaml")
    runs = [Game(crisis, n=3000, seed=9).run({"us": "random", "ussr": "random"}) for _ in range(2)]
    assert np.array_equal(runs[0].endings, runs[1].endings)
    assert np.array_equal(runs[0].state.choices, runs[1].state.choices)
    counts = runs[0].ending_counts()
    assert counts["president-broken"] > 0 and counts["khrushchev-removed"] > 0


def test_the_historical_path_is_untouched_and_ignoring_the_pressure_is_not():
    crisis = load_scenario(SCENARIOS / "cuban_missile_crisis.yaml")
    history = Game(crisis, n=5000, seed=4).run({"us": "historical", "ussr": "historical"}).ending_counts()
    assert history["secret-trade"] / 5000 >= 0.85
    assert history["president-broken"] == history["khrushchev-removed"] == 0
    # A President who concedes at every turn is broken by Congress in most games.
    dove = Game(crisis, n=5000, seed=4).run({"us": "dove", "ussr": "historical"}).ending_counts()
    assert dove["president-broken"] / 5000 >= 0.5


def test_a_saved_game_with_an_overrule_replays_exactly(tmp_path):
    from thirteendays.play import open_save

    path = tmp_path / "politics.yaml"
    path.write_text(text_for(ussr=0.65), encoding="utf-8")
    session = new_game(path, "us", 5, "historical").session
    while session.view().decision is not None:
        session.choose(session.view().decision.options[0].id)
    assert session.kept is not None
    replayed = open_save(session.kept).session.game

    def story(game):
        return [
            (e.kind, e.event, e.option, e.by, e.rule) for e in game.log if e.kind in ("choice", "politics")
        ]

    assert ("politics", "ships", "run", "", "run-the-line") in story(replayed)
    assert story(replayed) == story(session.game)
    assert replayed.result().ending_id() == session.game.result().ending_id()


def test_a_line_not_yet_reached_never_reads_as_reached_when_rounded():
    """'Pressure in the Presidium 50%: at 50% the Presidium will forbid...' read as in force."""
    from thirteendays.engine.compiled import Compiled
    from thirteendays.engine.politics import Note
    from thirteendays.play.words import politics_note

    sc = load_file(SCENARIOS / "cuban_missile_crisis.yaml").scenario
    rule = next(r for r in Compiled(sc).politics.rules if r.id == "price-named")
    short = politics_note(sc, Note(rule, False, 0.4996, 0.5))
    assert short.startswith("Pressure in the Presidium just under 50%: at 50% the Presidium will forbid")
    assert politics_note(sc, Note(rule, False, 0.47, 0.5)).startswith("Pressure in the Presidium 47%: at 50%")
