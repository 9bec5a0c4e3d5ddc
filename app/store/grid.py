"""The cohort grid: each trainee of a cohort against each scenario of its curriculum.

What an instructor reads at a glance: per cell a status id (`STATUSES`), the
best score and band per skill, how many attempts; per trainee, readiness
(every required scenario of the curriculum passed in its mode, or waived: an
optional scenario has its column and status, and readiness does not ask for
it) and, with
`competency_view`, how many of the scenarios exercising each competency were
passed. An attempt counts towards passing only when it finished, in the
curriculum's mode, on a verified scenario version (issue 12: a version only
a bundle brought counts once an instructor accepts it). Best scores are over
every finished attempt on a verified version, whatever its mode.

The grid is one aggregate query, grouped by trainee and scenario, so it
costs what SQLite's own grouping costs (`bench` holds it within 1.5 times a
hand-written `sqlite3` query: `dashboard_ratio`); the members and waivers
come from two small queries beside it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import Boolean, Select, case, func, literal, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.functions import FunctionElement

from alongside.engine.curriculum import Curriculum
from alongside.engine.load import load_file, load_text
from alongside.engine.vocabulary import COMPETENCIES, DIMENSIONS
from alongside.paths import DIALOGUES, scenario_files
from alongside.scoring.bands import band_of
from alongside.store.cohorts import curriculum_of, desk_cohort
from alongside.store.db import Store
from alongside.store.models import Attempt, CohortMember, ScenarioVersion, Trainee, Waiver
from alongside.store.rows import raw

NOT_STARTED, IN_PROGRESS, COMPLETED = "not-started", "in-progress", "completed"
PASSED, FAILED, WAIVED = "passed", "failed", "waived"
# Status ids, in the order of the ground they cover.
STATUSES = (NOT_STARTED, IN_PROGRESS, COMPLETED, FAILED, WAIVED, PASSED)
SATISFIED = (PASSED, WAIVED)


@cache
def _band(score: float) -> str:
    return band_of(round(score, 3))


class Cell(NamedTuple):
    """One trainee and one scenario. `best` is in DIMENSIONS order (None where never
    assessed); `critical`: an attempt that counts took a critical choice and none
    passed, so only a waiver satisfies the scenario short of a new pass.

    A named tuple rather than a frozen dataclass, and bands worked out when asked:
    a grid holds thousands of cells, and most are never read one by one.
    """

    status: str = NOT_STARTED
    best: tuple[float | None, ...] = (None, None, None)
    attempts: int = 0
    unverified: int = 0
    critical: bool = False

    @property
    def bands(self) -> tuple[str | None, ...]:
        """The band of each best score, in DIMENSIONS order."""
        return tuple(None if s is None else _band(s) for s in self.best)

    def score(self, dimension: str) -> float | None:
        return self.best[DIMENSIONS.index(dimension)]

    def band(self, dimension: str) -> str | None:
        return self.bands[DIMENSIONS.index(dimension)]


EMPTY, WAIVED_CELL = Cell(), Cell(WAIVED)


@dataclass(frozen=True, slots=True)
class GridRow:
    """`optional`: the positions of the cells of the curriculum's optional scenarios."""

    trainee: str
    trainee_uuid: str
    cells: tuple[Cell, ...]
    optional: frozenset[int] = frozenset()

    @property
    def ready(self) -> bool:
        """Every required scenario of the curriculum passed in its mode, or waived."""
        return all(c.status in SATISFIED for i, c in enumerate(self.cells)
                   if i not in self.optional)

    def outstanding(self, scenarios: tuple[str, ...]) -> tuple[str, ...]:
        """The required scenarios not yet passed in the curriculum's mode, nor waived."""
        return tuple(s for i, (s, c) in enumerate(zip(scenarios, self.cells, strict=True))
                     if c.status not in SATISFIED and i not in self.optional)


@dataclass(frozen=True, slots=True)
class Grid:
    """Rows by trainee name; each row's cells in the order of `scenarios`.

    `damaged`: cells whose stored scores are not numbers from 0 to 1 (another
    program wrote them); their scores are left blank.
    """

    cohort: str
    curriculum: Curriculum
    rows: tuple[GridRow, ...]
    damaged: tuple[str, ...] = ()

    @property
    def scenarios(self) -> tuple[str, ...]:
        """The columns: the curriculum's required scenarios, then its optional ones."""
        return self.curriculum.scenarios


class AnyOf(FunctionElement):
    """Whether `condition` holds for any row of the group: SQLite's `max()` of the
    condition itself, PostgreSQL's `bool_or()` (it has no `max` of booleans). Both
    skip the CASE a portable spelling would need, which cost SQLite about a quarter
    more in `bench`."""

    type = Boolean()
    inherit_cache = True


@compiles(AnyOf)
def _any_of(element: AnyOf, compiler, **kw) -> str:
    return f"max({compiler.process(element.clauses, **kw)})"


@compiles(AnyOf, "postgresql")
def _any_of_pg(element: AnyOf, compiler, **kw) -> str:
    return f"bool_or({compiler.process(element.clauses, **kw)})"


def grid_query(cohort_id: int, scenarios: Collection[str], mode: str) -> Select:
    """Per trainee and scenario: attempts, unverified attempts, whether any finished,
    counted, passed or took a critical choice, and the best score per skill."""
    finished = (raw(Attempt.status) == "finished") & raw(ScenarioVersion.verified)
    counting = finished & (raw(Attempt.mode) == mode)
    return (select(
        Attempt.trainee_id, ScenarioVersion.scenario_id, func.count(Attempt.id),
        func.sum(case((ScenarioVersion.verified, 0), else_=1)),
        AnyOf(raw(Attempt.status) == "in-progress"),
        AnyOf(raw(Attempt.status) == "finished"),
        AnyOf(counting), AnyOf(counting & raw(Attempt.passed)),
        AnyOf(counting & (Attempt.critical_count > 0)),
        *(func.max(case((finished, raw(getattr(Attempt, f"score_{d}"))))) for d in DIMENSIONS))
        .select_from(CohortMember)
        .join(Attempt, Attempt.trainee_id == CohortMember.trainee_id)
        .join(ScenarioVersion, ScenarioVersion.id == Attempt.scenario_version_id)
        .where(CohortMember.cohort_id == literal(cohort_id),
               ScenarioVersion.scenario_id.in_(list(scenarios)))
        .group_by(Attempt.trainee_id, ScenarioVersion.scenario_id))


def _score(value: object) -> float | None:
    """A best score as stored: None, or a number from 0 to 1 (ValueError otherwise)."""
    if value is None or (type(value) is float and 0.0 <= value <= 1.0):
        return value
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise ValueError(value)
    return float(value)


def _cell(row: tuple, waived: bool) -> Cell:
    """A cell from its grouped row; ValueError if a stored score is not a score."""
    if row[7]:
        status = PASSED
    elif waived:
        status = WAIVED
    elif row[6]:
        status = FAILED
    elif row[5]:
        status = COMPLETED
    else:
        status = IN_PROGRESS
    return Cell(status, (_score(row[9]), _score(row[10]), _score(row[11])),
                row[2], row[3] or 0, bool(row[8]) and not row[7])


def read_grid(db: Session, cohort_name: str) -> Grid:
    """The grid of the desk cohort `cohort_name`, inside a unit of work the caller holds."""
    cohort = desk_cohort(db, cohort_name)
    curriculum = curriculum_of(cohort)
    scenarios = curriculum.scenarios
    members = db.execute(select(Trainee.id, Trainee.name, Trainee.uuid)
                         .join(CohortMember, CohortMember.trainee_id == Trainee.id)
                         .where(CohortMember.cohort_id == cohort.id)).all()
    waived = set(db.execute(select(Waiver.trainee_id, Waiver.scenario_id)
                            .where(Waiver.cohort_id == cohort.id)).all())
    cells: dict[tuple[int, str], Cell] = {}
    damaged = []
    for row in db.connection().execute(grid_query(cohort.id, scenarios, curriculum.mode)).all():
        key = (row[0], row[1])
        try:
            cells[key] = _cell(row, key in waived)
        except ValueError:
            damaged.append(key)
            cells[key] = _cell((*row[:9], None, None, None), key in waived)
    names = {tid: name for tid, name, _ in members}
    optional = frozenset(range(len(curriculum.required), len(scenarios)))
    rows = tuple(GridRow(name, uuid, tuple(
        cells.get((tid, s)) or (WAIVED_CELL if (tid, s) in waived else EMPTY) for s in scenarios),
        optional)
        for tid, name, uuid in sorted(members, key=lambda m: (m[1].casefold(), m[2])))
    return Grid(cohort.name, curriculum, rows,
                tuple(f"{names.get(t, t)} × {s}" for t, s in damaged))


def cohort_grid(store: Store, cohort: str) -> Grid:
    """The grid of the desk cohort called `cohort`."""
    with store.session() as db:
        return read_grid(db, cohort)


def competency_view(grid: Grid, exercises: Mapping[str, Collection[str]]
                    ) -> dict[str, dict[str, tuple[int, int]]]:
    """Per trainee uuid, per competency of the format's vocabulary: (scenarios passed,
    scenarios of the curriculum exercising it). `exercises`: each scenario's competencies.

    Passed means passed in the curriculum's mode, as readiness counts it; a waived
    scenario is set aside, not passed, so it does not show a competency as shown.
    """
    exercising = {c: [i for i, s in enumerate(grid.scenarios) if c in exercises.get(s, ())]
                  for c in COMPETENCIES}
    return {row.trainee_uuid: {
        c: (sum(1 for i in found if row.cells[i].status == PASSED), len(found))
        for c, found in exercising.items()} for row in grid.rows}


def exercised(store: Store, scenarios: Collection[str],
              library: Collection[Path] = (DIALOGUES,)) -> dict[str, tuple[str, ...]]:
    """Each scenario's competencies: from the desk's library, or else from the newest
    stored version of it (a scenario the library no longer holds)."""
    found: dict[str, tuple[str, ...]] = {}
    for path in scenario_files(list(library)):
        if path.stem in scenarios and path.stem not in found:
            scenario = load_file(path).scenario
            if scenario is not None:
                found[path.stem] = scenario.competencies
    missing = [s for s in scenarios if s not in found]
    if missing:
        with store.session() as db:
            for sid, text in db.execute(select(ScenarioVersion.scenario_id, ScenarioVersion.text)
                                        .where(ScenarioVersion.scenario_id.in_(missing))
                                        .order_by(ScenarioVersion.first_seen.desc())):
                if sid not in found:
                    scenario = load_text(text, f"<stored version of {sid}>", stem=sid).scenario
                    if scenario is not None:
                        found[sid] = scenario.competencies
    return found
