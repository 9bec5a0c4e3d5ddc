"""Curricula: which scenarios certification readiness asks for, and by what rule.

A curriculum is a small YAML file in `dialogues/curricula/` (format 1, file
stem = id) read with the same positioned, alias-free parser as scenarios, so
its problems carry a line and column too. Whether a listed id names a real
scenario depends on the library, so the caller passes the ids it knows.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

from alongside.engine import vocabulary
from alongside.engine.problems import ERROR, Problem
from alongside.engine.yamltree import YMap, YSeq, parse, read_file
from alongside.paths import SUFFIXES, scenario_files

FOLDER = "curricula"
MAX_BYTES = 256 * 1024

READINESS_RULES: dict[str, str] = {
    "each-passed-in-assessment":
        "every listed scenario has at least one passed attempt in assessment mode",
}

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_KEYS = ("format", "id", "title", "summary", "rule", "scenarios")
_REQUIRED = ("format", "id", "title", "rule", "scenarios")
_TYPE_NAMES = {str: "text", int: "a whole number", bool: "true or false", YMap: "a mapping",
               YSeq: "a list"}


@dataclass(frozen=True, slots=True)
class Curriculum:
    id: str
    title: str
    rule: str
    scenarios: tuple[str, ...]
    summary: str = ""
    path: str = ""

    def outstanding(self, passed: Collection[str]) -> tuple[str, ...]:
        """The listed scenarios not yet in `passed` (ids passed as the rule requires)."""
        return tuple(sid for sid in self.scenarios if sid not in passed)


@dataclass(frozen=True, slots=True)
class CurriculumResult:
    """The curriculum (None if any error was found) and every problem found."""

    curriculum: Curriculum | None
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return self.curriculum is not None


def load_curriculum(path: str | Path, known: Collection[str] | None) -> CurriculumResult:
    """Read and check the curriculum at `path`; `known` is the library's scenario ids.

    With `known` None, listed ids are checked for form only.
    """
    name = str(path)
    text, problems = read_file(name, MAX_BYTES)
    if text is None:
        return CurriculumResult(None, problems)
    return load_curriculum_text(text, name, stem=Path(name).stem, known=known)


def load_curriculum_text(text: str, path: str = "<text>", *, stem: str | None = None,
                         known: Collection[str] | None = None) -> CurriculumResult:
    parsed = parse(text, path)
    problems = list(parsed.problems)
    if parsed.root is None:
        return CurriculumResult(None, problems or [Problem(path, 1, 1, "empty-file", "no content")])
    curriculum = _Reader(path, problems).read(parsed.root, parsed.root_at, stem, known)
    problems.sort(key=lambda p: (p.line, p.col))
    if any(p.severity == ERROR for p in problems):
        return CurriculumResult(None, problems)
    return CurriculumResult(curriculum, problems)


def is_curriculum_file(path: Path) -> bool:
    """A file directly inside a `curricula` folder (as opposed to a scenario file)."""
    return path.parent.name == FOLDER and path.suffix in SUFFIXES and path.is_file()


def curricula_for(paths: Iterable[Path]) -> list[tuple[Path, frozenset[str]]]:
    """The curricula `validate` checks for `paths`, each with its library's scenario ids.

    A folder brings the curricula in its `curricula/` subfolder; a file inside
    a `curricula` folder is a curriculum of the folder above.
    """
    found: list[tuple[Path, frozenset[str]]] = []
    for path in paths:
        if path.is_dir():
            folder = path / FOLDER
            if folder.is_dir():
                known = _ids(path)
                found += [(p, known) for p in sorted(folder.iterdir())
                          if p.suffix in SUFFIXES and p.is_file()]
        elif is_curriculum_file(path):
            found.append((path, _ids(path.parent.parent)))
    return found


def _ids(folder: Path) -> frozenset[str]:
    return frozenset(p.stem for p in scenario_files([folder]))


class _Reader:
    def __init__(self, path: str, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems

    def error(self, at: tuple[int, int], rule: str, message: str) -> None:
        self.problems.append(Problem(self.path, at[0], at[1], rule, message))

    def value(self, root: YMap, key: str, kind: type):
        if key not in root:
            return None
        value = root[key]
        if type(value) is kind:
            if kind is str and not value.strip():
                self.error(root.value_pos(key), "empty-text", f"'{key}' is empty")
                return None
            return value
        found = _TYPE_NAMES.get(type(value), "nothing" if value is None else type(value).__name__)
        self.error(root.value_pos(key), "wrong-type",
                   f"'{key}' should be {_TYPE_NAMES[kind]}, not {found}")
        return None

    def read(self, root: object, root_at: tuple[int, int], stem: str | None,
             known: Collection[str] | None) -> Curriculum | None:
        if type(root) is not YMap:
            at = (root.line, root.col) if isinstance(root, YSeq) else root_at
            self.error(at, "not-a-mapping", "a curriculum file must be a mapping of keys")
            return None
        for key in root:
            if key not in _KEYS:
                close = difflib.get_close_matches(key, _KEYS, n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                self.error(root.key_pos(key), "unknown-key",
                           f"unknown key '{key}' in the curriculum{hint}")
        for key in _REQUIRED:
            if key not in root:
                self.error((root.line, root.col), "missing-key", f"the curriculum needs '{key}'")
        if "format" in root and root["format"] != vocabulary.FORMAT_VERSION:
            self.error(root.value_pos("format"), "format-version",
                       f"unsupported format {root['format']!r}; this version reads format 1")
        cid = self.value(root, "id", str) or ""
        if cid and not _ID.match(cid):
            self.error(root.value_pos("id"), "bad-id",
                       f"id '{cid}' may use only lower-case letters, digits and single hyphens")
        elif cid and stem is not None and cid != stem:
            self.error(root.value_pos("id"), "id-mismatch",
                       f"id '{cid}' differs from the file name '{stem}'")
        rule = self.value(root, "rule", str) or ""
        if rule and rule not in READINESS_RULES:
            close = difflib.get_close_matches(rule, list(READINESS_RULES), n=1)
            hint = (f"did you mean '{close[0]}'?" if close
                    else "one of: " + ", ".join(READINESS_RULES))
            self.error(root.value_pos("rule"), "unknown-readiness-rule",
                       f"unknown readiness rule '{rule}'; {hint}")
        return Curriculum(id=cid, title=self.value(root, "title", str) or "", rule=rule,
                          scenarios=self.scenarios(root, known),
                          summary=self.value(root, "summary", str) or "", path=self.path)

    def scenarios(self, root: YMap, known: Collection[str] | None) -> tuple[str, ...]:
        items = self.value(root, "scenarios", YSeq)
        if items is None:
            return ()
        if not items:
            self.error(root.value_pos("scenarios"), "empty-list", "list at least one scenario")
        listed: dict[str, int] = {}
        for item, at in zip(items, items.positions(), strict=True):
            if type(item) is not str:
                self.error(at, "wrong-type", "each scenario should be a scenario id")
            elif item in listed:
                self.error(at, "duplicate-scenario",
                           f"scenario '{item}' is listed twice (first at line {listed[item]})")
            elif not _ID.match(item):
                self.error(at, "bad-id", f"'{item}' is not a scenario id")
            elif known is not None and item not in known:
                close = difflib.get_close_matches(item, sorted(known), n=1)
                hint = f"; did you mean '{close[0]}'?" if close else ""
                self.error(at, "unknown-scenario",
                           f"no scenario '{item}' in the library{hint}")
                listed[item] = at[0]
            else:
                listed[item] = at[0]
        return tuple(listed)
