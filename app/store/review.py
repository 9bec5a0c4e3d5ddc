"""An attempt read back as it happened, for the instructor and for the trainee's debrief.

The steps of a stored attempt are played again on the version it was played
on, with a listener that keeps what each step was shown (the speaker's lines,
narration followed by itself, the node the trainee answered), so the desk
reads the transcript the trainee read. Beside each step: when it happened and
how long it took since the one before, the choice with its marks and
rationale, a critical choice's reason, a reply in own words with its language
findings, and whether the choice was later taken back. Nothing here writes;
scores are the stored ones, never recomputed for show.

`placed_comments` files each instructor's comment where the trainee's debrief
shows it: on the attempt, or beside the standing decision its step belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from alongside.engine.events import StepShown
from alongside.engine.model import Scenario
from alongside.engine.policy import policy_for
from alongside.engine.session import PlaySession
from alongside.engine.vocabulary import DIMENSIONS
from alongside.scoring.attempt import quality
from alongside.scoring.language import Flag
from alongside.store.attempts import AttemptError, replayed
from alongside.store.comments import Comment, attempt_comments
from alongside.store.db import Store
from alongside.store.models import Attempt
from alongside.store.rows import Damaged, StoredAttempt, StoredStep, read_attempts, read_steps

SHORT_HASH = 12  # characters of a version's content hash shown to people


@dataclass(frozen=True, slots=True)
class Line:
    """Something the trainee was shown: `speaker` is a character's name, None for narration."""

    speaker: str | None
    text: str


@dataclass(frozen=True, slots=True)
class Mark:
    """A choice's raw mark on one skill (-2..+2) and its quality at that node (0..1),
    None where the node does not assess the skill."""

    dimension: str
    mark: int | None
    quality: float | None


@dataclass(frozen=True, slots=True)
class StepRead:
    seq: int
    kind: str
    node: str
    at: datetime
    seconds: float
    seen: tuple[Line, ...]
    choice: str | None = None
    choice_text: str = ""
    feedback: str = ""
    marks: tuple[Mark, ...] = ()
    critical: str | None = None
    reply: str = ""
    findings: tuple[Flag, ...] = ()
    taken_back: bool = False


@dataclass(frozen=True, slots=True)
class Reading:
    attempt: StoredAttempt
    title: str
    steps: tuple[StepRead, ...]
    after: tuple[Line, ...]
    comments: tuple[Comment, ...]

    @property
    def short_hash(self) -> str:
        return self.attempt.content_hash[:SHORT_HASH]


def _flag(data: object) -> Flag:
    if not isinstance(data, dict):
        raise AttemptError("a stored language finding is damaged")
    try:
        return Flag(**{**data, "suggestions": tuple(data["suggestions"])})
    except (TypeError, KeyError):
        raise AttemptError("a stored language finding is damaged") from None


def _marks(scenario: Scenario, node: str, choice: str) -> tuple[Mark, ...]:
    scored = scenario.nodes[node].choice(choice)
    return tuple(Mark(d, None if scored is None else scored.scores.get(d),
                      quality(scenario.nodes[node], choice, d)) for d in DIMENSIONS)


def _standing(steps: list[StoredStep]) -> list[int]:
    """The seqs of the choices that stand (not taken back), in order."""
    stack: list[int] = []
    for step in steps:
        if step.kind == "choice":
            stack.append(step.seq)
        elif step.kind == "back" and stack:
            stack.pop()
    return stack


def _walk(scenario: Scenario, attempt: StoredAttempt, steps: list[StoredStep]
          ) -> tuple[tuple[StepRead, ...], tuple[Line, ...]]:
    shown: list[Line] = []

    def listen(event: object) -> None:
        if isinstance(event, StepShown) and event.text:
            who = scenario.characters.get(event.speaker) if event.speaker else None
            shown.append(Line(who.name if who else event.speaker, event.text))

    standing = set(_standing(steps))
    session = PlaySession(scenario, listener=listen, policy=policy_for(attempt.mode)).start()
    read, before = [], attempt.started_at
    try:
        for step in steps:
            seen = tuple(shown)
            shown.clear()
            extra: dict = {}
            if step.kind == "back":
                taken = scenario.nodes[step.node].choice(step.choice or "")
                session.back()
                extra = {"choice": step.choice, "choice_text": taken.text if taken else ""}
            elif step.kind == "reply":
                extra = {"reply": step.text or "",
                         "findings": tuple(_flag(f) for f in step.findings or ())}
            elif step.choice is not None:
                picked = session.choose(step.choice)
                extra = {"choice": step.choice, "choice_text": picked.text,
                         "feedback": picked.feedback, "critical": picked.critical,
                         "marks": _marks(scenario, step.node, step.choice),
                         "taken_back": step.seq not in standing}
            read.append(StepRead(step.seq, step.kind, step.node, step.at,
                                 max(0.0, (step.at - before).total_seconds()), seen, **extra))
            before = step.at
    except ValueError as exc:
        raise AttemptError(f"attempt {attempt.uuid} cannot be replayed: {exc}") from None
    finally:
        session.close()
    return tuple(read), tuple(shown)


def _stored(store: Store, uuid: str) -> tuple[StoredAttempt, list[StoredStep], Scenario]:
    """The attempt, its steps and its version (replayed once to check they agree)."""
    _attempt, session = replayed(store, uuid)
    session.close()
    with store.session() as db:
        try:
            found, _damaged = read_attempts(db, Attempt.uuid == uuid)
            attempt = found[0]
            return attempt, read_steps(db, attempt), session.scenario
        except (Damaged, IndexError) as exc:
            raise AttemptError(f"attempt {uuid} could not be read: {exc}") from None


def read_attempt(store: Store, uuid: str) -> Reading:
    """The attempt `uuid` step by step as it happened, with the instructors' comments."""
    attempt, steps, scenario = _stored(store, uuid)
    read, after = _walk(scenario, attempt, steps)
    return Reading(attempt, scenario.title, read, after,
                   tuple(attempt_comments(store, uuid)))


@dataclass(frozen=True, slots=True)
class Placed:
    """Comments as the trainee's debrief shows them: on the attempt, beside decision
    number `n` (from 0, in the debrief's order), and on steps no standing decision stands for
    (a choice taken back, or a reply no choice followed)."""

    attempt: tuple[Comment, ...]
    decisions: dict[int, tuple[Comment, ...]]
    taken_back: tuple[Comment, ...]

    def __bool__(self) -> bool:
        return bool(self.attempt or self.decisions or self.taken_back)


def placed_comments(store: Store, uuid: str) -> Placed:
    """The comments on attempt `uuid`, filed where its debrief shows them.

    A reply in own words belongs with the decision taken at its node after it.
    """
    comments = attempt_comments(store, uuid)
    if not comments:
        return Placed((), {}, ())
    with store.session() as db:
        found, _damaged = read_attempts(db, Attempt.uuid == uuid)
        steps = read_steps(db, found[0]) if found else []
    standing = _standing(steps)
    number = {seq: n for n, seq in enumerate(standing)}
    for step in steps:  # a reply: the standing choice that followed it at its node
        if step.kind == "reply":
            later = next((s.seq for s in steps if s.seq > step.seq and s.kind == "choice"
                          and s.node == step.node and s.seq in number), None)
            if later is not None:
                number[step.seq] = number[later]
    decisions: dict[int, list[Comment]] = {}
    on_attempt, taken_back = [], []
    for comment in comments:
        if comment.step is None:
            on_attempt.append(comment)
        elif comment.step in number:
            decisions.setdefault(number[comment.step], []).append(comment)
        else:
            taken_back.append(comment)
    return Placed(tuple(on_attempt), {n: tuple(c) for n, c in decisions.items()},
                  tuple(taken_back))
