"""Saved paths: named play-throughs kept beside a scenario, replayed by `validate`.

The side file `<scenario>.paths.yaml` is a list of entries

    - name: best route
      choices: [walk-with, find-words]
      ending: end-strong
      passed: true
      from: d-share          # optional: the node the trial began at
      set: {trust: 4}        # optional: values changed by hand before it began

It is written sorted (paths by name, keys by name) with `yaml.safe_dump` and
replaced atomically, so a diff shows only what changed and a crash mid-write
never leaves half a file. It is read with `yamltree`, so every entry keeps its
line and a damaged file is a located problem (`saved-path-file`), never a
traceback.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from alongside.engine.problems import Problem
from alongside.engine.yamltree import YMap, YSeq, parse, read_file
from alongside.paths import SIDE_SUFFIXES

SUFFIX = SIDE_SUFFIXES[0]
FILE_RULE = "saved-path-file"
_KEYS = frozenset(("name", "choices", "ending", "passed", "from", "set"))


@dataclass(frozen=True, slots=True)
class SavedPath:
    name: str
    choices: tuple[str, ...]
    ending: str
    passed: bool
    start: str | None = None
    values: Mapping[str, int] = field(default_factory=dict)
    line: int = 0


class DuplicateName(ValueError):
    def __init__(self, name: str, side: Path) -> None:
        super().__init__(f"{side} already holds a path named '{name}'")
        self.name = name


def side_file(scenario_path: str | Path) -> Path:
    """Where the saved paths of the scenario at `scenario_path` are kept."""
    path = Path(scenario_path)
    return path.with_name(path.name.removesuffix(path.suffix) + SUFFIX)


def is_side_file(path: Path) -> bool:
    return path.name.endswith(SUFFIX)


def read_paths(side: Path) -> tuple[list[SavedPath], list[Problem]]:
    """The paths in `side` (none if there is no such file) and what is wrong with it."""
    if not side.exists():
        return [], []
    text, problems = read_file(str(side))
    if text is None:
        return [], [_as_file_problem(p) for p in problems]
    parsed = parse(text, str(side))
    if parsed.problems or parsed.root is None:
        return [], [_as_file_problem(p) for p in parsed.problems]
    if not isinstance(parsed.root, YSeq):
        return [], [_problem(side, parsed.root_at[0], "the file must be a list of paths")]
    paths: list[SavedPath] = []
    problems = []
    names: set[str] = set()
    for item, (line, _col) in zip(parsed.root, parsed.root.positions(), strict=True):
        entry = _entry(side, item, line, problems)
        if entry is not None and entry.name in names:
            problems.append(_problem(side, line, f"a second path is named '{entry.name}'"))
        elif entry is not None:
            names.add(entry.name)
            paths.append(entry)
    return paths, problems


def _entry(side: Path, item: object, line: int, problems: list[Problem]) -> SavedPath | None:
    wrong = _wrong(item)
    if wrong is not None:
        problems.append(_problem(side, line, wrong))
        return None
    assert isinstance(item, YMap)
    return SavedPath(item["name"], tuple(item["choices"]), item["ending"], item["passed"],
                     item.get("from"), dict(item.get("set", {})), line)


def _wrong(item: object) -> str | None:
    """What is wrong with one entry of the side file, in words, or None."""
    if not isinstance(item, YMap):
        return "each path must be a mapping with name, choices, ending and passed"
    unknown = sorted(set(item) - _KEYS)
    name, choices, ending, passed = (item.get(k) for k in ("name", "choices", "ending",
                                                           "passed"))
    start, values = item.get("from"), item.get("set", {})
    if unknown:
        return f"unknown key '{unknown[0]}' (a path has {', '.join(sorted(_KEYS))})"
    if not isinstance(name, str) or not name.strip():
        return "a path needs a 'name' (text)"
    if not isinstance(choices, list) or not all(isinstance(c, str) for c in choices):
        return f"path '{name}': 'choices' must be a list of choice ids"
    if not isinstance(ending, str) or not isinstance(passed, bool):
        return f"path '{name}': 'ending' must be a node id and 'passed' true or false"
    if start is not None and not isinstance(start, str):
        return f"path '{name}': 'from' must be a node id"
    if not isinstance(values, dict) or not all(
            isinstance(v, int) and not isinstance(v, bool) for v in values.values()):
        return f"path '{name}': 'set' must map variables to whole numbers"
    return None


def _problem(side: Path, line: int, message: str) -> Problem:
    return Problem(str(side), line, 1, FILE_RULE, message)


def _as_file_problem(problem: Problem) -> Problem:
    return Problem(problem.path, problem.line, problem.col, FILE_RULE,
                   f"the saved paths cannot be read: {problem.message}")


def add_path(side: Path, saved: SavedPath, replace: bool = False) -> None:
    """Add `saved` to `side` (replacing a path of the same name only if `replace`).

    Raises DuplicateName, ValueError for a side file that cannot be read (it
    is left as it is: nothing the author wrote is lost), or OSError.
    """
    paths, problems = read_paths(side)
    if problems:
        raise ValueError(str(problems[0]))
    if any(p.name == saved.name for p in paths) and not replace:
        raise DuplicateName(saved.name, side)
    write_paths(side, [p for p in paths if p.name != saved.name] + [saved])


def write_paths(side: Path, paths: Iterable[SavedPath]) -> None:
    """Write `paths` sorted by name, atomically (a temporary file, then a rename)."""
    entries = [_plain(p) for p in sorted(paths, key=lambda p: p.name)]
    text = yaml.safe_dump(entries, sort_keys=True, allow_unicode=True, default_flow_style=None,
                          width=100)
    handle, temporary = tempfile.mkstemp(prefix=side.name, suffix=".tmp", dir=side.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, side)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _plain(saved: SavedPath) -> dict:
    entry: dict = {"name": saved.name, "choices": list(saved.choices), "ending": saved.ending,
                   "passed": saved.passed}
    if saved.start is not None:
        entry["from"] = saved.start
    if saved.values:
        entry["set"] = dict(sorted(saved.values.items()))
    return entry
