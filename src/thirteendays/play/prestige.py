"""The prestige line of an ending, in words: the one place the front ends take it from."""

from __future__ import annotations

from ..scenario.model import Scenario
from .view import EndingView


def prestige_parts(scenario: Scenario, ending: EndingView, sep: str = " ", said: bool = True) -> list[str]:
    """Each side's prestige at the end, with what it lost by going back on its word said plainly.

    The number alone would hide why a settlement scored below its ending's worth.  Without
    ``said`` the loss is left out, for a front end that says it on a line of its own
    (the window, whose score line must never break a side's name from its number).
    """
    lost = dict(ending.promises)
    out = []
    for sid, value in ending.prestige:
        part = f"{scenario.sides[sid].name}{sep}{value:+d}"
        if lost.get(sid) and said:
            quoted = _quoted(ending, sid)
            which = f": {_and(quoted)}" if quoted else ""
            part += f" ({lost[sid]} lost for going back on public promises{which})"
        out.append(part)
    return out


def promises_line(scenario: Scenario, ending: EndingView) -> str:
    """'Soviet Union lost 1 for going back on 'the Soviet arms in Cuba are purely defensive'.':
    the loss, and the words broken, on a line of its own (for ``said=False``)."""
    out = []
    for sid, n in ending.promises:
        quoted = _quoted(ending, sid)
        which = _and(quoted) if quoted else "public promises"
        out.append(f"{scenario.sides[sid].name} lost {n} for going back on {which}.")
    return " ".join(out)


def _quoted(ending: EndingView, sid: str) -> list[str]:
    """The words of each promise ``sid`` broke and paid for, quoted."""
    return [f"'{words}'" for who, words in ending.broken if who == sid]


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
