"""A study's results as a readable table, CSV and JSON.

Shares are fractions of the runs in CSV and JSON (machine-readable, no
rounding beyond float precision) and percentages in the printed table.  The
counts behind each share are in the JSON, so nothing is lost to rounding.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from ..scenario.model import Scenario
from .sweep import MAX_GAMES, Outcome, Point, Sensitivity, Swing, swings


@dataclass
class GridResult:
    scenario: Scenario
    runs: int
    seed: int
    paths: list[str]
    points: list[Point]
    outcomes: list[Outcome]


@dataclass
class SensitivityResult:
    scenario: Scenario
    runs: int
    seed: int
    plan: Sensitivity
    policies: dict[str, str]
    baseline: Outcome
    swings: list[Swing]

    @classmethod
    def of(
        cls, scenario: Scenario, runs: int, seed: int, plan: Sensitivity, policies: dict[str, str], outcomes
    ) -> SensitivityResult:
        return cls(scenario, runs, seed, plan, policies, outcomes[0], swings(plan, outcomes))

    @property
    def effective(self) -> list[Swing]:
        return [s for s in self.swings if not s.no_effect(self.baseline)]

    @property
    def no_effect(self) -> list[Swing]:
        return [s for s in self.swings if s.no_effect(self.baseline)]


def _pct(x: float) -> str:
    return f"{x * 100:.2f}%"


def _endings(s: Scenario) -> list[str]:
    return [e.id for e in s.endings]


def _outcome_json(o: Outcome, ending_ids: Sequence[str]) -> dict:
    return {
        "war": o.war_share,
        "endings": dict(zip(ending_ids, o.shares(), strict=True)),
        "counts": {"war": o.war, "endings": dict(zip(ending_ids, o.counts, strict=True))},
    }


# ----- grid ------------------------------------------------------------------------------------
def grid_json(r: GridResult) -> dict:
    ids = _endings(r.scenario)
    return {
        "study": "grid",
        "scenario": r.scenario.id,
        "runs": r.runs,
        "seed": r.seed,
        "max_games": MAX_GAMES,
        "parameters": r.paths,
        "points": [
            {"policies": dict(p.policies), "values": dict(p.overrides), **_outcome_json(o, ids)}
            for p, o in zip(r.points, r.outcomes, strict=True)
        ],
    }


def grid_csv(r: GridResult) -> str:
    ids = _endings(r.scenario)
    sides = list(r.scenario.sides)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([*sides, *r.paths, "runs", "seed", "war_share", *ids])
    for p, o in zip(r.points, r.outcomes, strict=True):
        pol = dict(p.policies)
        w.writerow(
            [
                *(pol[s] for s in sides),
                *(repr(v) for _, v in p.overrides),
                o.runs,
                r.seed,
                repr(o.war_share),
                *(repr(x) for x in o.shares()),
            ]
        )
    return buf.getvalue()


def grid_table(r: GridResult) -> list[str]:
    ids = _endings(r.scenario)
    sides = list(r.scenario.sides)
    vary_policies = len({p.policies for p in r.points}) > 1
    head = [*(sides if vary_policies else []), *r.paths, "at war", *ids]
    rows = []
    for p, o in zip(r.points, r.outcomes, strict=True):
        pol = dict(p.policies)
        rows.append(
            [
                *(pol[s] for s in sides if vary_policies),
                *(f"{v:.6g}" for _, v in p.overrides),
                _pct(o.war_share),
                *(_pct(x) for x in o.shares()),
            ]
        )
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(head)]
    policies = "" if vary_policies else ", " + " ".join(f"{s}={v}" for s, v in r.points[0].policies)
    out = [f"{r.scenario.title}: {len(r.points)} points x {r.runs:,} games, seed {r.seed}{policies}", ""]
    out.append("  ".join(h.rjust(w) for h, w in zip(head, widths, strict=True)))
    out += ["  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    return out


# ----- sensitivity -----------------------------------------------------------------------------
def sensitivity_json(r: SensitivityResult) -> dict:
    ids = _endings(r.scenario)
    return {
        "study": "sensitivity",
        "scenario": r.scenario.id,
        "runs": r.runs,
        "seed": r.seed,
        "share": r.plan.share,
        "policies": r.policies,
        "baseline": _outcome_json(r.baseline, ids),
        "parameters": [
            {
                "path": s.step.param.path,
                "value": s.step.param.value,
                "low_value": s.step.low,
                "high_value": s.step.high,
                "clipped": s.step.clipped,
                "no_effect": s.no_effect(r.baseline),
                "war": [s.low.war_share, s.high.war_share],
                "war_swing": s.war_swing,
                "endings": {
                    e: [lo, hi] for e, lo, hi in zip(ids, s.low.shares(), s.high.shares(), strict=True)
                },
                "counts": {
                    "low": _outcome_json(s.low, ids)["counts"],
                    "high": _outcome_json(s.high, ids)["counts"],
                },
            }
            for s in r.swings
        ],
        "zero_not_moved": [p.path for p in r.plan.zero],
    }


def sensitivity_csv(r: SensitivityResult) -> str:
    ids = _endings(r.scenario)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(
        ["path", "status", "value", "low_value", "high_value", "clipped", "war_low", "war_high", "war_swing"]
        + [f"{e}_{end}" for e in ids for end in ("low", "high")]
    )
    w.writerow(
        [
            "baseline",
            "baseline",
            "",
            "",
            "",
            "",
            repr(r.baseline.war_share),
            repr(r.baseline.war_share),
            "0.0",
        ]
        + [repr(x) for x in r.baseline.shares() for _ in range(2)]
    )
    for s in r.swings:
        status = "no effect" if s.no_effect(r.baseline) else "effect"
        ends = [repr(x) for pair in zip(s.low.shares(), s.high.shares(), strict=True) for x in pair]
        w.writerow(
            [
                s.step.param.path,
                status,
                repr(s.step.param.value),
                repr(s.step.low),
                repr(s.step.high),
                str(s.step.clipped).lower(),
                repr(s.low.war_share),
                repr(s.high.war_share),
                repr(s.war_swing),
                *ends,
            ]
        )
    for p in r.plan.zero:
        w.writerow([p.path, "zero (not moved)", "0.0", "", "", "", "", "", ""] + [""] * (2 * len(ids)))
    return buf.getvalue()


def sensitivity_table(r: SensitivityResult) -> list[str]:
    pct = round(r.plan.share * 100)
    pol = " ".join(f"{s}={v}" for s, v in r.policies.items())
    moved = len(r.plan.steps)
    out = [
        f"{r.scenario.title}: sensitivity at ±{pct}%, {r.runs:,} games a point, seed {r.seed}, {pol}",
        f"baseline: war {_pct(r.baseline.war_share)}",
        "",
    ]
    eff = r.effective
    if eff:
        col = max(len("parameter"), *(len(s.step.param.path) for s in eff))
        out.append(
            f"{'parameter':<{col}}  {'value':>9}  {f'-{pct}%':>9}  {f'+{pct}%':>9}"
            f"  {f'war -{pct}%':>10}  {f'war +{pct}%':>10}  {'swing':>7}"
        )
        for s in eff:
            mark = " (held at a limit)" if s.step.clipped else ""
            out.append(
                f"{s.step.param.path:<{col}}  {s.step.param.value:>9.4g}"
                f"  {s.step.low:>9.4g}  {s.step.high:>9.4g}"
                f"  {_pct(s.low.war_share):>10}  {_pct(s.high.war_share):>10}  {_pct(s.war_swing):>7}{mark}"
            )
    none = r.no_effect
    out += [
        "",
        f"{len(eff)} of {moved} moved parameters change the outcome; {len(none)} have no effect at all",
    ]
    if none:
        out.append("no effect: " + ", ".join(s.step.param.path for s in none))
    if r.plan.zero:
        out.append(f"zero, so not moved ({len(r.plan.zero)}): " + ", ".join(p.path for p in r.plan.zero))
    return out
