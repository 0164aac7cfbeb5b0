"""The learning example: a small budget already learns a US policy far better than random play."""

from __future__ import annotations

import importlib.util

import numpy as np

from conftest import ROOT


def _example():
    spec = importlib.util.spec_from_file_location("cem_policy", ROOT / "examples" / "cem_policy.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cross_entropy_learns_a_policy_that_beats_random_and_the_ai():
    cem = _example()
    lines: list[str] = []
    table = cem.train(
        "cuban_missile_crisis", "us", generations=6, population=16, games=4096, seed=1, log=lines.append
    )
    assert len(lines) == 6
    scores = cem.evaluate(table, "cuban_missile_crisis", "us", games=8192, seed=99)
    assert scores["learned"] > scores["random"] + 2.0
    assert scores["learned"] > scores["ai"]
    untrained = cem.Table(np.zeros_like(table.scores))  # always the first open option
    assert (
        cem.evaluate(untrained, "cuban_missile_crisis", "us", games=8192, seed=99)["learned"]
        < scores["learned"]
    )


def test_a_table_takes_only_open_options():
    cem = _example()
    table = cem.Table(np.array([[5.0, 9.0, 1.0], [0.0, 0.0, 0.0]]))
    obs = {
        "event": np.array([0, 0, 1]),
        "options": np.array([[1, 1, 1], [1, 0, 1], [0, 0, 0]], dtype=np.int8),
    }
    assert table.act(obs).tolist() == [1, 0, 0]
