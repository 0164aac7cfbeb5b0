"""Parameter sweeps: many variants of a scenario, each played by the Monte Carlo.

A study is a list of points; a point is a set of parameter overrides (see
``sweep_params`` for the path syntax) and a policy for each side.  Every point
is played with the same seed, so the points share their random numbers
(common random numbers): a parameter that changes nothing gives exactly the
baseline's counts, and differences between points are not blurred by luck.

A task is one point: all of its seed blocks, played by ``simulate`` exactly as
``thirteendays simulate --seed S --runs N`` plays them on the varied
scenario.  A task's numbers depend only on the scenario, the overrides, the
policies, the seed and the run count, never on where it runs, so a study gives
bit-identical results serially, on the local process pool and on a Dask
cluster.  The execution itself lives in ``sweep_run``.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from ..scenario.model import Scenario
from .sweep_limits import DEFAULT_SCOPE, MAX_GAMES, MAX_POINTS, StudyError
from .sweep_params import Param, ParamError, apply, parameters, resolve

Overrides = tuple[tuple[str, float], ...]
Policies = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Point:
    """One variant of the scenario: what is overridden and who plays each side."""

    overrides: Overrides
    policies: Policies


@dataclass(frozen=True)
class Outcome:
    """What a point's games came to: how many ended in war, and in each ending."""

    runs: int
    war: int
    counts: tuple[int, ...]

    @property
    def war_share(self) -> float:
        return self.war / self.runs

    def shares(self) -> tuple[float, ...]:
        return tuple(c / self.runs for c in self.counts)


def play_point(scenario: Scenario, point: Point, runs: int, seed: int) -> Outcome:
    """Play one point: module-level and free of closures, so it pickles for any pool."""
    from .montecarlo import simulate  # here, so the CLI's parser does not pull in the engine

    varied = apply(scenario, point.overrides)
    summary = simulate(varied, runs, dict(point.policies), seed, bands=False, tracks=False, workers=1)
    return Outcome(runs, int(summary.war), tuple(int(c) for c in summary.counts))


# ----- grids ----------------------------------------------------------------------------------
def parse_range(text: str) -> list[float]:
    """``LO:HI:N`` (N values from LO to HI), ``A,B,C`` (those values) or one value."""
    text = text.strip()
    try:
        if ":" in text:
            parts = text.split(":")
            if len(parts) != 3:
                raise StudyError(f"'{text}' is not LO:HI:N, e.g. -10:-8:5")
            lo, hi, n = float(parts[0]), float(parts[1]), int(parts[2])
            if n < 1:
                raise StudyError(f"'{text}' has no values: N must be at least 1")
            if n == 1 and lo != hi:
                raise StudyError(f"'{text}' asks for one value between two ends: use N >= 2 or one value")
            if n > MAX_POINTS:  # before the values exist: N = 10**11 would not fit in memory
                limit = f"a study holds at most {MAX_POINTS:,} points"
                raise StudyError(f"'{text}' asks for {n:,} values; {limit}")
            values = [float(v) for v in np.linspace(lo, hi, n)]
        else:
            values = [float(v) for v in text.split(",") if v.strip()]
    except ValueError:
        raise StudyError(f"'{text}' is not a range: LO:HI:N, A,B,C or one number") from None
    if not values:
        raise StudyError(f"'{text}' has no values")
    if not all(math.isfinite(v) for v in values):
        raise StudyError(f"'{text}' holds a value that is not a finite number")
    return values


def parse_vary(text: str, scenario: Scenario) -> tuple[str, list[float]]:
    """``PATH=RANGE`` checked against the scenario: the path must name a number."""
    path, sep, spec = text.partition("=")
    if not sep or not path.strip():
        raise StudyError(f"--vary '{text}' is not PATH=LO:HI:N, e.g. model.hazard.bias=-10:-8:5")
    try:
        param = resolve(scenario, path)
    except ParamError as exc:
        raise StudyError(f"--vary {path.strip()}: {exc}") from None
    return param.path, parse_range(spec)


def grid(
    scenario: Scenario, vary: Sequence[tuple[str, list[float]]], policies: dict[str, list[str]], runs: int
) -> list[Point]:
    """Every combination of the varied values and the policies, policies outermost."""
    paths = [p for p, _ in vary]
    if len(set(paths)) != len(paths):
        raise StudyError("the same parameter is given to --vary twice")
    sides = list(policies)
    size = math.prod(len(v) for _, v in vary) * math.prod(len(p) for p in policies.values())
    check_size(size, runs)
    points = []
    for combo in itertools.product(*policies.values()):
        pol = tuple(zip(sides, combo, strict=True))
        for values in itertools.product(*(v for _, v in vary)):
            points.append(Point(tuple(zip(paths, values, strict=True)), pol))
    validate(scenario, points)
    return points


def check_size(points: int, runs: int) -> None:
    if points > MAX_POINTS:
        raise StudyError(f"the study has {points:,} points, above the limit of {MAX_POINTS:,}; split it")
    if points * runs > MAX_GAMES:
        raise StudyError(
            f"the study is {points:,} points x {runs:,} runs = {points * runs:,} games, above the limit "
            f"of {MAX_GAMES:,}; use fewer points or runs, or split it"
        )


def validate(scenario: Scenario, points: Sequence[Point]) -> None:
    """Build every variant once here, so a bad value stops the study before any game is played."""
    for point in dict.fromkeys(p.overrides for p in points):
        try:
            apply(scenario, point)
        except ParamError as exc:
            raise StudyError(str(exc)) from None


# ----- one-at-a-time sensitivity -------------------------------------------------------------
@dataclass(frozen=True)
class Step:
    """One parameter moved down and up by the same share of its value."""

    param: Param
    low: float  # the value at -share
    high: float  # the value at +share
    clipped: bool  # a move was held inside the range the format allows


@dataclass
class Sensitivity:
    """The plan of a one-at-a-time study: which parameters move, and which cannot."""

    share: float
    steps: list[Step]
    zero: list[Param] = field(default_factory=list)  # value 0: a relative move leaves it at 0

    def points(self, policies: Policies) -> list[Point]:
        """The baseline first, then each step's low and high point."""
        out = [Point((), policies)]
        for s in self.steps:
            out += [Point(((s.param.path, s.low),), policies), Point(((s.param.path, s.high),), policies)]
        return out


def glob(pattern: str) -> re.Pattern[str]:
    """``*`` matches anything, ``?`` one character; brackets are literal, as in parameter paths."""
    return re.compile(re.escape(pattern.strip()).replace(r"\*", ".*").replace(r"\?", "."))


def parse_share(text: str) -> float:
    """``20%`` or ``0.2`` -> 0.2; a share must lie strictly between 0 and 1."""
    t = text.strip()
    try:
        value = float(t[:-1]) / 100 if t.endswith("%") else float(t)
    except ValueError:
        raise StudyError(f"--sensitivity '{text}' is not a share, e.g. 20%") from None
    if not 0 < value < 1:
        raise StudyError(f"--sensitivity '{text}' must lie between 0% and 100%")
    return value


def sensitivity(scenario: Scenario, share: float, patterns: Sequence[str] = DEFAULT_SCOPE) -> Sensitivity:
    """Move every matching parameter by ±share of its value, one at a time.

    A parameter whose value is 0 is not moved: a relative move of nothing is
    nothing, and an additive one would need a scale the format does not give
    (0.2 of a probability and 0.2 of a log-odds are not alike).  Such
    parameters are listed as 'zero: not moved', never reported as having no
    effect.  A move that would leave the range the format allows (a chance
    above 1) is held at the limit, and the step is marked as clipped.
    """
    chosen = [p for p in parameters(scenario) if any(glob(g).fullmatch(p.path) for g in patterns)]
    if not chosen:
        raise StudyError(f"no parameter matches {', '.join(patterns)} (see sweep --list)")
    plan = Sensitivity(share, [])
    for p in chosen:
        if p.value == 0:
            plan.zero.append(p)
            continue
        # Rounded to 12 digits, so -9 moved by 20% is -10.8, not -10.799999999999999.
        a, b = (float(f"{p.value * (1 + d):.12g}") for d in (-share, share))
        lo, hi = p.bounds.clip(a), p.bounds.clip(b)
        if p.bounds.low_open and lo <= p.bounds.low:
            lo = p.value
        plan.steps.append(Step(p, lo, hi, (lo, hi) != (a, b)))
    return plan


@dataclass(frozen=True)
class Swing:
    """A step's result: the war share and each ending's share at both ends."""

    step: Step
    low: Outcome
    high: Outcome

    @property
    def war_swing(self) -> float:
        return abs(self.high.war_share - self.low.war_share)

    def no_effect(self, base: Outcome) -> bool:
        """Exactly the baseline's counts at both ends: with common random numbers this is exact."""
        return self.low == base and self.high == base


def swings(plan: Sensitivity, outcomes: Sequence[Outcome]) -> list[Swing]:
    """Pair the outcomes (in ``plan.points`` order) with their steps, largest war swing first."""
    pairs = [Swing(s, outcomes[1 + 2 * i], outcomes[2 + 2 * i]) for i, s in enumerate(plan.steps)]
    return sorted(pairs, key=lambda s: (-s.war_swing, s.step.param.path))
