"""Recording attempts as they are played, resuming them, and listing them.

`Recorder` listens to a `PlaySession` and commits every step in the
listener call itself, which the session makes before it moves on: once a
choice is acknowledged it is on disk. Resuming replays the stored steps on
the stored scenario version, so it lands on the same node with the same
variables even if the scenario file has changed since.
"""

from __future__ import annotations

import hashlib
import uuid as uuidlib
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from alongside.engine.events import AttemptEnded, ChoiceScored, Event, ReplyChecked, WentBack
from alongside.engine.load import load_file, load_text
from alongside.engine.model import Scenario
from alongside.engine.policy import Policy, UnknownMode, policy_for
from alongside.engine.session import PlaySession, Reply
from alongside.engine.vocabulary import DIMENSIONS
from alongside.engine.yamltree import normalise
from alongside.scoring import language
from alongside.scoring.attempt import score_attempt
from alongside.scoring.debrief import Debrief, build_debrief
from alongside.scoring.language import Flag
from alongside.store.db import Store
from alongside.store.errors import Refused
from alongside.store.models import Attempt, ScenarioVersion, Step, Trainee, now
from alongside.store.profiles import ProfileError, name_key, trainee_named
from alongside.store.rows import Damaged, StoredAttempt, raw, read_attempts, read_steps

STEP_COLUMNS = [c for c in Step.__table__.columns if c.key != "id"]


class AttemptError(Refused):
    """A request the store cannot honour; the message says why."""


def version_of(session: Session, scenario: Scenario, text: str) -> ScenarioVersion:
    """The stored version with this exact text, kept the first time it is played.

    `text` is the scenario's source; it is kept in the one form its content hash
    is taken over (`normalise`), so the version exports as it was played.
    """
    text = normalise(text)
    if hashlib.sha256(text.encode()).hexdigest() != scenario.content_hash:
        raise AttemptError(f"the text given for '{scenario.id}' is not the text it was "
                           "loaded from")
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
    try:
        policy_for(mode)
        with store.session() as session:
            attempt = Attempt(uuid=str(uuidlib.uuid4()),
                              trainee=trainee_named(session, trainee),
                              version=version_of(session, scenario, text), mode=mode,
                              status="in-progress")
            session.add(attempt)
            session.commit()
            return attempt.uuid
    except (UnknownMode, ProfileError) as exc:
        raise AttemptError(str(exc)) from None


@dataclass(frozen=True, slots=True)
class Begun:
    """A new attempt of a library file: the scenario as it loaded, and the attempt's uuid."""

    scenario: Scenario
    uuid: str
    policy: Policy


def begin(store: Store, path: Path, trainee: str, mode: str) -> Begun:
    """Read and check the scenario file at `path` and start an attempt of it."""
    result = load_file(path)
    if result.scenario is None:
        raise AttemptError(f"{path.name} no longer loads: {result.problems[0]}")
    uuid = start_attempt(store, result.scenario, result.text, trainee, mode)
    return Begun(result.scenario, uuid, policy_for(mode))


def unwritable(error: BaseException) -> str | None:
    """Why the progress file cannot take a write just now, in words; None if `error` is
    not that kind of trouble (a fault, which is raised as usual)."""
    if isinstance(error, IntegrityError):
        return None
    if isinstance(error, OSError):
        return f"the progress file cannot be written ({error.strerror or error})"
    if not isinstance(error, DBAPIError):
        return None
    message = str(error.orig or error).lower()
    if "readonly" in message or "read-only" in message:
        return "the progress file is read-only"
    if "full" in message:
        return "the disk is full"
    if "locked" in message or "busy" in message:
        return "another program is holding the progress file"
    return f"the progress file cannot be written ({str(error.orig or error).splitlines()[0]})"


class Recorder:
    """A session listener that commits each step the moment it happens.

    `on_commit(step)` is called after each commit (the CLI prints it, the
    crash test reports it). When the file cannot take a write just now (it is
    read-only, the disk is full, another program holds it), the step is kept
    here in order, `trouble` says why, `on_trouble(trouble)` is told, and the
    session goes on: every later step, and `retry()`, try the writes again,
    oldest first. `on_trouble(None)` says they have all landed. Nothing is
    dropped without the person being told (`unsaved`).
    """

    def __init__(self, store: Store, attempt_uuid: str, session: PlaySession,
                 on_commit: Callable[[Step], None] | None = None,
                 on_trouble: Callable[[str | None], None] | None = None) -> None:
        self.store = store
        self.uuid = attempt_uuid
        self.play = session
        self.on_commit = on_commit
        self.on_trouble = on_trouble
        self.pending: list[Step | str] = []  # steps, or an ending to finish with
        self.trouble: str | None = None
        with store.session() as db:
            found = db.execute(select(Attempt.id).where(Attempt.uuid == attempt_uuid)).first()
            if found is None:
                raise AttemptError(f"no attempt {attempt_uuid}")
            self.attempt_id = found[0]
            self.seq = db.scalar(select(func.max(Step.seq))
                                 .where(Step.attempt_id == self.attempt_id)) or 0

    @property
    def unsaved(self) -> int:
        return len(self.pending)

    def __call__(self, event: Event) -> None:
        if isinstance(event, ChoiceScored):
            self._queue(Step(kind="choice", node=event.node, choice=event.choice,
                             votes=None if event.votes is None else dict(event.votes)))
        elif isinstance(event, ReplyChecked):
            self._queue(Step(kind="reply", node=event.node, text=event.text,
                             findings=[_stored(f) for f in event.findings
                                       if isinstance(f, Flag)]))
        elif isinstance(event, WentBack):
            self._queue(Step(kind="back", node=event.node, choice=event.choice))
        elif isinstance(event, AttemptEnded):
            self.pending.append(event.node)
            self.retry()

    def _queue(self, step: Step) -> None:
        self.seq += 1
        step.attempt_id, step.seq, step.at = self.attempt_id, self.seq, now()
        self.pending.append(step)
        self.retry()

    def retry(self) -> bool:
        """Write what is waiting, oldest first; True once nothing is."""
        while self.pending:
            write = self.pending[0]
            try:
                if isinstance(write, Step):
                    self._commit(write)
                else:
                    self.finish(write)
            except (DBAPIError, OSError) as exc:
                why = unwritable(exc)
                if why is None:
                    raise
                self._tell(why)
                return False
            self.pending.pop(0)
        self._tell(None)
        return True

    def _tell(self, trouble: str | None) -> None:
        if trouble != self.trouble:
            self.trouble = trouble
            if self.on_trouble is not None:
                self.on_trouble(trouble)

    def _commit(self, step: Step) -> None:
        """Commit `step` as one INSERT (a Core statement, not the ORM's unit of
        work: a third less time on the path from a click to the next node).

        Unset fields are left out, as the ORM leaves them out, so they are SQL
        NULL rather than a JSON `null`.
        """
        values = {column.key: getattr(step, column.key) for column in STEP_COLUMNS
                  if getattr(step, column.key) is not None}
        with self.store.engine.begin() as db:
            db.execute(insert(Step), values)
        if self.on_commit is not None:
            self.on_commit(step)

    def finish(self, ending: str) -> None:
        """Store the ending and the scores of the decisions that stand."""
        outcome = score_attempt(self.play.scenario, self.play.decisions, True)
        with self.store.engine.begin() as db:
            db.execute(update(Attempt).where(Attempt.id == self.attempt_id).values(
                status="finished", finished_at=datetime.now(UTC), ending=ending,
                passed=outcome.passed, critical_count=len(outcome.critical),
                **{f"score_{d}": outcome.scores[d] for d in DIMENSIONS},
                **{f"band_{d}": outcome.bands[d] for d in DIMENSIONS}))


def _stored(flag: Flag) -> dict:
    return {**asdict(flag), "suggestions": list(flag.suggestions)}


def _flag(data: object) -> Flag:
    """A stored finding read back; AttemptError if it is not one."""
    try:
        if not isinstance(data, dict):
            raise TypeError
        return Flag(**{**data, "suggestions": tuple(data["suggestions"])})
    except (TypeError, KeyError):
        raise AttemptError("a stored language finding is damaged") from None


@dataclass(frozen=True, slots=True)
class Resumed:
    uuid: str
    session: PlaySession
    notice: str | None
    policy: Policy


def newest_in_progress(store: Store, trainee: str, scenario_id: str) -> str | None:
    with store.session() as db:
        return db.scalar(
            select(Attempt.uuid).join(Attempt.trainee).join(Attempt.version)
            .where(Trainee.name_key == name_key(trainee), Trainee.local,
                   ScenarioVersion.scenario_id == scenario_id,
                   Attempt.status == "in-progress")
            .order_by(Attempt.started_at.desc(), Attempt.id.desc()).limit(1))


def _stored_scenario(db: Session, attempt: StoredAttempt) -> Scenario:
    v = ScenarioVersion
    row = db.execute(select(raw(v.text), raw(v.scenario_id)).where(v.id == attempt.version_id)
                     ).first()
    if row is None or not isinstance(row[0], str):
        raise AttemptError(f"attempt {attempt.uuid}: its scenario version is missing or damaged")
    text, scenario_id = row[0], str(row[1])
    result = load_text(text, f"<stored version of {scenario_id}>", stem=scenario_id)
    if result.scenario is None:
        raise AttemptError(f"the stored version of '{scenario_id}' no longer loads: "
                           f"{result.problems[0]}")
    return result.scenario


def replayed(store: Store, attempt_uuid: str) -> tuple[StoredAttempt, PlaySession]:
    """An attempt's steps replayed on its stored version, without writing anything.

    The session stands where the attempt stopped: the debrief of a finished
    attempt is built from it, and an in-progress one continues from it. A
    damaged row, or steps the version does not offer, are an AttemptError
    naming the attempt.
    """
    with store.session() as db:
        try:
            found, damaged = read_attempts(db, Attempt.uuid == attempt_uuid)
            if damaged:
                raise AttemptError(str(damaged[0]))
            if not found:
                raise AttemptError(f"no attempt {attempt_uuid}")
            attempt = found[0]
            steps = read_steps(db, attempt)
        except Damaged as exc:
            raise AttemptError(str(exc)) from None
        scenario = _stored_scenario(db, attempt)
    session = PlaySession(scenario, checker=language.flags, policy=policy_for(attempt.mode))
    session.start()
    try:
        for step in steps:
            if step.kind == "back":
                session.back()
            elif step.kind == "reply":
                session.replies.append(Reply(step.node, step.text or "",
                                             tuple(_flag(f) for f in step.findings or ())))
            elif step.choice is not None:
                # A group's tally goes back with its choice; other modes keep none.
                session.choose(step.choice, step.votes if session.policy.records_votes
                               else None)
            else:
                raise AttemptError(f"step {step.seq} is a choice step without a choice")
    except (ValueError, AttemptError) as exc:
        session.close()
        raise AttemptError(f"attempt {attempt_uuid} cannot be replayed: {exc}") from None
    return attempt, session


def resume(store: Store, attempt_uuid: str, library_file: Path | None = None) -> Resumed:
    """Rebuild an in-progress attempt on its stored version, at the node where it stopped."""
    attempt, session = replayed(store, attempt_uuid)
    scenario_id, digest = attempt.scenario_id, attempt.content_hash
    if session.ended:  # the last choice was committed, then the process stopped
        Recorder(store, attempt_uuid, session).finish(session.state)
    notice = None
    if library_file is not None and library_file.is_file():
        current = load_file(library_file)
        if current.scenario is None or current.scenario.content_hash != digest:
            notice = (f"'{scenario_id}' has changed since this attempt began; it continues on "
                      "the version you started, so your scores stay comparable.")
    return Resumed(attempt_uuid, session, notice, session.policy)


@dataclass(frozen=True, slots=True)
class Opened:
    """A stored attempt's debrief, and what to show it under."""

    debrief: Debrief
    scenario_id: str
    title: str
    policy: Policy


def open_attempt(store: Store, attempt_uuid: str) -> Opened:
    """The debrief of a stored attempt, rebuilt from its steps on its own version."""
    attempt, session = replayed(store, attempt_uuid)
    scenario = session.scenario
    debrief = build_debrief(scenario, session.decisions, session.ended, session.ending,
                            session.replies)
    session.close()
    return Opened(debrief, scenario.id, scenario.title, session.policy)
