"""The desk's store work, as named operations for the shell's worker.

Passphrases are hashed with scrypt (a few tenths of a second), curricula and
scenario files are parsed, and the grid is one aggregate query over every
attempt of a cohort: none of it may run on the GUI thread. As in
`alongside.ui.operations`, the store's modules are imported inside each
operation, on the worker.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from alongside.store.errors import Refused
from alongside.ui.operations import Operation

if TYPE_CHECKING:
    from alongside.store.cohorts import CohortSummary
    from alongside.store.db import Store
    from alongside.store.grid import Grid

# Kinds of change the desk's operations announce (with `operations.ATTEMPTS` for imports).
COHORTS, TRAINEES, DECISIONS = "cohorts", "trainees", "decisions"


class CurriculumRefused(Refused):
    """A curriculum file with problems; `problems` says each one in words, located."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = tuple(problems)


class FirstUseOver(Refused):
    """Someone set a passphrase while the first-use form was on screen."""


@dataclass(frozen=True, slots=True)
class CohortView:
    """What the cohort page shows of one cohort: its grid, and per trainee uuid and
    competency, (scenarios passed, scenarios exercising it)."""

    grid: Grid
    competencies: dict[str, dict[str, tuple[int, int]]]


def has_instructor() -> Operation[bool]:
    def work(store: Store) -> bool:
        from alongside.store.instructors import has_instructor as known

        with store.session() as db:
            return known(db)

    return Operation("looking for the desk's instructors", work)


def set_instructor(name: str, passphrase: str) -> Operation[str]:
    """The first instructor of the desk, with their passphrase (hashed, never kept).

    Refused once anyone has a passphrase (set meanwhile from another desk or the
    command line): the first-use form must never replace an instructor's passphrase."""
    def work(store: Store) -> str:
        from alongside.store.instructors import PassphraseError, has_instructor, set_passphrase

        with store.session() as db:
            if has_instructor(db):
                raise FirstUseOver("the desk's passphrase was set meanwhile; unlock with "
                                   "your name and that passphrase")
            try:
                set_passphrase(db, name, passphrase)
            except PassphraseError as exc:
                raise Refused(str(exc)) from None
            db.commit()
        return name

    return Operation("setting the desk's passphrase", work)


def check_instructor(name: str, passphrase: str) -> Operation[bool]:
    def work(store: Store) -> bool:
        from alongside.store.instructors import check_passphrase

        with store.session() as db:
            right = check_passphrase(db, name, passphrase)
            db.commit()  # an older hash is replaced on a correct entry
        return right

    return Operation("checking the passphrase", work)


def list_cohorts() -> Operation[list[CohortSummary]]:
    def work(store: Store) -> list[CohortSummary]:
        from alongside.store.cohorts import cohorts

        return cohorts(store)

    return Operation("reading the cohorts", work, quiet=True)


def curricula() -> Operation[list[tuple[str, str]]]:
    """(id, title) of each curriculum shipped in `dialogues/curricula/`, by title."""
    def work(_store: Store) -> list[tuple[str, str]]:
        from alongside.engine.curriculum import load_curriculum
        from alongside.paths import CURRICULA

        found = []
        for path in sorted(CURRICULA.glob("*.yaml")):
            curriculum = load_curriculum(path, None).curriculum
            if curriculum is not None:
                found.append((curriculum.id, curriculum.title))
        return sorted(found, key=lambda c: c[1].casefold())

    return Operation("reading the curricula", work, quiet=True)


def new_cohort(name: str, curriculum: str, from_file: bool, instructor: str,
               library: Sequence[Path]) -> Operation[CohortSummary]:
    """A cohort given the shipped curriculum `curriculum` (an id) or the file at that path;
    a file's problems are all said (`CurriculumRefused`), not only the first."""
    def work(store: Store) -> CohortSummary:
        from alongside.engine.curriculum import load_curriculum
        from alongside.store.cohorts import create_cohort, known_scenarios, read_curriculum

        known = known_scenarios(store, library)
        if not from_file:
            chosen, text = read_curriculum(curriculum, known)
            return create_cohort(store, name, chosen, text, instructor)
        path = Path(curriculum)
        result = load_curriculum(path, known)
        if result.curriculum is None:
            raise CurriculumRefused([_in_words(p.path, p.line, p.col, p.message)
                                     for p in result.problems if p.is_error])
        return create_cohort(store, name, result.curriculum,
                             path.read_text(encoding="utf-8"), instructor)

    return Operation("creating the cohort", work, frozenset({COHORTS}))


def _in_words(path: str, line: int, col: int, message: str) -> str:
    from alongside.ui.text import tr

    return tr("{0}, line {1}, column {2}: {3}").format(Path(path).name, line, col, message)


def desk_trainees() -> Operation[list[tuple[str, str]]]:
    def work(store: Store) -> list[tuple[str, str]]:
        from alongside.store.trainees import desk_trainees as read

        with store.session() as db:
            return read(db)

    return Operation("reading the desk's trainees", work, quiet=True)


def add_to_cohort(cohort: str, uuids: Sequence[str]) -> Operation[tuple[list[str], list[str]]]:
    def work(store: Store) -> tuple[list[str], list[str]]:
        from alongside.store.cohorts import add_trainees

        return add_trainees(store, cohort, uuids)

    return Operation("adding trainees to the cohort", work, frozenset({COHORTS}))


def cohort_view(cohort: str, library: Sequence[Path]) -> Operation[CohortView]:
    def work(store: Store) -> CohortView:
        from alongside.store.grid import cohort_grid, competency_view, exercised

        grid = cohort_grid(store, cohort)
        return CohortView(grid, competency_view(grid, exercised(store, grid.scenarios,
                                                                library)))

    return Operation("reading the cohort grid", work, quiet=True)


def save_grid_csv(cohort: str, out: Path) -> Operation[int]:
    """The cohort's grid as CSV at `out`, whole or not at all; the rows written."""
    def work(store: Store) -> int:
        from alongside.store.files import write_atomically
        from alongside.store.grid import cohort_grid
        from alongside.store.reports import grid_csv

        text = grid_csv(cohort_grid(store, cohort))
        write_atomically(out, text.encode("utf-8"))
        return text.count("\r\n") - 1

    return Operation("saving the grid as CSV", work)
