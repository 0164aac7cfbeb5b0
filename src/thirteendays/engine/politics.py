"""The scenario's politics compiled to masks: closed options, overrules and removals.

Every rule is a condition compiled once, like an ending's, and applied to the
whole batch in the engine's one code path: ``restrict`` narrows a decision's
legal options (so policies, search and the environments' action masks never
see a closed option), ``overrules`` names the games where a decision is taken
out of the side's hands, and ``removals`` ends the games whose leader falls at
the close of a day.  A removal is remembered in a high bit of the game's flags
(``removal_bit``): the flags travel with every copy, fork and replay of a state,
and no declared flag or view ever reads those bits.

For the player the same rules are read for one game through ``closed_by`` and
``notes``, so what the window and the terminal say is what the engine enforces.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from ..scenario.conditions_model import AllOf, AnyOf, TrackIn
from ..scenario.model import Scenario
from ..scenario.model_politics import PoliticalRule
from .conditions import Mask, Names, compile_condition

if TYPE_CHECKING:
    from .compiled import CompiledEvent
    from .state import State


NO_BIT = np.uint64(0)


def removal_bit(k: int) -> np.uint64:
    """The flag bit that marks a game whose leader the k-th removal rule removed."""
    return np.uint64(1 << (63 - k))


def _watch(cond) -> tuple[str, float] | None:
    """The track and level the player is warned about: the first 'track above' at the top."""
    if isinstance(cond, TrackIn) and cond.above is not None:
        return cond.track, cond.above
    if isinstance(cond, AllOf | AnyOf):
        for part in cond.all if isinstance(cond, AllOf) else cond.any:
            found = _watch(part)
            if found is not None:
                return found
    return None


def _nearer(cond, margin: float):
    """The condition with every top-level 'above' level lowered by ``margin``: 'close to holding'.

    Levels inside a ``not`` are left alone, since lowering them there would make the
    condition harder, not easier, to meet.
    """
    if isinstance(cond, TrackIn) and cond.above is not None:
        return cond.model_copy(update={"above": max(0.0, cond.above - margin)})
    if isinstance(cond, AllOf):
        return cond.model_copy(update={"all": [_nearer(c, margin) for c in cond.all]})
    if isinstance(cond, AnyOf):
        return cond.model_copy(update={"any": [_nearer(c, margin) for c in cond.any]})
    return cond


def _never(s: State) -> np.ndarray:
    return np.zeros(s.n, dtype=bool)


@dataclass(frozen=True)
class CompiledRule:
    index: int
    rule: PoliticalRule
    side: str
    side_index: int
    holds: Mask
    near: Mask  # holds, or would hold with each watched level ``warn`` lower
    watch: tuple[int, float] | None  # (track index, level) for the warning, if any
    closes: dict[int, np.ndarray] = field(default_factory=dict)  # event index -> option indices
    event: int = -1  # overrule: the event index
    option: int = -1  # overrule: the option taken
    event_day: int = 0  # overrule: the first day its decision may come
    ending: int = -1  # remove: the ending index
    bit: np.uint64 = NO_BIT  # remove: its removal bit

    @property
    def id(self) -> str:
        return self.rule.id

    @property
    def kind(self) -> str:
        return self.rule.kind


class CompiledPolitics:
    """A scenario's rules, indexed the way the engine asks for them."""

    def __init__(self, s: Scenario, names: Names, side_ids: list[str], ending_ids: list[str]) -> None:
        self.rules: list[CompiledRule] = []
        self.close_by_event: dict[int, list[CompiledRule]] = {}
        self.overrule_by_event: dict[int, list[CompiledRule]] = {}
        self.removals: list[CompiledRule] = []
        events = {e.id: (i, e) for i, e in enumerate(s.events)}
        for side, rules in s.politics.items():
            for rule in rules:
                self._add(rule, side, side_ids, names, events, s, ending_ids)

    def _add(self, rule, side, side_ids, names, events, s, ending_ids) -> None:
        holds = compile_condition(rule.when, names) or (lambda st: np.ones(st.n, dtype=bool))
        near = compile_condition(_nearer(rule.when, rule.warn), names) or holds
        watched = _watch(rule.when) if rule.warn > 0 else None
        watch = (names.track[watched[0]], watched[1]) if watched else None
        extra: dict = {}
        if rule.close is not None:
            closes: dict[int, set[int]] = {}
            for i, e in enumerate(s.events):
                if e.side == side:
                    for j, o in enumerate(e.options):
                        if o.stance.value in rule.close.stances:
                            closes.setdefault(i, set()).add(j)
            for ref in rule.close.options:
                i, e = events[ref.event]
                closes.setdefault(i, set()).add([o.id for o in e.options].index(ref.option))
            extra["closes"] = {i: np.array(sorted(js), dtype=np.intp) for i, js in closes.items()}
        elif rule.overrule is not None:
            i, e = events[rule.overrule.event]
            extra["event"] = i
            extra["option"] = [o.id for o in e.options].index(rule.overrule.option)
            extra["event_day"] = e.day
        else:
            extra["ending"] = ending_ids.index(rule.remove.ending)
            extra["bit"] = removal_bit(len(self.removals))
        cr = CompiledRule(len(self.rules), rule, side, side_ids.index(side), holds, near, watch, **extra)
        self.rules.append(cr)
        for i in cr.closes:
            self.close_by_event.setdefault(i, []).append(cr)
        if cr.event >= 0:
            self.overrule_by_event.setdefault(cr.event, []).append(cr)
        if rule.remove is not None:
            self.removals.append(cr)

    # ----- the batch ------------------------------------------------------------------------
    def restrict(self, ev: CompiledEvent, state: State, legal: np.ndarray) -> None:
        """Close, in place, the options the side's politics forbids where its rules hold.

        A leader is never left with nothing to do: where the rules would close every
        open option of a game, that game keeps the options it had (the linter warns
        of a rule that always does so, TD132).
        """
        rules = self.close_by_event.get(ev.index)
        if not rules:
            return
        before = legal.copy()
        for r in rules:
            legal[r.closes[ev.index]] &= ~r.holds(state)
        stuck = before.any(axis=0) & ~legal.any(axis=0)
        if stuck.any():
            legal[:, stuck] = before[:, stuck]

    def overrules(
        self, ev: CompiledEvent, state: State, fire: np.ndarray, legal: np.ndarray
    ) -> list[tuple[CompiledRule, np.ndarray]]:
        """(rule, games) for each overrule that takes this decision for the side, first rule first."""
        rules = self.overrule_by_event.get(ev.index)
        if not rules:
            return []
        out, left = [], fire.copy()
        for r in rules:
            hit = left & legal[r.option] & r.holds(state)
            if hit.any():
                out.append((r, hit))
                left &= ~hit
        return out

    def remove(self, state: State) -> list[tuple[CompiledRule, np.ndarray]]:
        """Mark, at a day's close, the live games whose leader falls; (rule, games) per rule."""
        out, left = [], state.alive.copy()
        for r in self.removals:
            hit = left & r.holds(state)
            if hit.any():
                state.flags[hit] |= r.bit
                out.append((r, hit))
                left &= ~hit
        return out

    def removed_endings(self) -> list[tuple[np.uint64, int]]:
        """(removal bit, ending index) for the ending machinery, rule order first."""
        return [(r.bit, r.ending) for r in self.removals]

    # ----- one game, for the player's view -------------------------------------------------------
    def closed_by(self, ev: CompiledEvent, state: State, row: int) -> dict[int, CompiledRule]:
        """The options of ``ev`` that a rule closes in game ``row``, with the first rule closing each."""
        out: dict[int, CompiledRule] = {}
        for r in self.close_by_event.get(ev.index, []):
            if r.holds(state)[row]:
                for j in r.closes[ev.index]:
                    out.setdefault(int(j), r)
        return out

    def notes(self, state: State, row: int, side: str | None, open_events: set[int], day: int) -> list[Note]:
        """The rules of ``side`` that are in force or near in game ``row``, for its warnings.

        An overrule speaks from the day before its decision may come until it has been
        taken; a closing rule while some decision it closes may still come.
        """
        out = []
        for r in self.rules:
            if side is not None and r.side != side:
                continue
            if r.event >= 0 and (r.event not in open_events or r.event_day > day + 1):
                continue
            if r.closes and not (set(r.closes) & open_events):
                continue
            now = bool(r.holds(state)[row])
            if not now and (r.watch is None or not r.near(state)[row]):
                continue
            value = float(state.tracks[row, r.watch[0]]) if r.watch else None
            out.append(Note(r, now, value, r.watch[1] if r.watch else None))
        return out


@dataclass(frozen=True)
class Note:
    """A rule as the player sees it: in force now, or near, with the track and level it watches."""

    rule: CompiledRule
    in_force: bool
    value: float | None
    level: float | None


def open_events(c, state: State, row: int, day: int) -> set[int]:
    """Events that may still come for game ``row``: not yet fired and not past their last day."""
    return {e.index for e in c.events if state.choices[e.index, row] < 0 and e.until >= day}


def removal_never() -> Mask:
    """A mask that never holds: the first-match condition of an ending reached only by removal."""
    return _never
