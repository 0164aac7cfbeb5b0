"""What the scripted ``ai`` mind fears, compiled once per scenario into small per-event tables.

A leader in a crisis watches a few lines: the level of his own political pressure
at which his government closes his options, overrules him or removes him, and
the levels at which the military tracks (or the accident hazard) mean war.  The
scripted mind used to weigh the tracks linearly and walked over those lines;
here each line becomes a row of a matrix so that, for a whole batch, the mind's
log-weights gain ``guard @ closeness`` with

    closeness[l, n] = logistic((x[n, k_l] - centre_l) / width_l)

a smooth measure, near 0 far below a line and near 1 at it.  Each option's
column entry says what closeness costs it: pushing the watched track towards
the line (its immediate effect), escalating at all (its stance), or gambling on
an immediate chance of war (its ``risk``).  Everything is read from the
scenario (``politics`` rules, ``war_at`` limits, war endings' conditions, the
DEFCON war level, the hazard model); nothing names a track of a particular
scenario.  A line against which a decision's options all weigh the same is
dropped when compiling, and rules on one track are merged into one line, since
the policy pays a pass over the batch for every line it keeps.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..scenario.conditions_model import AllOf, AnyOf, TrackIn
from ..scenario.model import EndingKind, Stance

if TYPE_CHECKING:
    from .compiled import Compiled

DTYPE = np.float32
STANCE_STEP = {Stance.CONCEDE: -1.0, Stance.HOLD: 0.0, Stance.ESCALATE: 1.0}

# Log-weight between conceding and holding (and holding and escalating) per unit of
# resolve above the side's prior mean: a Presidium at resolve 0.9 where 0.5 is expected
# is e^1.2 = 3.3 times less likely to concede than an average one.
RESOLVE_TILT = 3.0
# Log-weight per unit of an option's push on a watched track, at full closeness.
# A removal ends the leader's crisis outright, so it is feared most; an overrule
# that forces an escalation nearly as much; a rule that only closes options, less.
REMOVE_PUSH = 60.0
OVERRULE_PUSH = 40.0
CLOSE_PUSH = 15.0
WAR_PUSH = 80.0
# Political lines: the mind starts to care this far below the level (the day's
# drift and noise can carry the track over before the day closes) and over this width.
POLITICS_MARGIN = 0.10
POLITICS_WIDTH = 0.04
# War lines (a track's war limit): wider, because escalation compounds over days.
WAR_MARGIN = 0.12
WAR_WIDTH = 0.08
# Caution under danger, per war line at full closeness: the log-weight an option loses
# per stance step above holding (a concession gains as much), and the multiple of
# log(1 - risk) added for an option's immediate chance of war.
CAUTION = 1.2
RISK_FEAR = 8.0
# The accident hazard as one more line, in log-odds: centred on this daily chance.
HAZARD_CENTRE = 0.03
HAZARD_CAUTION = 1.0
HAZARD_PUSH = 2.0
# Even far from every line a leader who wants no war weighs an immediate chance of it:
# weight x (1 - risk)^RISK_AVERSION, on top of the author's ``ai`` weight.
RISK_AVERSION = 4.0
# Bounds that keep the log-weights far from float32's underflow whatever a scenario says:
# a risk is read as at most this, and one line costs an option at most this log-weight.
MAX_RISK = 0.9
MAX_FEAR = 30.0


@dataclass(frozen=True)
class Line:
    """One level a side watches: where it is, how it is felt, and what it costs an option."""

    kind: str  # "remove" | "overrule" | "close" | "war" | "hazard"
    track: int  # the watched track; -1 for the hazard line
    level: float  # the rule's or limit's level (log-odds of HAZARD_CENTRE for the hazard)
    sign: float  # +1: danger lies above the level; -1: below it
    centre: float
    width: float
    push: float  # log-weight per unit of push towards the line, at full closeness
    caution: float  # log-weight per stance step, at full closeness
    risk: float  # multiple of log(1 - risk), at full closeness
    side: int  # the side whose line it is; -1 for every side (war)
    until: int = 0  # the line matters for events up to this day (0: always)


@dataclass(frozen=True)
class Prudence:
    """One event's share of the lines, laid out for one matmul and one ``tanh`` per event.

    ``guard @ logistic(z)`` is computed as ``(guard / 2) @ tanh(z / 2)`` plus a constant
    per option (folded into the prior column): tanh is one cheap pass where the logistic
    takes four, and no ``z`` can overflow it.  ``mix`` stacks the author's ``per`` rows over the
    halved line rows, so the tracks, whose (N, K) layout makes every product with them
    strided, are read once for both.
    """

    mix: np.ndarray  # (O + L, K) float32: the ``per`` rows, then each line's row / (2 width)
    offset: np.ndarray  # (L, 1) float32: each line's offset / 2
    # (O, L + 1) float32: half of what full closeness to each line costs each option, then
    # its prior log-weight (the author's, the risk aversion, the logistic's constant half)
    # as the column for a row of ones, so the prior rides in the same product.
    guard_prior: np.ndarray
    # The same with one more column, the firmness tilt per unit of resolve above its mean,
    # where the side has a hidden resolve.  None otherwise.
    guard_firm: np.ndarray | None
    lines: tuple[Line, ...]


def _above_below(cond) -> list[tuple[str, float, float]]:
    """(track, level, sign) of every level a condition needs crossed, outside any ``not``."""
    if isinstance(cond, TrackIn):
        if cond.above is not None:
            return [(cond.track, cond.above, 1.0)]
        if cond.below is not None:
            return [(cond.track, cond.below, -1.0)]
        return []
    if isinstance(cond, AllOf | AnyOf):
        out = []
        for part in cond.all if isinstance(cond, AllOf) else cond.any:
            out.extend(_above_below(part))
        return out
    return []


def scenario_lines(c: Compiled) -> list[Line]:
    """Every line the scenario draws: each side's political rules, and the war limits."""
    s = c.scenario
    tix = {t: i for i, t in enumerate(c.track_ids)}
    lines: list[Line] = []

    def politics_line(kind: str, push: float, side: int, track: str, level: float, sign: float, day: int):
        centre = level - sign * POLITICS_MARGIN
        lines.append(Line(kind, tix[track], level, sign, centre, POLITICS_WIDTH, push, 0, 0, side, day))

    events = {e.id: e for e in s.events}
    for side_id, rules in s.politics.items():
        side = c.side_ids.index(side_id)
        for rule in rules:
            if rule.remove is not None:
                kind, push, day = "remove", REMOVE_PUSH, 0
            elif rule.overrule is not None:
                ev = events[rule.overrule.event]
                stance = next(o.stance for o in ev.options if o.id == rule.overrule.option)
                # Being overruled into a concession costs the leader little he would fear.
                kind, push = "overrule", OVERRULE_PUSH * (1.0 + STANCE_STEP[stance]) / 2.0
                day = ev.until or ev.day
            else:
                # A closing rule is feared only until the last option it closes has passed.
                closed = [events[o.event] for o in rule.close.options] if rule.close else []
                kind, push = "close", CLOSE_PUSH
                last = max((e.until or e.day for e in closed), default=0)
                day = 0 if rule.close and rule.close.stances else last
            if push <= 0:
                continue
            for track, level, sign in _above_below(rule.when):
                politics_line(kind, push, side, track, level, sign, day)

    def war_line(track: int, level: float, sign: float) -> None:
        centre = level - sign * WAR_MARGIN
        lines.append(Line("war", track, level, sign, centre, WAR_WIDTH, WAR_PUSH, CAUTION, RISK_FEAR, -1))

    seen: set[tuple[int, float, float]] = set()
    for k in c.war_tracks:
        seen.add((int(k), float(c.war_at[k]), 1.0))
    for e in s.endings:
        if e.kind == EndingKind.WAR and e.when is not None:
            for track, level, sign in _above_below(e.when):
                seen.add((tix[track], float(level), sign))
    if c.defcon_track >= 0 and c.defcon_war_at > 0:
        # DEFCON from the track reaches the war level where the track passes this threshold.
        i = 5 - c.defcon_war_at - 1
        if 0 <= i < len(c.defcon_thresholds):
            seen.add((c.defcon_track, float(c.defcon_thresholds[i]), 1.0))
    for track, level, sign in sorted(seen):
        war_line(track, level, sign)
    if c.hazard_w.any():
        centre = float(np.log(HAZARD_CENTRE / (1.0 - HAZARD_CENTRE)))
        lines.append(Line("hazard", -1, centre, 1.0, centre, 1.0, HAZARD_PUSH, HAZARD_CAUTION, RISK_FEAR, -1))
    return lines


def _merged(lines: list[Line]) -> list[Line]:
    """One line per watched track and direction: the policy pays per line, not per rule.

    Rules on one track (Congress closes concessions at 0.90, the Chiefs overrule at
    0.95, the President falls at 0.97) become one line whose fears add up, centred at
    their push-weighted mean and widened by half their spread, so the fear still
    starts below the lowest level and is full at the highest.
    """
    groups: dict[tuple[int, float], list[Line]] = {}
    for line in lines:
        groups.setdefault((line.track, line.sign), []).append(line)
    out = []
    for group in groups.values():
        if len(group) == 1:
            out.append(group[0])
            continue
        pushes = np.array([x.push for x in group])
        centres = np.array([x.centre for x in group])
        weights = pushes if pushes.sum() > 0 else np.ones(len(group))
        out.append(
            Line(
                kind="+".join(x.kind for x in group),
                track=group[0].track,
                level=max(x.level * x.sign for x in group) * group[0].sign,
                sign=group[0].sign,
                centre=float((weights * centres).sum() / weights.sum()),
                width=max(x.width for x in group) + float(np.ptp(centres)) / 2.0,
                push=float(pushes.sum()),
                caution=max(x.caution for x in group),
                risk=max(x.risk for x in group),
                side=group[0].side,
            )
        )
    return out


def _broken_pressure(c: Compiled, ev) -> np.ndarray:
    """The pressure each option would add by breaking a public commitment, (O, K).

    Counted as if the promise stands: a mind that fears its own fall must fear the
    price of going back on its word, which lands on the same tracks.
    """
    out = np.zeros((ev.n_options, c.K))
    promises = c.hidden.commitments
    if ev.index in promises.breaks:
        bits = promises.breaks[ev.index][: ev.n_options]
        for b in range(len(promises.ids)):
            hit = (bits & np.uint64(1 << b)) != 0
            out[hit] += promises.pressure[b]
    return out


def event_prudence(c: Compiled, ev, options: list, lines: list[Line]) -> Prudence | None:
    """The lines that can tell this event's options apart, as the policy's tables."""
    stance = np.array([STANCE_STEP[o.stance] for o in options], dtype=np.float64)
    risk = np.log1p(-np.minimum(np.array([o.risk for o in options], dtype=np.float64), MAX_RISK))
    effects = ev.effects[:-1].astype(np.float64) + _broken_pressure(c, ev)  # (O, K)
    rows, offsets, cols, kept = [], [], [], []
    mine = [x for x in lines if (x.side < 0 or x.side == ev.side) and not (x.until and ev.day > x.until)]
    for line in _merged(mine):
        if line.track >= 0:
            push = line.sign * effects[:, line.track]
            row = np.zeros(c.K)
            row[line.track] = line.sign / line.width
            offset = -line.sign * line.centre / line.width
        else:  # the hazard: its log-odds, without the DEFCON term the policy cannot afford
            push = effects @ c.hazard_w
            row = c.hazard_w.astype(np.float64) / line.width
            offset = (c.hazard_bias - line.centre) / line.width
        # Closeness is read half way along the longest step this decision offers, not where
        # the game stands: an option that would leap from far below a line to it is feared
        # for where it lands, and a decision of small steps is not alarmed for nothing.
        offset += max(0.0, float(push.max())) / (2.0 * line.width)
        col = -line.push * push - line.caution * stance + line.risk * risk
        if np.ptp(col) < 1e-6:  # the same for every option: the sampling cannot feel it
            continue
        rows.append(row)
        offsets.append(offset)
        cols.append(np.maximum(col - col.max(), -MAX_FEAR))
        kept.append(line)
    if not kept:
        return None
    guard = np.array(cols, dtype=np.float64).T  # (O, L)
    prior_ = prior(ev, options).astype(np.float64) + 0.5 * guard.sum(axis=1)
    guard_prior = np.concatenate([guard / 2.0, (prior_ - prior_.max())[:, None]], axis=1)
    guard_firm = None
    if ev.firmness is not None:
        guard_firm = np.concatenate([guard_prior, RESOLVE_TILT * ev.firmness[:, None]], axis=1)
    return Prudence(
        mix=np.concatenate([ev.ai_per.astype(np.float64), np.array(rows) / 2.0]).astype(DTYPE),
        offset=(np.array(offsets, dtype=np.float64)[:, None] / 2.0).astype(DTYPE),
        guard_prior=np.ascontiguousarray(guard_prior, dtype=DTYPE),
        guard_firm=None if guard_firm is None else np.ascontiguousarray(guard_firm, dtype=DTYPE),
        lines=tuple(kept),
    )


def prior(ev, options: list) -> np.ndarray:
    """The author's log-weights with a standing aversion to an immediate chance of war."""
    risk = np.array([o.risk for o in options], dtype=np.float64)
    logw = ev.ai_logw.astype(np.float64) + RISK_AVERSION * np.log1p(-np.minimum(risk, MAX_RISK))
    return (logw - logw.max()).astype(DTYPE)
