"""Recording attempts as they are played, resuming them, and listing them.

`Recorder` listens to a `PlaySession` and commits every step in the
listener call itself, which the session makes before it moves on: once a
choice is acknowledged it is on disk. Resuming replays the stored steps on
the stored scenario version, so it lands on the same node with the same
variables even if the scenario file has changed since.
"""

from __future__ import annotations

import uuid as uuidlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from alongside.engine.events import AttemptEnded, ChoiceScored, Event, ReplyChecked, WentBack
from alongside.engine.load import load_text
from alongside.engine.model import Scenario
from alongside.engine.session import PlaySession, Reply
from alongside.scoring import language
from alongside.scoring.attempt import score_attempt
from alongside.scoring.bands import BANDS
from alongside.store.db import Store
from alongside.store.models import MODES, Attempt, ScenarioVersion, Step, Trainee, now

STEP_COLUMNS = [c for c in Step.__table__.columns if c.key != "id"]


class AttemptError(Exception):
    """A request the store cannot honour; the message says why."""


def trainee_named(session: Session, name: str) -> Trainee:
    """The trainee called `name`, created if new."""
    name = " ".join(name.split())
    if not name:
        raise AttemptError("a trainee needs a name")
    trainee = session.scalar(select(Trainee).where(Trainee.name == name))
    if trainee is None:
        trainee = Trainee(uuid=str(uuidlib.uuid4()), name=name)
        session.add(trainee)
        session.flush()
    return trainee


def version_of(session: Session, scenario: Scenario, text: str) -> ScenarioVersion:
    """The stored version with this exact text, kept the first time it is played."""
    version = session.scalar(select(ScenarioVersion)
                             .where(ScenarioVersion.content_hash == scenario.content_hash))
    if version is None:
        version = ScenarioVersion(scenario_id=scenario.id, content_hash=scenario.content_hash,
                                  title=scenario.title, text=text)
        session.add(version)
        session.flush()
    return version


def start_attempt(store: Store, scenario: Scenario, text: str, trainee: str,
                  mode: str = "practice") -> str:
    """Create an in-progress attempt and return its uuid."""
    if mode not in MODES:
        raise AttemptError(f"mode must be one of {', '.join(MODES)}")
    with store.session() as session:
        attempt = Attempt(uuid=str(uuidlib.uuid4()), trainee=trainee_named(session, trainee),
                          version=version_of(session, scenario, text), mode=mode,
                          status="in-progress")
        session.add(attempt)
        session.commit()
        return attempt.uuid


class Recorder:
    """A session listener that commits each step the moment it happens.

    `on_commit(step)` is called after each commit (the CLI prints it, the
    crash test reports it).
    """

    def __init__(self, store: Store, attempt_uuid: str, session: PlaySession,
                 on_commit=None) -> None:
        self.store = store
        self.uuid = attempt_uuid
        self.play = session
        self.on_commit = on_commit
        with store.session() as db:
            attempt = self._attempt(db)
            self.attempt_id = attempt.id
            self.seq = db.scalar(select(func.max(Step.seq))
                                 .where(Step.attempt_id == attempt.id)) or 0

    def _attempt(self, db: Session) -> Attempt:
        attempt = db.scalar(select(Attempt).where(Attempt.uuid == self.uuid))
        if attempt is None:
            raise AttemptError(f"no attempt {self.uuid}")
        return attempt

    def __call__(self, event: Event) -> None:
        if isinstance(event, ChoiceScored):
            self._add(Step(kind="choice", node=event.node, choice=event.choice))
        elif isinstance(event, ReplyChecked):
            self._add(Step(kind="reply", node=event.node, text=event.text,
                           findings=[f.as_json() for f in event.findings]))
        elif isinstance(event, WentBack):
            self._add(Step(kind="back", node=event.node, choice=event.choice))
        elif isinstance(event, AttemptEnded):
            self.finish(event.node)

    def _add(self, step: Step) -> None:
        """Commit `step` as one INSERT (a Core statement, not the ORM's unit of
        work: a third less time on the path from a click to the next node).

        Unset fields are left out, as the ORM leaves them out, so they are SQL
        NULL rather than a JSON `null`.
        """
        step.attempt_id = self.attempt_id
        step.seq = self.seq + 1
        step.at = now()
        values = {column.key: getattr(step, column.key) for column in STEP_COLUMNS
                  if getattr(step, column.key) is not None}
        with self.store.engine.begin() as db:
            db.execute(insert(Step), values)
        self.seq += 1
        if self.on_commit is not None:
            self.on_commit(step)

    def finish(self, ending: str) -> None:
        """Store the ending and the scores of the decisions that stand."""
        outcome = score_attempt(self.play.scenario, self.play.decisions, True)
        with self.store.session() as db:
            attempt = self._attempt(db)
            attempt.status = "finished"
            attempt.finished_at = datetime.now(UTC)
            attempt.ending = ending
            for dim in ("language", "decision", "role"):
                setattr(attempt, f"score_{dim}", outcome.scores[dim])
                setattr(attempt, f"band_{dim}", outcome.bands[dim])
            attempt.passed = outcome.passed
            attempt.critical_count = len(outcome.critical)
            db.commit()


@dataclass(frozen=True, slots=True)
class Resumed:
    uuid: str
    session: PlaySession
    notice: str | None
    mode: str = "practice"


def newest_in_progress(store: Store, trainee: str, scenario_id: str) -> str | None:
    with store.session() as db:
        return db.scalar(
            select(Attempt.uuid).join(Attempt.trainee).join(Attempt.version)
            .where(Trainee.name == " ".join(trainee.split()),
                   ScenarioVersion.scenario_id == scenario_id,
                   Attempt.status == "in-progress")
            .order_by(Attempt.started_at.desc(), Attempt.id.desc()).limit(1))


def replayed(store: Store, attempt_uuid: str) -> tuple[Attempt, PlaySession]:
    """An attempt's steps replayed on its stored version, without writing anything.

    The session stands where the attempt stopped: the debrief of a finished
    attempt is built from it, and an in-progress one continues from it.
    """
    with store.session() as db:
        attempt = db.scalar(select(Attempt).where(Attempt.uuid == attempt_uuid))
        if attempt is None:
            raise AttemptError(f"no attempt {attempt_uuid}")
        version = attempt.version
        steps = [(s.kind, s.node, s.choice, s.text, s.findings) for s in attempt.steps]
        text, scenario_id = version.text, version.scenario_id
        db.expunge(attempt)
    result = load_text(text, f"<stored version of {scenario_id}>", stem=scenario_id)
    if result.scenario is None:
        raise AttemptError(f"the stored version of '{scenario_id}' no longer loads: "
                           f"{result.problems[0]}")
    session = PlaySession(result.scenario, checker=language.check).start()
    for kind, node, choice, said, findings in steps:
        if kind == "choice":
            session.choose(choice)
        elif kind == "back":
            session.back()
        else:
            session.replies.append(Reply(node, said, tuple(_StoredFinding(f)
                                                           for f in findings or ())))
    return attempt, session


def resume(store: Store, attempt_uuid: str, library_file: Path | None = None) -> Resumed:
    """Rebuild an in-progress attempt on its stored version, at the node where it stopped."""
    attempt, session = replayed(store, attempt_uuid)
    scenario_id, digest = attempt.version.scenario_id, attempt.version.content_hash
    if session.ended:  # the last choice was committed, then the process stopped
        Recorder(store, attempt_uuid, session).finish(session.state)
    notice = None
    if library_file is not None and library_file.is_file():
        current = load_text(library_file.read_text(encoding="utf-8"), str(library_file),
                            stem=scenario_id)
        if current.scenario is None or current.scenario.content_hash != digest:
            notice = (f"'{scenario_id}' has changed since this attempt began; it continues on "
                      "the version you started, so your scores stay comparable.")
    return Resumed(attempt_uuid, session, notice, attempt.mode)


class _StoredFinding:
    """A language finding read back from the store, shaped like a live one."""

    __slots__ = ("data",)

    def __init__(self, data: dict) -> None:
        self.data = data

    def as_json(self) -> dict:
        return dict(self.data)


def history(store: Store, trainee: str | None = None) -> list[dict]:
    """Attempts, newest first, with scores, bands and status."""
    with store.session() as db:
        query = (select(Attempt, Trainee.name, ScenarioVersion.scenario_id)
                 .join(Attempt.version).outerjoin(Attempt.trainee)
                 .order_by(Attempt.started_at.desc(), Attempt.id.desc()))
        if trainee is not None:
            query = query.where(Trainee.name == " ".join(trainee.split()))
        rows = []
        for attempt, name, scenario_id in db.execute(query):
            rows.append({
                "attempt": attempt.uuid,
                "trainee": name,
                "scenario": scenario_id,
                "mode": attempt.mode,
                "status": attempt.status,
                "started": attempt.started_at.isoformat(),
                "finished": attempt.finished_at.isoformat() if attempt.finished_at else None,
                "ending": attempt.ending,
                "scores": {d: getattr(attempt, f"score_{d}")
                           for d in ("language", "decision", "role")},
                "bands": {d: getattr(attempt, f"band_{d}")
                          for d in ("language", "decision", "role")},
                "passed": attempt.passed,
                "critical": attempt.critical_count,
            })
        return rows


def add_trainee(store: Store, name: str) -> str:
    """Create the trainee `name` if new; returns the name as stored (spaces tidied)."""
    with store.session() as db:
        trainee = trainee_named(db, name)
        db.commit()
        return trainee.name


def trainees(store: Store) -> list[str]:
    """Every trainee's name, alphabetically: the profiles sharing this machine."""
    with store.session() as db:
        return list(db.scalars(select(Trainee.name).order_by(func.lower(Trainee.name))))


@dataclass(frozen=True, slots=True)
class ScenarioRecord:
    """What a trainee has done with one scenario, for the library."""

    best: dict[str, str]
    in_progress: str | None
    passed_assessment: bool


def records(store: Store, trainee: str) -> dict[str, ScenarioRecord]:
    """Per scenario id: the best band per dimension, the newest in-progress attempt,
    and whether an assessment has been passed."""
    order = {band: rank for rank, (_floor, band) in enumerate(reversed(BANDS))}
    found: dict[str, dict] = {}
    with store.session() as db:
        query = (select(ScenarioVersion.scenario_id, Attempt.uuid, Attempt.status, Attempt.mode,
                        Attempt.passed, Attempt.band_language, Attempt.band_decision,
                        Attempt.band_role)
                 .join(Attempt.version).join(Attempt.trainee)
                 .where(Trainee.name == " ".join(trainee.split()))
                 .order_by(Attempt.started_at, Attempt.id))
        for scenario_id, uuid, status, mode, passed, *bands in db.execute(query):
            entry = found.setdefault(scenario_id, {"best": {}, "in_progress": None,
                                                   "passed": False})
            if status == "in-progress":
                entry["in_progress"] = uuid
            elif status == "finished":
                entry["passed"] |= bool(passed and mode == "assessment")
                for dim, band in zip(("language", "decision", "role"), bands, strict=True):
                    if band is not None and order[band] > order.get(entry["best"].get(dim), -1):
                        entry["best"][dim] = band
    return {sid: ScenarioRecord(e["best"], e["in_progress"], e["passed"])
            for sid, e in found.items()}
