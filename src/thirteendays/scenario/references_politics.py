"""Cross-reference checks for the ``politics`` section: every name a rule uses must exist.

Run from ``check_references`` with its ``report`` and ``need`` helpers, so a
rule's errors read and sit exactly like every other reference error.
"""

from __future__ import annotations

from collections.abc import Callable

from .model import MAX_FLAGS, EndingKind, Scenario
from .yaml_safe import Path

Need = Callable[..., None]
Report = Callable[..., None]


def check_politics(s: Scenario, report: Report, need: Need) -> None:
    """Sides, events, options and endings named by the rules; unique ids; room for removal bits."""
    events = {e.id: e for e in s.events}
    endings = {x.id: x for x in s.endings}
    seen: dict[str, str] = {}
    removals = 0
    for side, rules in s.politics.items():
        need("side", side, set(s.sides), ("politics", side), True)
        for ri, rule in enumerate(rules):
            base: Path = ("politics", side, ri)
            if rule.id in seen:
                report(
                    "TD021",
                    (*base, "id"),
                    f"duplicate politics rule id '{rule.id}'",
                    f"the first is under '{seen[rule.id]}'; ids must be unique",
                )
            seen.setdefault(rule.id, side)
            refs = []
            if rule.close is not None:
                refs = [(ref, (*base, "close", "options", i)) for i, ref in enumerate(rule.close.options)]
            if rule.overrule is not None:
                refs = [(rule.overrule, (*base, "overrule"))]
            for ref, path in refs:
                event = events.get(ref.event)
                if event is None:
                    need("event", ref.event, set(events), (*path, "event"))
                    continue
                if event.side != side:
                    report(
                        "TD022",
                        (*path, "event"),
                        f"event '{ref.event}' is decided by '{event.side}', not by '{side}'",
                        "a side's politics binds only its own decisions",
                    )
                need("option", ref.option, {o.id for o in event.options}, (*path, "option"))
            if rule.remove is not None:
                removals += 1
                path = (*base, "remove", "ending")
                ending = endings.get(rule.remove.ending)
                if ending is None:
                    need("ending", rule.remove.ending, set(endings), path)
                elif ending.kind != EndingKind.REMOVED:
                    report(
                        "TD022",
                        path,
                        f"ending '{ending.id}' is of kind {ending.kind.value}, not removed",
                        "give the ending `kind: removed` and no `when`",
                    )
    if removals and len(s.flags) + removals > MAX_FLAGS:
        report(
            "TD022",
            ("flags",),
            f"{len(s.flags)} flags and {removals} removal rules need more than {MAX_FLAGS} flag bits",
            "each `remove` rule keeps one bit of the game's flags; declare fewer flags",
        )
