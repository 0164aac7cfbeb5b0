"""The second crisis, written from the guide: Checkpoint Charlie, October 22-28, 1961."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from conftest import SCENARIOS
from thirteendays.engine.policies import POLICIES
from thirteendays.scenario.loader import load_file
from thirteendays.sim.montecarlo import simulate
from thirteendays.sim.scenario_test import coverage


@pytest.fixture(scope="module")
def berlin():
    result = load_file(SCENARIOS / "berlin_1961.yaml")
    assert result.ok, [d.format() for d in result.diagnostics]
    return result.scenario


def test_it_spans_the_week_of_the_standoff(berlin):
    assert berlin.start == dt.date(1961, 10, 22)
    assert berlin.date_of(berlin.days) == dt.date(1961, 10, 28)
    assert {s.leader for s in berlin.sides.values()} == {"John F. Kennedy", "Nikita Khrushchev"}


def test_every_option_is_sourced(berlin):
    for e in berlin.events:
        assert e.note and e.source, e.id
        for o in e.options:
            assert o.note.strip() and o.source.strip(), f"{e.id}/{o.id}"


def test_at_least_four_endings_all_reachable(berlin):
    assert len(berlin.endings) >= 4
    reached: set[str] = set()
    for us, ussr in itertools.product(sorted(POLICIES), repeat=2):
        summary = simulate(berlin, 10_000, {"us": us, "ussr": ussr}, seed=3, bands=False, tracks=False)
        reached |= {e for e, k in zip(summary.ending_ids, summary.counts, strict=True) if k}
    assert reached == {e.id for e in berlin.endings}


def test_history_against_history_ends_as_it_did(berlin):
    summary = simulate(berlin, 50_000, {"us": "historical", "ussr": "historical"}, seed=1, tracks=False)
    shares = {e: s for e, (s, _, _) in summary.shares().items()}
    assert max(shares, key=shares.get) == "mutual-withdrawal"


def test_full_option_coverage(berlin):
    cov = coverage(berlin)
    assert cov.complete and not cov.unreachable
