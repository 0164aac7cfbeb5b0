"""What a side sees of its own politics: warnings before a rule bites, and options it has closed.

The engine enforces the rules (``engine/politics.py``); this module reads them for
the player's one game, so the window and the terminal warn of exactly what the
engine will do, in the words of ``play/words.py``.  A side reads only its own
rules: the other side's politics are its deliberations, never shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..engine.game import Game
from ..engine.politics import open_events
from ..scenario.model import Scenario
from . import words


@dataclass(frozen=True)
class PoliticsView:
    """One of the side's rules that is near or in force, in words."""

    rule: str  # the rule's id
    kind: str  # close | overrule | remove
    in_force: bool  # the condition holds now; otherwise it is near
    text: str  # the sentence the player reads


@dataclass(frozen=True)
class ClosedOptionView:
    """An option the side's politics has closed: shown closed, with the reason, not hidden."""

    id: str
    label: str
    stance: str
    reason: str


def politics_notes(game: Game, sc: Scenario, side: str | None, row: int) -> tuple[PoliticsView, ...]:
    """The side's rules that hold or are near in game ``row``; none for an onlooker or a finished game."""
    c = game.compiled
    if side is None or not c.politics.rules or game.finished:
        return ()
    s = game.state
    day = max(game.day, 1)
    notes = c.politics.notes(s, row, side, open_events(c, s, row, day), day)
    return tuple(PoliticsView(n.rule.id, n.rule.kind, n.in_force, words.politics_note(sc, n)) for n in notes)


def closed_options(game: Game, sc: Scenario, event_id: str, open_ids: set[str], row: int):
    """The options of the waiting decision that a rule closes, with the rule's words."""
    c = game.compiled
    if not c.politics.rules:
        return ()
    ev = c.event(event_id)
    s = game.state
    event = sc.events[ev.index]
    out = []
    for j, rule in sorted(c.politics.closed_by(ev, s, row).items()):
        o = event.options[j]
        when = ev.option_when[j]
        if o.id in open_ids or (when is not None and not when(s)[row]):
            continue  # kept open (a rule may not close every option), or not offered anyway
        out.append(ClosedOptionView(o.id, o.label, o.stance.value, words.closed_reason(rule.rule)))
    return tuple(out)
