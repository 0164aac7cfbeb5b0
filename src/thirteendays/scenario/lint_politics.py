"""Lint for the ``politics`` section: rules that can never fire, and rules that leave no choice.

A rule whose condition can never hold is dead text the player is never shown,
and a ``close`` that shuts every option of a decision would leave the leader
with nothing to do (the engine then keeps the options open, which is not what
the author meant).  Both are found from the text alone, like the rest of lint.
"""

from __future__ import annotations

from collections.abc import Callable

from .model import EndingKind, Scenario
from .model_politics import PoliticalRule

Add = Callable[..., None]


def politics_checks(s: Scenario, facts, add: Add, why_impossible: Callable) -> None:
    """TD131 for a rule that can never fire, TD132 for a close that shuts a whole decision."""
    events = {e.id: (i, e) for i, e in enumerate(s.events)}
    named = set()
    for side, rules in s.politics.items():
        for ri, rule in enumerate(rules):
            base = ("politics", side, ri)
            if rule.remove is not None:
                named.add(rule.remove.ending)
            if not facts.possible(rule.when):
                add(
                    "TD131",
                    (*base, "when"),
                    f"politics rule '{rule.id}' can never hold",
                    why_impossible(rule.when, facts).replace(
                        "events never fire once war has broken out",
                        "rules bind only while the crisis goes on",
                    ),
                )
                continue
            if rule.overrule is not None:
                i, event = events[rule.overrule.event]
                if not facts.possible(rule.when, event_day=event.until or event.day, order=i):
                    add(
                        "TD131",
                        (*base, "overrule", "event"),
                        f"politics rule '{rule.id}' can never hold by the time '{event.id}' is decided",
                        "overrule a later decision, or test something that can have happened by then",
                    )
            if rule.close is not None:
                _whole_decision(s, side, rule, base, add)
    for ni, ending in enumerate(s.endings):
        if ending.kind == EndingKind.REMOVED and ending.id not in named:
            add(
                "TD131",
                ("endings", ni, "id"),
                f"ending '{ending.id}' is of kind removed, but no politics rule removes to it",
                "add a rule with `remove: {ending: " + ending.id + "}`, or change its kind",
            )


def _whole_decision(s: Scenario, side: str, rule: PoliticalRule, base, add: Add) -> None:
    assert rule.close is not None
    by_event: dict[str, set[str]] = {}
    for ref in rule.close.options:
        by_event.setdefault(ref.event, set()).add(ref.option)
    for e in s.events:
        if e.side != side:
            continue
        closed = {o.id for o in e.options if o.stance.value in rule.close.stances} | by_event.get(e.id, set())
        if closed and closed >= {o.id for o in e.options}:
            add(
                "TD132",
                (*base, "close"),
                f"politics rule '{rule.id}' closes every option of '{e.id}'",
                "leave the leader at least one option there (the engine then keeps them all open)",
            )
