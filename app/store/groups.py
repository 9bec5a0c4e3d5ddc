"""A class playing together: group attempts, found again by the group's name, and how
the room split at each decision.

A group attempt is an attempt of the group policy with no trainee: it carries
the name the facilitator gave the class ("Tuesday cohort"), and each choice
step carries the room's tally (`Step.votes`, choice id to count). It is
recorded, resumed and scored by the same `Recorder`, `resume` and scoring as
any attempt; only starting it and finding it differ, and the debrief adds the
split of the room.
"""

from __future__ import annotations

import uuid as uuidlib
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from alongside.engine.load import load_file
from alongside.engine.model import Scenario
from alongside.engine.names import name_key, name_problem, tidy
from alongside.engine.policy import GROUP
from alongside.scoring.attempt import best_choices
from alongside.store.attempts import AttemptError, Begun, replayed, version_of
from alongside.store.db import Store
from alongside.store.models import Attempt, ScenarioVersion


def group_name(name: str) -> str:
    """`name` tidied as a group's name; AttemptError says what is wrong with it."""
    name = tidy(name)
    problem = name_problem(name, "a group's name")
    if problem:
        raise AttemptError(problem)
    return name


def start_group_attempt(store: Store, scenario: Scenario, text: str, group: str) -> str:
    """Create an in-progress group attempt of `scenario` for the class called `group`."""
    name = group_name(group)
    with store.session() as session:
        attempt = Attempt(uuid=str(uuidlib.uuid4()), trainee=None, group_name=name,
                          version=version_of(session, scenario, text), mode=GROUP.id,
                          status="in-progress")
        session.add(attempt)
        session.commit()
        return attempt.uuid


def begin_group(store: Store, path: Path, group: str) -> Begun:
    """Read and check the scenario file at `path` and start a group attempt of it."""
    result = load_file(path)
    if result.scenario is None:
        raise AttemptError(f"{path.name} no longer loads: {result.problems[0]}")
    uuid = start_group_attempt(store, result.scenario, result.text, group)
    return Begun(result.scenario, uuid, GROUP)


def group_in_progress(store: Store, group: str, scenario_id: str) -> str | None:
    """The newest unfinished attempt of `scenario_id` by the class called `group` (its
    name matched as profiles are: without regard to case or spacing)."""
    key = name_key(group_name(group))
    with store.session() as db:
        rows = db.execute(
            select(Attempt.uuid, Attempt.group_name).join(Attempt.version)
            .where(Attempt.mode == GROUP.id, Attempt.trainee_id.is_(None),
                   ScenarioVersion.scenario_id == scenario_id,
                   Attempt.status == "in-progress")
            .order_by(Attempt.started_at.desc(), Attempt.id.desc()))
        return next((uuid for uuid, name in rows if name and name_key(name) == key), None)


@dataclass(frozen=True, slots=True)
class Split:
    """How the room voted on one option of a decision."""

    letter: str
    text: str
    votes: int
    best: bool
    taken: bool


@dataclass(frozen=True, slots=True)
class RoomDecision:
    """One decision the class took: the question, the room's split, the best response."""

    node: str
    prompt: str
    discussion: str
    options: tuple[Split, ...]
    best: tuple[str, ...]  # the best available response(s), in words
    best_feedback: tuple[str, ...]

    @property
    def voters(self) -> int:
        return sum(option.votes for option in self.options)


@dataclass(frozen=True, slots=True)
class GroupDebrief:
    group: str
    title: str
    ended: bool
    decisions: tuple[RoomDecision, ...]


def room_decisions(scenario: Scenario, decisions: list[tuple[str, str]],
                   tallies: list) -> tuple[RoomDecision, ...]:
    """Per decision that stands: the split of the room and the best available response."""
    found = []
    for (node_id, taken), tally in zip(decisions, tallies, strict=True):
        node = scenario.nodes[node_id]
        best = best_choices(node)
        counts = tally or {}
        options = tuple(Split("ABCD"[i], c.text, int(counts.get(c.id, 0)), c.id in best,
                              c.id == taken) for i, c in enumerate(node.choices))
        chosen_best = [c for c in node.choices if c.id in best]
        found.append(RoomDecision(node_id, node.text, node.discussion, options,
                                  tuple(c.text for c in chosen_best),
                                  tuple(c.feedback for c in chosen_best)))
    return tuple(found)


def group_debrief(store: Store, attempt_uuid: str) -> GroupDebrief:
    """The discussion after class: a stored group attempt, decision by decision."""
    attempt, session = replayed(store, attempt_uuid)
    try:
        if attempt.mode != GROUP.id:
            raise AttemptError(f"attempt {attempt_uuid} was not played by a group")
        return GroupDebrief(attempt.group_name or "", session.scenario.title, session.ended,
                            room_decisions(session.scenario, session.decisions,
                                           session.tallies))
    finally:
        session.close()
