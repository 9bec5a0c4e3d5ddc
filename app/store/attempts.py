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

from sqlalchemy import func, insert, select
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
from alongside.store.profiles import ProfileError, tidy, trainee_named

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


class Recorder:
    """A session listener that commits each step the moment it happens.

    `on_commit(step)` is called after each commit (the CLI prints it, the
    crash test reports it).
    """

    def __init__(self, store: Store, attempt_uuid: str, session: PlaySession,
                 on_commit: Callable[[Step], None] | None = None) -> None:
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
                           findings=[_stored(f) for f in event.findings if isinstance(f, Flag)]))
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
            for dim in DIMENSIONS:
                setattr(attempt, f"score_{dim}", outcome.scores[dim])
                setattr(attempt, f"band_{dim}", outcome.bands[dim])
            attempt.passed = outcome.passed
            attempt.critical_count = len(outcome.critical)
            db.commit()


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
            .where(Trainee.name == tidy(trainee),
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
    try:
        policy = policy_for(attempt.mode)
    except UnknownMode as exc:
        raise AttemptError(f"attempt {attempt_uuid}: {exc}") from None
    session = PlaySession(result.scenario, checker=language.flags, policy=policy).start()
    try:
        for seq, (kind, node, choice, said, findings) in enumerate(steps, start=1):
            if kind == "back":
                session.back()
            elif kind == "reply":
                session.replies.append(Reply(node, said or "",
                                             tuple(_flag(f) for f in findings or ())))
            elif kind == "choice" and choice is not None:
                session.choose(choice)
            else:
                raise AttemptError(f"step {seq} is a '{kind}' step without a choice")
    except (ValueError, AttemptError) as exc:
        session.close()
        raise AttemptError(f"attempt {attempt_uuid} cannot be replayed: {exc}") from None
    return attempt, session


def resume(store: Store, attempt_uuid: str, library_file: Path | None = None) -> Resumed:
    """Rebuild an in-progress attempt on its stored version, at the node where it stopped."""
    attempt, session = replayed(store, attempt_uuid)
    scenario_id, digest = attempt.version.scenario_id, attempt.version.content_hash
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
    return Opened(debrief, scenario.id, attempt.version.title, session.policy)
