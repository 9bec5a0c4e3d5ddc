"""Loading a whole library of scenarios: every file checked, ids unique across files.

A library is several folders read in order: the bundled scenarios first, then the
author's own and any others. The order decides an id used twice: the file read
first keeps it (so a bundled scenario always wins) and the later one is an error
naming both files. A folder that is not there or cannot be read is named, with why,
by `alongside.paths.readable_folders`, so a window can list the rest instead of failing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from alongside.engine.catalogue import ScenarioCard
from alongside.engine.load import LoadResult, load_file
from alongside.engine.model import Scenario
from alongside.engine.problems import Problem
from alongside.paths import PORTRAITS, distinct, scenario_files

_ID_KEY = re.compile(r"^id:[ \t]*", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class LibraryEntry:
    path: Path
    result: LoadResult
    folder: Path | None = None  # the library folder the file was listed from


def load_library(paths: Iterable[Path], portraits: Path | None = PORTRAITS) -> list[LibraryEntry]:
    """Load every scenario file; a later file reusing an id gets a `duplicate-id` error,
    at its `id`, naming the file that has it. Raises FileNotFoundError for a path that
    does not exist."""
    entries: list[LibraryEntry] = []
    owners: dict[str, Path] = {}
    for folder in distinct(paths):
        for path in scenario_files([folder]):
            result = load_file(path, portraits=portraits)
            scenario = result.scenario
            if scenario is not None and scenario.id in owners:
                line, col = _id_at(result.text)
                clash = Problem(str(path), line, col, "duplicate-id",
                                f"id '{scenario.id}' is already used by {owners[scenario.id]}, "
                                "which is read first and keeps it")
                result = LoadResult(None, [*result.problems, clash], result.text)
            elif scenario is not None:
                owners[scenario.id] = path
            entries.append(LibraryEntry(path, result, folder if folder.is_dir() else None))
    return entries


def _id_at(text: str) -> tuple[int, int]:
    """Where the scenario's id is written (its value), or the file's start."""
    found = _ID_KEY.search(text)
    if found is None:
        return 1, 1
    line = text.count("\n", 0, found.start()) + 1
    return line, found.end() - found.start() + 1


def card_of(entry: LibraryEntry, length: Callable[[Scenario], int]) -> ScenarioCard:
    """What the library page lists about one loaded file; `length` counts its decisions
    (`alongside.scoring.attempt.length`, which the engine cannot import)."""
    s = entry.result.scenario
    folder = str(entry.folder or entry.path.parent)
    if s is None:
        first = next((p for p in entry.result.problems if p.is_error), None)
        return ScenarioCard(str(entry.path), None, entry.path.name,
                            problem=str(first) if first else "cannot be read",
                            problem_line=first.line if first else None,
                            problem_message=first.message if first else None, folder=folder)
    return ScenarioCard(str(entry.path), s.id, s.title, s.summary, s.setting,
                        tuple(s.competencies), s.minutes, s.difficulty, length(s),
                        folder=folder)


def content_hashes(folders: Iterable[Path]) -> frozenset[str]:
    """The content hashes of a desk's library (the scenarios that load): an imported
    attempt on one of these texts is verified, as the desk itself knows the scenario."""
    try:
        entries = load_library(folders, portraits=None)
    except FileNotFoundError:
        return frozenset()
    return frozenset(e.result.scenario.content_hash for e in entries
                     if e.result.scenario is not None)
