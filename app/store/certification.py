"""Certification decisions: an instructor's global rating and verdict, append-only.

A decision is about one trainee against one cohort's curriculum: a global
rating on the five-point scale an OSCE examiner uses (`RATINGS`), a comment
(required at borderline pass or below, where the reasons matter most), and
whether the instructor certifies. Certifying needs every scenario of the
curriculum passed in its mode or waived; a critical choice in a scenario's
qualifying attempt is named on its own, since only a waiver with cmi5's
reason and a comment gets past it. Nothing is ever changed or deleted:
revoking is a later decision, and the database's triggers refuse the rest.
Recording one needs the instructor's passphrase (`instructors`, scrypt).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from alongside.store.cohorts import desk_cohort
from alongside.store.db import Store
from alongside.store.errors import Refused
from alongside.store.grid import SATISFIED, read_grid
from alongside.store.instructors import check_passphrase
from alongside.store.models import (
    RATINGS,
    WAIVER_REASONS,
    Cohort,
    CohortMember,
    Decision,
    Instructor,
    ScenarioVersion,
    Trainee,
    Waiver,
)
from alongside.store.rows import when
from alongside.store.trainees import desk_trainee, shown

COMMENT_AT_OR_BELOW = "borderline-pass"
NOT_CERTIFIABLE = ("fail", "borderline-fail")


class CertificationError(Refused):
    """A decision that cannot be recorded as asked; the message says why."""


@dataclass(frozen=True, slots=True)
class WaiverRecord:
    scenario: str
    reason: str
    comment: str


@dataclass(frozen=True, slots=True)
class DecisionRecord:
    uuid: str
    trainee: str
    trainee_uuid: str
    cohort: str
    curriculum: str
    instructor: str
    decided_at: datetime
    rating: str
    certified: bool
    comment: str
    waivers: tuple[WaiverRecord, ...] = ()


def _check_form(rating: str, certify: bool, comment: str,
                waivers: tuple[WaiverRecord, ...]) -> None:
    if rating not in RATINGS:
        raise CertificationError(f"the rating must be one of: {', '.join(RATINGS)}")
    if not comment.strip() and RATINGS.index(rating) <= RATINGS.index(COMMENT_AT_OR_BELOW):
        raise CertificationError(f"a rating of {rating} needs a comment saying why")
    if certify and rating in NOT_CERTIFIABLE:
        raise CertificationError(f"a rating of {rating} cannot go with certifying")
    seen = set()
    for w in waivers:
        if w.reason not in WAIVER_REASONS:
            raise CertificationError(f"waiving '{w.scenario}': the reason must be one of: "
                                     f"{', '.join(WAIVER_REASONS)}")
        if not w.comment.strip():
            raise CertificationError(f"waiving '{w.scenario}' needs a comment saying why")
        if w.scenario in seen:
            raise CertificationError(f"'{w.scenario}' is waived twice")
        seen.add(w.scenario)


def _instructor(db: Session, name: str | None) -> str:
    if name:
        return name
    names = db.scalars(select(Instructor.name)).all()
    if len(names) != 1:
        raise CertificationError("name the instructor (--instructor): this desk has "
                                 f"{len(names) or 'no'} instructors"
                                 + ("" if names else "; set a passphrase in the app first"))
    return names[0]


def _blocks(db: Session, cohort: Cohort, person: Trainee, waivers: tuple[WaiverRecord, ...],
            certify: bool) -> None:
    """Refuse waivers that do not apply, and certifying what the record does not support."""
    grid = read_grid(db, cohort.name)
    row = next(r for r in grid.rows if r.trainee_uuid == person.uuid)
    cells = dict(zip(grid.scenarios, row.cells, strict=True))
    waiving = {w.scenario for w in waivers}
    for scenario in waiving:
        if scenario not in cells:
            raise CertificationError(f"'{scenario}' is not in the curriculum of '{cohort.name}'")
        if not grid.curriculum.is_required(scenario):
            raise CertificationError(f"'{scenario}' is optional in the curriculum of "
                                     f"'{cohort.name}'; there is nothing to waive")
        if cells[scenario].status in SATISFIED:
            raise CertificationError(f"'{scenario}' is already {cells[scenario].status}; there "
                                     "is nothing to waive")
    if not certify:
        return
    open_ = [s for s in row.outstanding(grid.scenarios) if s not in waiving]
    critical = [s for s in open_ if cells[s].critical]
    if critical:
        raise CertificationError(
            f"a critical choice in the qualifying attempt of {_named(db, critical)} blocks "
            "certifying; waive it with a reason and a comment, or wait for a pass")
    if open_:
        raise CertificationError(
            f"{shown(person)} has not passed {_named(db, open_)} in {grid.curriculum.mode} "
            "mode; waive with a reason and a comment, or wait for a pass")


def _named(db: Session, scenarios: list[str]) -> str:
    """Scenarios as an instructor reads them: the title people know, then the id the
    curriculum and the command line use."""
    titles: dict[str, str] = {}  # the newest verified version's title wins
    for scenario, title in db.execute(
            select(ScenarioVersion.scenario_id, ScenarioVersion.title)
            .where(ScenarioVersion.scenario_id.in_(scenarios))
            .order_by(ScenarioVersion.verified, ScenarioVersion.id)):
        titles[scenario] = title
    return ", ".join(f"{s} (“{titles[s]}”)" if titles.get(s, s) != s else s
                     for s in scenarios)


def record_decision(store: Store, *, trainee: str, cohort: str, rating: str, certify: bool,
                    comment: str, passphrase: str, instructor: str | None = None,
                    waivers: Iterable[WaiverRecord] = ()) -> DecisionRecord:
    """Record one decision (and its waivers) after checking the instructor's passphrase."""
    waived = tuple(waivers)
    comment = comment.strip()
    _check_form(rating, certify, comment, waived)
    with store.session() as db:
        who = _instructor(db, instructor)
        if not check_passphrase(db, who, passphrase):
            raise CertificationError(f"that is not the passphrase of instructor '{who}'; "
                                     "nothing was recorded")
        db.commit()  # a hash made with older parameters was just replaced
        person = desk_trainee(db, trainee)
        group = desk_cohort(db, cohort)
        if db.get(CohortMember, (group.id, person.id)) is None:
            raise CertificationError(f"{shown(person)} is not in the cohort '{group.name}'")
        _blocks(db, group, person, waived, certify)
        decision = Decision(trainee_id=person.id, cohort_id=group.id,
                            curriculum_id=group.curriculum_id, instructor=who, rating=rating,
                            certified=certify, comment=comment)
        db.add(decision)
        db.flush()
        db.add_all(Waiver(decision_id=decision.id, trainee_id=person.id, cohort_id=group.id,
                          scenario_id=w.scenario, reason=w.reason, comment=w.comment.strip())
                   for w in waived)
        db.commit()
        return _record(decision, person, group, waived)


def _record(d: Decision, person: Trainee, group: Cohort,
            waivers: tuple[WaiverRecord, ...]) -> DecisionRecord:
    return DecisionRecord(d.uuid, person.name, person.uuid, group.name, d.curriculum_id,
                          d.instructor, when(d.decided_at), d.rating, d.certified, d.comment,
                          waivers)


def decisions_about(db: Session, person: Trainee) -> list[DecisionRecord]:
    """Every decision about `person`, oldest first: the last is the one in force."""
    found = db.execute(select(Decision, Cohort).join(Cohort, Cohort.id == Decision.cohort_id)
                       .where(Decision.trainee_id == person.id)
                       .order_by(Decision.decided_at, Decision.id)).all()
    waivers: dict[int, list[WaiverRecord]] = {}
    for w in db.scalars(select(Waiver).where(Waiver.trainee_id == person.id)
                        .order_by(Waiver.id)):
        waivers.setdefault(w.decision_id, []).append(WaiverRecord(w.scenario_id, w.reason,
                                                                  w.comment))
    return [_record(d, person, c, tuple(waivers.get(d.id, ()))) for d, c in found]


def decisions(store: Store, trainee: str) -> list[DecisionRecord]:
    """Every decision about the desk trainee `trainee`, oldest first."""
    with store.session() as db:
        return decisions_about(db, desk_trainee(db, trainee))
