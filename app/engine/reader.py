"""Reading a positioned YAML tree (`yamltree`) while reporting every problem with its place.

Scenarios and curricula are both hand-written YAML checked key by key; this
is what they share: the id pattern, the words for types, the "did you mean"
hint, and the checks of keys and values that turn a wrong type or a typo
into a located `Problem` instead of an exception.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterable
from typing import Any

from alongside.engine.problems import ERROR, Problem
from alongside.engine.vocabulary import FORMAT_VERSION, SCENARIO_ID_MAX
from alongside.engine.yamltree import YMap, YSeq

ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
# Characters no scenario text may hold: C0 controls but tab and line feed, DEL, and
# C1 controls. They cannot be shown, and results bundles refuse them.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
ID_RULE = "lower-case letters, digits and single hyphens"
_DIGITS = re.compile(r"[-+]?[0-9]+\Z")
TYPE_NAMES: dict[type, str] = {str: "text", int: "a whole number", bool: "true or false",
                               YMap: "a mapping", YSeq: "a list"}


def type_name(value: object) -> str:
    return TYPE_NAMES.get(type(value), "nothing" if value is None else type(value).__name__)


def hint(value: str, allowed: Iterable[str], *, list_all: bool = True) -> str:
    """"did you mean 'x'?" for a near miss, else the allowed words (or nothing)."""
    choices = list(allowed)
    close = difflib.get_close_matches(value, choices, n=1)
    if close:
        return f"did you mean '{close[0]}'?"
    return "one of: " + ", ".join(choices) if list_all and choices else ""


class Reader:
    """Collects the problems of one file while its tree is read."""

    def __init__(self, path: str, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems

    def error(self, at: tuple[int, int], rule: str, message: str, severity: str = ERROR) -> None:
        self.problems.append(Problem(self.path, at[0], at[1], rule, message, severity))

    def keys(self, mapping: YMap, allowed: Collection[str], required: Iterable[str],
             where: str) -> None:
        """Report keys `mapping` should not have (with a hint) and the required ones it lacks."""
        for key in mapping:
            if key not in allowed:
                near = hint(key, allowed, list_all=False)
                self.error(mapping.key_pos(key), "unknown-key",
                           f"unknown key '{key}' in {where}" + (f" ({near})" if near else ""))
        for key in required:
            if key not in mapping:
                self.error((mapping.line, mapping.col), "missing-key", f"{where} needs '{key}'")

    def value(self, mapping: YMap, key: str, kind: type, where: str, default: Any = None) -> Any:
        """The value at `key` if it has the right type; otherwise report it and give `default`.

        A number where text is wanted is taken as its text (`title: 1984`).
        """
        if key not in mapping:
            return default
        value = mapping[key]
        if type(value) is kind:
            if isinstance(value, str) and not value.strip():
                self.error(mapping.value_pos(key), "empty-text", f"'{key}' in {where} is empty")
            elif isinstance(value, str) and (bad := CONTROL.search(value)):
                self.error(mapping.value_pos(key), "control-character",
                           f"'{key}' in {where} holds the control character "
                           f"U+{ord(bad.group()):04X}, which cannot be shown or exported")
            return value
        if kind is str and isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        if kind is int and type(value) is str and _DIGITS.match(value):
            self.error(mapping.value_pos(key), "out-of-range",
                       f"'{key}' in {where} is a number too large to use")
            return default
        self.error(mapping.value_pos(key), "wrong-type",
                   f"'{key}' in {where} should be {TYPE_NAMES[kind]}, not {type_name(value)}")
        return default

    def vocab_error(self, at: tuple[int, int], rule: str, what: str, value: str,
                    allowed: Iterable[str], severity: str = ERROR) -> None:
        self.error(at, rule, f"unknown {what} '{value}'; {hint(value, allowed)}", severity)

    def an_id(self, mapping: YMap, key: str, where: str, stem: str | None) -> str:
        """An `id` that follows the id rule and, given the file name's `stem`, equals it."""
        found = self.value(mapping, key, str, where, "")
        if found and not ID.match(found):
            self.error(mapping.value_pos(key), "bad-id", f"id '{found}' may use only {ID_RULE}")
        elif found and len(found) > SCENARIO_ID_MAX:
            self.too_long(mapping.value_pos(key), f"id '{found[:40]}…'", SCENARIO_ID_MAX)
        elif found and stem is not None and found != stem:
            self.error(mapping.value_pos(key), "id-mismatch",
                       f"id '{found}' differs from the file name '{stem}'")
        return found

    def format_version(self, root: YMap) -> None:
        if "format" in root and root["format"] != FORMAT_VERSION:
            self.error(root.value_pos("format"), "format-version",
                       f"unsupported format {root['format']!r}; this version reads format "
                       f"{FORMAT_VERSION}")

    def too_long(self, at: tuple[int, int], what: str, limit: int) -> None:
        self.error(at, "too-long", f"{what} is longer than {limit} characters, more than "
                   "results can carry")
