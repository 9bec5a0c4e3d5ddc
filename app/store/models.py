"""The database schema: what trainees, instructors and classes need kept.

Attempts point at the exact scenario version they were played on (content
hash plus the full text), so editing a scenario never breaks an old
transcript or score. Steps are only ever appended: going back in practice
mode is a step of its own, never a deletion.
"""

from __future__ import annotations

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


def now() -> datetime:
    return datetime.now(UTC)


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
    """A class of trainees with its instructor."""

    __tablename__ = "cohort"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    instructor: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


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
    __tablename__ = "instructor_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id", ondelete="CASCADE"),
                                            index=True)
    author: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class Instructor(Base):
    """An instructor's passphrase, stored only as a salted scrypt hash."""

    __tablename__ = "instructor"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    salt: Mapped[str] = mapped_column(String(64))
    passphrase_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
