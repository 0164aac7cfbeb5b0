"""Invariants of the tension model under generated parameters, and determinism."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thirteendays.engine.compiled import Compiled
from thirteendays.engine.game import Game
from thirteendays.engine.policies import POLICIES
from thirteendays.engine.tension import hazard
from thirteendays.sim.montecarlo import simulate
from thirteendays.sim.synthetic import synthetic_scenario


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    tracks=st.integers(1, 12),
    events=st.integers(1, 40),
    coupling=st.floats(-0.6, 0.6),
    noise=st.floats(0.0, 0.4),
    bias=st.floats(-30.0, 10.0),
    policy=st.sampled_from(sorted(POLICIES)),
    seed=st.integers(0, 2**31),
)
def test_no_nan_tracks_in_bounds_probabilities_in_unit_interval(
    tracks, events, coupling, noise, bias, policy, seed
):
    s = synthetic_scenario(
        events=events, tracks=tracks, coupling=coupling, noise=noise, bias=bias, seed=seed % 1000
    )
    c = Compiled(s)
    r = Game(c, n=300, seed=seed, history=True).run({"us": policy, "ussr": "random"})
    assert np.isfinite(r.history).all()
    assert (r.history >= 0).all() and (r.history <= 1).all()
    p = hazard(c, r.history.reshape(-1, c.K))
    assert np.isfinite(p).all() and (p >= 0).all() and (p <= 1).all()
    assert (r.endings >= 0).all()  # the last ending has no condition, so every game gets one
    for e in c.events:
        chosen = r.state.choices[e.index]
        assert ((chosen >= -1) & (chosen < e.n_options)).all()


def test_the_same_seed_gives_the_same_summary_and_another_does_not():
    s = synthetic_scenario(events=20, tracks=5)
    a = simulate(s, 30_000, {"us": "ai", "ussr": "random"}, seed=4)
    b = simulate(s, 30_000, {"us": "ai", "ussr": "random"}, seed=4, workers=1)
    c = simulate(s, 30_000, {"us": "ai", "ussr": "random"}, seed=5)
    assert np.array_equal(a.counts, b.counts) and np.array_equal(a.hist, b.hist)
    assert not np.array_equal(a.counts, c.counts)


def test_wilson_intervals_contain_the_share():
    from thirteendays.sim.montecarlo import wilson

    for k, n in [(0, 10), (5, 10), (10, 10), (1, 100_000)]:
        lo, hi = wilson(k, n)
        assert 0 <= lo <= k / n <= hi <= 1
