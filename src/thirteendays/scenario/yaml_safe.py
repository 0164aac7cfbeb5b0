"""The one way this project reads YAML: safe, bounded, and with positions.

PyYAML's ``SafeLoader`` already refuses tags that build Python objects, but it
silently keeps the last of two duplicate keys, turns ``no``/``on``/``yes`` into
booleans (so an option with id ``no`` becomes ``False``), and expands aliases
without limit.  Here we compose the node graph with a stricter resolver (see
``yaml_compose``: depth and size are limited while reading), bound its expanded
size before anything walks it, and build plain data while recording the line
and column of every key and value.  libyaml's C parser is used when PyYAML has
it (five to ten times faster); the pure-Python parser feeds the very same
composer and builder, so the rules cannot differ between the two.  Nothing
here raises on any input: every failure is a ``Diagnostic`` with a position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .diagnostics import Diagnostic, Severity, clip, format_path
from .yaml_compose import ComposeLimit, compose_single

MAX_BYTES = 2_000_000
MAX_DEPTH = 64
MAX_NODES = 200_000
MAX_ALIASES = 2_000

Path = tuple[str | int, ...]

_ALLOWED_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


def _strict(base: type) -> type:
    """``base`` whose only booleans are ``true`` and ``false``."""

    class Strict(base):  # type: ignore[misc, valid-type]
        pass

    Strict.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
        for first, resolvers in base.yaml_implicit_resolvers.items()
    }
    Strict.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))
    Strict.__name__ = Strict.__qualname__ = f"Strict{base.__name__}"
    return Strict


StrictLoader: type = _strict(yaml.SafeLoader)
# libyaml's C parser reads the 13 days about ten times faster; the composer and
# the builder below are shared, so both parsers obey exactly the same rules.
StrictCLoader: type | None = _strict(yaml.CSafeLoader) if getattr(yaml, "__with_libyaml__", False) else None
HAS_LIBYAML = StrictCLoader is not None

# What YAML itself refuses in a stream (PyYAML's Reader.NON_PRINTABLE), plus lone
# surrogates; checked once, up front, so both parsers refuse the same characters
# and say where.  A double-quoted escape can still produce one: see _Builder.
NON_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_CHAR_HINT = "remove it: control characters, U+FFFE/U+FFFF and lone surrogates cannot be shown"
_STR = "tag:yaml.org,2002:str"


@dataclass
class Positions:
    """Where each path starts in the file: its value, and for mapping entries its key."""

    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def of(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """The nearest recorded position at or above ``path`` (1-based line, col)."""
        table = self.keys if key else self.values
        probe = tuple(path)
        while probe:
            if probe in table:
                return table[probe]
            if key and probe in self.values:
                return self.values[probe]
            probe = probe[:-1]
            table = self.keys if key else self.values
        return self.values.get((), (1, 1))


@dataclass
class LoadedYaml:
    data: Any
    positions: Positions
    diagnostics: list[Diagnostic]


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    def __init__(self, file: str, loader: StrictLoader) -> None:
        self.file = file
        self.loader = loader
        self.positions = Positions()
        self.diagnostics: list[Diagnostic] = []

    def problem(self, code: str, at: tuple[int, int], path: Path, message: str, hint: str = "") -> None:
        self.diagnostics.append(
            Diagnostic(code, Severity.ERROR, self.file, at[0], at[1], format_path(path), message, hint)
        )

    def scalar(self, node: ScalarNode, path: Path) -> Any:
        """A scalar's value; any failure of its constructor is a diagnostic at the value."""
        if node.tag == _STR:
            value = node.value
            if node.style == '"' and (bad := NON_PRINTABLE.search(value)):  # an escape such as "\\0"
                self.problem("TD005", _mark(node), path, _char_message(bad.group()), _CHAR_HINT)
                return None
            return value
        try:
            return self.loader.yaml_constructors[node.tag](self.loader, node)
        except Exception as exc:  # each constructor fails its own way: ValueError, KeyError, ...
            self.problem(
                "TD001",
                _mark(node),
                path,
                f"bad {_TAG_NAMES.get(node.tag, 'value')} {clip(node.value, 40)!r}: {_why(exc)}",
                _TAG_HINTS.get(node.tag, ""),
            )
            return None

    def build(self, node: Node, path: Path) -> Any:
        self.positions.values.setdefault(path, _mark(node))
        if node.tag not in _ALLOWED_TAGS:
            self.problem(
                "TD003",
                _mark(node),
                path,
                f"tag '{node.tag.replace('tag:yaml.org,2002:', '!!')}' is not allowed",
                "scenarios hold plain data: strings, numbers, true/false, lists and mappings",
            )
            return None
        if isinstance(node, ScalarNode):
            return self.scalar(node, path)
        if isinstance(node, SequenceNode):
            return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
        if isinstance(node, MappingNode):
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self.problem(
                        "TD003",
                        _mark(key_node),
                        path,
                        "merge keys ('<<') are not supported",
                        "write the keys out, or use an alias for a whole value",
                    )
                    continue
                if not isinstance(key_node, ScalarNode):
                    self.problem("TD001", _mark(key_node), path, "mapping keys must be plain scalars")
                    continue
                key = self.build(key_node, (*path, "<key>"))
                if not isinstance(key, str | int | float | bool) or key is None:
                    self.problem("TD001", _mark(key_node), path, "mapping keys must be plain scalars")
                    continue
                key = str(key) if not isinstance(key, str) else key
                child: Path = (*path, key)
                if key in out:
                    first = self.positions.keys.get(child, (0, 0))
                    self.problem(
                        "TD002",
                        _mark(key_node),
                        child,
                        f"duplicate key '{key}' (first at line {first[0]})",
                        "remove one of them; YAML would silently keep only the last",
                    )
                    continue
                self.positions.keys[child] = _mark(key_node)
                out[key] = self.build(value_node, child)
            self.positions.values.pop((*path, "<key>"), None)
            return out
        return None  # pragma: no cover - PyYAML has only these three node kinds


class _Refused(Exception):
    def __init__(self, node: Node, message: str, hint: str) -> None:
        super().__init__(message)
        self.node, self.message, self.hint = node, message, hint


def _bound(root: Node, file: str) -> Diagnostic | None:
    """Refuse graphs whose expansion would be huge or deep, before anything walks them.

    Aliases make the node graph a DAG; each node's expanded size and height are
    memoised, so a billion-laughs file is measured in microseconds, not expanded.
    """
    memo: dict[int, tuple[int, int]] = {}
    aliases = 0

    def measure(node: Node, depth: int) -> tuple[int, int]:
        nonlocal aliases
        key = id(node)
        if key in memo:
            aliases += 1
            if aliases > MAX_ALIASES:
                raise _Refused(node, f"more than {MAX_ALIASES} alias uses", "write the values out")
            size, height = memo[key]
        else:
            size, height = 1, 1
            for child in _children(node):
                if depth + 1 > MAX_DEPTH:
                    raise _Refused(child, f"nesting deeper than {MAX_DEPTH} levels", "flatten the structure")
                child_size, child_height = measure(child, depth + 1)
                size += child_size
                height = max(height, child_height + 1)
            memo[key] = (size, height)
        if size > MAX_NODES:
            raise _Refused(
                node,
                f"document expands to more than {MAX_NODES} nodes (alias bomb?)",
                "aliases may not multiply the document's size",
            )
        if depth + height - 1 > MAX_DEPTH:
            raise _Refused(node, f"nesting deeper than {MAX_DEPTH} levels", "flatten the structure")
        return size, height

    try:
        measure(root, 1)
    except _Refused as refused:
        line, col = _mark(refused.node)
        return Diagnostic("TD004", Severity.ERROR, file, line, col, "", refused.message, refused.hint)
    return None


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def load_yaml(text: str | bytes, file: str = "<string>", *, parser: str = "auto") -> LoadedYaml:
    """Parse one YAML document into plain data, positions and diagnostics; never raises.

    ``parser`` is "auto" (libyaml when PyYAML has it), "c" or "python".  Both
    parsers feed the same composer and builder, so every rule is the same.
    """
    if len(text) > MAX_BYTES:
        return _too_big(file, len(text))
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            return _failed(
                file, 1, 1, "TD001", f"not UTF-8 text (byte {exc.start})", "save the file as UTF-8"
            )
    bad = NON_PRINTABLE.search(text)
    if bad:
        line, col = _line_col(text, bad.start())
        return _failed(file, line, col, "TD005", _char_message(bad.group()), _CHAR_HINT)
    loader_class = _loader_class(parser)
    try:  # both readers check the text as they are built: inside the try, like everything else
        loader = loader_class(text)
    except (yaml.YAMLError, UnicodeError, ValueError) as exc:
        return _failed(
            file, 1, 1, "TD001", f"YAML: {clip(str(exc).splitlines()[0] if str(exc) else exc, 120)}"
        )
    try:
        root = compose_single(loader, max_depth=MAX_DEPTH, max_nodes=MAX_NODES)
    except ComposeLimit as limit:
        line, col = (limit.mark.line + 1, limit.mark.column + 1) if limit.mark else (1, 1)
        return _failed(file, line, col, limit.code, limit.message, limit.hint)
    except yaml.MarkedYAMLError as exc:
        if "maximum nesting depth" in str(exc.problem) and parser != "python":
            # libyaml 0.2.6 scans a run of brackets ahead of the events and stops at its own
            # limit of 1,000 before our composer sees level 64: the pure-Python reader, which
            # does not look that far ahead, finds the same refusal at its true position.
            return load_yaml(text, file, parser="python")
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        return _failed(
            file,
            line,
            col,
            "TD001",
            f"YAML syntax: {message}",
            "check indentation, colons and quotes near here",
        )
    except (yaml.YAMLError, ValueError, RecursionError, MemoryError) as exc:
        return _failed(
            file, 1, 1, "TD001", f"YAML: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}"
        )
    finally:
        loader.dispose()
    if root is None:
        return _failed(file, 1, 1, "TD001", "the file is empty", "start with 'format: 1'")
    bounded = _bound(root, file)
    if bounded:
        return LoadedYaml(None, Positions(), [bounded])
    builder = _Builder(file, loader)
    data = builder.build(root, ())
    return LoadedYaml(data, builder.positions, builder.diagnostics)


_TAG_NAMES = {
    "tag:yaml.org,2002:int": "whole number",
    "tag:yaml.org,2002:float": "number",
    "tag:yaml.org,2002:bool": "true/false",
    "tag:yaml.org,2002:timestamp": "date",
    "tag:yaml.org,2002:null": "null",
}
_TAG_HINTS = {
    "tag:yaml.org,2002:int": "write a whole number of at most a few digits",
    "tag:yaml.org,2002:float": "write a number such as 0.05",
    "tag:yaml.org,2002:bool": "write true or false",
    "tag:yaml.org,2002:timestamp": "write a real calendar date as YYYY-MM-DD",
}


def _why(exc: Exception) -> str:
    """A constructor's failure in a few words, never the (possibly huge) input itself."""
    if isinstance(exc, ValueError) and "digits" in str(exc):
        return "too many digits"
    if isinstance(exc, ValueError) and ("out of range" in str(exc) or "must be in" in str(exc)):
        return clip(str(exc), 80)
    return "not a valid value of this type"


def _loader_class(parser: str) -> type:
    if parser == "python" or (parser == "auto" and StrictCLoader is None):
        return StrictLoader
    if StrictCLoader is None:
        raise ValueError("PyYAML here was built without libyaml")
    return StrictCLoader


def _failed(file: str, line: int, col: int, code: str, message: str, hint: str = "") -> LoadedYaml:
    d = Diagnostic(code, Severity.ERROR, file, line, col, "", message, hint)
    return LoadedYaml(None, Positions(), [d])


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _char_message(ch: str) -> str:
    return f"character U+{ord(ch):04X} is not allowed in a scenario"


def _too_big(file: str, size: int) -> LoadedYaml:
    """Files are read only up to the limit and one byte more, so the true size is not known."""
    exact = f" ({size:,} characters)" if size > MAX_BYTES + 1 else ""
    message = f"file is larger than the limit of {MAX_BYTES:,} bytes{exact}"
    return _failed(file, 1, 1, "TD004", message, "split the scenario")


def dump_yaml(data: Any) -> str:
    """Plain data as block-style YAML that ``load_yaml`` reads back to the same data."""
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
