"""The database schema: what trainees, instructors and classes need kept.

Attempts point at the exact scenario version they were played on (content
hash plus the full text), so editing a scenario never breaks an old
transcript or score. Steps are only ever appended: going back in practice
mode is a step of its own, never a deletion.
"""

from __future__ import annotations

import uuid as uuidlib
from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.sql.expression import true

from alongside.engine.names import name_key
from alongside.engine.vocabulary import CHOICE_ID_MAX, NODE_ID_MAX, SCENARIO_ID_MAX, TITLE_MAX

STATUSES = ("in-progress", "finished", "abandoned")
STEP_KINDS = ("choice", "reply", "back")
# An OSCE global rating, lowest first; a comment is required at borderline pass or below.
RATINGS = ("fail", "borderline-fail", "borderline-pass", "pass", "excellent")
# The reasons cmi5 gives for waiving an assignable unit (its "Tested Out", "Equivalent
# AU" or "Equivalent Outside Activity", and "Administrative").
WAIVER_REASONS = ("tested-out", "equivalent-activity", "administrative")


def now() -> datetime:
    return datetime.now(UTC)


def new_uuid() -> str:
    return str(uuidlib.uuid4())


class Base(DeclarativeBase):
    pass


def _name_key(context) -> str:
    return name_key(context.get_current_parameters()["name"])


class Trainee(Base):
    """A person who practises, known by the uuid made with their profile, not by name:
    two trainees called Sam Rivera whose results arrive from two computers stay two.
    `local` marks the profiles of this computer, as against trainees whose results
    were imported from bundles; a profile is found by `name_key` (its name without
    regard to case or spacing), of which this computer holds at most one."""

    __tablename__ = "trainee"
    __table_args__ = (
        Index("uq_trainee_local_name_key", "name_key", unique=True,
              sqlite_where=text("local"), postgresql_where=text("local")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    name_key: Mapped[str] = mapped_column(String(200), index=True, default=_name_key)
    local: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class Cohort(Base):
    """A class of trainees with its instructor.

    A cohort of this desk has a curriculum: its id and the text it had when it
    was given (`curriculum_text`), so editing the file later does not move the
    goalposts for a class already under way, as scenario versions keep old
    scores. Cohorts that arrive in results bundles (the trainee's class on
    their laptop) have none; only desk cohorts are found by name, by
    `name_key`, of which the desk holds at most one each.
    """

    __tablename__ = "cohort"
    __table_args__ = (
        Index("uq_cohort_desk_name_key", "name_key", unique=True,
              sqlite_where=text("curriculum_id IS NOT NULL"),
              postgresql_where=text("curriculum_id IS NOT NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    instructor: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    name_key: Mapped[str | None] = mapped_column(String(200))
    curriculum_id: Mapped[str | None] = mapped_column(String(SCENARIO_ID_MAX))
    curriculum_text: Mapped[str | None] = mapped_column(Text)


class CohortMember(Base):
    __tablename__ = "cohort_member"

    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohort.id", ondelete="CASCADE"),
                                           primary_key=True)
    trainee_id: Mapped[int] = mapped_column(ForeignKey("trainee.id", ondelete="CASCADE"),
                                            primary_key=True, index=True)


class ScenarioVersion(Base):
    """One exact text of a scenario; attempts keep pointing at it after edits.

    `verified`: this desk knew the text (from its library, or played here). A
    version that only ever arrived in a results bundle is not, and its attempts
    do not count towards certification until an instructor accepts it.
    """

    __tablename__ = "scenario_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    scenario_id: Mapped[str] = mapped_column(String(SCENARIO_ID_MAX), index=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    text: Mapped[str] = mapped_column(Text)
    first_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    verified: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    accepted_by: Mapped[str | None] = mapped_column(String(200))
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Attempt(Base):
    """One play of one scenario version by a trainee (or a class, in group mode)."""

    __tablename__ = "attempt"
    __table_args__ = (
        Index("ix_attempt_trainee_version", "trainee_id", "scenario_version_id"),
        Index("ix_attempt_cohort_version", "cohort_id", "scenario_version_id"),
        Index("ix_attempt_status", "status"),
        Index("ix_attempt_trainee_started", "trainee_id", "started_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    trainee_id: Mapped[int | None] = mapped_column(ForeignKey("trainee.id", ondelete="CASCADE"))
    group_name: Mapped[str | None] = mapped_column(String(200))
    cohort_id: Mapped[int | None] = mapped_column(ForeignKey("cohort.id", ondelete="SET NULL"))
    scenario_version_id: Mapped[int] = mapped_column(ForeignKey("scenario_version.id"))
    mode: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), default="in-progress")
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    ending: Mapped[str | None] = mapped_column(String(NODE_ID_MAX))
    score_language: Mapped[float | None] = mapped_column(Float)
    score_decision: Mapped[float | None] = mapped_column(Float)
    score_role: Mapped[float | None] = mapped_column(Float)
    band_language: Mapped[str | None] = mapped_column(String(20))
    band_decision: Mapped[str | None] = mapped_column(String(20))
    band_role: Mapped[str | None] = mapped_column(String(20))
    passed: Mapped[bool] = mapped_column(Boolean, default=False)
    critical_count: Mapped[int] = mapped_column(Integer, default=0)

    trainee: Mapped[Trainee | None] = relationship()
    version: Mapped[ScenarioVersion] = relationship()
    steps: Mapped[list[Step]] = relationship(order_by="Step.seq", back_populates="attempt",
                                             cascade="all, delete-orphan")


class Step(Base):
    """One event of an attempt, in order: a choice, a reply in own words, or going back."""

    __tablename__ = "step"
    __table_args__ = (UniqueConstraint("attempt_id", "seq", name="uq_step_attempt_seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(10))
    node: Mapped[str] = mapped_column(String(NODE_ID_MAX))
    choice: Mapped[str | None] = mapped_column(String(CHOICE_ID_MAX))
    text: Mapped[str | None] = mapped_column(Text)
    findings: Mapped[list | None] = mapped_column(JSON)
    votes: Mapped[dict | None] = mapped_column(JSON)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)

    attempt: Mapped[Attempt] = relationship(back_populates="steps")


class InstructorNote(Base):
    """An instructor's comment on an attempt, or on one of its steps (`step_seq`).

    Comments sit beside the record and never change a score. The uuid travels
    with the comment in a feedback bundle, so importing the bundle twice on the
    trainee's laptop keeps one copy.
    """

    __tablename__ = "instructor_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id", ondelete="CASCADE"),
                                            index=True)
    author: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    step_seq: Mapped[int | None] = mapped_column(Integer)


class Decision(Base):
    """One certification decision about a trainee, against a cohort's curriculum.

    Append-only, as an examiner's signed sheet is: who decided, when, the
    global rating (`RATINGS`), whether they certified, and why. Revoking is a
    later decision; the database refuses to change or delete one (migration
    0006 adds triggers). The newest decision is the one in force.
    """

    __tablename__ = "certification_decision"
    __table_args__ = (Index("ix_decision_trainee_cohort", "trainee_id", "cohort_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    trainee_id: Mapped[int] = mapped_column(ForeignKey("trainee.id"))
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohort.id"))
    curriculum_id: Mapped[str] = mapped_column(String(SCENARIO_ID_MAX))
    instructor: Mapped[str] = mapped_column(String(200))
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    rating: Mapped[str] = mapped_column(String(20))
    certified: Mapped[bool] = mapped_column(Boolean)
    comment: Mapped[str] = mapped_column(Text, default="")


class Waiver(Base):
    """A required scenario an instructor set aside for one trainee, with cmi5's reason
    (`WAIVER_REASONS`) and a comment, recorded with a decision; append-only too."""

    __tablename__ = "waiver"
    __table_args__ = (Index("ix_waiver_trainee_cohort", "trainee_id", "cohort_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("certification_decision.id"))
    trainee_id: Mapped[int] = mapped_column(ForeignKey("trainee.id"))
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohort.id"))
    scenario_id: Mapped[str] = mapped_column(String(SCENARIO_ID_MAX))
    reason: Mapped[str] = mapped_column(String(30))
    comment: Mapped[str] = mapped_column(Text)


class Instructor(Base):
    """An instructor's passphrase, stored only as a salted scrypt hash."""

    __tablename__ = "instructor"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    salt: Mapped[str] = mapped_column(String(64))
    passphrase_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
