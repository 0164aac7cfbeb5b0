"""Parameter paths: naming one number of a scenario, and a scenario with it changed.

Track ids contain dots (``us.military``), so a path cannot be split on dots
alone.  The syntax keeps dots for field names and puts every key in square
brackets, which makes it unambiguous::

    model.hazard.bias
    model.hazard.weights[us.military]
    model.coupling[ussr.military][us.military]   # row track, then column track
    model.noise[us.military]
    model.defcon.thresholds[0]                   # a plain list: by position
    tracks[world].start
    incidents[u2-shootdown].chance.per[ussr.military]
    events[photographs].options[deliberate].effects[us.political]

Lists of things with ids (events, options, incidents) are indexed by id.  A
varied scenario is rebuilt through the pydantic models (``model_copy`` down
the path, then the whole scenario re-validated), never by editing YAML text,
so a value the format forbids (a chance above 1) is refused like a typo.
"""

from __future__ import annotations

import math
import re
import types
import typing
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import annotated_types
from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from ..scenario.diagnostics import did_you_mean, errors
from ..scenario.model import Scenario
from ..scenario.references import check_references
from ..scenario.yaml_safe import Positions

Key = str | int
_TOKEN = re.compile(r"\.?([A-Za-z_][A-Za-z0-9_]*)|\[([^\[\]]+)\]")
# Sub-trees that are not numbers to sweep: conditions are a closed vocabulary of
# tests, not parameters, and the words and dates are not numbers at all.
_SKIP_FIELDS = {"when", "format", "days", "day", "until", "quiet_days", "start_date"}


class ParamError(ValueError):
    """A path or value that cannot be applied; the message is one line for the user."""


@dataclass(frozen=True)
class Bounds:
    """What the format allows for a number, so a sensitivity step can stay inside it."""

    low: float = -math.inf
    high: float = math.inf
    low_open: bool = False

    def clip(self, value: float) -> float:
        return min(self.high, max(self.low, value))


@dataclass(frozen=True)
class Param:
    """One addressable number: where it is, its value in the scenario, and its limits."""

    path: str
    value: float
    bounds: Bounds


def parse(path: str) -> list[Key]:
    """``a.b[c.d][0]`` -> ``['a', 'b', '[c.d]', 0]``: names, keys kept in brackets, positions."""
    text = path.strip()
    tokens: list[Key] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        named = m is not None and m.group(1) is not None
        if m is None or (pos == 0 and text.startswith(".")) or (named and pos > 0 and text[pos] != "."):
            raise ParamError(f"'{path}' is not a parameter path (e.g. model.noise[us.military])")
        if m.group(1) is not None:
            tokens.append(m.group(1))
        else:
            key = m.group(2).strip()
            tokens.append(int(key) if key.isdigit() else ("[" + key + "]"))
        pos = m.end()
    if not tokens:
        raise ParamError("an empty parameter path")
    return tokens


TRACK_TABLES = frozenset({"coupling", "decay", "drift", "noise", "weights", "per", "effects"})


def _bracket(token: Key) -> str | None:
    return token[1:-1] if isinstance(token, str) and token.startswith("[") else None


def _constraints(info: FieldInfo | None) -> list[Any]:
    """The field's own constraints, or its items' when it is a list or a table of numbers
    (``list[Share]`` carries its bounds on the item type, not on the field)."""
    if info is None:
        return []
    found = list(info.metadata)
    annotation = info.annotation
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):  # an optional list or table
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        annotation = args[0] if len(args) == 1 else annotation
    while typing.get_origin(annotation) in (list, dict):
        annotation = typing.get_args(annotation)[-1]
        if typing.get_origin(annotation) is typing.Annotated:
            for extra in typing.get_args(annotation)[1:]:
                found += list(getattr(extra, "metadata", [extra]))
    return found


def _bounds_of(info: FieldInfo | None) -> Bounds:
    low, high, low_open = -math.inf, math.inf, False
    for m in _constraints(info):
        if isinstance(m, annotated_types.Ge):
            low = float(m.ge)
        elif isinstance(m, annotated_types.Gt):
            low, low_open = float(m.gt), True
        elif isinstance(m, annotated_types.Le):
            high = float(m.le)
        elif isinstance(m, annotated_types.Lt):
            high = float(m.lt)
    return Bounds(low, high, low_open)


def _item_ids(items: Sequence[Any]) -> list[str]:
    return [x.id for x in items if isinstance(getattr(x, "id", None), str)]


def _step(
    node: Any, token: Key, done: str, table: str, scenario: Scenario
) -> tuple[Any, Key, FieldInfo | None]:
    """Follow one token; returns the child, the key that replaces it, and its field if any.

    ``table`` is the last field name passed: the tables keyed by track leave out
    entries that mean 'no effect', so a track missing there may still be set.
    """
    key = _bracket(token)
    if node is None and table in TRACK_TABLES:
        node = {}  # a coupling row that is not written yet
    if isinstance(node, BaseModel):
        fields = type(node).model_fields
        if key is not None or isinstance(token, int):
            raise ParamError(f"'{done or 'the scenario'}' has fields, not entries: use .NAME after it")
        if token not in fields or token in _SKIP_FIELDS:
            hint = did_you_mean(str(token), [f for f in fields if f not in _SKIP_FIELDS])
            raise ParamError(f"unknown parameter '{_join(done, token)}'" + (f" ({hint})" if hint else ""))
        return getattr(node, str(token)), token, fields[str(token)]
    if isinstance(node, dict):
        if isinstance(token, int) and token in node:  # tables keyed by a number: day, DEFCON level
            return node[token], token, None
        if key is None:
            example = next(iter(node), "ID")
            raise ParamError(f"'{done}' is a table: name an entry in brackets, e.g. {done}[{example}]")
        if key in node:
            return node[key], key, None
        if table in TRACK_TABLES and key in scenario.tracks:
            return None, key, None
        hint = did_you_mean(key, list(scenario.tracks) if table in TRACK_TABLES else list(node))
        raise ParamError(f"unknown entry '{done}[{key}]'" + (f" ({hint})" if hint else ""))
    if isinstance(node, list):
        ids = _item_ids(node)
        if ids and key is not None:
            if key not in ids:
                hint = did_you_mean(key, ids)
                raise ParamError(f"no '{key}' in '{done}'" + (f" ({hint})" if hint else ""))
            return node[ids.index(key)], ids.index(key), None
        if isinstance(token, int) and not ids:
            if token >= len(node):
                raise ParamError(f"'{done}' has {len(node)} values: positions 0 to {len(node) - 1}")
            return node[token], token, None
        what = "an id in brackets" if ids else "a position in brackets, e.g. [0]"
        raise ParamError(f"'{done}' is a list: name {what}")
    raise ParamError(f"'{done}' is a number or a word; nothing lies below it")


def _join(done: str, token: Key) -> str:
    key = _bracket(token)
    if key is not None or isinstance(token, int):
        return f"{done}[{key if key is not None else token}]"
    return f"{done}.{token}" if done else str(token)


def _walk_tokens(
    scenario: Scenario, tokens: list[Key]
) -> Iterator[tuple[Any, Key, FieldInfo | None, str, str]]:
    """Each step down a path: (child, key, field, path so far, table of the child)."""
    node: Any = scenario
    done, table = "", ""
    for token in tokens:
        node, key, field = _step(node, token, done, table, scenario)
        done = _join(done, token)
        if field is not None:
            table = str(token)
        yield node, key, field, done, table


def resolve(scenario: Scenario, path: str) -> Param:
    """The number a path names, with its bounds; ParamError with a hint if there is none."""
    steps = list(_walk_tokens(scenario, parse(path)))
    node, _, _, done, _ = steps[-1]
    # An index into a list or a key into a table has no field of its own: the bounds are
    # those of the container's items.
    field = next((f for *_, f, _, _ in reversed(steps) if f is not None), None)
    if node is None:
        node = 0.0  # a left-out entry of a track table: no effect
    if isinstance(node, bool) or not isinstance(node, int | float):
        raise ParamError(f"'{done}' is not a number; name one inside it (see sweep --list)")
    return Param(done, float(node), _bounds_of(field))


def _set(node: Any, steps: list[tuple[Any, Key]], value: float) -> Any:
    """A copy of ``node`` with the value at the end of ``steps`` replaced, copying only the path."""
    if not steps:
        return value
    (child, key), rest = steps[0], steps[1:]
    new_child = _set(child if child is not None or not rest else {}, rest, value)
    if isinstance(node, BaseModel):
        return node.model_copy(update={key: new_child})
    if isinstance(node, dict) or node is None:
        return {**(node or {}), key: new_child}
    out = list(node)
    out[key] = new_child  # type: ignore[index]
    return out


def apply(scenario: Scenario, overrides: Sequence[tuple[str, float]]) -> Scenario:
    """The scenario with each path set to its value, re-validated as a whole."""
    if not overrides:
        return scenario
    varied = scenario
    for path, value in overrides:
        resolve(varied, path)  # the path names a number (ParamError otherwise)
        steps = [(child, key) for child, key, *_ in _walk_tokens(varied, parse(path))]
        varied = _set(varied, steps, float(value))
    shown = ", ".join(f"{p}={v:g}" for p, v in overrides)
    try:
        checked = Scenario.model_validate(varied.model_dump(by_alias=True))
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        raise ParamError(f"{shown}: {err['msg'].lower()}") from None
    problems = errors(check_references(checked, Positions(), "<sweep>"))
    if problems:
        raise ParamError(f"{shown}: {problems[0].message}")
    return checked


def parameters(scenario: Scenario) -> list[Param]:
    """Every number of the scenario a sweep can vary, in document order."""
    return list(_walk(scenario, "", None))


def _walk(node: Any, done: str, info: FieldInfo | None) -> Iterator[Param]:
    if isinstance(node, bool):
        return
    if isinstance(node, float):
        yield Param(done, node, _bounds_of(info))
    elif isinstance(node, BaseModel):
        for name, field in type(node).model_fields.items():
            if name not in _SKIP_FIELDS:
                yield from _walk(getattr(node, name), _join(done, name), field)
    elif isinstance(node, dict):
        for k, v in node.items():
            yield from _walk(v, f"{done}[{k}]", info)  # items keep the container's item bounds
    elif isinstance(node, list):
        ids = _item_ids(node)
        for i, v in enumerate(node):
            yield from _walk(v, f"{done}[{ids[i] if ids else i}]", info)
