"""The story follows the player: after a choice that changes what each side knows,
the words read afterwards (resolved as every front end resolves them) say so.

Each case plays seeded games through the engine in which both sides follow history
except for the choices it names, reads every title, text and open option label as the
given side would, and looks for words that only make sense had those choices not been
made, and for the words that should replace them.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from conftest import SCENARIOS
from test_cmc_story import _read_at, _shown
from thirteendays.engine.compiled import Compiled, CompiledEvent
from thirteendays.engine.game import Game
from thirteendays.engine.policies import historical_policy
from thirteendays.engine.state import State
from thirteendays.engine.streams import Streams
from thirteendays.scenario.loader import load_file

RUNS = 200
SEED = 1962


@pytest.fixture(scope="module")
def compiled() -> Compiled:
    result = load_file(SCENARIOS / "cuban_missile_crisis.yaml")
    assert result.ok, [d.format() for d in result.diagnostics]
    return Compiled(result.scenario)


def _play(c: Compiled, side: str, deviations: dict[str, str]) -> tuple[dict[str, set[str]], Game]:
    """Play RUNS games, history everywhere but ``deviations`` (event id to option id),
    ``side`` read decision by decision; the words each event showed, by event id."""

    def policy(event: CompiledEvent, legal: np.ndarray, state: State, u: np.ndarray) -> np.ndarray:
        out = historical_policy(event, legal, state, u)
        if event.id in deviations:
            j = event.option_ids.index(deviations[event.id])
            out = np.where(legal[j], j, out)
        return out

    game = Game(c, side=side, n=RUNS, streams=Streams.for_run(SEED, RUNS), opponent=policy, record=False)
    read: dict[str, set[str]] = {}
    while (p := game.pending) is not None:
        read.setdefault(p.event.id, set()).update(_read_at(c, game, p))
        game.step(policy(p.event, p.legal, game.state, p.draws[:, 0]))
    return read, game


DIPLOMACY = {"first-response": "diplomacy"}
DISCLOSED = {"gromyko-brief": "disclose"}
NO_LETTER = re.compile(
    r"no letter|One message from Khrushchev|No offer came before|Friday's letter from Khrushchev stands alone"
    r"|Friday's offered|Answer only the first letter|Accept Friday's terms",
    re.I,
)

# name: (the side who reads, the choices that differ from history, the events read after
#        them, words that must not appear there, words that must)
PATHS = {
    # 1. Kennedy warned Khrushchev privately: Moscow does not think it unseen.
    "warned privately": (
        "ussr",
        {"photographs": "warn-privately"},
        {"gromyko-brief"},
        re.compile(r"have seen nothing|Deny that there are any", re.I),
        re.compile(r"private message", re.I),
    ),
    # 2. Kennedy opened secret talks on October 21: his speech and Moscow's answer know it.
    "secret talks, the speech": (
        "us",
        DIPLOMACY,
        {"the-speech"},
        re.compile(r"Reveal the missiles, announce the quarantine, demand removal", re.I),
        re.compile(r"private approach has failed", re.I),
    ),
    "secret talks, Moscow's answer": (
        "ussr",
        DIPLOMACY,
        {"the-reply"},
        re.compile(r"He knows everything", re.I),
        re.compile(r"private letter", re.I),
    ),
    "secret talks, then a deadline": (
        "ussr",
        {**DIPLOMACY, "the-speech": "ultimatum-speech"},
        {"the-reply"},
        re.compile(r"He knows everything", re.I),
        re.compile(r"closed the door", re.I),
    ),
    "secret talks, then a summit": (
        "ussr",
        {**DIPLOMACY, "the-speech": "summit-speech"},
        {"the-reply"},
        re.compile(r"He knows everything|quarantine", re.I),
        re.compile(r"kept open the door", re.I),
    ),
    # 3. Khrushchev told Kennedy of the missiles through Gromyko: Washington's briefings
    #    no longer treat the secret as held, nor Gromyko as denying anything.
    "Moscow disclosed": (
        "us",
        DISCLOSED,
        {"gromyko", "joint-chiefs", "first-response"},
        re.compile(
            r"he says the\s+weapons there are purely defensive|let him deny it"
            r"|go to him privately|Open secret talks",
            re.I,
        ),
        re.compile(r"Gromyko's offer|admitted the missiles", re.I),
    ),
    "Moscow disclosed, then talks": (
        "us",
        {**DISCLOSED, **DIPLOMACY},
        {"the-speech"},
        re.compile(r"weapons in Cuba are defensive", re.I),
        re.compile(r"took up Gromyko's offer", re.I),
    ),
    "Moscow disclosed after Kennedy's warning": (
        "ussr",
        {"photographs": "warn-privately", **DISCLOSED},
        {"forewarned"},
        re.compile(r"Whether\s+Kennedy said so|Deny everything", re.I),
        re.compile(r"Gromyko told Kennedy himself", re.I),
    ),
    "Kennedy's warning, answered with a threat": (
        "ussr",
        {"photographs": "warn-privately", "gromyko-brief": "warn"},
        {"forewarned"},
        re.compile(r"Whether\s+Kennedy said so", re.I),
        re.compile(r"in a private message", re.I),
    ),
    # 4. Friday's letter was written on every path that reaches Black Saturday: the
    #    briefing never says none came, nor that it offered what it did not.
    "Friday's letter offers nothing, Saturday's asks for Turkey": (
        "us",
        {"first-letter": "letter-firm"},
        {"turkey-trade"},
        NO_LETTER,
        re.compile(r"Friday's long letter\s+offered nothing", re.I),
    ),
    "Friday's letter threatens, and nothing follows": (
        "us",
        {"way-out": "finish-sites", "first-letter": "letter-threat", "second-letter": "stand-by"},
        {"turkey-trade"},
        NO_LETTER,
        re.compile(r"Friday's long letter from Khrushchev\s+defended", re.I),
    ),
    "Friday's letter offers nothing, and Saturday brings nothing new": (
        "us",
        {"first-letter": "letter-firm", "second-letter": "stand-by"},
        {"turkey-trade"},
        NO_LETTER,
        re.compile(r"earlier terms", re.I),
    ),
    "Moscow offered nothing on Friday: Sunday's letter from Kennedy accepts no terms of Friday's": (
        "ussr",
        {
            "way-out": "finish-sites",
            "first-letter": "letter-firm",
            "second-letter": "stand-by",
            "turkey-trade": "offer-unasked",
        },
        {"final-decision"},
        re.compile(r"Friday's terms|will not always wait for orders", re.I),
        re.compile(r"Kennedy's letter|no answer from Kennedy", re.I),
    ),
    # 5. No quarantine was proclaimed: the last answer does not offer to keep one.
    "no quarantine: talks, then a speech calling for a summit": (
        "us",
        {**DIPLOMACY, "the-speech": "summit-speech"},
        {"the-answer"},
        re.compile(r"quarantine", re.I),
        re.compile(r"U-2s flying until it is verified", re.I),
    ),
    "no quarantine: the sites bombed": (
        "us",
        {"first-response": "air-strike"},
        {"the-answer"},
        re.compile(r"quarantine", re.I),
        re.compile(r"landing force ready until it is verified", re.I),
    ),
}


@pytest.mark.parametrize("path", sorted(PATHS))
def test_later_words_know_the_choice(compiled, path):
    side, deviations, later, forbidden, expected = PATHS[path]
    read, game = _play(compiled, side, deviations)
    for eid, oid in deviations.items():  # the path was really taken
        choices = game.state.choices[compiled.event_ids.index(eid)]
        assert (choices == compiled.events[compiled.event_ids.index(eid)].option_ids.index(oid)).any(), eid
    assert later <= set(read), (path, sorted(read))
    for eid in later:
        for text in read[eid]:
            assert not forbidden.search(text), (path, eid, text)
    assert any(expected.search(w) for eid in later for w in read[eid]), (path, later)


# After Kennedy's private warning Moscow knows that he knows, whatever Gromyko then says:
# a denial to his face must not bring back the briefings written for a secret that held.
# Each US event after it: (words of the secret-held text, words of the secret-gone text).
WARNED_THEN_DENIED = {"photographs": "warn-privately", "gromyko-brief": "deny"}
SECRET_GONE_US = {
    "joint-chiefs": (
        r"Joint Chiefs of Staff\. (They want|The strike plans)",
        r"Moscow now knows\s+that you know",
    ),
    "chicago": (r"Staying keeps the secret", r"Moscow already knows\s+that\s+you know"),
    "first-response": (r"tomorrow you must act\. General", r"the secret is gone: Moscow knows"),
    "the-speech": (r"An\s+hour before, Dean Rusk", r"secret\s+was out days ago"),
}


def test_a_denial_after_the_private_warning_does_not_restore_washington_s_secret(compiled):
    read, game = _play(compiled, "us", WARNED_THEN_DENIED)
    for eid, oid in WARNED_THEN_DENIED.items():
        i = compiled.event_ids.index(eid)
        made = game.state.choices[i][game.state.choices[i] >= 0]  # games still running that day
        assert made.size and (made == compiled.events[i].option_ids.index(oid)).all(), eid
    for eid, (held, gone) in SECRET_GONE_US.items():
        assert eid in read, (eid, sorted(read))
        assert not any(re.search(held, w) for w in read[eid]), (eid, read[eid])
        assert any(re.search(gone, w) for w in read[eid]), (eid, read[eid])


def test_a_denial_after_the_private_warning_leaves_moscow_knowing_it_was_seen(compiled):
    """The Presidium's "The Americans know" scene follows the denial, as it follows a threat."""
    read, _ = _play(compiled, "ussr", WARNED_THEN_DENIED)
    assert any(re.search(r"in a private message", w) for w in read.get("forewarned", ())), sorted(read)


# ----- the tutorial -------------------------------------------------------------------


@pytest.fixture(scope="module")
def tutorial() -> Compiled:
    result = load_file(SCENARIOS / "tutorial.yaml")
    assert result.ok, [d.format() for d in result.diagnostics]
    return Compiled(result.scenario)


def _tutorial_endings(c: Compiled, deviations: dict[str, str]) -> dict[str, set[str]]:
    """Play RUNS tutorial games as the United States; each ending reached, with the words it read."""
    read, game = _play(c, "us", deviations)
    out: dict[str, set[str]] = {}
    for i in np.unique(game.endings):
        ending = c.scenario.endings[i]
        rows = np.flatnonzero(game.endings == i)
        out.setdefault(ending.id, set()).update(_shown(c, game.state, ending.text, rows))
    out["read"] = {w for words in read.values() for w in words}
    return out


def test_the_tutorial_says_its_three_days_stand_for_thirteen(tutorial):
    read = _tutorial_endings(tutorial, {})["read"]
    assert any("October 16 to the speech of October 22" in w for w in read)
    assert any("stands for October 26 to 28" in w for w in read)
    assert "October 16 to 22" in tutorial.scenario.summary and "October 26 to 28" in tutorial.scenario.summary


@pytest.mark.parametrize(
    ("first", "fits", "unfit"),
    [
        ("quarantine", r"The quarantine is in force", r"after the bombs|talks more time"),
        ("air-strike", r"calls your bombing an act of aggression", r"quarantine|talks more time"),
        ("talks", r"Your private approach has brought only denials", r"quarantine|bombs|strike"),
    ],
)
def test_the_tutorial_president_decides_on_every_day_whatever_he_chose_first(tutorial, first, fits, unfit):
    """Day 2 (October 23 to 25) gives the US a decision on every road, worded for that road."""
    read, _ = _play(tutorial, "us", {"response": first})
    us = tutorial.side_ids.index("us")
    assert all(tutorial.events[tutorial.event_ids.index(eid)].side == us for eid in read)  # its own decisions
    days = {tutorial.events[tutorial.event_ids.index(eid)].day for eid in read}
    assert days == {1, 2, 3}, sorted(read)
    council = read["security-council"]
    assert any("stands for October 23 to 25" in w for w in council), council
    assert any(re.search(fits, w) for w in council), council
    assert not any(re.search(unfit, w) for w in council), council
    assert 2 not in tutorial.scenario.sides["us"].quiet_days


@pytest.mark.parametrize(
    ("deviations", "expected"),
    [
        # Kennedy accepts the first letter and Khrushchev holds out: the standoff says so.
        ({"letters": "pledge", "decision": "hold-out"}, "sends none back"),
        # After a strike the standoff knows what the bombers did.
        ({"response": "air-strike", "letters": "pledge"}, "half wrecked|sends none back"),
    ],
)
def test_the_tutorial_standoff_says_why_it_stands(tutorial, deviations, expected):
    endings = _tutorial_endings(tutorial, deviations)
    assert "standoff" in endings, sorted(endings)
    for text in endings["standoff"]:
        assert text != "The missiles stay and the crisis goes on.", deviations
        assert re.search(expected, text), (deviations, text)


def test_history_s_choice_on_a_counterfactual_road_is_not_called_as_history_did():
    """After a strike, showing the photographs at the UN is history's option, not history's story."""
    from conftest import SCENARIOS
    from thirteendays.engine.record import LogEntry
    from thirteendays.play.words import player_path
    from thirteendays.scenario.loader import load_file

    sc = load_file(SCENARIOS / "cuban_missile_crisis.yaml").scenario

    def choice(day: int, event: str, option: str) -> LogEntry:
        return LogEntry("choice", day, [], [], event=event, option=option, side="us", by="player")

    steps = player_path(
        sc,
        [
            choice(1, "photographs", "deliberate"),
            choice(6, "first-response", "air-strike"),
            choice(10, "security-council", "show-photos"),
        ],
        "us",
    )
    assert [s.same for s in steps] == [True, False, True]
    assert steps[0].same_words == "as history did" and not steps[0].off_road
    assert steps[2].off_road and "as history did" not in steps[2].same_words


def test_the_path_beside_history_shows_each_choice_in_the_words_it_had_when_chosen():
    """A choice's own flags (or later ones) can reword its option: 'Denounce the quarantine as
    piracy' reads '...the speech...' once U Thant's pause lifts the quarantine. The path must show
    what the player chose, in the words they read, not the option reworded by the game's end."""
    from thirteendays.play.view import view_for
    from thirteendays.play.words import option_label

    sc = load_file(SCENARIOS / "cuban_missile_crisis.yaml").scenario
    reworded = 0
    for side in ("us", "ussr"):
        for seed in range(12):
            game = Game(sc, side=side, seed=seed, opponent="ai")
            rng = np.random.default_rng(seed)
            shown: list[tuple[str, str, str]] = []
            while (d := view_for(game, side).decision) is not None:
                o = d.options[int(rng.integers(len(d.options)))]
                shown.append((d.event_id, o.id, o.label))
                game.choose(o.id)
            end = view_for(game, side)
            assert end.ending is not None
            path = iter(step.yours for step in end.ending.path)
            # Every choice the player made stands in the path, in order, in the words it had.
            assert all(any(label == y for y in path) for _, _, label in shown), (side, seed)
            reworded += sum(option_label(end.scenario, e, o) != label for e, o, label in shown)
    assert reworded, "no game reworded a chosen option: the test no longer tests anything"


def test_a_fresh_games_first_view_is_worded_on_the_day_it_shows():
    """The first view of a new game plays it up to the first decision: its words must be read
    then, not on the state before the first morning (Moscow's denial ignored Washington's warning)."""
    from thirteendays.play.view import view_for

    sc = load_file(SCENARIOS / "cuban_missile_crisis.yaml").scenario
    worded_late = 0
    for seed in range(12):
        fresh = view_for(Game(sc, side="ussr", seed=seed, opponent="ai"), "ussr")
        started = Game(sc, side="ussr", seed=seed, opponent="ai")
        started.decision()
        again = view_for(started, "ussr")
        assert fresh.decision == again.decision and fresh.tracks == again.tracks, seed
        worded_late += "to his face" in " ".join(o.label for o in fresh.decision.options)
    assert worded_late, "no game warned Moscow before Gromyko's visit: the test tests nothing"
