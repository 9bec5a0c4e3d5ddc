"""Instructors' comments on an attempt or on one of its steps.

A comment sits beside the record: it never changes a score, a band or a
pass. The instructor writes it on the desk; a feedback bundle carries it to
the trainee's laptop, where the debrief shows it as the instructor's, so
the same function reads it on both sides.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from alongside.engine.names import name_problem, tidy
from alongside.store.db import Store
from alongside.store.errors import Refused
from alongside.store.models import Attempt, InstructorNote, Step
from alongside.store.rows import when

MAX_COMMENT = 10_000


class CommentError(Refused):
    """A comment that cannot be kept as asked; the message says why."""


@dataclass(frozen=True, slots=True)
class Comment:
    uuid: str
    attempt: str
    step: int | None
    node: str | None
    author: str
    text: str
    at: datetime


def comment_problem(text: str, author: str) -> str | None:
    """Why a comment cannot be kept, or None."""
    if not text.strip():
        return "a comment cannot be empty"
    if len(text) > MAX_COMMENT:
        return f"a comment is longer than {MAX_COMMENT:,} characters"
    return name_problem(tidy(author), "the instructor's name")


def _attempt_id(db: Session, attempt: str) -> int:
    found = db.scalar(select(Attempt.id).where(Attempt.uuid == attempt))
    if found is None:
        raise CommentError(f"no attempt {attempt} on this desk")
    return found


def add_comment(store: Store, attempt: str, author: str, text: str,
                step: int | None = None) -> Comment:
    """Keep `author`'s comment on the attempt (or on its step number `step`)."""
    problem = comment_problem(text, author)
    if problem:
        raise CommentError(problem)
    with store.session() as db:
        attempt_id = _attempt_id(db, attempt)
        if step is not None and db.scalar(select(Step.id).where(
                Step.attempt_id == attempt_id, Step.seq == step)) is None:
            raise CommentError(f"attempt {attempt} has no step {step}")
        note = InstructorNote(attempt_id=attempt_id, author=tidy(author), text=text.strip(),
                              step_seq=step)
        db.add(note)
        db.commit()
        return comments_in(db, attempt_id, attempt)[-1]


def comments_in(db: Session, attempt_id: int, attempt: str) -> list[Comment]:
    nodes = dict(db.execute(select(Step.seq, Step.node).where(Step.attempt_id == attempt_id)
                            ).all())
    return [Comment(n.uuid, attempt, n.step_seq, nodes.get(n.step_seq) if n.step_seq else None,
                    n.author, n.text, when(n.created_at))
            for n in db.scalars(select(InstructorNote).where(
                InstructorNote.attempt_id == attempt_id)
                .order_by(InstructorNote.created_at, InstructorNote.id))]


def attempt_comments(store: Store, attempt: str) -> list[Comment]:
    """The instructors' comments on the attempt, oldest first (its own and its steps')."""
    with store.session() as db:
        return comments_in(db, _attempt_id(db, attempt), attempt)
