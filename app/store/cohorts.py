"""Cohorts of this desk: a class of trainees and the curriculum they are certified against.

A cohort is given its curriculum once, by id (a file of `dialogues/curricula/`)
or as a file the instructor wrote in the same format, and keeps that text:
readiness is judged against what the class was told, even after the file
changes. Members are trainees of the desk (`trainees.desk_trainee`).
"""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from alongside.engine.curriculum import Curriculum, load_curriculum, load_curriculum_text
from alongside.engine.names import name_key, name_problem, tidy
from alongside.paths import CURRICULA, DIALOGUES, SUFFIXES, scenario_files
from alongside.store.db import Store
from alongside.store.errors import Refused
from alongside.store.models import Cohort, CohortMember, ScenarioVersion, Trainee
from alongside.store.rows import when
from alongside.store.trainees import desk_trainee, shown

DEFAULT_CURRICULUM = "core"


class CohortError(Refused):
    """A cohort that cannot be made, found or changed as asked; the message says why."""


@dataclass(frozen=True, slots=True)
class CohortSummary:
    name: str
    uuid: str
    curriculum: str
    curriculum_title: str
    scenarios: tuple[str, ...]
    trainees: tuple[str, ...]
    created: datetime


def known_scenarios(store: Store, library: Iterable[Path] = (DIALOGUES,)) -> frozenset[str]:
    """Scenario ids a curriculum may name: the library's, and any stored version's."""
    with store.session() as db:
        stored = set(db.scalars(select(ScenarioVersion.scenario_id).distinct()))
    return frozenset(p.stem for p in scenario_files(list(library))) | stored


def read_curriculum(given: str, known: Collection[str]) -> tuple[Curriculum, str]:
    """The curriculum `given` names (an id in `dialogues/curricula/`, or a file) and its
    text; CohortError carries the first problem, located."""
    path = Path(given)
    if path.suffix not in SUFFIXES and "/" not in given and "\\" not in given:
        path = CURRICULA / f"{given}.yaml"
        if not path.is_file():
            ids = sorted(p.stem for p in CURRICULA.glob("*.yaml"))
            raise CohortError(f"no curriculum '{given}' (known: {', '.join(ids)}; or give a "
                              "file in the same format)")
    result = load_curriculum(path, known)
    if result.curriculum is None:
        first = next(p for p in result.problems if p.is_error)
        raise CohortError(f"{first.path}:{first.line}:{first.col}: {first.message} "
                          f"[{first.rule}]")
    return result.curriculum, path.read_text(encoding="utf-8")


@lru_cache(maxsize=64)
def _parsed(text: str, cid: str | None) -> Curriculum | None:
    """Curricula read once per text: the grid asks on every refresh."""
    return load_curriculum_text(text, "<curriculum>", stem=cid).curriculum


def curriculum_of(cohort: Cohort) -> Curriculum:
    """The curriculum a desk cohort was given, from the text it keeps."""
    if cohort.curriculum_text is None:
        raise CohortError(f"the cohort '{cohort.name}' has no curriculum")
    curriculum = _parsed(cohort.curriculum_text, cohort.curriculum_id)
    if curriculum is None:
        raise CohortError(f"the curriculum kept with the cohort '{cohort.name}' no longer "
                          "reads")
    return curriculum


def desk_cohort(db: Session, name: str) -> Cohort:
    """The cohort of this desk called `name` (case and spacing aside)."""
    found = db.scalar(select(Cohort).where(Cohort.name_key == name_key(name),
                                           Cohort.curriculum_id.is_not(None)))
    if found is None:
        names = db.scalars(select(Cohort.name).where(Cohort.curriculum_id.is_not(None))
                           .order_by(func.lower(Cohort.name))).all()
        listed = f" (cohorts: {', '.join(names)})" if names else " (none yet: cohort create)"
        raise CohortError(f"no cohort named '{tidy(name)}' on this desk{listed}")
    return found


def create_cohort(store: Store, name: str, curriculum: Curriculum, text: str,
                  instructor: str = "") -> CohortSummary:
    """A new desk cohort called `name`, with no trainees yet, given `curriculum`."""
    name = tidy(name)
    problem = name_problem(name, "a cohort's name")
    if problem:
        raise CohortError(problem)
    with store.session() as db:
        cohort = Cohort(uuid=str(uuidlib.uuid4()), name=name, name_key=name_key(name),
                        instructor=instructor, curriculum_id=curriculum.id,
                        curriculum_text=text)
        db.add(cohort)
        try:
            db.commit()
        except IntegrityError:
            db.rollback()
            raise CohortError(f"a cohort named '{name}' already exists on this desk") from None
        return _summary(db, cohort)


def add_trainees(store: Store, cohort_name: str, typed: Iterable[str]) -> tuple[list[str],
                                                                                 list[str]]:
    """Add the trainees `typed` to the cohort, all or none: (added, already members)."""
    with store.session() as db:
        cohort = desk_cohort(db, cohort_name)
        people = {t.id: t for t in (desk_trainee(db, name) for name in typed)}
        members = set(db.scalars(select(CohortMember.trainee_id)
                                 .where(CohortMember.cohort_id == cohort.id)))
        added = [p for tid, p in people.items() if tid not in members]
        db.add_all(CohortMember(cohort_id=cohort.id, trainee_id=p.id) for p in added)
        try:
            db.commit()
        except IntegrityError:
            db.rollback()
            raise CohortError("another desk changed this cohort at the same moment; try "
                              "again") from None
        return ([shown(p) for p in added],
                [shown(p) for tid, p in people.items() if tid in members])


def _summary(db: Session, cohort: Cohort) -> CohortSummary:
    curriculum = curriculum_of(cohort)
    names = db.execute(select(Trainee.name, Trainee.uuid).join(
        CohortMember, CohortMember.trainee_id == Trainee.id)
        .where(CohortMember.cohort_id == cohort.id).order_by(func.lower(Trainee.name))).all()
    return CohortSummary(cohort.name, cohort.uuid, curriculum.id, curriculum.title,
                         curriculum.scenarios, tuple(f"{n} [{u[:8]}]" for n, u in names),
                         when(cohort.created_at))


def cohorts(store: Store) -> list[CohortSummary]:
    """Every cohort of this desk, by name, with its curriculum and trainees."""
    with store.session() as db:
        found = db.scalars(select(Cohort).where(Cohort.curriculum_id.is_not(None))
                           .order_by(func.lower(Cohort.name))).all()
        return [_summary(db, c) for c in found]
