"""A scenario turned into arrays, once, so every game step is a few numpy operations.

The pydantic ``Scenario`` stays the readable source of truth; this module
flattens it into dense matrices (options x tracks, incidents x tracks, the
coupling matrix) and compiled condition masks that the engine indexes per batch.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from ..scenario.model import EndingKind, Scenario, Stance

if TYPE_CHECKING:
    from .state import State
from .conditions import Mask, Names, compile_condition
from .hidden import HiddenTables
from .politics import CompiledPolitics, removal_never
from .prudence import Prudence, event_prudence, prior, scenario_lines

DTYPE = np.float32
STANCE_RANK = {Stance.CONCEDE: 0, Stance.HOLD: 1, Stance.ESCALATE: 2}


@dataclass(frozen=True)
class CompiledEvent:
    index: int
    id: str
    day: int
    until: int
    side: int
    when: Mask | None
    option_ids: tuple[str, ...]
    option_when: tuple[Mask | None, ...]
    # Option tables carry one extra last row meaning "did not fire", all zeros,
    # so a batch applies its choices with one gather and no masking.
    effects: np.ndarray  # (O + 1, K)
    sets: np.ndarray  # (O + 1,) uint64 flag bits
    clears: np.ndarray  # (O + 1,) uint64 flag bits
    risk: np.ndarray  # (O + 1,)
    ends: np.ndarray  # (O + 1,) bool
    ai_logw: np.ndarray  # (O,)
    ai_per: np.ndarray  # (O, K)
    escalation: np.ndarray  # (O,) higher is more escalatory
    historical: int  # option index, or -1
    hits_limit: bool  # some option raises a track that has a war limit
    defcon: np.ndarray  # (O + 1, D) int8: the DEFCON each option sets per column, 0 = unchanged
    # The deciding side's hidden resolve tilts the computer towards firmness: a log-weight
    # of (stance - hold) * tilt * (resolve - its prior mean) per option (engine/hidden.py).
    firmness: np.ndarray | None = None  # (O,) -1 concede, 0 hold, +1 escalate; None: no resolve declared
    resolve_centre: float = 0.5
    # What the scripted ai fears (engine/prudence.py): its log-weights with a standing
    # aversion to immediate war risk, and the lines near which it grows careful.
    ai_prior: np.ndarray | None = None  # (O,) log-weights, max 0
    prudence: Prudence | None = None

    @property
    def n_options(self) -> int:
        return len(self.option_ids)

    @property
    def none(self) -> int:
        """The padded row index that stands for 'did not fire'."""
        return len(self.option_ids)

    @cached_property
    def has_risk(self) -> bool:
        return bool(self.risk.any())

    @cached_property
    def has_sets(self) -> bool:
        return bool(self.sets.any())

    @cached_property
    def has_clears(self) -> bool:
        return bool(self.clears.any())

    @cached_property
    def has_ends(self) -> bool:
        return bool(self.ends.any())

    @cached_property
    def has_ai_per(self) -> bool:
        return bool(self.ai_per.any())

    @cached_property
    def has_defcon(self) -> bool:
        return bool(self.defcon.any())


@dataclass(frozen=True)
class CompiledIncident:
    index: int
    id: str
    days: frozenset[int]
    when: Mask | None
    base: float
    per: np.ndarray  # (K,)
    effects: np.ndarray  # (K,)
    sets: np.uint64  # flag bits
    clears: np.uint64  # flag bits
    risk: float
    once: bool
    weights: dict[int, float]  # day -> multiplier of the daily chance; absent days keep 1
    defcon: np.ndarray  # (D,) int8: the DEFCON it sets per column, 0 = unchanged


class Compiled:
    """Everything the engine needs from a scenario, as arrays and masks."""

    def __init__(self, scenario: Scenario) -> None:
        s = scenario
        self.scenario = s
        self.days = s.days
        self.side_ids: list[str] = list(s.sides)
        self.track_ids: list[str] = list(s.tracks)
        self.flag_ids: list[str] = list(s.flags)
        self.K, self.F = len(self.track_ids), len(self.flag_ids)
        tix = {t: i for i, t in enumerate(self.track_ids)}
        fix = {f: i for i, f in enumerate(self.flag_ids)}
        self.start = np.array([t.start for t in s.tracks.values()], dtype=DTYPE)
        self.war_at = np.array(
            [t.war_at if t.war_at is not None else np.inf for t in s.tracks.values()], dtype=DTYPE
        )
        self.war_tracks = np.flatnonzero(np.isfinite(self.war_at))
        self.warn_at = np.array(
            [t.warn_at if t.warn_at is not None else np.inf for t in s.tracks.values()], dtype=DTYPE
        )

        def vec(mapping: dict[str, float]) -> np.ndarray:
            out = np.zeros(self.K, dtype=DTYPE)
            for name, value in mapping.items():
                out[tix[name]] = value
            return out

        def flagbits(names: list[str]) -> np.uint64:
            bits = 0
            for name in names:
                bits |= 1 << fix[name]
            return np.uint64(bits)

        def padded(rows: list, dtype: type) -> np.ndarray:
            return np.concatenate([np.asarray(rows, dtype=dtype), np.zeros((1, *np.shape(rows[0])), dtype)])

        m = s.model
        self.coupling = np.zeros((self.K, self.K), dtype=DTYPE)  # row = target, col = source
        for target, row in m.coupling.items():
            for source, w in row.items():
                self.coupling[tix[target], tix[source]] = w
        self.decay, self.drift, self.noise = vec(m.decay), vec(m.drift), vec(m.noise)
        # One day of deterministic dynamics is affine: x' = x @ step.T + offset
        # (coupling, relaxation towards the start, drift), then noise and clipping.
        self.step = (np.eye(self.K, dtype=DTYPE) + self.coupling - np.diag(self.decay)).astype(DTYPE)
        self.offset = (self.decay * self.start + self.drift).astype(DTYPE)
        self.has_noise = bool((self.noise > 0).any())
        self.noise_scale = (self.noise * np.sqrt(12.0)).astype(DTYPE)  # U(0,1) has sd 1/sqrt(12)
        self.noisy_offset = (self.offset - 0.5 * self.noise_scale).astype(DTYPE)
        self.hazard_bias = float(m.hazard.bias)
        self.hazard_w = vec(m.hazard.weights)
        self._compile_defcon(s)
        self.hidden = HiddenTables(s, self.side_ids, self.track_ids, self.flag_ids)

        self.event_ids = [e.id for e in s.events]
        names = self.names = Names(
            self.track_ids,
            self.flag_ids,
            self.event_ids,
            {e.id: [o.id for o in e.options] for e in s.events},
            self.defcon_level,
            self.side_ids,
        )
        self.hazard_until: Mask | None = compile_condition(m.hazard.until, names)
        self.events: list[CompiledEvent] = []
        for i, e in enumerate(s.events):
            opts = e.options
            hist = [j for j, o in enumerate(opts) if o.historical]
            self.events.append(
                CompiledEvent(
                    index=i,
                    id=e.id,
                    day=e.day,
                    until=e.until or e.day,
                    side=self.side_ids.index(e.side),
                    when=compile_condition(e.when, names),
                    option_ids=tuple(o.id for o in opts),
                    option_when=tuple(compile_condition(o.when, names) for o in opts),
                    effects=padded([vec(o.effects) for o in opts], DTYPE),
                    sets=padded([flagbits(o.set) for o in opts], np.uint64),
                    clears=padded([flagbits(o.clear) for o in opts], np.uint64),
                    risk=padded([o.risk for o in opts], DTYPE),
                    ends=padded([o.end for o in opts], bool),
                    ai_logw=_log_weights([o.ai.weight for o in opts]),
                    ai_per=np.stack([vec(o.ai.per) for o in opts]),
                    escalation=_escalation(opts, vec),
                    historical=hist[0] if hist else -1,
                    hits_limit=any(
                        o.effects.get(self.track_ids[k], 0) > 0 for o in opts for k in self.war_tracks
                    ),
                    defcon=padded([self.defcon_row(o.defcon) for o in opts], np.int8),
                    firmness=np.array([STANCE_RANK[o.stance] - 1 for o in opts], dtype=DTYPE)
                    if s.sides[e.side].hidden is not None
                    else None,
                    resolve_centre=float(self.hidden.means()[self.side_ids.index(e.side)]),
                )
            )
        self.max_options = max(e.n_options for e in self.events)
        self.events_on_day: dict[int, list[int]] = {
            d: [e.index for e in self.events if e.day <= d <= e.until] for d in range(1, s.days + 1)
        }
        self.incidents = [
            CompiledIncident(
                index=i,
                id=x.id,
                days=frozenset(x.days),
                when=compile_condition(x.when, names),
                base=x.chance.base,
                per=vec(x.chance.per),
                effects=vec(x.effects),
                sets=flagbits(x.set),
                clears=flagbits(x.clear),
                risk=x.risk,
                once=x.once,
                weights=dict(x.weights),
                defcon=self.defcon_row(x.defcon),
            )
            for i, x in enumerate(s.incidents)
        ]
        self.incidents_on_day: dict[int, list[int]] = {
            d: [x.index for x in self.incidents if d in x.days] for d in range(1, s.days + 1)
        }
        self.ending_ids = [x.id for x in s.endings]
        self.ending_when = [
            removal_never() if x.kind == EndingKind.REMOVED else compile_condition(x.when, names)
            for x in s.endings
        ]
        self.politics = CompiledPolitics(s, names, self.side_ids, self.ending_ids)
        lines = scenario_lines(self)
        self.events = [
            replace(
                e,
                ai_prior=prior(e, s.events[e.index].options),
                prudence=event_prudence(self, e, s.events[e.index].options, lines),
            )
            for e in self.events
        ]

    # ----- DEFCON -------------------------------------------------------------------------
    def _compile_defcon(self, s: Scenario) -> None:
        """DEFCON columns: none, one for the whole game, or one per side (``start`` by side)."""
        d = s.model.defcon
        self.has_defcon = d is not None
        start = d.start if d is not None else None
        if isinstance(start, dict):
            self.defcon_sides: list[str] = list(start)
            levels = [start[sid] for sid in self.defcon_sides]
        elif start is not None:
            self.defcon_sides, levels = [""], [start]  # "": one level for every side
        else:
            self.defcon_sides, levels = [], []
        self.defcon_start = np.array(levels, dtype=np.int8)
        tix = {t: i for i, t in enumerate(self.track_ids)}
        self.defcon_track = tix[d.track] if d is not None and d.track is not None else -1
        self.defcon_thresholds = np.array(d.thresholds if d and d.thresholds else [], dtype=DTYPE)
        self.defcon_war_at = d.war_at if d is not None and d.war_at is not None else 0
        self.hazard_defcon = np.zeros(6, dtype=DTYPE)  # log-odds by level; [0] unused
        for level, w in s.model.hazard.defcon.items():
            self.hazard_defcon[level] = w
        self.has_hazard_defcon = bool(self.hazard_defcon.any()) and self.has_defcon

    def defcon_row(self, value: int | dict[str, int] | None) -> np.ndarray:
        """What an option or incident sets, per DEFCON column; 0 leaves a column as it is."""
        row = np.zeros(len(self.defcon_sides), dtype=np.int8)
        if value is None or not self.defcon_sides:
            return row
        if isinstance(value, dict):
            for sid, level in value.items():
                if sid in self.defcon_sides:
                    row[self.defcon_sides.index(sid)] = level
        else:
            row[:] = value
        return row

    def defcon_level(self, state: State, side: str | None = None) -> np.ndarray:
        """DEFCON 5..1 per game: ``side``'s level, or the lowest of the sides for None.

        A scenario without a DEFCON model stands at 5 throughout (``defcon_at_most`` is
        then false below 5, and the linter says so: TD124); front ends show no DEFCON.
        """
        level = np.full(state.n, 5, dtype=np.int8)
        if self.defcon_sides:
            cols = state.defcon
            if side is not None and side in self.defcon_sides:
                level = cols[:, self.defcon_sides.index(side)].copy()
            else:  # column by column: an axis-1 min over two int8 columns runs a loop of two
                level = cols[:, 0].copy()
                for j in range(1, cols.shape[1]):
                    np.minimum(level, cols[:, j], out=level)
        if self.defcon_track >= 0:
            values = state.tracks[:, self.defcon_track]
            from_track = 5 - np.searchsorted(self.defcon_thresholds, values, side="right")
            level = np.minimum(level, from_track.astype(np.int8))
        return level

    def event(self, event_id: str) -> CompiledEvent:
        return self.events[self.event_ids.index(event_id)]


def _log_weights(weights: list[float]) -> np.ndarray:
    """Log of the AI weights; a weight of 0 becomes a very large negative number."""
    return np.log(np.maximum(np.array(weights, dtype=np.float64), 1e-30)).astype(DTYPE)


def _escalation(options: list, vec) -> np.ndarray:
    """Order options from most conciliatory to most escalatory.

    Stance decides first; within a stance the option that raises the tracks
    most (and carries more immediate risk) counts as more escalatory.
    """
    scores = []
    for o in options:
        push = float(vec(o.effects).sum()) + 5.0 * o.risk
        scores.append(STANCE_RANK[o.stance] * 100.0 + push)
    return np.array(scores, dtype=np.float64)
