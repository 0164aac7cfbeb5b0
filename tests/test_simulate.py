"""simulate at engine speed and in bounded memory: the day-by-day tally, chunking and limits."""

from __future__ import annotations

import subprocess
import sys
import tracemalloc

import numpy as np
import pytest

from thirteendays import cli
from thirteendays.engine.compiled import Compiled
from thirteendays.engine.game import Game
from thirteendays.engine.state import State
from thirteendays.engine.streams import BLOCK, Streams, block_count, block_size
from thirteendays.sim import montecarlo
from thirteendays.sim.montecarlo import MAX_RUNS, MEMORY_BUDGET, bytes_per_game, chunk_plan, simulate
from thirteendays.sim.synthetic import synthetic_scenario
from thirteendays.sim.tally import BAND_SAMPLE, BINS, Tally, band_sample


def binned_history(c: Compiled, history: np.ndarray) -> np.ndarray:
    """The bands' histograms as simulate computed them from full per-game histories."""
    bins = np.minimum((history * BINS).astype(np.int32), BINS - 1)  # (days + 1, n, K)
    out = np.zeros((c.days + 1, c.K, BINS), dtype=np.int64)
    for d in range(c.days + 1):
        for k in range(c.K):
            out[d, k] = np.bincount(bins[d, :, k], minlength=BINS)
    return out


CASES = [
    ("tutorial", {"us": "ai", "ussr": "ai"}),
    ("tutorial", {"us": "random", "ussr": "hawk"}),
    # Games end on every day, some by war mid-day, and the rest run out the clock.
    ("early-ends", {"us": "random", "ussr": "random"}),
    # Every game is at war on day 1: the batch ends mid-day, before any evening.
    ("all-at-war", {"us": "random", "ussr": "random"}),
]


def scenario_for(name: str, tutorial):
    if name == "tutorial":
        return tutorial
    if name == "early-ends":
        return synthetic_scenario(events=40, tracks=7, days=20, bias=-2.0, seed=3)
    return synthetic_scenario(events=10, tracks=3, days=5, bias=8.0, seed=1)


@pytest.mark.parametrize(("name", "policies"), CASES)
def test_the_tally_matches_binning_every_games_full_history(tutorial, name, policies):
    c = Compiled(scenario_for(name, tutorial))
    n = 3 * BLOCK + 77
    tally = Tally(c, n, tracks=True, bands=True, hits=True)
    result = Game(c, n=n, streams=Streams.for_run(11, n), record=False, history=True, observer=tally).run(
        policies
    )
    rows = band_sample(n)  # the head of each seed block, the last block's too
    assert rows.size == 3 * BAND_SAMPLE + min(77, BAND_SAMPLE) and tally.sampled == rows.size
    assert np.array_equal(tally.hist(), binned_history(c, result.history[:, rows]))  # count for count
    assert np.allclose(tally.track_sum, result.history.sum(axis=1, dtype=np.float64), rtol=1e-12, atol=1e-9)
    assert tally.counts.sum() == n and tally.war == int(result.state.war.sum())
    assert [int(oc.sum()) for oc in tally.option_counts] == [
        int((result.state.choices[e.index] >= 0).sum()) for e in c.events
    ]


def test_the_early_ending_cases_do_end_early(tutorial):
    early = Game(scenario_for("early-ends", tutorial), n=2000, record=False).run(
        {"us": "random", "ussr": "random"}
    )
    days = np.bincount(early.state.end_day, minlength=21)
    assert days[1:20].sum() > 500 and days[20] > 0
    war = Game(scenario_for("all-at-war", tutorial), n=500, record=False).run(
        {"us": "random", "ussr": "random"}
    )
    assert war.state.war.all() and (war.state.end_day == 1).all()


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, int, bool]] = []

    def day_end(self, day: int, state: State) -> None:
        self.calls.append(("day_end", day, bool(state.over.all())))

    def ending(self, day: int, state: State, endings: np.ndarray) -> None:
        assert (endings >= 0).all()
        self.calls.append(("ending", day, bool(state.over.all())))


def test_the_observer_sees_each_evening_then_the_ending_and_is_not_forked(tutorial):
    rec = Recorder()
    g = Game(tutorial, side="us", seed=3, observer=rec)
    while (d := g.decision()) is not None:
        g.choose(d.option_ids[0])
    days = [day for kind, day, _ in rec.calls if kind == "day_end"]
    assert days == list(range(1, len(days) + 1))
    assert rec.calls[-1][0] == "ending" and rec.calls[-1][2]
    # After the last evening every game is over: the tally relies on it.
    if days and days[-1] == tutorial.days:
        assert rec.calls[-2] == ("day_end", tutorial.days, True)
    twin = Game(tutorial, side="us", seed=3, observer=Recorder())
    assert twin.fork(4, Streams.for_run(1, 4), {}).observer is None


@pytest.mark.parametrize(("chunk", "workers"), [(BLOCK, 1), (2 * BLOCK, 2), (10**9, 3), (None, None)])
def test_a_seed_gives_the_same_summary_for_any_chunk_size_and_worker_count(tutorial, chunk, workers):
    runs, policies = 3 * BLOCK + 5, {"us": "random", "ussr": "ai"}
    ref = simulate(tutorial, runs, policies, seed=4, chunk=BLOCK, workers=1, hits=True)
    got = simulate(tutorial, runs, policies, seed=4, chunk=chunk, workers=workers, hits=True)
    assert np.array_equal(got.counts, ref.counts) and got.war == ref.war
    assert np.array_equal(got.hist, ref.hist)
    assert np.allclose(got.track_sum, ref.track_sum, rtol=1e-12)
    assert got.option_hits == ref.option_hits
    assert got.to_json() == ref.to_json()


def test_run_counts_outside_the_limits_are_refused_before_any_work(tutorial):
    for bad in (0, -3, MAX_RUNS + 1, 10**12):
        with pytest.raises(ValueError, match="10,000,000,000"):
            simulate(tutorial, bad, {"us": "ai", "ussr": "ai"})
    for bad in (2.5, True, "100"):
        with pytest.raises(TypeError, match="whole number"):
            simulate(tutorial, bad, {"us": "ai", "ussr": "ai"})
    assert simulate(tutorial, np.int64(3), {"us": "ai", "ussr": "ai"}).runs == 3


def test_streams_find_any_block_of_a_huge_run_without_listing_the_others():
    runs = MAX_RUNS
    last = block_count(runs) - 1
    tail = Streams.for_run(5, runs, first_block=last, blocks=1)
    assert tail.n == block_size(runs, last) == runs - last * BLOCK
    assert Streams.for_run(5, runs, first_block=7, blocks=2).n == 2 * BLOCK
    with pytest.raises(ValueError, match="outside"):
        Streams.for_run(5, runs, first_block=last, blocks=2)
    # The same block draws the same numbers whatever run length it is part of.
    a = Streams.for_run(5, 3 * BLOCK, first_block=1, blocks=1).random(2)
    b = Streams.for_run(5, runs, first_block=1, blocks=1).random(2)
    assert np.array_equal(a, b)


@pytest.mark.parametrize(
    "shape",
    [
        {"tracks": 64, "days": 60, "events": 60},
        {"tracks": 6, "days": 13, "events": 3000, "options": 2, "incidents": 0},
        {"tracks": 6, "days": 13, "events": 10, "incidents": 3000},
    ],
)
@pytest.mark.parametrize("budget", [MEMORY_BUDGET, 40 * 2**20])
def test_the_chunk_plan_keeps_every_chunk_in_flight_within_the_budget(shape, budget, monkeypatch):
    monkeypatch.setattr(montecarlo, "MEMORY_BUDGET", budget)
    c = Compiled(synthetic_scenario(**shape))
    per_block = BLOCK * bytes_per_game(c)
    for workers in (1, 2, 4, 16):
        blocks, used = chunk_plan(c, 10**9, workers)
        assert blocks >= 1 and 1 <= used <= workers
        # Within the budget, or, where one block alone is over it, one block on one thread.
        assert used * blocks * per_block <= budget or (used, blocks) == (1, 1)
    assert chunk_plan(c, BLOCK, 2)[0] == 1  # a smaller chunk asked for is honoured


@pytest.mark.parametrize(
    "shape",
    [
        {"tracks": 64, "days": 60, "events": 60, "incidents": 10},  # the schema's limits
        {"tracks": 6, "days": 13, "events": 2000, "options": 2, "incidents": 0},
        {"tracks": 6, "days": 13, "events": 10, "incidents": 2000},
    ],
)
def test_the_memory_estimate_is_an_upper_bound(shape):
    """The working memory of a chunk stays within the estimate the chunk plan trusts."""
    c = Compiled(synthetic_scenario(**shape))
    blocks = 2
    fixed = 4 * (c.days + 1) * (c.K + 1) * (BINS + 1) * 8  # the tally's and summary's histograms
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        simulate(c, blocks * BLOCK, {"us": "random", "ussr": "ai"}, seed=2, chunk=blocks * BLOCK, workers=1)
        peak = tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()
    assert peak <= blocks * BLOCK * bytes_per_game(c) + fixed


@pytest.mark.parametrize("command", [["simulate"], ["test", "tutorial"]])
def test_simulate_and_test_refuse_too_many_runs_on_one_line(capsys, command):
    for runs in (str(MAX_RUNS + 1), "9" * 5000):
        assert cli.main([*command, "--runs", runs]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "--runs is at most 10,000,000,000" in err and "Traceback" not in err


def test_simulate_cli_help_states_the_maximum():
    res = subprocess.run(
        [sys.executable, "-m", "thirteendays", "simulate", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "1 to 10,000,000,000" in " ".join(res.stdout.split())


def test_the_sampled_bands_agree_with_every_games_distribution(tutorial):
    """The sample's distribution of each track, each day, is within the DKW bound of all the games'.

    Quantiles of a lumpy distribution may jump across a gap with any sample, so the test
    compares distributions: with m sampled games, the largest gap between the sample's and
    the population's cumulative shares exceeds sqrt(ln(2 / 0.001) / (2 m)) with chance below
    0.1% (Dvoretzky-Kiefer-Wolfowitz, Massart's constant).
    """
    c = Compiled(tutorial)
    runs, policies = 4 * BLOCK, {"us": "random", "ussr": "ai"}
    summary = simulate(c, runs, policies, seed=5)
    m = summary.band_games
    assert m == 4 * BAND_SAMPLE and summary.to_json()["band_games"] == m
    full = Game(c, n=runs, streams=Streams.for_run(5, runs), record=False, history=True).run(policies)
    everyone = np.cumsum(binned_history(c, full.history), axis=-1) / runs
    sampled = np.cumsum(summary.hist, axis=-1) / m
    assert np.abs(sampled - everyone).max() <= np.sqrt(np.log(2 / 0.001) / (2 * m))
