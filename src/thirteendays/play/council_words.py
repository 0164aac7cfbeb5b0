"""The council's words: each adviser's estimate, the range between them, and how they reach it.

Shared by the window and the terminal, like ``words``, so both say the same sentences.
"""

from __future__ import annotations

from collections.abc import Mapping


def estimate_text(council: str, view, ending_titles: Mapping[str, str]) -> str:
    """The council's range for one option: who fears it most and least, and what they expect.

    A range, not a number: the advisers differ in what they assume about the other
    side, and the player should weigh the assumptions, not obey an oracle.
    """
    low, high = view.least_worried, view.most_worried
    if len(view.opinions) == 1:
        spread = f"war {low.war * 100:.0f}% ({low.war_low * 100:.0f}-{low.war_high * 100:.0f}%)"
    elif f"{low.war * 100:.0f}" == f"{high.war * 100:.0f}":  # "1% (LeMay) to 1% (LeMay)" says nothing
        spread = f"war {low.war * 100:.0f}% (all {len(view.opinions)} agree)"
    else:
        spread = (
            f"war {low.war * 100:.0f}% ({_surname(low.adviser)}) to "
            f"{high.war * 100:.0f}% ({_surname(high.adviser)})"
        )
    ending, share = view.likeliest
    return (
        f"{council}: {spread}; prestige {_signed(view.prestige)}; "
        f"likeliest: {ending_titles.get(ending, ending)} ({share * 100:.0f}%)"
    )


def _surname(name: str) -> str:
    """A short name for the one-line range: 'R. Kennedy', never a bare 'Kennedy' that reads as
    the player; a neutral 'The ExComm' stays whole."""
    parts = name.split()
    if name.startswith("The ") or len(parts) < 2:
        return name
    return f"{parts[0][0]}. {parts[-1]}"


def _signed(value: float) -> str:
    """'+0.0' for a value that rounds to nothing: '-0.0' beside a warning of a real cost read as
    a hidden loss (a play-tester asked what the minus meant)."""
    return f"{round(value, 1) + 0.0:+.1f}"


def _spread(low: float, high: float) -> str:
    """' (-1.0 to +4.0)', or nothing when both ends read alike: '+4.0 to +4.0' says nothing."""
    return "" if _signed(low) == _signed(high) else f" ({_signed(low)} to {_signed(high)})"


def adviser_lines(view, ending_titles: Mapping[str, str]) -> list[str]:
    """Each adviser's estimate of one option, with his intervals and his assumption."""
    return [
        f"{o.adviser}{f' ({o.role})' if o.role else ''}: war {o.war * 100:.0f}% "
        f"({o.war_low * 100:.0f}-{o.war_high * 100:.0f}%), prestige {_signed(o.prestige)}"
        f"{_spread(o.prestige_low, o.prestige_high)}, likeliest "
        f"{ending_titles.get(o.likeliest, o.likeliest)}; assumes {o.assumes}"
        for o in view.opinions
    ]


def method_note(council: str, rollouts: int) -> str:
    return (
        f"How the {council} estimates: each adviser plays the rest of the crisis about "
        f"{rollouts:,} times per option, you continuing your own habits so far and the other "
        "side acting as he expects; they disagree because their assumptions do."
    )
