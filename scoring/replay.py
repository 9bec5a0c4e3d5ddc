"""Saved paths replayed as tests: an edit that breaks a tested route fails `validate`.

Each path in a scenario's side file (`alongside.engine.saved_paths`) is played
again from its start (or from its `from` node, with the variables of the best
way there and its `set` values) and must still be offered every choice in
turn, end at the ending saved and pass or fail as saved, "pass" being
`score_attempt`'s verdict, the one the debrief and the store show. It lives
in scoring because that verdict does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alongside.engine.model import Scenario
from alongside.engine.problems import Problem
from alongside.engine.saved_paths import SavedPath, read_paths, side_file
from alongside.engine.session import PlaySession
from alongside.scoring.attempt import score_attempt
from alongside.scoring.route import best_path_to

BLOCKED, ENDING, PASS = "saved-path-blocked", "saved-path-ending", "saved-path-pass"


def trial(scenario: Scenario, start: str | None, values: dict[str, int],
          **options: Any) -> PlaySession:
    """A session at `start` (or the scenario's start) with the variables of the best way
    there, then `values` over them; ValueError naming what cannot be done. `options` go
    to the session (its policy, its checker)."""
    if start is None:
        return PlaySession(scenario, variables=values, **options)
    arrived = dict(best_path_to(scenario, start).variables)
    arrived.update(values)
    return PlaySession(scenario, at=start, variables=arrived, **options)


def check_saved_paths(scenario: Scenario, side: Path | None = None) -> list[Problem]:
    """The problems of every saved path of `scenario` (none if it has no side file)."""
    side = side or side_file(scenario.path)
    paths, problems = read_paths(side)
    for saved in paths:
        problem = replayed(scenario, saved)
        if problem is not None:
            rule, message = problem
            problems.append(Problem(str(side), saved.line, 1, rule,
                                    f"saved path '{saved.name}': {message}"))
    return problems


def replayed(scenario: Scenario, saved: SavedPath) -> tuple[str, str] | None:
    """(rule, message) if `saved` does not play through as saved, else None."""
    try:
        session = trial(scenario, saved.start, dict(saved.values)).start()
    except ValueError as exc:
        return BLOCKED, f"cannot begin: {exc}"
    try:
        for step, choice in enumerate(saved.choices, start=1):
            try:
                session.choose(choice)
            except ValueError as exc:
                return BLOCKED, f"step {step}: {exc}"
        if not session.ended:
            return ENDING, (f"after its {len(saved.choices)} choices play waits at decision "
                            f"'{session.state}' instead of ending at '{saved.ending}'")
        if session.ending != saved.ending:
            return ENDING, f"ends at '{session.ending}', not at '{saved.ending}' as saved"
        passed = score_attempt(scenario, session.decisions, True).passed
        if passed != saved.passed:
            now, then = ("passes", "not passing") if passed else ("does not pass", "passing")
            return PASS, f"now {now}, but it was saved as {then}"
        return None
    finally:
        session.close()
