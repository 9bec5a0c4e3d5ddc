"""What the library page lists about each scenario, and a cache of it.

Listing the library must not wait for every file to be parsed and checked:
a card (title, summary, setting, skills, length, and the first error of a
file that cannot be played) is all the list needs. Cards are kept in a small
JSON file keyed by each file's name, size and modification time; when
nothing has changed the list appears from the cache at once, and the full
load that follows on a worker thread replaces it. This module imports no
YAML, so reading the cache costs only what `json` costs.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from alongside.paths import scenario_files

CACHE_VERSION = 3  # 2: `decisions` counts along the best choices; 3: `folder`


@dataclass(frozen=True, slots=True)
class ScenarioCard:
    path: str
    id: str | None
    title: str
    summary: str = ""
    setting: str = ""
    competencies: tuple[str, ...] = ()
    minutes: int = 0
    difficulty: int = 0
    decisions: int = 0
    problem: str | None = None
    problem_line: int | None = None
    problem_message: str | None = None
    folder: str = ""  # the library folder the file was listed from: where it comes from

    @property
    def available(self) -> bool:
        return self.problem is None


def _fingerprint(files: list[Path]) -> list[list]:
    return [[str(f), f.stat().st_mtime_ns, f.stat().st_size] for f in files]


def cached_cards(cache: Path, paths: Iterable[Path]) -> list[ScenarioCard] | None:
    """The cached cards if every file is exactly as it was when they were saved."""
    try:
        data = json.loads(cache.read_text(encoding="utf-8"))
        if data.get("version") != CACHE_VERSION or \
                data.get("files") != _fingerprint(scenario_files(paths)):
            return None
        return [ScenarioCard(**{**card, "competencies": tuple(card["competencies"])})
                for card in data["cards"]]
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def save_cards(cache: Path, paths: Iterable[Path], cards: list[ScenarioCard]) -> None:
    """Keep `cards` for next time; a cache that cannot be written is simply skipped."""
    try:
        files = _fingerprint(scenario_files(paths))
        cache.parent.mkdir(parents=True, exist_ok=True)
        partial = cache.with_suffix(".tmp")
        partial.write_text(json.dumps({"version": CACHE_VERSION, "files": files,
                                       "cards": [asdict(c) for c in cards]}), encoding="utf-8")
        partial.replace(cache)
    except OSError:
        return
