"""The scripted ``ai`` mind is careful: it reads its own politics and grows cautious near war.

Small scenarios written here isolate one fear at a time: an option whose only fault is
that it would carry the side over its own removal line, and options that differ only
by stance while the military track climbs towards its war limit.  The policy is asked
directly with evenly spread uniforms, so each share is the policy's own probability,
not a sample of it.  The shipped crisis then checks the whole at CI scale, seeded.
"""

from __future__ import annotations

import numpy as np
import pytest

from conftest import SCENARIOS
from thirteendays.engine.compiled import Compiled
from thirteendays.engine.game import Game
from thirteendays.engine.prudence import scenario_lines
from thirteendays.engine.state import State
from thirteendays.minds.policies import _sample_legal, ai_policy
from thirteendays.scenario.loader import load_file, load_text
from thirteendays.sim.montecarlo import simulate

N = 4000
HEAD = """
format: 1
id: careful
title: Careful
start: 1962-10-22
days: 2
sides:
  us: {name: United States, leader: Kennedy, council: ExComm}
  ussr: {name: Soviet Union, leader: Khrushchev, council: Presidium}
tracks:
  us.military: {label: US alert, start: MILITARY, war_at: 1.0}
  ussr.military: {label: Soviet alert, start: 0.3, war_at: 1.0}
  us.political: {label: Pressure on the President, start: POLITICAL}
model:
  hazard: {bias: -9.0, weights: {us.military: 2.0, ussr.military: 2.0}}
flags: [calm]
"""
ENDINGS = """
endings:
  - id: war
    kind: war
    title: War
    when: {war: true}
    text: War.
  - id: broken
    kind: removed
    winner: ussr
    title: A President broken
    text: Congress turns on the President.
  - id: standoff
    title: Standoff
    text: Nothing settled.
"""
REMOVAL = """
politics:
  us:
    - id: broken
      when: {track: us.political, above: 0.9}
      title: Congress turns on the President
      warning: Congress will turn on the President
      remove: {ending: broken}
"""


def option(oid: str, stance: str, weight: float, effects: str = "{}") -> str:
    return (
        f"      - id: {oid}\n        label: {oid}\n        stance: {stance}\n"
        f"        effects: {effects}\n        ai: {{weight: {weight}}}\n"
        f"        note: A fixture.\n        source: Fixture\n"
    )


def scenario(options: str, military: float = 0.3, political: float = 0.3, politics: str = "") -> Compiled:
    text = (
        HEAD.replace("MILITARY", str(military)).replace("POLITICAL", str(political))
        + "events:\n  - id: choice\n    day: 1\n    side: us\n    title: A choice\n"
        + "    text: Decide.\n    note: A fixture.\n    source: Fixture\n    options:\n"
        + options
        + ENDINGS
        + politics
    )
    result = load_text(text, "careful.yaml")
    assert result.scenario is not None, [d.format() for d in result.diagnostics]
    return Compiled(result.scenario)


def shares(c: Compiled, tracks: dict[str, float] | None = None) -> np.ndarray:
    """The policy's probability of each option at the first event, read with spread uniforms."""
    ev = c.events[0]
    state = State.initial(c, N)
    for name, value in (tracks or {}).items():
        state.tracks[:, c.track_ids.index(name)] = value
    u = (np.arange(N, dtype=np.float32) + 0.5) / N
    picks = ai_policy(ev, np.ones((ev.n_options, N), dtype=bool), state, u)
    return np.bincount(picks, minlength=ev.n_options) / N


# ----- self-preservation ------------------------------------------------------------------------
APPEASE = option("appease", "hold", 3.0, "{us.political: 0.15}") + option(
    "defy", "hold", 1.0, "{us.political: -0.05}"
)


def test_the_ai_shuns_an_option_that_would_carry_it_over_its_own_removal_line():
    near = shares(scenario(APPEASE, political=0.8, politics=REMOVAL))
    assert near[0] < 0.1, near  # its weight says 3 in 4; 0.8 + 0.15 is past the line at 0.9


def test_without_the_rule_or_far_from_it_the_authors_weights_stand():
    # The same option with no removal rule, and with the rule but pressure far below it:
    # the author's 3 : 1 holds, so only the line itself, and its nearness, move the ai.
    assert shares(scenario(APPEASE, political=0.8))[0] == pytest.approx(0.75, abs=0.01)
    assert shares(scenario(APPEASE, political=0.2, politics=REMOVAL))[0] == pytest.approx(0.75, abs=0.03)


def test_the_fear_of_removal_grows_smoothly_with_the_pressure():
    c = scenario(APPEASE, politics=REMOVAL)
    appease = np.array([shares(c, {"us.political": p})[0] for p in np.linspace(0.4, 0.8, 41)])
    assert np.all(np.diff(appease) <= 0), appease
    assert appease[0] == pytest.approx(0.75, abs=0.01) and appease[-1] < 0.01
    # No cliff: a logistic, not a switch; the share passes through the middle over several steps.
    assert ((appease > 0.05) & (appease < 0.7)).sum() >= 4, appease


def test_a_careful_ai_is_removed_far_less_often_than_its_weights_alone_would_have_it():
    c = scenario(APPEASE, political=0.8, politics=REMOVAL)
    result = Game(c, n=N, seed=3, record=False, history=False).run({"us": "ai", "ussr": "ai"})
    removed = float(np.mean(result.endings == c.ending_ids.index("broken")))
    assert removed < 0.1  # the author's weights alone would walk into it three times in four


# ----- caution under danger ---------------------------------------------------------------------
STANCES = option("strike", "escalate", 2.0) + option("hold", "hold", 1.0) + option("talk", "concede", 1.0)


@pytest.mark.parametrize("track", ["us.military", "ussr.military"])
def test_escalation_loses_weight_and_concession_gains_as_a_war_limit_nears(track):
    c = scenario(STANCES)
    table = np.array([shares(c, {track: level}) for level in (0.2, 0.5, 0.7, 0.8, 0.9, 0.97)])
    strike, talk = table[:, 0], table[:, 2]
    assert np.all(np.diff(strike) < 0), strike
    assert np.all(np.diff(talk) > 0), talk
    assert strike[0] == pytest.approx(0.5, abs=0.05)  # far from war, the author's 2 : 1 : 1
    assert strike[-1] < strike[0] / 2 and talk[-1] > 2 * talk[0]  # at the brink: the way out


def test_near_war_an_option_that_pushes_the_alert_further_is_feared_beyond_its_stance():
    # Two holds, one of which raises the alert by 0.2: near the limit it is shunned.
    options = option("mobilise", "hold", 1.0, "{us.military: 0.2}") + option("wait", "hold", 1.0)
    c = scenario(options)
    far, near = shares(c, {"us.military": 0.2})[0], shares(c, {"us.military": 0.85})[0]
    assert far > 0.4 and near < 0.1, (far, near)


def test_an_immediate_chance_of_war_is_weighed_even_far_from_every_line():
    gamble = option("gamble", "hold", 1.0).replace("ai:", "risk: 0.25\n        ai:")
    options = gamble + option("wait", "hold", 1.0)
    assert shares(scenario(options))[0] < 0.3  # (1 - 0.25)^4 of an even weight, at least


# ----- read from the scenario, deterministic, always legal --------------------------------------
def test_the_lines_come_from_the_scenario_not_from_names():
    tutorial = load_file(SCENARIOS / "tutorial.yaml").scenario
    c = Compiled(tutorial)
    lines = scenario_lines(c)
    pol = c.track_ids.index("us.political")
    assert any(x.kind == "remove" and x.track == pol and x.level == 0.7 for x in lines)
    assert {x.track for x in lines if x.kind == "war"} >= set(c.war_tracks.tolist())
    assert any(x.kind == "hazard" for x in lines)


def test_the_same_seed_gives_the_same_games_and_one_uniform_per_decision():
    crisis = Compiled(load_file(SCENARIOS / "cuban_missile_crisis.yaml").scenario)
    a = Game(crisis, n=500, seed=11, record=False, history=False)
    a.run({"us": "ai", "ussr": "ai"})
    b = Game(crisis, n=500, seed=11, record=False, history=False)
    b.run({"us": "ai", "ussr": "ai"})
    assert np.array_equal(a.state.choices, b.state.choices)
    assert np.array_equal(a.endings, b.endings)
    # The ai draws nothing of its own: after a whole game the streams stand exactly where
    # another script's leave them, so swapping minds moves no other die.
    c = Game(crisis, n=500, seed=11, record=False, history=False)
    c.run({"us": "random", "ussr": "random"})
    assert np.array_equal(a.rng.random(1), c.rng.random(1))


def test_threads_never_share_the_policys_scratch(crisis):
    # Chunks run on threads, each deciding with its own work arrays: any number of
    # workers and any chunk size give the same games, to the count.
    runs, pairing = 3 * 4096, {"us": "ai", "ussr": "ai"}
    one = simulate(crisis, runs, pairing, seed=7, chunk=4096, workers=1, bands=False, tracks=False)
    many = simulate(crisis, runs, pairing, seed=7, chunk=4096, workers=3, bands=False, tracks=False)
    whole = simulate(crisis, runs, pairing, seed=7, chunk=runs, workers=1, bands=False, tracks=False)
    assert np.array_equal(one.counts, many.counts) and np.array_equal(one.counts, whole.counts)


def test_a_game_whose_every_weight_underflowed_still_picks_a_legal_option():
    weights = np.zeros((3, 4), dtype=np.float32)
    weights[:, 0] = [0.2, 0.3, 0.5]
    legal = np.array([[1, 0, 1, 0], [1, 1, 0, 0], [1, 0, 1, 0]], dtype=bool)  # game 3 is not deciding
    picks = _sample_legal(weights, legal, np.array([0.9, 0.3, 0.99, 0.5], dtype=np.float32))
    assert picks[0] == 2 and picks[1] == 1 and picks[2] == 2


# ----- the shipped crisis, at CI scale ------------------------------------------------------------
@pytest.fixture(scope="module")
def crisis() -> Compiled:
    return Compiled(load_file(SCENARIOS / "cuban_missile_crisis.yaml").scenario)


def war_share(c: Compiled, us: str, ussr: str) -> float:
    summary = simulate(c, 4000, {"us": us, "ussr": ussr}, seed=1962, bands=False, tracks=False)
    return summary.share("nuclear-war")


def test_the_computer_against_itself_rarely_goes_to_war_but_can(crisis):
    assert 0.02 <= war_share(crisis, "ai", "ai") <= 0.15


@pytest.mark.parametrize(("us", "ussr"), [("historical", "ai"), ("ai", "historical")])
def test_history_against_the_computer_rarely_ends_in_war(crisis, us, ussr):
    # Before the ai read its politics and the danger these were 22% and 26% (20,000 games).
    assert war_share(crisis, us, ussr) <= 0.15


def test_the_computer_is_seldom_removed_by_its_own_politics(crisis):
    summary = simulate(crisis, 4000, {"us": "ai", "ussr": "ai"}, seed=1962, bands=False, tracks=False)
    removed = summary.share("president-broken") + summary.share("khrushchev-removed")
    # 17% before it read its own politics (20,000 games). Since the crisis has public
    # promises whose breaking adds pressure (a price the ai feels only when it breaks one,
    # not when it makes it), 14% at this scale: a bound well under the blind 17%.
    assert removed <= 0.15
