"""Turn a YAML event stream into a node graph, with the limits enforced while composing.

PyYAML's composers (the pure-Python one and libyaml's Cython one) recurse once
per nesting level: the Python one overflows the interpreter's stack and the C
one overflows the machine's (a segmentation fault) on a file of ``[[[[...``.
libyaml's parser is also quadratic in nesting depth.  Composing here, from the
events either parser emits, lets one loop serve both parsers with the same
rules, and stop pulling events the moment a limit is crossed, before the
parser does the expensive part.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode


@dataclass
class ComposeLimit(Exception):
    """A limit crossed while composing; ``mark`` is where."""

    mark: Any
    message: str
    hint: str
    code: str = "TD004"


@dataclass
class _Open:
    node: SequenceNode | MappingNode
    anchor: str | None
    key: Node | None = None  # a mapping's key waiting for its value


def compose_single(loader: Any, *, max_depth: int, max_nodes: int) -> Node | None:
    """The one document of the stream as a node graph, or None when the stream is empty.

    ``loader`` is any PyYAML loader (pure-Python or libyaml-backed): only its
    event methods and its resolver are used.  An alias may name only a node
    that is already complete, so the graph is acyclic.
    """
    loader.get_event()  # StreamStartEvent
    if loader.check_event(StreamEndEvent):
        loader.get_event()
        return None
    loader.get_event()  # DocumentStartEvent
    anchors: dict[str, Node] = {}
    stack: list[_Open] = []
    root: Node | None = None
    count = 0
    while root is None:
        event = loader.get_event()
        node: Node
        if isinstance(event, AliasEvent):
            if event.anchor not in anchors:
                raise ComposeLimit(
                    event.start_mark,
                    f"alias '*{event.anchor}' names no complete anchor above it",
                    "define '&name' on a value before using '*name'",
                    "TD001",
                )
            node = anchors[event.anchor]
        elif isinstance(event, ScalarEvent):
            node = _scalar(loader, event)
            _anchor(anchors, event, node)
        elif isinstance(event, SequenceStartEvent | MappingStartEvent):
            if len(stack) + 1 > max_depth:
                raise ComposeLimit(
                    event.start_mark, f"nesting deeper than {max_depth} levels", "flatten the structure"
                )
            kind = SequenceNode if isinstance(event, SequenceStartEvent) else MappingNode
            tag = event.tag
            if tag is None or tag == "!":
                tag = loader.resolve(kind, None, event.implicit)
            opened = kind(tag, [], event.start_mark, None, flow_style=event.flow_style)
            stack.append(_Open(opened, event.anchor))
            count += 1
            if count > max_nodes:
                raise ComposeLimit(
                    event.start_mark,
                    f"document has more than {max_nodes} nodes",
                    "split the scenario",
                )
            continue
        elif isinstance(event, SequenceEndEvent | MappingEndEvent):
            done = stack.pop()
            node = done.node
            node.end_mark = event.end_mark
            _anchor(anchors, done, node)
        else:  # pragma: no cover - a well-formed event stream has nothing else here
            raise ComposeLimit(event.start_mark, "unexpected YAML event", "", "TD001")
        count += 1
        if count > max_nodes:
            raise ComposeLimit(
                event.start_mark, f"document has more than {max_nodes} nodes", "split the scenario"
            )
        if not stack:
            root = node
            break
        top = stack[-1]
        if isinstance(top.node, SequenceNode):
            top.node.value.append(node)
        elif top.key is None:
            top.key = node
        else:
            top.node.value.append((top.key, node))
            top.key = None
    loader.get_event()  # DocumentEndEvent
    if not loader.check_event(StreamEndEvent):
        event = loader.get_event()
        mark = event.start_mark if isinstance(event, DocumentStartEvent | DocumentEndEvent) else None
        raise ComposeLimit(
            mark or root.end_mark,
            "more than one YAML document in the file",
            "a scenario is one document: remove the '---' line",
            "TD001",
        )
    return root


_STR = "tag:yaml.org,2002:str"


def _scalar(loader: Any, event: ScalarEvent) -> ScalarNode:
    """PyYAML's ``Resolver.resolve`` for a scalar, inlined: it is most of the time spent composing."""
    tag = event.tag
    value = event.value
    if tag is None or tag == "!":
        tag = _STR
        if event.implicit[0]:  # plain scalars only; a quoted one is always a string
            table = loader.yaml_implicit_resolvers
            for candidate, regexp in (*table.get(value[:1], ()), *table.get(None, ())):
                if regexp.match(value):
                    tag = candidate
                    break
    return ScalarNode(tag, value, event.start_mark, event.end_mark, style=event.style)


def _anchor(anchors: dict[str, Node], source: Any, node: Node) -> None:
    anchor = source.anchor
    if anchor is None:
        return
    if anchor in anchors:
        first = anchors[anchor].start_mark
        raise ComposeLimit(
            node.start_mark,
            f"anchor '&{anchor}' is defined twice (first at line {first.line + 1})",
            "give each anchor its own name",
            "TD001",
        )
    anchors[anchor] = node
