"""The Cuban crisis tells the story the player made, and history where the player kept to it.

Each test plays 1,000 seeded games through the batch engine.  Where both sides follow
history, the incidents fall on their dates, the header shows the DEFCON the record
documents and the crisis ends as the real one did.  Where the United States bombs the
sites, orders an invasion or trades the Jupiters in public, the words each side reads
afterwards (resolved as every front end resolves them) know it, and no ending that
claims "your crisis ended as the real one did" is reached.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import pytest

from conftest import SCENARIOS
from thirteendays.engine.compiled import Compiled, CompiledEvent
from thirteendays.engine.game import Game
from thirteendays.engine.policies import historical_policy
from thirteendays.engine.state import State
from thirteendays.engine.streams import Streams
from thirteendays.engine.wording import variant_index
from thirteendays.play import view_for
from thirteendays.scenario.loader import load_file
from thirteendays.scenario.wording_lint import is_variants
from thirteendays.sim.history_test import history_run

RUNS = 1000
SEED = 1962

# Incidents that happened, and their day (day 1 is October 16).
DATES = {
    "marucla": 11,  # boarded October 26
    "fkr-guantanamo": 11,  # the night of October 26-27
    "cuban-guns": 12,  # Castro's order, October 27
    "u2-shootdown": 12,  # Anderson, October 27
    "maultsby": 12,  # over Chukotka, October 27
    "b59": 12,  # forced up, the night of October 27
}

# The documented level each side's header shows at the end of each day: DEFCON 5 until
# the speech of October 22, DEFCON 3 from that evening, SAC at DEFCON 2 from October 24;
# Moscow's raised combat readiness from October 23 is shown as 3.
DOCUMENTED = {
    "us": {**dict.fromkeys(range(1, 7), 5), 7: 3, 8: 3, **dict.fromkeys(range(9, 14), 2)},
    "ussr": {**dict.fromkeys(range(1, 7), 5), **dict.fromkeys(range(7, 14), 3)},
}


@pytest.fixture(scope="module")
def compiled() -> Compiled:
    result = load_file(SCENARIOS / "cuban_missile_crisis.yaml")
    assert result.ok, [d.format() for d in result.diagnostics]
    return Compiled(result.scenario)


@pytest.fixture(scope="module")
def history(compiled):
    return history_run(compiled.scenario, RUNS, seed=SEED)


class _DefconByDay:
    """A day observer: for each side, how many running games show each DEFCON at the day's end."""

    def __init__(self, c: Compiled) -> None:
        self.c = c
        self.running = np.zeros(c.days + 1, dtype=np.int64)
        self.shown = {sid: np.zeros((6, c.days + 1), dtype=np.int64) for sid in c.side_ids}
        self.was_over = np.zeros(RUNS, dtype=bool)

    def day_end(self, day: int, state: State) -> None:
        playing = ~self.was_over
        self.running[day] = int(playing.sum())
        for sid in self.c.side_ids:
            level = self.c.defcon_level(state, sid)[playing]
            self.shown[sid][:, day] = np.bincount(level, minlength=6)[:6]
        self.was_over = state.over.copy()

    def ending(self, day: int, state: State, endings: np.ndarray) -> None:
        pass


def test_incidents_that_happened_fall_on_their_dates_on_the_historical_path(history):
    for incident, day in DATES.items():
        share = history.incident_days(incident)[day]
        assert share >= 0.90, (incident, day, history.incident_days(incident))


def test_the_header_shows_the_documented_defcon_every_day_and_never_defcon_1(compiled):
    observer = _DefconByDay(compiled)
    game = Game(compiled, n=RUNS, streams=Streams.for_run(SEED, RUNS), record=False, observer=observer)
    game.run({"us": "historical", "ussr": "historical"})
    for sid, levels in DOCUMENTED.items():
        shown = observer.shown[sid]
        for day, level in levels.items():
            share = shown[level, day] / observer.running[day]
            assert share >= 0.95, (sid, day, level, shown[:, day].tolist())
        assert shown[1].sum() == 0, sid


def test_history_against_history_mostly_ends_as_the_real_crisis_did(history, compiled):
    claims = [e.id for e in compiled.scenario.endings if e.claims_history]
    assert claims == ["secret-trade"]
    counts = history.endings
    assert max(counts, key=counts.get) == "secret-trade"
    assert counts["secret-trade"] >= 0.60 * RUNS
    assert counts.get("nuclear-war", 0) < 0.10 * RUNS  # single digits of percent


def test_every_decision_on_the_historical_path_has_exactly_one_historical_option(compiled):
    game = Game(compiled, n=RUNS, streams=Streams.for_run(SEED, RUNS), record=False)
    game.run({"us": "historical", "ussr": "historical"})
    reached = {e.id for e in compiled.events if (game.state.choices[e.index] >= 0).any()}
    assert {"foxtrots", "pliyev-orders", "u2-orders", "maultsby-protest", "castro-five-points"} <= reached
    assert {"rfk-dobrynin", "anderson"} <= reached
    for event in compiled.scenario.events:
        marked = [o.id for o in event.options if o.historical]
        assert len(marked) <= 1, (event.id, marked)
        if event.id in reached:
            assert len(marked) == 1, event.id
    sides = {
        sid: sum(1 for e in compiled.scenario.events if e.id in reached and e.side == sid)
        for sid in ("us", "ussr")
    }
    assert sides["ussr"] >= 12, sides  # the Soviet player decides nearly as often as the American


# ----- the paths history did not take -----------------------------------------------------

Policy = Callable[[CompiledEvent, np.ndarray, State, np.ndarray], np.ndarray]


def _deviating(event_id: str, option_id: str) -> Policy:
    """History everywhere, except one choice at one event."""

    def policy(event: CompiledEvent, legal: np.ndarray, state: State, u: np.ndarray) -> np.ndarray:
        out = historical_policy(event, legal, state, u)
        if event.id == event_id:
            j = event.option_ids.index(option_id)
            out = np.where(legal[j], j, out)
        return out

    return policy


def _read_at(c: Compiled, game: Game, p) -> set[str]:
    """Every wording the waiting games read at decision ``p``: title, text and the open options."""
    event, rows = c.scenario.events[p.event.index], p.games
    words = _shown(c, game.state, event.title, rows) | _shown(c, game.state, event.text, rows)
    for j, option in enumerate(event.options):
        open_rows = rows[p.legal[j, rows]]
        if open_rows.size:
            words |= _shown(c, game.state, option.label, open_rows)
    return words


def _shown(c: Compiled, state: State, value, rows: np.ndarray) -> set[str]:
    """The words the given games read for a field, each resolved for its own game."""
    if not is_variants(value):
        return {value}
    return {value[i].text for i in np.unique(variant_index(c, state, value)[rows])}


def _play_reading(c: Compiled, side: str, event_id: str, option_id: str) -> tuple[dict[str, set[str]], Game]:
    """Play RUNS games, ``side`` read through ``step``; the words shown after the deviation, by event."""
    policy = _deviating(event_id, option_id)
    opponent = "us" if side == "ussr" else "ussr"
    game = Game(
        c,
        side=side,
        n=RUNS,
        streams=Streams.for_run(SEED, RUNS),
        opponent=policy if opponent == "us" else "historical",
        record=False,
    )
    read: dict[str, set[str]] = {}
    deviated = False
    while (p := game.pending) is not None:
        event = c.scenario.events[p.event.index]
        deviated = deviated or bool((game.state.choices[c.event_ids.index(event_id)] >= 0).any())
        if deviated:
            read.setdefault(event.id, set()).update(_read_at(c, game, p))
        game.step(policy(p.event, p.legal, game.state, p.draws[:, 0]))
    return read, game


def _claims_reached(c: Compiled, game: Game) -> int:
    claims = [i for i, e in enumerate(c.scenario.endings) if e.claims_history]
    return int(np.isin(game.endings, claims).sum())


BRANCHES = {
    # After bombing the sites nobody reveals them, announces a quarantine never proclaimed,
    # says there is no proof, or watches ships stop at a line that does not exist.
    "strike": (
        "first-response",
        "air-strike",
        re.compile(
            r"reveal the missiles|announce the quarantine|no proof|quarantine takes effect"
            r"|have seen nothing|ships are stopped|stopping a freighter",
            re.I,
        ),
    ),
    # With a landing force ordered, the speech does not read as if none were gathering.
    "invasion": (
        "first-response",
        "invasion",
        re.compile(r"announce the quarantine, demand removal|An invasion would take days", re.I),
    ),
    # After a public trade nobody speaks of a secret one.
    "public trade": (
        "turkey-trade",
        "trade-public",
        re.compile(
            r"no public deal|in private|private word|secret|privately|of Turkey it says nothing", re.I
        ),
    ),
}


@pytest.mark.parametrize("branch", sorted(BRANCHES))
@pytest.mark.parametrize("side", ["us", "ussr"])
def test_later_words_follow_the_path_and_no_ending_claims_history(compiled, branch, side):
    event_id, option_id, forbidden = BRANCHES[branch]
    read, game = _play_reading(compiled, side, event_id, option_id)
    assert read, "the branch was never taken"
    for eid, words in read.items():
        if eid == event_id:
            continue  # the deviating decision itself was read before it was taken
        for text in words:
            assert not forbidden.search(text), (branch, side, eid, text)
    assert _claims_reached(compiled, game) == 0, branch
    assert game.endings.min() >= 0  # every game found an ending


def test_the_strike_has_its_own_speech_un_scene_and_ending(compiled):
    read, game = _play_reading(compiled, "us", "first-response", "air-strike")
    assert "the-speech" not in read and "strike-speech" in read
    assert any("after the bombs" in w for w in read["security-council"])
    reached = {compiled.scenario.endings[i].id for i in np.unique(game.endings)}
    assert "trade-after-blows" in reached and "secret-trade" not in reached


def test_the_invasion_speech_knows_of_the_landing_force(compiled):
    read, _ = _play_reading(compiled, "us", "first-response", "invasion")
    assert any("landing force" in w for w in read["the-speech"])


def test_the_header_reads_the_record_at_the_decisions_that_set_it(compiled):
    """What a player sees: DEFCON 5 as Kennedy prepares the speech, 3 when SAC's alert is put
    to him, 2 once it is given; Khrushchev's header shows Moscow's own alert."""
    game = Game(compiled, side="us", seed=3, opponent="historical")
    seen: dict[str, tuple[int, int]] = {}
    while (d := game.decision()) is not None:
        before = view_for(game, "us").defcon
        game.choose(next(o.id for o in d.options if o.historical))
        seen[d.event.id] = (before, view_for(game, "us").defcon)
    assert seen["the-speech"][0] == 5 and seen["defcon-two"] == (3, 2)
    assert view_for(game, "us").defcon == 2 and view_for(game, "ussr").defcon == 3
