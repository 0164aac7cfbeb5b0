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


def visible_log(scenario: Scenario, log: Sequence[LogEntry], side: str | None) -> tuple[LogEntry, ...]:
    """The entries of ``log`` that ``side`` may read; an onlooker (None) reads them all."""
    if side is None:
        return tuple(log)
    secret, seen_by = _hidden(scenario)
    out = []
    for e in log:
        if e.side and e.side != side and (e.label or e.history_label):
            # The words the other side read when it chose were worded on its own view.
            e = replace(e, label="", history_label="")
        if not secret and not seen_by and not scenario.politics:
            out.append(e)
            continue
        if e.side and e.side != side and (e.kind == "politics" or e.by == "politics"):
            if e.kind == "politics":  # the other side's politics are its own deliberations
                continue
            e = replace(e, by="")  # its choice is seen, not who forced it
        if e.kind == "choice" and e.side != side and (e.event, e.option) in secret:
            continue
        if e.kind == "incident" and e.incident in seen_by and side not in seen_by[e.incident]:
            continue
        out.append(e)
    return tuple(out)
