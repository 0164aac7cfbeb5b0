"""Find which model describes a place in a document, for did-you-mean hints.

pydantic reports an unknown key by its path; to suggest the right key we need
the fields allowed at that path, which means walking the model types alongside
the data (through lists, dicts, optionals and the condition union).
"""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel

from .conditions_model import CONDITION_KEYS, _condition_kind


def _unwrap(tp: Any) -> Any:
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(args) == 1:
                tp = args[0]
            else:
                return tp
        else:
            return tp


def _is_condition_union(tp: Any) -> bool:
    origin = typing.get_origin(tp)
    if origin not in (typing.Union, types.UnionType):
        return False
    members = {_unwrap(a) for a in typing.get_args(tp)}
    return bool(members) and members <= set(CONDITION_KEYS.values())


def _field(model: type[BaseModel], name: str) -> Any:
    for field_name, info in model.model_fields.items():
        if name in (field_name, info.alias):
            return info.annotation
    return None


def model_at(root: type[BaseModel], data: Any, path: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model class whose instance lives at ``path`` in ``data``, if any."""
    tp: Any = root
    node = data
    for part in path:
        tp = _unwrap(tp)
        if _is_condition_union(tp):
            kind = _condition_kind(node)
            if kind is None:
                return None
            tp = CONDITION_KEYS[kind]
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            if not isinstance(part, str):
                return None
            tp = _field(tp, part)
            if tp is None:
                return None
        else:
            origin = typing.get_origin(tp)
            args = typing.get_args(tp)
            if origin is list and args:
                tp = args[0]
            elif origin is dict and len(args) == 2:
                tp = args[1]
            else:
                return None
        node = (
            node.get(part)
            if isinstance(node, dict)
            else (
                node[part] if isinstance(node, list) and isinstance(part, int) and part < len(node) else None
            )
        )
    tp = _unwrap(tp)
    if _is_condition_union(tp):
        kind = _condition_kind(node)
        return CONDITION_KEYS[kind] if kind else None
    return tp if isinstance(tp, type) and issubclass(tp, BaseModel) else None


def keys_of(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]
