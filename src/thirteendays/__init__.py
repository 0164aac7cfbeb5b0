"""Thirteen Days: a game and simulation toolkit of the Cuban Missile Crisis.

The public API::

    from thirteendays import load_scenario, Game, simulate
    s = load_scenario()                      # the shipped historical scenario
    g = Game(s, side="us", seed=7)           # a person's game: a batch of one
    g.decision(); g.choose("blockade")
    summary = simulate(s, 100_000, {"us": "ai", "ussr": "ai"}, seed=1)
"""

from __future__ import annotations

__version__ = "0.1.0"

from .engine.game import Decision, Game
from .engine.outcomes import Result
from .engine.replay import replay, save_of
from .scenario.diagnostics import Diagnostic, ScenarioError
from .scenario.loader import load_scenario, load_text
from .sim.montecarlo import Summary, simulate

__all__ = [
    "Decision",
    "Diagnostic",
    "Game",
    "Result",
    "ScenarioError",
    "Summary",
    "load_scenario",
    "load_text",
    "replay",
    "save_of",
    "simulate",
]
