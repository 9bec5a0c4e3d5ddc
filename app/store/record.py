"""One trainee's record on the desk: readiness against a cohort's curriculum, every
attempt, and the certification decisions so far, read in one unit of work.

The trainee is found as `trainees.desk_trainee` finds them (a name, or the
start of an id where two share a name), and attempts are read by the
trainee's own row, so two people called Sam Rivera never share a record.
Readiness is the trainee's row of the cohort grid (`grid.read_grid`), so the
page and the grid cannot disagree. With no cohort named, the trainee's only
desk cohort stands in; with several, readiness waits for one to be chosen.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from alongside.store.certification import DecisionRecord, decisions_about
from alongside.store.cohorts import desk_cohort
from alongside.store.db import Store
from alongside.store.grid import Cell, GridRow, read_grid
from alongside.store.models import Attempt, Cohort, CohortMember, ScenarioVersion, Trainee
from alongside.store.rows import StoredAttempt, read_attempts
from alongside.store.trainees import desk_trainee, shown


@dataclass(frozen=True, slots=True)
class Readiness:
    """The trainee's row of the cohort's grid, cell by curriculum scenario."""

    cohort: str
    curriculum: str
    mode: str
    scenarios: tuple[str, ...]
    cells: tuple[Cell, ...]

    @property
    def ready(self) -> bool:
        return GridRow("", "", self.cells).ready


@dataclass(frozen=True, slots=True)
class TraineeRecord:
    name: str
    uuid: str
    shown: str
    cohorts: tuple[str, ...]
    readiness: Readiness | None
    attempts: tuple[StoredAttempt, ...]
    titles: dict[str, str]
    version_titles: dict[int, str]
    decisions: tuple[DecisionRecord, ...]
    damaged: tuple[str, ...] = ()

    def title(self, scenario: str) -> str:
        return self.titles.get(scenario, scenario)

    def played(self, attempt: StoredAttempt) -> str:
        """The title of the scenario as the attempt's own version has it."""
        return self.version_titles.get(attempt.version_id, self.title(attempt.scenario_id))


def _cohorts(db: Session, person: Trainee) -> tuple[str, ...]:
    return tuple(db.scalars(select(Cohort.name).join(CohortMember,
                                                     CohortMember.cohort_id == Cohort.id)
                            .where(CohortMember.trainee_id == person.id,
                                   Cohort.curriculum_id.is_not(None))
                            .order_by(func.lower(Cohort.name))))


def _readiness(db: Session, person: Trainee, cohort: str | None,
               member_of: tuple[str, ...]) -> Readiness | None:
    if cohort is None:
        if len(member_of) != 1:
            return None
        cohort = member_of[0]
    grid = read_grid(db, desk_cohort(db, cohort).name)
    row = next((r for r in grid.rows if r.trainee_uuid == person.uuid), None)
    if row is None:
        return None
    return Readiness(grid.cohort, grid.curriculum.title, grid.curriculum.mode, grid.scenarios,
                     row.cells)


def _titles(db: Session) -> tuple[dict[str, str], dict[int, str]]:
    """Each scenario's title as its newest verified version gives it (else its newest),
    and each version's own title."""
    found = db.execute(select(ScenarioVersion.id, ScenarioVersion.scenario_id,
                              ScenarioVersion.title)
                       .order_by(ScenarioVersion.verified, ScenarioVersion.first_seen,
                                 ScenarioVersion.id)).all()
    return {sid: title for _id, sid, title in found}, {vid: title for vid, _s, title in found}


def trainee_record(store: Store, trainee: str, cohort: str | None = None) -> TraineeRecord:
    """The record of the desk trainee `trainee`, readiness judged against `cohort`."""
    with store.session() as db:
        person = desk_trainee(db, trainee)
        member_of = _cohorts(db, person)
        readiness = _readiness(db, person, cohort, member_of)
        good, bad = read_attempts(db, Attempt.trainee_id == person.id)
        good.sort(key=lambda a: (a.started_at, a.id), reverse=True)
        titles, version_titles = _titles(db)
        return TraineeRecord(person.name, person.uuid, shown(person), member_of, readiness,
                             tuple(good), titles, version_titles,
                             tuple(decisions_about(db, person)), tuple(str(exc) for exc in bad))

