"""What a trainee's certification report holds, gathered in one unit of work.

The PDF report (`alongside.ui.desk.report_pdf`) is the record an instructor
signs off on, so it is built from the same data the decision rests on: the
trainee's readiness in the cohort grid, every qualifying attempt (one that
counts towards certification: finished, in the curriculum's mode, on a
verified scenario version) with the critical choices its steps took and the
scenario's reason for each, the instructor's decisions, and the trainee's
results bundle, the very document `export-results` writes, which the PDF
carries as an attachment. Critical choices are worked out from the steps on
the stored scenario text, as the importer does, never read from a stated
count alone. Nothing here needs Qt: the report is tested, and can be
rendered, without a window.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from alongside.engine.curriculum import Curriculum
from alongside.engine.policy import policy_for
from alongside.scoring.attempt import Critical, score_attempt
from alongside.store.bundle.export import Versions, collect_of, document
from alongside.store.bundle.records import AttemptRecord, BundleError
from alongside.store.certification import DecisionRecord, decisions_about
from alongside.store.cohorts import CohortError, desk_cohort
from alongside.store.db import Store
from alongside.store.grid import Cell, read_grid
from alongside.store.models import Attempt, Cohort, CohortMember, ScenarioVersion, Trainee
from alongside.store.rows import StoredAttempt, read_attempts
from alongside.store.trainees import desk_trainee, shown


@dataclass(frozen=True, slots=True)
class ReportAttempt:
    """One qualifying attempt as the report lists it."""

    uuid: str
    scenario_id: str
    title: str
    content_hash: str
    mode: str
    started_at: datetime
    finished_at: datetime | None
    scores: dict[str, float | None]
    bands: dict[str, str | None]
    passed: bool
    critical: tuple[Critical, ...]


@dataclass(frozen=True, slots=True)
class ReadinessRow:
    scenario_id: str
    title: str
    cell: Cell


@dataclass(frozen=True, slots=True)
class TraineeReport:
    """`cohort` and `curriculum` are None when the report is judged against none (the
    trainee is in no cohort, or in several and none was named: `note` says which).
    `bundle`: the sealed results document; `left_out`: attempts it could not carry."""

    trainee: str
    trainee_uuid: str
    made: datetime
    cohort: str | None
    curriculum: Curriculum | None
    readiness: tuple[ReadinessRow, ...]
    ready: bool | None
    attempts: tuple[ReportAttempt, ...]
    decisions: tuple[DecisionRecord, ...]
    bundle: dict
    left_out: tuple[tuple[str, str], ...]
    note: str = ""


def _cohort(db: Session, person: Trainee, cohort: str | None) -> tuple[Cohort | None, str]:
    """The cohort named, or the trainee's only one; else None and why."""
    if cohort is not None:
        found = desk_cohort(db, cohort)
        if db.get(CohortMember, (found.id, person.id)) is None:
            raise CohortError(f"{shown(person)} is not in the cohort '{found.name}'")
        return found, ""
    theirs = db.scalars(select(Cohort).join(CohortMember, CohortMember.cohort_id == Cohort.id)
                        .where(CohortMember.trainee_id == person.id,
                               Cohort.curriculum_id.is_not(None))
                        .order_by(Cohort.name)).all()
    if len(theirs) == 1:
        return theirs[0], ""
    if not theirs:
        return None, f"{person.name} is in no cohort of this desk, so no readiness is shown."
    return None, (f"{person.name} is in the cohorts {', '.join(c.name for c in theirs)}; "
                  "name one to show readiness against its curriculum.")


def _decisions(steps) -> list[tuple[str, str]]:
    """The decisions an attempt's steps stand at: each choice, less those taken back."""
    taken: list[tuple[str, str]] = []
    for step in steps:
        if step.kind == "choice" and step.choice:
            taken.append((step.node, step.choice))
        elif step.kind == "back" and taken:
            taken.pop()
    return taken


def _qualifying(a: StoredAttempt, mode: str | None, scenarios: tuple[str, ...] | None) -> bool:
    counts = a.mode == mode if mode else policy_for(a.mode).counts_towards_certification
    return (a.status == "finished" and a.verified and counts
            and (scenarios is None or a.scenario_id in scenarios))


def _attempt(a: StoredAttempt, record: AttemptRecord, versions: Versions,
             titles: dict[str, str]) -> ReportAttempt:
    scenario = versions.scenario(a.version_id)
    outcome = score_attempt(scenario, _decisions(record.steps), True)
    return ReportAttempt(a.uuid, a.scenario_id, titles.get(a.content_hash, scenario.title),
                         a.content_hash, a.mode, a.started_at, a.finished_at, dict(a.scores),
                         dict(a.bands), a.passed, outcome.critical)


def _titles(db: Session) -> tuple[dict[str, str], dict[str, str]]:
    """Titles by content hash, and each scenario's newest title by id."""
    by_hash: dict[str, str] = {}
    by_id: dict[str, str] = {}
    for sid, digest, title in db.execute(select(ScenarioVersion.scenario_id,
                                                ScenarioVersion.content_hash,
                                                ScenarioVersion.title)
                                         .order_by(ScenarioVersion.first_seen)):
        by_hash[digest] = by_id[sid] = title
    return by_hash, by_id


def trainee_report(store: Store, trainee: str, cohort: str | None = None) -> TraineeReport:
    """The report on the desk trainee `trainee`, against `cohort` (or their only one)."""
    with store.session() as db:
        person = desk_trainee(db, trainee)
        group, note = _cohort(db, person, cohort)
        by_hash, by_id = _titles(db)
        readiness: tuple[ReadinessRow, ...] = ()
        curriculum = ready = None
        if group is not None:
            grid = read_grid(db, group.name)
            row = next(r for r in grid.rows if r.trainee_uuid == person.uuid)
            curriculum, ready = grid.curriculum, row.ready
            readiness = tuple(ReadinessRow(s, by_id.get(s, s), c)
                              for s, c in zip(grid.scenarios, row.cells, strict=True))
        versions = Versions(db)
        collected = collect_of(db, person, versions)
        records = {r.uuid: r for r in collected.bundle.attempts}
        stored, _damaged = read_attempts(db, Attempt.trainee_id == person.id)
        mode = curriculum.mode if curriculum else None
        scenarios = curriculum.scenarios if curriculum else None
        attempts = []
        for a in stored:
            if a.uuid in records and _qualifying(a, mode, scenarios):
                try:
                    attempts.append(_attempt(a, records[a.uuid], versions, by_hash))
                except BundleError:  # left out of the bundle too, and named there
                    continue
        made = decisions_about(db, person)
        if group is not None:
            made = [d for d in made if d.cohort == group.name]
        return TraineeReport(
            person.name, person.uuid, datetime.now(UTC), group.name if group else None,
            curriculum, readiness, ready, tuple(attempts), tuple(made),
            document(collected.bundle), collected.left_out, note)
