"""Loading a whole library of scenarios: every file checked, ids unique across files."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from app.engine.catalogue import DIALOGUES, SUFFIXES, scenario_files
from app.engine.load import PORTRAITS, LoadResult, load_file
from app.engine.problems import Problem

__all__ = ["DIALOGUES", "SUFFIXES", "LibraryEntry", "load_library", "scenario_files"]


@dataclass(frozen=True, slots=True)
class LibraryEntry:
    path: Path
    result: LoadResult


def load_library(paths: Iterable[Path], portraits: Path | None = PORTRAITS) -> list[LibraryEntry]:
    """Load every scenario file; a second file reusing an id gets a `duplicate-id` error."""
    entries: list[LibraryEntry] = []
    owners: dict[str, Path] = {}
    for path in scenario_files(paths):
        result = load_file(path, portraits=portraits)
        scenario = result.scenario
        if scenario is not None and scenario.id in owners:
            clash = Problem(str(path), 1, 1, "duplicate-id",
                            f"id '{scenario.id}' is already used by {owners[scenario.id]}")
            result = LoadResult(None, [*result.problems, clash])
        elif scenario is not None:
            owners[scenario.id] = path
        entries.append(LibraryEntry(path, result))
    return entries
