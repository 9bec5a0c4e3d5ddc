"""Attempts and steps read as they are stored, then checked, one row at a time.

SQLite keeps whatever is written into a column: a file that passes its own
integrity check can still hold a malformed time, a score stored as text or
findings that are not JSON, and SQLAlchemy's typed columns would raise on
the first such row for every row after it. These queries take each value as
the database holds it (`raw`) and check it here, so a damaged attempt is
named and set aside, and every other attempt is read as usual.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, select, type_coerce
from sqlalchemy.orm import Session
from sqlalchemy.types import NullType

from alongside.engine.policy import MODES
from alongside.engine.vocabulary import DIMENSIONS
from alongside.scoring.bands import BAND_ORDER
from alongside.store.errors import Refused
from alongside.store.models import STATUSES, STEP_KINDS, Attempt, ScenarioVersion, Step, Trainee


class Damaged(Refused):
    """A stored attempt that holds an impossible value; the message names it and the value."""

    def __init__(self, attempt: str, problem: str) -> None:
        super().__init__(f"attempt {attempt} is damaged in the progress file: {problem}")
        self.attempt = attempt
        self.problem = problem


def raw(column: Any) -> ColumnElement[Any]:
    """`column` as the database holds it, with no conversion that could raise."""
    return type_coerce(column, NullType())


@dataclass(frozen=True, slots=True)
class StoredAttempt:
    """An attempt row, checked, with what it points at."""

    id: int
    uuid: str
    trainee: str | None
    trainee_uuid: str | None
    scenario_id: str
    version_id: int
    content_hash: str
    verified: bool
    cohort_id: int | None
    group_name: str | None
    mode: str
    status: str
    started_at: datetime
    finished_at: datetime | None
    ending: str | None
    scores: dict[str, float | None]
    bands: dict[str, str | None]
    passed: bool
    critical_count: int


@dataclass(frozen=True, slots=True)
class StoredStep:
    seq: int
    kind: str
    node: str
    choice: str | None
    text: str | None
    findings: list | None
    votes: dict | None
    at: datetime


def when(value: object) -> datetime:
    """A stored time (a datetime, or SQLite's text for one) in UTC."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if not isinstance(value, datetime):
        raise ValueError(f"{value!r} is not a time")
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _score(value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise ValueError(f"the score {value!r} is not a number from 0 to 1")
    return float(value)


def _one_of(value: object, allowed: Iterable[str | None], what: str) -> Any:
    if value not in tuple(allowed):
        raise ValueError(f"{what} {value!r} is not one Alongside knows")
    return value


def _json(value: object, kind: type) -> Any:
    if isinstance(value, str | bytes):
        value = json.loads(value)
    if value is not None and not isinstance(value, kind):
        raise ValueError(f"{value!r:.40} is not a JSON {kind.__name__}")
    return value


FIELDS: dict[str, Any] = {
    "id": Attempt.id, "uuid": Attempt.uuid, "trainee": Trainee.name,
    "trainee_uuid": Trainee.uuid, "scenario_id": ScenarioVersion.scenario_id,
    "version_id": ScenarioVersion.id, "content_hash": ScenarioVersion.content_hash,
    "verified": ScenarioVersion.verified, "cohort_id": Attempt.cohort_id,
    "group_name": Attempt.group_name, "mode": Attempt.mode, "status": Attempt.status,
    "started_at": Attempt.started_at, "finished_at": Attempt.finished_at,
    "ending": Attempt.ending, "passed": Attempt.passed, "critical_count": Attempt.critical_count,
    **{f"score_{d}": getattr(Attempt, f"score_{d}") for d in DIMENSIONS},
    **{f"band_{d}": getattr(Attempt, f"band_{d}") for d in DIMENSIONS},
}


def attempts_query() -> Select:
    """Attempts with their trainee and version, every column raw, oldest first."""
    return (select(*(raw(column).label(name) for name, column in FIELDS.items()))
            .select_from(Attempt).join(Attempt.version).outerjoin(Attempt.trainee)
            .order_by(raw(Attempt.started_at), Attempt.id))


def checked_attempt(row: Any) -> StoredAttempt:
    """One raw row as a `StoredAttempt`; `Damaged` names the attempt and the bad value."""
    v = row._mapping
    try:
        return StoredAttempt(
            id=int(v["id"]), uuid=str(v["uuid"]), trainee=v["trainee"],
            trainee_uuid=v["trainee_uuid"], scenario_id=str(v["scenario_id"]),
            version_id=int(v["version_id"]), content_hash=str(v["content_hash"]),
            verified=bool(v["verified"]), cohort_id=v["cohort_id"], group_name=v["group_name"],
            mode=_one_of(v["mode"], MODES, "the mode"),
            status=_one_of(v["status"], STATUSES, "the status"),
            started_at=when(v["started_at"]),
            finished_at=None if v["finished_at"] is None else when(v["finished_at"]),
            ending=v["ending"],
            scores={d: _score(v[f"score_{d}"]) for d in DIMENSIONS},
            bands={d: _one_of(v[f"band_{d}"], (None, *BAND_ORDER), "the band")
                   for d in DIMENSIONS},
            passed=bool(v["passed"]), critical_count=int(v["critical_count"]))
    except (ValueError, TypeError, OverflowError) as exc:
        raise Damaged(str(v["uuid"]), str(exc)) from None


def read_attempts(db: Session, *where: Any) -> tuple[list[StoredAttempt], list[Damaged]]:
    """The attempts matching `where`, and each damaged one as a named refusal."""
    good: list[StoredAttempt] = []
    bad: list[Damaged] = []
    for row in db.execute(attempts_query().where(*where)):
        try:
            good.append(checked_attempt(row))
        except Damaged as exc:
            bad.append(exc)
    return good, bad


def read_steps(db: Session, attempt: StoredAttempt) -> list[StoredStep]:
    """The attempt's steps in order; `Damaged` if any of them holds an impossible value."""
    query = (select(raw(Step.seq), raw(Step.kind), raw(Step.node), raw(Step.choice),
                    raw(Step.text), raw(Step.findings), raw(Step.votes), raw(Step.at))
             .where(Step.attempt_id == attempt.id).order_by(Step.seq))
    steps = []
    for seq, kind, node, choice, text, findings, votes, at in db.execute(query):
        try:
            steps.append(StoredStep(
                seq=int(seq), kind=_one_of(kind, STEP_KINDS, "the step kind"), node=str(node),
                choice=None if choice is None else str(choice),
                text=None if text is None else str(text), findings=_json(findings, list),
                votes=_json(votes, dict), at=when(at)))
        except (ValueError, TypeError, OverflowError) as exc:
            raise Damaged(attempt.uuid, f"step {seq}: {exc}") from None
    return steps
