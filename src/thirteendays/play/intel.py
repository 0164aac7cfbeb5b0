"""What one side of a person's game believes the state to be, for its view, log and words.

``view_for`` must never read the truth for a side: this module turns game 0's
true state into the state as ``side`` sees it (``seen``: the other side's
estimated tracks at their estimates, its secret flags cleared, its secret moves
unmade, its resolve at the prior mean), masks the other side's track values in the log the same way
(``masked_log``), and, once the game is over, says what the archives revealed
(``archives``).  The arrays come from ``engine/intel.py``; viewing draws its
noise on a side branch of the seed, so looking never changes the game.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from ..engine.compiled import Compiled
from ..engine.explain import DYNAMICS_PARTS
from ..engine.game import Game
from ..engine.intel import Bands, bands, noise, seen_row, tables
from ..engine.record import LogEntry
from ..engine.state import State
from ..engine.streams import Streams
from ..scenario.model import Option
from ..scenario.model_hidden import Commitment
from .visibility import visible_log

PLAYER_ROW = 0


@dataclass(frozen=True)
class Seen:
    """Game 0 as one side sees it: a one-game state to word and warn from, and the bands."""

    state: State
    bands: Bands  # (1, K) each


def side_index(c: Compiled, side: str | None) -> int | None:
    return None if side is None else c.side_ids.index(side)


def seen(game: Game, side: str | None) -> Seen:
    """Game 0's state as ``side`` sees it today; the truth itself for an onlooker (None)."""
    c = game.compiled
    row = game.state.select(np.array([PLAYER_ROW]))
    j = side_index(c, side)
    day = max(1, game.day)
    if j is None:
        return Seen(row, bands(c, row, _row_rng(game), day, j))
    return Seen(row, seen_row(c, row, _row_rng(game), day, j))


def _row_rng(game: Game) -> Streams:
    """The streams of game 0 alone, for noise keyed by the game's own seed."""
    return game.rng.game_zero()


def masked_log(
    game: Game, side: str | None, entries: Sequence[LogEntry] | None = None
) -> tuple[LogEntry, ...]:
    """The log ``side`` may read: the other side's secrets filtered out and its tracks as estimates.

    Values of a track the side only estimates are shifted by that day's intelligence
    noise (so a choice's declared effect still reads as itself), tracks it does not
    know yet read as their starting value, and the model's own daily parts for them
    (coupling, decay, drift, noise) are withheld: they would give the truth away.
    """
    c = game.compiled
    log = visible_log(game.scenario, game.log if entries is None else entries, side)
    j = side_index(c, side)
    if j is None:
        return log
    guessed = tables(c).estimated(j)
    if not guessed:
        return log
    row = game.state.select(np.array([PLAYER_ROW]))
    rng = _row_rng(game)
    days: dict[int, np.ndarray] = {}
    out = []
    for e in log:
        if not e.before and not e.after:
            out.append(e)
            continue
        if e.day not in days:
            days[e.day] = noise(rng, max(1, e.day), j, c.K)[0]
        u = days[e.day]
        before, after = list(e.before), list(e.after)
        parts = {name: list(values) for name, values in e.parts.items()}
        shift = 0.0
        for t in guessed:
            k = t.index
            width = t.error
            for when, to in t.narrows:
                if bool(when(row)[0]):
                    width = min(width, to)
            known = t.hidden_until is None or bool(t.hidden_until(row)[0])
            for values in (before, after):
                if values:
                    true = values[k]
                    shown = (
                        min(1.0, max(0.0, true + float(u[k]) * width * t.scale))
                        if known
                        else float(c.start[k])
                    )
                    values[k] = round(shown, 5)
                    if values is after:
                        shift += float(c.hazard_w[k]) * (shown - true)
            for name in DYNAMICS_PARTS:
                if parts.get(name):
                    parts[name][k] = 0.0
        hazard = e.hazard
        if e.kind == "dynamics" and 0.0 < hazard < 1.0 and shift:
            logit = math.log(hazard / (1.0 - hazard)) + shift
            hazard = round(1.0 / (1.0 + math.exp(-logit)), 6)
        out.append(replace(e, before=before, after=after, parts=parts, hazard=hazard))
    return tuple(out)


def log_for_export(game: Game, side: str | None, log: Sequence[LogEntry]) -> list[dict]:
    """``log`` as JSON-ready dicts with every track ``side`` only estimates left out (None).

    The masked log's values for those tracks are the centres of the side's bands: a
    precise-looking number there would read as the truth to anyone parsing the file.
    """
    j = side_index(game.compiled, side)
    guessed = [] if j is None else [t.index for t in tables(game.compiled).estimated(j)]
    out = []
    for e in log:
        d = e.to_dict()
        for key in ("before", "after"):
            if d.get(key):
                d[key] = [None if k in guessed else v for k, v in enumerate(d[key])]
        out.append(d)
    return out


def estimate_words(low: float, high: float) -> str:
    """A band in the words of an intelligence estimate: 'about 40–60%'."""
    lo, hi = round(low * 100), round(high * 100)
    return f"about {lo}%" if lo == hi else f"about {lo}–{hi}%"


def archives(game: Game, side: str | None) -> tuple[str, ...]:
    """What the archives revealed after the crisis: the other side's resolve, its secrets, its true tracks.

    Only for a finished game: during play none of this may reach the side.  Its
    secret moves stay secret even then (the scenario's ``secret`` promises that).
    """
    if side is None or not game.finished:
        return ()
    c, s = game.compiled, game.scenario
    j = c.side_ids.index(side)
    lines: list[str] = []
    for k, sid in enumerate(c.side_ids):
        if k == j:
            continue
        other = s.sides[sid]
        if other.hidden is not None:
            value = float(game.state.resolve[PLAYER_ROW, k])
            lines.append(
                f"{other.leader}'s resolve, hidden from you throughout: {round(value * 100)} in 100 "
                f"({_firmness(value)})."
            )
        for secret in other.secrets:
            if bool(game.state.flag(c, secret.flag)[PLAYER_ROW]):
                lines.append(f"Kept from you: {secret.label or secret.flag.replace('_', ' ')}.")
    for t in tables(c).estimated(j):
        tid = c.track_ids[t.index]
        true = float(game.state.tracks[PLAYER_ROW, t.index])
        lines.append(f"{s.tracks[tid].label} at the end, in fact: {round(true * 100)}%.")
    return tuple(lines)


def standing_promises(game: Game, side: str | None) -> list[tuple[str, Commitment]]:
    """``side``'s own public commitments still standing in game 0: (id, declaration)."""
    if side is None:
        return []
    c = game.compiled
    t = c.hidden.commitments
    bits = int(game.state.commitments[PLAYER_ROW])
    return [
        (cid, c.scenario.sides[sid].commitments[cid])
        for b, (sid, cid) in enumerate(t.ids)
        if sid == side and bits >> b & 1
    ]


def broken_promises(game: Game) -> tuple[tuple[str, str], ...]:
    """(side, what was said) for each public commitment game 0 saw broken, in order.

    Read back from the choices made, so the ending can say which promise cost what,
    where the state keeps only the sum.  A broken promise is public by nature.
    """
    sc = game.compiled.scenario
    options = {(ev.id, o.id): o for ev in sc.events for o in ev.options}
    standing: set[tuple[str, str]] = set()
    out = []
    for e in game.log:
        option = options.get((e.event, e.option)) if e.kind == "choice" else None
        if option is None:
            continue
        for cid in option.breaks:
            if (e.side, cid) in standing:
                standing.discard((e.side, cid))
                out.append((e.side, sc.sides[e.side].commitments[cid].label))
        standing.update((e.side, cid) for cid in option.commits)
    return tuple(out)


def promise_warnings(game: Game, side: str | None, option: Option) -> tuple[str, ...]:
    """'You said publicly ...': the audience cost an option would pay by breaking a commitment."""
    standing = dict(standing_promises(game, side))
    out = []
    for cid in option.breaks:
        if cid in standing:
            promise = standing[cid]
            cost = f"{promise.prestige:g} prestige" if promise.prestige else "no prestige"
            pressure = " and raises the pressure at home" if any(promise.pressure.values()) else ""
            out.append(f"You said publicly: {promise.label}. Going back on it now costs {cost}{pressure}")
    return tuple(out)


def _firmness(value: float) -> str:
    if value >= 0.75:
        return "very firm"
    if value >= 0.55:
        return "firm"
    if value >= 0.4:
        return "ordinary"
    return "ready to yield"
