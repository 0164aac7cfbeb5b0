"""Text that depends on the state, resolved in one place for every front end.

A scenario's event text, option labels and notes, and endings' accounts may be
lists of variants; the first whose condition holds for a game is its wording.
Conditions are the closed vocabulary compiled to masks (engine/conditions.py),
so choosing a variant for a whole batch is one mask per variant, never eval.

The window, the terminal, the report, the environments and ``replay`` all read
``resolved_scenario(game)`` through ``PlayerView.scenario``: a copy of the
scenario in which every variant list is already the plain string game 0 shows,
so no front end can pick a different variant from another.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..scenario.model import Ending, Event, Option, Scenario, Variant
from ..scenario.wording_lint import is_variants, plain_texts
from .conditions import Mask, compile_condition
from .intel import seen_row

if TYPE_CHECKING:
    from .compiled import Compiled, CompiledEvent
    from .state import State
    from .streams import Streams


__all__ = ["is_variants", "plain_texts", "resolve_text", "resolved_scenario", "variant_index"]


def _masks(c: Compiled, variants: list[Variant]) -> list[Mask | None]:
    # Compiled once per variant list and kept on the compiled scenario: the list lives
    # as long as the scenario, so its identity is a safe key.
    cache: dict[int, list[Mask | None]] = c.__dict__.setdefault("_variant_masks", {})
    key = id(variants)
    if key not in cache:
        cache[key] = [compile_condition(v.when, c.names) for v in variants]
    return cache[key]


def variant_index(c: Compiled, state: State, variants: list[Variant]) -> np.ndarray:
    """The variant each game of the batch shows, (N,) int: the first whose 'when' holds."""
    chosen = np.full(state.n, len(variants) - 1, dtype=np.intp)
    undecided = np.ones(state.n, dtype=bool)
    for i, mask in enumerate(_masks(c, variants)[:-1]):
        hold = undecided & (mask(state) if mask is not None else True)
        chosen[hold] = i
        undecided &= ~hold
        if not undecided.any():
            break
    return chosen


def resolve_text(c: Compiled, state: State, value: str | list[Variant], row: int = 0) -> str:
    """The words one game (row ``row`` of the batch) shows for a text field."""
    if not is_variants(value):
        return value
    return value[int(variant_index(c, state, value)[row])].text


def _option(c: Compiled, state: State, o: Option) -> Option:
    update = {
        k: resolve_text(c, state, getattr(o, k)) for k in ("label", "note") if is_variants(getattr(o, k))
    }
    return o.model_copy(update=update) if update else o


def _event(c: Compiled, state: State, e: Event) -> Event:
    options = [_option(c, state, o) for o in e.options]
    update: dict[str, object] = {}
    for name in ("title", "text"):
        if is_variants(getattr(e, name)):
            update[name] = resolve_text(c, state, getattr(e, name))
    if any(a is not b for a, b in zip(options, e.options, strict=True)):
        update["options"] = options
    return e.model_copy(update=update) if update else e


def _ending(c: Compiled, state: State, x: Ending) -> Ending:
    update: dict[str, object] = {}
    if is_variants(x.text):
        update["text"] = resolve_text(c, state, x.text)
    if any(is_variants(v) for v in x.views.values()):
        update["views"] = {side: resolve_text(c, state, v) for side, v in x.views.items()}
    return x.model_copy(update=update) if update else x


def resolved_scenario(c: Compiled, state: State) -> Scenario:
    """The scenario as game 0 reads it now: every variant list replaced by its wording.

    Only the parts with variants are copied, so a scenario without any costs nothing
    and is returned as it is.
    """
    s = c.scenario
    if not c.__dict__.setdefault("_has_variants", _has_variants(s)):
        return s
    events = [_event(c, state, e) for e in s.events]
    endings = [_ending(c, state, x) for x in s.endings]
    incidents = [
        x.model_copy(update={"text": resolve_text(c, state, x.text)}) if is_variants(x.text) else x
        for x in s.incidents
    ]
    return s.model_copy(update={"events": events, "endings": endings, "incidents": incidents})


def _has_variants(s: Scenario) -> bool:
    for e in s.events:
        if (
            is_variants(e.text)
            or is_variants(e.title)
            or any(is_variants(o.label) or is_variants(o.note) for o in e.options)
        ):
            return True
    if any(is_variants(x.text) for x in s.incidents):
        return True
    return any(is_variants(x.text) or any(is_variants(v) for v in x.views.values()) for x in s.endings)


def words_as_read(
    c: Compiled, state: State, rng: Streams, day: int, ev: CompiledEvent, option: int
) -> tuple[str, str]:
    """The chosen option's and history's words as game 0's chooser read them before it chose.

    Worded on the chooser's own view (as the front ends word them), never on the truth;
    empty where an option's words never vary, so the log stays as small as it was.
    """
    options = c.scenario.events[ev.index].options
    picked = [options[option]] + ([options[ev.historical]] if ev.historical >= 0 else [])
    if not any(is_variants(o.label) for o in picked):
        return "", ""
    row = state.select(np.array([0]))
    seen_row(c, row, rng.game_zero(), max(1, day), ev.side)
    words = [resolve_text(c, row, o.label) if is_variants(o.label) else "" for o in picked]
    return words[0], (words[1] if len(words) > 1 else "")
