"""Checks over texts that depend on the state: each variant is read and tested alone.

A variant list is only as good as its worst wording: each variant counts for the
word and length limits (TD111) on its own, and a variant whose condition can
never hold where the text is shown (TD128) is words no player will ever read.
A fallback that the earlier variants make unreachable is fine: it is a safety net.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from .yaml_safe import Path

if TYPE_CHECKING:
    from .model import Event

Add = Callable[..., None]


def is_variants(value: object) -> bool:
    """Whether a text field holds variants rather than one plain string."""
    return isinstance(value, list | tuple)


def plain_texts(value: Any) -> list[str]:
    """Every wording a field can show."""
    return [v.text for v in value] if is_variants(value) else [value]


def wordings(value: Any, path: Path) -> Iterator[tuple[Path, str]]:
    """Each wording with the path of its words, for diagnostics at the right line."""
    if is_variants(value):
        for i, v in enumerate(value):
            yield (*path, i, "text"), v.text
    else:
        yield path, value


def variants_possible(facts: Any, value: Any, path: Path, event: Event | None, order: int, add: Add) -> None:
    """TD128 for each variant whose condition can never hold where the text is read.

    ``event`` is the event the text belongs to (its day bounds what can have been
    chosen before it), or None for an ending's text, read once the game is over.
    """
    if not is_variants(value):
        return
    for i, v in enumerate(value[:-1]):
        if event is None:
            ok = facts.possible(v.when, ending=True)
        else:
            ok = facts.possible(v.when, event_day=event.until or event.day, order=order)
        if not ok:
            add(
                "TD128",
                (*path, i, "when"),
                f"variant {i} can never be shown: its condition can never hold here",
                "test something that can have happened by then, or remove the variant",
            )
