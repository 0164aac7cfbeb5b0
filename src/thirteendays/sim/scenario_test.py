"""``thirteendays test``: ChoiceScript's quicktest and randomtest, on the batch engine.

Coverage plays rounds of games with a policy that prefers the options taken
least so far (randomtest's "least used"), until every option has been taken or
proved unreachable by the linter's static reasoning; what is left is named with
the reason.  Random play runs N seeded games and reports hit counts, ending
shares with intervals, and per-day bands of each track.  The same seed always
gives the same report.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

import numpy as np

from ..engine.compiled import Compiled, CompiledEvent
from ..engine.game import Game
from ..engine.policies import sample
from ..engine.state import State
from ..engine.streams import Streams
from ..scenario.lint import Facts, why_impossible
from ..scenario.model import Scenario
from .montecarlo import Summary, simulate


@dataclass
class Coverage:
    games: int
    taken: dict[str, dict[str, int]]
    unreachable: dict[str, str] = field(default_factory=dict)  # "event/option" -> reason proved
    missed: dict[str, str] = field(default_factory=dict)  # "event/option" -> why it may not be reached

    @property
    def total(self) -> int:
        return sum(len(v) for v in self.taken.values())

    @property
    def covered(self) -> int:
        return sum(1 for v in self.taken.values() for k in v.values() if k)

    @property
    def complete(self) -> bool:
        return not self.missed


def least_used_policy(counts: dict[int, np.ndarray]):
    """Prefer the options taken least so far, across all games of all rounds."""

    def policy(event: CompiledEvent, legal: np.ndarray, state: State, u: np.ndarray) -> np.ndarray:
        seen = counts.setdefault(event.index, np.zeros(event.n_options))
        weights = (1.0 / (1.0 + seen) ** 2)[:, None] * legal
        return sample(weights.astype(np.float32), u)

    policy.__name__ = "least-used"
    return policy


# A round costs a fixed overhead per decision and incident roll (the engine loops
# over them in Python) plus work per game; both are bounded so a scenario of
# 1,000 incidents is searched in a few seconds.  The shipped ones are far below
# both bounds and get the full 12 rounds of 8,192 games.
COVERAGE_WORK = 400_000_000  # games x rolls over all rounds
COVERAGE_ROUND_ROLLS = 40_000  # rounds x rolls


def coverage_plan(scenario: Scenario, rounds: int, games: int) -> tuple[int, int]:
    """(rounds, games per round) for the search, within the work bounds above."""
    per_game = len(scenario.events) + sum(len(set(x.days)) for x in scenario.incidents)
    rounds = max(min(rounds, 2), min(rounds, COVERAGE_ROUND_ROLLS // max(per_game, 1)))
    games = max(min(games, 1024), min(games, COVERAGE_WORK // (max(per_game, 1) * rounds)))
    return rounds, games


def coverage(scenario: Scenario, *, seed: int = 0, rounds: int = 12, games: int = 8192) -> Coverage:
    """Search for every option with a policy that prefers the least-taken ones, round after round."""
    rounds, games = coverage_plan(scenario, rounds, games)
    c = Compiled(scenario)
    facts = Facts(scenario)
    counts: dict[int, np.ndarray] = {}
    policy = least_used_policy(counts)
    taken = {e.id: dict.fromkeys(e.option_ids, 0) for e in c.events}
    unreachable: dict[str, str] = {}
    for ei, e in enumerate(scenario.events):
        last = e.until or e.day
        if not facts.possible(e.when, event_day=last, order=ei):
            for o in e.options:
                unreachable[f"{e.id}/{o.id}"] = f"the event never fires: {why_impossible(e.when, facts)}"
            continue
        for o in e.options:
            if not facts.possible(o.when, event_day=last, order=ei):
                unreachable[f"{e.id}/{o.id}"] = f"never offered: {why_impossible(o.when, facts)}"
    played = 0
    root = np.random.SeedSequence(seed)
    for r in range(rounds):
        streams = Streams.for_run(np.random.SeedSequence(root.entropy, spawn_key=(r,)), games)
        result = Game(c, n=games, streams=streams, record=False, history=False).run(
            dict.fromkeys(c.side_ids, policy)
        )
        played += games
        for e in c.events:
            chosen = result.state.choices[e.index]
            hits = np.bincount(chosen[chosen >= 0], minlength=e.n_options)
            counts.setdefault(e.index, np.zeros(e.n_options))
            counts[e.index] += hits
            for o, k in zip(e.option_ids, hits, strict=True):
                taken[e.id][o] += int(k)
        if all(k or f"{eid}/{o}" in unreachable for eid, opts in taken.items() for o, k in opts.items()):
            break
    missed = {}
    for e in scenario.events:
        for o in e.options:
            key = f"{e.id}/{o.id}"
            if not taken[e.id][o.id] and key not in unreachable:
                needs = "its event's condition" if e.when else f"day {e.day}"
                own = " and its own condition" if o.when else ""
                missed[key] = f"not reached in {played:,} games (needs {needs}{own})"
    return Coverage(played, taken, unreachable, missed)


def random_play(scenario: Scenario, runs: int, seed: int, policies: dict[str, str]) -> Summary:
    return simulate(scenario, runs, policies, seed, hits=True)


def report_text(scenario: Scenario, cov: Coverage, summary: Summary) -> str:
    out = io.StringIO()
    w = out.write
    w(f"Coverage: {cov.covered}/{cov.total} options taken in {cov.games:,} games")
    w(" — complete.\n" if cov.complete and not cov.unreachable else "\n")
    for key, why in cov.unreachable.items():
        w(f"  UNREACHABLE {key}: {why}\n")
    for key, why in cov.missed.items():
        w(f"  UNTESTED    {key}: {why}\n")
    w(
        f"\nRandom play: {summary.runs:,} games, seed {summary.seed}, "
        + ", ".join(f"{k}={v}" for k, v in summary.policies.items())
        + "\n"
    )
    titles = {e.id: e.title for e in scenario.endings}
    w("\nEndings (share, 95% interval):\n")
    for eid, (share, lo, hi) in sorted(summary.shares().items(), key=lambda kv: -kv[1][0]):
        w(f"  {titles[eid][:40]:<42}{share * 100:7.2f}%  {lo * 100:6.2f}% - {hi * 100:6.2f}%\n")
    w("\nHits per event and option:\n")
    for e in scenario.events:
        w(f"  {e.id:<28}{summary.event_hits.get(e.id, 0):>10,}\n")
        for o in e.options:
            w(f"    {o.id:<26}{summary.option_hits.get(e.id, {}).get(o.id, 0):>10,}\n")
    bands = summary.bands()
    if bands is not None:
        w("\nTrack bands by day (10% / median / 90%):\n")
        for k, tid in enumerate(summary.track_ids):
            cells = "  ".join(
                f"{bands[0, d, k] * 100:3.0f}/{bands[1, d, k] * 100:3.0f}/{bands[2, d, k] * 100:3.0f}"
                for d in range(bands.shape[1])
            )
            w(f"  {tid:<18}{cells}\n")
    return out.getvalue()


def report_json(scenario: Scenario, cov: Coverage, summary: Summary) -> dict:
    return {
        "scenario": scenario.id,
        "coverage": {
            "games": cov.games,
            "covered": cov.covered,
            "total": cov.total,
            "complete": cov.complete,
            "taken": cov.taken,
            "unreachable": cov.unreachable,
            "untested": cov.missed,
        },
        "random_play": summary.to_json(),
    }


def report_csv(scenario: Scenario, cov: Coverage, summary: Summary) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["kind", "id", "option", "day", "value", "low", "high"])
    for eid, opts in cov.taken.items():
        for o, k in opts.items():
            w.writerow(["coverage", eid, o, "", k, "", ""])
    for eid, hits in summary.option_hits.items():
        w.writerow(["event_hits", eid, "", "", summary.event_hits[eid], "", ""])
        for o, k in hits.items():
            w.writerow(["option_hits", eid, o, "", k, "", ""])
    for eid, (share, lo, hi) in summary.shares().items():
        w.writerow(["ending", eid, "", "", f"{share:.6f}", f"{lo:.6f}", f"{hi:.6f}"])
    bands = summary.bands()
    if bands is not None:
        for k, tid in enumerate(summary.track_ids):
            for d in range(bands.shape[1]):
                w.writerow(
                    [
                        "band",
                        tid,
                        "",
                        d,
                        f"{bands[1, d, k]:.4f}",
                        f"{bands[0, d, k]:.4f}",
                        f"{bands[2, d, k]:.4f}",
                    ]
                )
    return out.getvalue()
