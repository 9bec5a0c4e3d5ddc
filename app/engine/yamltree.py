"""Safe YAML reading that remembers where every value came from.

Scenario files are written by hand, so every problem must point at a line and
column. PyYAML's constructors drop positions and silently keep the last of two
duplicate keys, so this module builds the tree itself from libyaml's event
stream. Working from events (rather than composed nodes) also means tags,
anchors and aliases are refused as they are met, nesting depth is counted
without recursion, and the result is faster than `yaml.load` itself.

Scalars follow YAML 1.2's core schema: only `true`/`false` are booleans, so a
choice whose text is `No` stays the string "No".
"""

from __future__ import annotations

import os
import re
import stat
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml

from alongside.engine.problems import Problem

try:
    from yaml import CSafeLoader as _Loader

    C_LOADER = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

    C_LOADER = False

MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 32

_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\Z")
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_TRUES = frozenset(("true", "True", "TRUE"))
_FALSES = frozenset(("false", "False", "FALSE"))


_SHIFT = 22  # a column fits in 22 bits: lines are shorter than the 2 MiB file limit


def pack(line: int, col: int) -> int:
    """A position as one int: a large file holds hundreds of thousands of them."""
    return line << _SHIFT | col


def unpack(position: int) -> tuple[int, int]:
    return position >> _SHIFT, position & ((1 << _SHIFT) - 1)


class YMap(dict):
    """A mapping that knows where it starts and where each key and value sit."""

    __slots__ = ("at", "key_at", "value_at")

    def __init__(self, at: int) -> None:
        super().__init__()
        self.at = at
        self.key_at: dict[str, int] = {}
        self.value_at: dict[str, int] = {}

    @property
    def line(self) -> int:
        return self.at >> _SHIFT

    @property
    def col(self) -> int:
        return unpack(self.at)[1]

    def key_pos(self, key: str) -> tuple[int, int]:
        return unpack(self.key_at[key])

    def value_pos(self, key: str) -> tuple[int, int]:
        return unpack(self.value_at[key])


class YSeq(list):
    """A sequence that knows where it starts and where each item sits."""

    __slots__ = ("at", "item_at")

    def __init__(self, at: int) -> None:
        super().__init__()
        self.at = at
        self.item_at: list[int] = []

    @property
    def line(self) -> int:
        return self.at >> _SHIFT

    @property
    def col(self) -> int:
        return unpack(self.at)[1]

    def positions(self) -> list[tuple[int, int]]:
        return [unpack(p) for p in self.item_at]


@dataclass(frozen=True, slots=True)
class Parsed:
    """The tree (None when unreadable) and the problems met reading it."""

    root: object
    problems: list[Problem]
    root_at: tuple[int, int] = (1, 1)


def normalise(text: str) -> str:
    """The one form of a scenario's text that is hashed, stored and bundled.

    A leading byte-order mark is dropped and Windows (CRLF) and old Mac (CR)
    line endings become LF, so a file saved by any editor hashes as what it
    says, and the text kept with an attempt is exactly the text its hash names.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def read_file(path: str, max_bytes: int = MAX_BYTES) -> tuple[str | None, list[Problem]]:
    """Read a scenario file as text, refusing oversize or non-UTF-8 files."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None, [Problem(path, 1, 1, "unreadable", "not a regular file")]
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        return None, [Problem(path, 1, 1, "unreadable", f"cannot read the file: {exc.strerror}")]
    if len(data) > max_bytes:
        message = f"file is larger than the {max_bytes // 1024} KiB limit for a scenario"
        return None, [Problem(path, 1, 1, "file-too-large", message)]
    try:
        return normalise(data.decode("utf-8")), []
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        message = f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x})"
        return None, [Problem(path, line, col, "not-utf8", message)]


def _scalar(event: yaml.ScalarEvent) -> object:
    value = event.value
    if event.style:  # quoted or block: always text ('' means plain in libyaml)
        return value
    if _INT.match(value):
        try:
            return int(value)
        except ValueError:  # beyond Python's int digit limit: keep it as text
            return value
    if value in _NULLS:
        return None
    if value in _TRUES:
        return True
    if value in _FALSES:
        return False
    if _FLOAT.match(value):
        return float(value)
    return value


NodeSink = Callable[[YMap, YMap, str, YMap], bool]
CONSUMED = object()


def parse(text: str, path: str, on_node: NodeSink | None = None) -> Parsed:
    """Parse one YAML document into YMap/YSeq/scalars, collecting problems.

    `on_node(root, nodes, node_id, mapping)` is called as soon as each entry
    of the top-level `nodes` mapping is complete; when it returns True the
    entry has been used and is replaced by CONSUMED, so that a large file
    never holds its whole tree in memory at once.
    """
    if not text.strip():
        return Parsed(None, [Problem(path, 1, 1, "empty-file", "the file is empty")])
    if not C_LOADER:
        warnings.warn("libyaml is not available; reading YAML in pure Python", stacklevel=2)
    problems: list[Problem] = []
    loader = _Loader(text)
    root_at: list[tuple[int, int]] = []
    try:
        root = _build(loader, path, problems, root_at, on_node)
    except _Stop:
        return Parsed(None, problems)
    except yaml.reader.ReaderError as exc:
        line, col = _position(text, exc)
        what = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        problems.append(Problem(path, line, col, "yaml-syntax",
                                f"YAML syntax: character {what} is not allowed in YAML text"))
        return Parsed(None, problems)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or exc.context or "malformed YAML"
        start = exc.context_mark
        if exc.problem and exc.context and start and (start.line, start.column) != (line - 1,
                                                                                   col - 1):
            what += f" ({exc.context} at line {start.line + 1}, column {start.column + 1})"
        problems.append(Problem(path, line, col, "yaml-syntax", f"YAML syntax: {what}"))
        return Parsed(None, problems)
    except yaml.YAMLError as exc:
        problems.append(Problem(path, 1, 1, "yaml-syntax", f"YAML syntax: {exc}"))
        return Parsed(None, problems)
    finally:
        loader.dispose()
    return Parsed(root, problems, root_at[0] if root_at else (1, 1))


def _position(text: str, exc: yaml.reader.ReaderError) -> tuple[int, int]:
    """Line and column of a reader error; libyaml counts in UTF-8 bytes."""
    data = text.encode("utf-8")
    before = data[: max(0, exc.position)].decode("utf-8", "ignore")
    if before == text[: len(before)] and len(before) == exc.position:
        before = text[: exc.position]
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


class _Stop(Exception):
    """Raised once a problem makes the rest of the tree meaningless."""


_SCALAR, _MAP, _SEQ = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
_MAP_END, _SEQ_END = yaml.MappingEndEvent, yaml.SequenceEndEvent


def _build(loader: _Loader, path: str, problems: list[Problem],
           root_at: list[tuple[int, int]], on_node: NodeSink | None) -> object:
    """Turn the event stream into a tree; refuse tags, anchors, aliases, depth.

    This loop is the loader's hot path: the common steps stay inline, and
    whatever only a problem needs is in the helpers below.
    """
    get_event: Callable[[], Any] = loader.get_event
    # Each frame: [container, pending key or _NOKEY, key position, key it is stored under].
    stack: list[list] = []
    root: object = None
    documents = 0
    while True:
        event = get_event()
        kind = type(event)
        if kind is _SCALAR or kind is _MAP or kind is _SEQ:
            value, at = _new_value(event, kind, len(stack), path, problems)
            key = None
            if not stack:
                documents += 1
                root = value
                root_at.append(unpack(at))
            else:
                frame = stack[-1]
                parent = frame[0]
                if type(parent) is YSeq:
                    parent.append(value)
                    parent.item_at.append(at)
                elif frame[1] is _NOKEY:
                    _take_key(frame, value, at, kind is _SCALAR, path, problems)
                    continue
                else:
                    key = _store(parent, frame, value, at, path, problems)
            if kind is not _SCALAR:
                stack.append([value, _NOKEY, None, key])
        elif kind is _MAP_END or kind is _SEQ_END:
            frame = stack.pop()
            if (on_node is not None and len(stack) == 2 and stack[1][3] == "nodes"
                    and frame[3] is not None and type(frame[0]) is YMap
                    and on_node(stack[0][0], stack[1][0], frame[3], frame[0])):
                stack[1][0][frame[3]] = CONSUMED
        elif kind is yaml.StreamEndEvent:
            return root
        else:
            _refuse_alias_or_document(event, documents, path, problems)


def _new_value(event: Any, kind: type, depth: int, path: str,
               problems: list[Problem]) -> tuple[object, int]:
    """The value an event starts and its packed position, reporting anchors and tags."""
    mark = event.start_mark
    line, col = mark.line + 1, mark.column + 1
    at = line << _SHIFT | col
    if event.anchor is not None:
        problems.append(Problem(path, line, col, "yaml-anchor",
                                "YAML anchors (&name) are not allowed"))
    if event.tag is not None and event.tag != "!":
        problems.append(Problem(path, line, col, "yaml-tag",
                                f"YAML tags ({event.tag}) are not allowed"))
    if kind is _SCALAR:
        return _scalar(event), at
    if depth >= MAX_DEPTH:
        problems.append(Problem(path, line, col, "too-deep",
                                f"nesting deeper than {MAX_DEPTH} levels"))
        raise _Stop
    return (YMap(at) if kind is _MAP else YSeq(at)), at


def _take_key(frame: list, value: object, at: int, is_scalar: bool, path: str,
              problems: list[Problem]) -> None:
    if not is_scalar:
        line, col = unpack(at)
        problems.append(Problem(path, line, col, "bad-key", "a key must be a plain word"))
        raise _Stop
    frame[1] = str(value) if value is not None else "null"
    frame[2] = at


def _store(parent: YMap, frame: list, value: object, at: int, path: str,
           problems: list[Problem]) -> str | None:
    """Put `value` under the frame's pending key; a repeated key is reported, not kept."""
    key = frame[1]
    frame[1] = _NOKEY
    if key in parent:
        kline, kcol = unpack(frame[2])
        problems.append(Problem(path, kline, kcol, "duplicate-key",
                                f"duplicate key '{key}' (first at line {parent.key_pos(key)[0]}); "
                                "YAML would silently keep only the last one"))
        return None
    parent[key] = value
    parent.key_at[key] = frame[2]
    parent.value_at[key] = at
    return key


def _refuse_alias_or_document(event: Any, documents: int, path: str,
                              problems: list[Problem]) -> None:
    """Stop at an alias, or at a second document; other stream events need nothing."""
    kind = type(event)
    if kind is yaml.AliasEvent:
        rule, message = "yaml-alias", "YAML aliases (*name) are not allowed"
    elif kind is yaml.DocumentStartEvent and documents:
        rule, message = "many-documents", "a scenario file holds one YAML document"
    else:
        return
    mark = event.start_mark
    problems.append(Problem(path, mark.line + 1, mark.column + 1, rule, message))
    raise _Stop


_NOKEY = object()
