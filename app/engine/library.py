"""Loading a whole library of scenarios: every file checked, ids unique across files."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from alongside.engine.catalogue import ScenarioCard
from alongside.engine.load import LoadResult, load_file
from alongside.engine.model import Scenario
from alongside.engine.problems import Problem
from alongside.paths import PORTRAITS, scenario_files


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


def card_of(entry: LibraryEntry, length: Callable[[Scenario], int]) -> ScenarioCard:
    """What the library page lists about one loaded file; `length` counts its decisions
    (`alongside.scoring.attempt.length`, which the engine cannot import)."""
    s = entry.result.scenario
    if s is None:
        first = next((p for p in entry.result.problems if p.is_error), None)
        return ScenarioCard(str(entry.path), None, entry.path.name,
                            problem=str(first) if first else "cannot be read",
                            problem_line=first.line if first else None,
                            problem_message=first.message if first else None)
    return ScenarioCard(str(entry.path), s.id, s.title, s.summary, s.setting,
                        tuple(s.competencies), s.minutes, s.difficulty, length(s))


def content_hashes(folders: Iterable[Path]) -> frozenset[str]:
    """The content hashes of a desk's library (the scenarios that load): an imported
    attempt on one of these texts is verified, as the desk itself knows the scenario."""
    try:
        entries = load_library(folders, portraits=None)
    except FileNotFoundError:
        return frozenset()
    return frozenset(e.result.scenario.content_hash for e in entries
                     if e.result.scenario is not None)
