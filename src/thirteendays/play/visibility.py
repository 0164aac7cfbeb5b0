"""What one side may learn of the log: secret choices and one-sided incidents filtered out.

The engine records everything that happened in a game; a side reads only what it
could have known.  An option marked ``secret`` is hidden from the other side (its
choice, its line in the day's report, its row in the after-action report), and an
incident with ``visible_to`` only reaches the sides named.  The tracks themselves
are the world's state and stay shown: a secret move is felt, not announced.
Every front end reads the log through ``view_for`` or ``Session.unseen``, which
both call ``visible_log``, so there is one filter to trust.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..engine.record import LogEntry
from ..scenario.model import Scenario


def _hidden(scenario: Scenario) -> tuple[frozenset[tuple[str, str]], dict[str, frozenset[str]]]:
    secret = frozenset((e.id, o.id) for e in scenario.events for o in e.options if o.secret)
    seen_by = {x.id: frozenset(x.visible_to) for x in scenario.incidents if x.visible_to}
    return secret, seen_by


def readable(scenario: Scenario, log: Sequence[LogEntry], side: str | None) -> list[bool]:
    """For each entry of ``log``, whether ``side`` may read it at all; an onlooker (None) reads all.

    Apart from ``visible_log`` (which also strips what an entry may not say), so that
    what a side was kept from is told by the entry's place, not by comparing copies.
    """
    if side is None:
        return [True] * len(log)
    secret, seen_by = _hidden(scenario)
    out = []
    for e in log:
        other = bool(e.side) and e.side != side
        out.append(
            not (other and e.kind == "politics")  # the other side's politics are its own deliberations
            and not (other and e.kind == "choice" and (e.event, e.option) in secret)
            and not (e.kind == "incident" and e.incident in seen_by and side not in seen_by[e.incident])
        )
    return out


def visible_log(scenario: Scenario, log: Sequence[LogEntry], side: str | None) -> tuple[LogEntry, ...]:
    """The entries of ``log`` that ``side`` may read, each as it may read it."""
    if side is None:
        return tuple(log)
    out = []
    for e, ok in zip(log, readable(scenario, log, side), strict=True):
        if not ok:
            continue
        # The other side's choice is seen, not who forced it; and the words it read when it
        # chose were worded on its own view.
        if e.side and e.side != side and (e.by == "politics" or e.label or e.history_label):
            e = replace(e, by="" if e.by == "politics" else e.by, label="", history_label="")
        out.append(e)
    return tuple(out)
